"""Time `tierengine path` searches on the shipped evidence (library calls, best of R runs).

    .venv/bin/python bench/path_search.py            # Belarus 2025 to Tier 2 / Watch List / Tier 1
    .venv/bin/python bench/path_search.py 5 4        # 5 repeats, --max-changes 4

Prints, per target: candidates, sets screened, minimal sets found, how far the search
was exhaustive, and the wall and CPU time of the search (screening plus durable_rules
verification of every set shown); CPU time is the fairer figure on a busy machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tierengine.evidence.load import load_evidence  # noqa: E402
from tierengine.analyses.path import find_paths  # noqa: E402
from tierengine.rules.ruleset import load_rules  # noqa: E402


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    max_changes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rules = load_rules(ROOT / "rules")
    loaded = load_evidence(ROOT / "evidence" / "belarus_2025.yaml", "evidence/belarus_2025.yaml")
    find_paths(loaded, rules, "Tier 2", 1)  # warm up: compile, register with durable_rules
    print(f"Belarus 2025, --max-changes {max_changes}, best of {repeats}")
    for target in ("Tier 2", "Tier 2 Watch List", "Tier 1"):
        best, cpu, result = None, None, None
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            result = find_paths(loaded, rules, target, max_changes, time_limit=120)
            elapsed, used = time.perf_counter() - t, time.process_time() - c
            best = elapsed if best is None else min(best, elapsed)
            cpu = used if cpu is None else min(cpu, used)
        sizes = sorted({s.size for s in result.sets})
        print(
            f"  to {target:18} {best:6.2f} s wall, {cpu:5.2f} s CPU  candidates {len(result.candidates)}  screened {result.examined}  "
            f"sets {len(result.sets)} (sizes {sizes or '-'})  exhaustive up to {result.exhaustive_up_to}  cut {result.cut is not None}"
        )


if __name__ == "__main__":
    main()
