"""Cost of the possible tiers: assess with them vs a plain assessment, per file, side by side.

    .venv/bin/python bench/possible.py                # every file of evidence/, median of 5
    .venv/bin/python bench/possible.py --runs 9 evidence/belarus_2025.yaml

"Plain" is the same ``assess_loaded`` with the possible-tiers search replaced by a
function that returns the engine's tier alone, so the two columns differ only by the
search and its verifications (durable_rules evaluations). The budget of issue 13 is
10 plain assessments' worth per file. Times are CPU seconds of this process (a busy
machine cannot inflate them); wall time is printed beside the totals. Nothing asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.assessment import assess as assess_mod  # noqa: E402
from tierengine.assessment.possible import Possible  # noqa: E402
from tierengine.evidence.load import load_evidence  # noqa: E402
from tierengine.rules.ruleset import load_rules  # noqa: E402


def _plain(rules, compiled, facts, tier, placed, engine, **_):
    return Possible([tier], placed)


def _median(fn, runs: int) -> tuple[float, float]:
    fn()  # warm: compiled rules, registered durable ruleset
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "evidence").glob("*.yaml"))
    rules = load_rules(ROOT / "rules")
    search = assess_mod.possible_tiers
    print(f"{'file':28} {'plain ms':>9} {'possible ms':>12} {'ratio':>6} {'branches':>9}  possible tiers")
    totals = [0.0, 0.0, 0.0, 0.0]
    ratios = []
    for path in files:
        loaded = load_evidence(path, str(path))
        assess_mod.possible_tiers = _plain
        plain = _median(lambda: assess_mod.assess_loaded(loaded, rules), args.runs)
        assess_mod.possible_tiers = search
        full = _median(lambda: assess_mod.assess_loaded(loaded, rules), args.runs)
        result = assess_mod.assess_loaded(loaded, rules).possible
        ratio = full[0] / plain[0]
        ratios.append(ratio)
        for i, v in enumerate((plain[0], full[0], plain[1], full[1])):
            totals[i] += v
        print(f"{path.name:28} {plain[0] * 1000:9.1f} {full[0] * 1000:12.1f} {ratio:6.1f} {result.branches:9}  {', '.join(result.tiers)}")
    n = len(files)
    print(f"\n{n} files, CPU per file: plain {totals[0] / n * 1000:.1f} ms, with possible tiers {totals[1] / n * 1000:.1f} ms, "
          f"ratio of totals {totals[1] / totals[0]:.1f}x (median per file {statistics.median(ratios):.1f}x, max {max(ratios):.1f}x; budget 10x)")
    print(f"wall per file: plain {totals[2] / n * 1000:.1f} ms, with possible tiers {totals[3] / n * 1000:.1f} ms")


if __name__ == "__main__":
    main()
