"""How long `tierengine validate` takes on the evidence directory (the pre-commit case).

    .venv/bin/python bench/validate.py            # evidence/ of this repository
    .venv/bin/python bench/validate.py DIR -n 20  # another directory, more repeats

Prints medians of wall-clock and CPU time for the whole command (start-up included,
as a hook pays it) and for the in-process validation alone, with the load average so
a busy machine is visible. Nothing asserts: tests must not depend on timings.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "tierengine"


def _command(target: Path, n: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(n):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(EXE), "validate", "-q", str(target)], check=False, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _startup(n: int) -> float:
    walls = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run([str(EXE), "--version"], check=False, capture_output=True)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def _in_process(target: Path, n: int) -> tuple[float, int, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from tierengine.evidence.validate import validate_paths

    validate_paths([target])  # warm imports
    times = []
    for _ in range(n):
        start = time.perf_counter()
        report = validate_paths([target])
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(report.files), len(report.problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", type=Path, default=ROOT / "evidence")
    parser.add_argument("-n", type=int, default=7, help="repeats (median reported)")
    args = parser.parse_args()
    work, files, problems = _in_process(args.target, args.n)
    wall, cpu = _command(args.target, args.n)
    start = _startup(args.n)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"validate {args.target}: {files} files, {problems} problems; median of {args.n}; load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"  command, wall clock      {wall * 1000:8.0f} ms")
    print(f"  command, CPU (user+sys)  {cpu * 1000:8.0f} ms")
    print(f"  start-up (--version)     {start * 1000:8.0f} ms")
    print(f"  validation in-process    {work * 1000:8.0f} ms  ({work / max(files, 1) * 1000:.1f} ms per file)")


if __name__ == "__main__":
    main()
