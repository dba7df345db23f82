"""Compare two `tierengine review --format json` outputs: agreement, confusion, moved files.

For each file whose recommendation moved, prints the first finding (in rule-set order,
among findings both outputs have) whose value changed, its value before and after, the rule that decides it now and that
rule's citation: the provision behind the move.

    .venv/bin/tierengine review evidence/ --format json > /tmp/before.json   # on the old rules
    .venv/bin/tierengine review evidence/ --format json > /tmp/after.json
    .venv/bin/python bench/law_moves.py /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.rules.ruleset import load_rules  # noqa: E402


def _summary(name: str, data: dict) -> None:
    s = data["summary"]
    print(f"{name}: exact {s['exact']}/{s['n']}, within one {s['within_one']}/{s['n']}")
    tiers = [t for t in s["confusion"] if any(s["confusion"][t].values()) or any(r.get(t) for r in s["confusion"].values())]
    print("  published \\ recommended: " + " | ".join(tiers))
    for row in tiers:
        print(f"  {row:<18} " + " | ".join(str(s["confusion"][row].get(col, 0)) for col in tiers))


def main(before_path: str, after_path: str) -> None:
    before, after = (json.loads(Path(p).read_text()) for p in (before_path, after_path))
    _summary("before", before)
    _summary("after", after)
    rules = load_rules()
    order = [fid for stratum in rules.strata for fid in stratum]
    old = {(a["country"], a["report_year"]): a for a in before["assessments"]}
    moved = 0
    for a in after["assessments"]:
        b = old.get((a["country"], a["report_year"]))
        if b is None or b["tier"] == a["tier"]:
            continue
        moved += 1
        first = next((f for f in order if f in b["findings"] and f in a["findings"] and b["findings"][f] != a["findings"][f]), None)
        rule_id = a["decided_by"].get(first) if first else None
        rule = rules.rules.get(rule_id) if rule_id else None
        citation = rule.spec.citation if rule else (rules.findings[first].spec.citation + " (default)" if first in rules.findings else "?")
        print(
            f"{a['country']} {a['report_year']}: {b['tier']} -> {a['tier']} (published {a['published_tier']}); "
            f"first change {first}: {b['findings'].get(first)} -> {a['findings'].get(first)} by {rule_id or 'its default'} [{citation}]"
        )
    print(f"moved: {moved}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
