"""Agreement between two independent encodings of the same narratives (issue 12 §5).

    .venv/bin/python bench/intercoder.py DIR_A DIR_B            # table for people (data: bench/intercoder/)
    .venv/bin/python bench/intercoder.py DIR_A DIR_B --json     # numbers for scripts
    .venv/bin/python bench/intercoder.py DIR_A DIR_B --no-tier  # skip the assessments

Content-analysis studies report chance-corrected agreement, not raw agreement: two coders
who both leave most facts silent agree "a lot" by chance. This prints Krippendorff's alpha
(nominal, two or more coders, missing values allowed) overall and per fact, the facts most
often disagreed on, and whether both encodings of a narrative give the same tier.

A unit is one fact of one narrative (``prosecution.convictions`` of ``kenya_2022``). Its
value, the *reading*, is what the coder encoded: ``silent`` (absent), ``not reported``
(``reported: false``), or the fact's main value (``value``; a penalty's ``max_years``; a
count known only as ``some``). Two readings of the files are compared:

* all units: every fact path either coder wrote in any narrative, in every narrative
  (silent included);
* coded units: only the units at least one coder encoded (silence on both sides is not
  counted as agreement), which is the stricter number.

Files pair by name (``kenya_2022.yaml`` in both folders). Nothing here reads rules: the
tier comparison runs ``tierengine assess --format json`` on each folder.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

SILENT = "silent"
NOT_REPORTED = "not reported"
#: sections of an evidence file that are not facts a coder reads from the period's actions
SKIP_GROUPS = {"published", "history"}


def readings(path: Path) -> dict[str, str]:
    """Every fact path of one evidence file and its reading (see the module docstring)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for group, facts in (data.get("facts") or {}).items():
        if group in SKIP_GROUPS or not isinstance(facts, dict):
            continue
        for name, fact in facts.items():
            out[f"{group}.{name}"] = reading(fact)
    return out


def reading(fact) -> str:
    """The main value of one fact as a short string (nominal category)."""
    if not isinstance(fact, dict):
        return json.dumps(fact, sort_keys=True)
    if fact.get("reported") is False:
        return NOT_REPORTED
    for key in ("value", "max_years"):
        if fact.get(key) is not None:
            return json.dumps(fact[key])
    if fact.get("some"):
        return "some"
    rest = {k: v for k, v in fact.items() if k not in ("quote", "note", "reported", "scope", "certainty")}
    return json.dumps(rest, sort_keys=True, default=str) if rest else "reported"


def alpha(units: list[list[str]]) -> float | None:
    """Krippendorff's alpha for nominal data; ``units`` holds each unit's values (any count).

    Coincidence-matrix form: each pairable unit (two or more values) adds 1/(m-1) for every
    ordered pair of its values. Returns None when there is no variation at all (alpha is
    undefined: every value the same), so callers say so rather than print 1.0.
    """
    coincidence: Counter[tuple[str, str]] = Counter()
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidence[(a, b)] += 1 / (m - 1)
    totals: Counter[str] = Counter()
    for (a, _b), weight in coincidence.items():
        totals[a] += weight
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(w for (a, b), w in coincidence.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def tiers(folder: Path) -> dict[str, str]:
    """Recommended tier per file stem, from the real CLI (rules shipped with the install)."""
    exe = Path(sys.executable).parent / "tierengine"
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    if not files:
        return {}
    result = subprocess.run([str(exe), "assess", *files, "--format", "json"], capture_output=True, text=True)
    try:
        data = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:
        return {}
    data = data if isinstance(data, list) else [data]
    out = {}
    for item in data:
        stem = Path(item.get("evidence_file", "")).stem
        out[stem] = item.get("tier") if item.get("decided", True) else "not determinable: " + "/".join(item.get("possible_tiers", []))
    return out


def compare(dir_a: Path, dir_b: Path, with_tier: bool = True) -> dict:
    """All the study's numbers for two folders of evidence files."""
    stems = sorted({p.stem for p in dir_a.glob("*.yaml")} & {p.stem for p in dir_b.glob("*.yaml")})
    per_fact: dict[str, list[list[str]]] = defaultdict(list)
    disagreements: Counter[str] = Counter()
    coded_pairs = {s: (readings(dir_a / f"{s}.yaml"), readings(dir_b / f"{s}.yaml")) for s in stems}
    paths = sorted({p for a, b in coded_pairs.values() for p in (*a, *b)})
    for stem in stems:
        a, b = coded_pairs[stem]
        for path in paths:
            pair = [a.get(path, SILENT), b.get(path, SILENT)]
            per_fact[path].append(pair)
            if pair[0] != pair[1]:
                disagreements[path] += 1
    all_units = [u for units in per_fact.values() for u in units]
    coded = [u for u in all_units if u != [SILENT, SILENT]]
    result = {
        "narratives": stems,
        "units": len(all_units),
        "coded_units": len(coded),
        "raw_agreement": sum(u[0] == u[1] for u in all_units) / len(all_units) if all_units else None,
        "alpha_all": alpha(all_units),
        "alpha_coded": alpha(coded),
        "per_fact": {
            path: {"units": len(units), "disagree": disagreements[path], "alpha": alpha(units)}
            for path, units in sorted(per_fact.items())
        },
        "most_disagreed": disagreements.most_common(10),
    }
    if with_tier:
        ta, tb = tiers(dir_a), tiers(dir_b)
        result["tiers"] = {s: [ta.get(s), tb.get(s)] for s in stems}
        result["same_tier"] = sum(1 for s in stems if ta.get(s) is not None and ta.get(s) == tb.get(s))
    return result


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir_a", type=Path)
    parser.add_argument("dir_b", type=Path)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--no-tier", action="store_true", help="do not run the assessments")
    args = parser.parse_args(argv)
    r = compare(args.dir_a, args.dir_b, with_tier=not args.no_tier)
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"narratives paired: {len(r['narratives'])}  units: {r['units']}  coded units: {r['coded_units']}")
    print(f"raw agreement (all units): {_fmt(r['raw_agreement'])}")
    print(f"Krippendorff's alpha, all units: {_fmt(r['alpha_all'])}   coded units only: {_fmt(r['alpha_coded'])}")
    print("\nmost disagreed facts (narratives where the two readings differ):")
    for path, count in r["most_disagreed"]:
        print(f"  {count:3d}  {path}  alpha {_fmt(r['per_fact'][path]['alpha'])}")
    if "tiers" in r:
        print(f"\nsame tier from both encodings: {r['same_tier']} of {len(r['narratives'])}")
        for stem, (a, b) in r["tiers"].items():
            print(f"  {'=' if a == b else '≠'} {stem}: {a} | {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
