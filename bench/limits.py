"""What the input bounds of docs/limits.md cost: each command run at (and just over) a limit.

    .venv/bin/python bench/limits.py

Prints wall-clock and CPU seconds and peak memory of the real command for: a tier table
just under MAX_TABLE_BYTES (every row valid, so every row is checked), a tier table over
it, a 1 GiB sparse source narrative, and a FIFO as evidence. Nothing asserts: tests
must not depend on timings.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "tierengine"
sys.path.insert(0, str(ROOT / "src"))

from tierengine.analyses.history_check import MAX_TABLE_BYTES  # noqa: E402


def _run(label: str, *args: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    first = (proc.stderr.strip().splitlines() or [""])[0][-70:]
    print(f"{label:<44} exit {proc.returncode}  {wall:6.2f} s wall  {cpu:6.2f} s CPU  {after.ru_maxrss / 1024:6.0f} MiB peak  {first}")


def _table(path: Path, limit: int) -> int:
    rng = random.Random(1)
    lines, size, c = ["country,year,tier"], 18, 0
    while True:
        c += 1
        block = [f"C{c:06d},{y},{rng.choice(['1', '2', '2WL', '3'])}" for y in range(2001, 2026)]
        grow = sum(len(b) + 1 for b in block)
        if size + grow > limit:
            break
        lines += block
        size += grow
    path.write_text("\n".join(lines) + "\n")
    return len(lines) - 1


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = _table(tmp / "table.csv", MAX_TABLE_BYTES)
        _run(f"history, {rows:,} rows just under the limit", "history", str(tmp / "table.csv"), "--format", "json")
        with open(tmp / "table.csv", "ab") as handle:
            handle.truncate(MAX_TABLE_BYTES * 100)
        _run("history, a table 100x the limit", "history", str(tmp / "table.csv"))
        (tmp / "sources").mkdir()
        (tmp / "e.yaml").write_text((ROOT / "tests" / "fixtures" / "hostile" / "valid.yaml").read_text())
        with open(tmp / "sources" / "narrative.txt", "wb") as handle:
            handle.truncate(1 << 30)
        _run("validate, a 1 GiB sparse source narrative", "validate", str(tmp / "e.yaml"))
        os.mkfifo(tmp / "fifo.yaml")
        _run("assess, a FIFO as evidence", "assess", str(tmp / "fifo.yaml"))


if __name__ == "__main__":
    main()
