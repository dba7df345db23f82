"""Cost of C-11's comparison with the previous year's assessment, per file that has one.

    .venv/bin/python bench/previous.py                # every file of evidence/ with a previous file, median of 5
    .venv/bin/python bench/previous.py --runs 9 evidence/moldova_2024.yaml

"Previous" is ``with_previous_findings`` alone: the previous year's file (already loaded,
without its own previous file) evaluated once with the rules for its year. "Assess" is the
whole ``assess_loaded`` (evaluation, explanation, possible tiers) that includes it. Times
are CPU seconds of this process (a busy machine cannot inflate them). Nothing asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.assessment.assess import assess_loaded  # noqa: E402
from tierengine.assessment.previous import with_previous_findings  # noqa: E402
from tierengine.engine.durable import shared_engine  # noqa: E402
from tierengine.evidence.load import load_evidence  # noqa: E402
from tierengine.rules.ruleset import load_rules  # noqa: E402


def cpu_median(fn, runs: int) -> float:
    fn()  # warm: compiled rules, registered durable ruleset
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rules, engine = load_rules(ROOT / "rules"), shared_engine()
    files = args.files or [p.relative_to(ROOT) for p in sorted((ROOT / "evidence").glob("*.yaml"))]
    loaded = [load_evidence(ROOT / p, str(p)) for p in files]
    loaded = [item for item in loaded if item.previous is not None]
    print(f"{'file':28} {'previous ms':>12} {'assess ms':>10} {'share':>6}  previous file (its own previous loaded?)")
    prev_total = full_total = 0.0
    for item in loaded:
        prev = cpu_median(lambda: with_previous_findings(item, rules, engine), args.runs)
        full = cpu_median(lambda: assess_loaded(item, rules, engine), args.runs)
        prev_total, full_total = prev_total + prev, full_total + full
        nested = "yes" if item.previous.previous is not None else "no"
        print(f"{Path(item.path).name:28} {prev * 1000:12.2f} {full * 1000:10.1f} {prev / full:6.1%}  {item.previous.path} ({nested})")
    if loaded:
        n = len(loaded)
        print(f"\n{n} files with a previous file: previous assessment {prev_total / n * 1000:.2f} ms per file, "
              f"whole assessment {full_total / n * 1000:.1f} ms, share {prev_total / full_total:.1%}")


if __name__ == "__main__":
    main()
