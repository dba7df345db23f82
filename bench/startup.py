"""Start-up of `tierengine assess --format json` against the import floor, side by side.

    .venv/bin/python bench/startup.py            # median of 7 (issue 10 §2)
    .venv/bin/python bench/startup.py --runs 15

The floor is ``python -c "import pydantic, typer, rich, durable.engine"``. Every command
runs once per round, in turn, so all of them see the same machine load; the table gives
the median wall time and the median CPU time (the child's user+sys, which a busy machine
cannot inflate) and each command's ratio to the floor.

Cold rows run with the start-up cache disabled (``TIERENGINE_NO_CACHE=1``: a first run,
or rules or evidence just edited); warm rows with a cache (a temporary directory, filled
by the warm-up round) holding this rule set and file, as every later run has. The target
(assess json <= 1.5x the floor) is judged on the **warm** json row, on both wall and CPU;
the cold row is printed beside it so what the cache saves is visible.

Bytecode is compiled first (``compileall``), as ``pip install`` does: with
PYTHONDONTWRITEBYTECODE set, an editable checkout would otherwise recompile every
tierengine module on each run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EXE = str(Path(PY).parent / "tierengine")
BELARUS = "evidence/belarus_2025.yaml"
FLOOR = "python -c 'import pydantic, typer, rich, durable.engine'"
TARGET = 1.5

#: a bare typer app with assess's options and nothing else: what parsing them costs. typer
#: 0.29 coerces every option through a pydantic TypeAdapter, so this row pays pydantic's
#: schema machinery before any tierengine code runs (a reference, not a target)
TYPER_ONLY = """
import enum, sys, pydantic, typer, rich, durable.engine
from pathlib import Path
from typing import Optional
class F(str, enum.Enum):
    text = "text"
    json = "json"
app = typer.Typer()
@app.callback()
def root(version: bool = typer.Option(False, "--version"), no_cache: bool = typer.Option(False, "--no-cache")): pass
@app.command()
def assess(files: list[Path] = typer.Argument(...), format_: F = typer.Option(F.text, "--format"), rules: Optional[Path] = typer.Option(None, "--rules"),
           fail: bool = typer.Option(False, "--fail-on-mismatch"), output: Optional[Path] = typer.Option(None, "-o"), detail: F = typer.Option(F.text, "--detail")): pass
app(sys.argv[1:])
"""

COLD = {"TIERENGINE_NO_CACHE": "1"}
WARM = {"TIERENGINE_NO_CACHE": ""}  # TIERENGINE_CACHE is set to a temporary directory
TARGET_ROW = "tierengine assess belarus --format json (warm)"

#: name -> (command, environment)
COMMANDS: dict[str, tuple[list[str], dict]] = {
    FLOOR: ([PY, "-c", "import pydantic, typer, rich, durable.engine"], {}),
    "floor + a bare typer app parsing assess's options": ([PY, "-c", TYPER_ONLY, "assess", BELARUS, "--format", "json"], {}),
    TARGET_ROW: ([EXE, "assess", BELARUS, "--format", "json"], WARM),
    "tierengine assess belarus --format json (cold)": ([EXE, "assess", BELARUS, "--format", "json"], COLD),
    "tierengine assess belarus (text, warm)": ([EXE, "assess", BELARUS], WARM),
    "tierengine assess belarus (text, cold)": ([EXE, "assess", BELARUS], COLD),
    "tierengine --help": ([EXE, "--help"], {}),
}


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) seconds of every command, run in turn ``runs`` times after one warm-up round."""
    cache = tempfile.TemporaryDirectory(prefix="tierengine-bench-cache-")
    env = {**os.environ, "COLUMNS": "120", "TIERENGINE_CACHE": cache.name}
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for round_ in range(runs + 1):  # the first round also fills the cache
        for name, (cmd, extra) in COMMANDS.items():
            w, c = time.perf_counter(), _child_cpu()
            done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**env, **extra})
            took = (time.perf_counter() - w, _child_cpu() - c)
            if done.returncode not in (0, 1):
                sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
            if round_:  # the first round warms the disk cache
                samples[name].append(took)
    cache.cleanup()
    return {name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got)) for name, got in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds (median of these)")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "src" / "tierengine"), quiet=1)
    times = measure(args.runs)
    floor_wall, floor_cpu = times[FLOOR]
    print(f"start-up, median of {args.runs} rounds side by side  (python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    print(f"{'command':58}  {'wall':>9}  {'cpu':>9}  {'wall/floor':>10}  {'cpu/floor':>9}")
    for name, (w, c) in times.items():
        print(f"{name:58}  {w * 1000:7.1f}ms  {c * 1000:7.1f}ms  {w / floor_wall:9.2f}x  {c / floor_cpu:8.2f}x")
    w, c = times[TARGET_ROW]
    verdict = "met" if max(w / floor_wall, c / floor_cpu) <= TARGET else "MISSED"
    print(f"assess --format json (warm) / floor: wall {w / floor_wall:.2f}x, cpu {c / floor_cpu:.2f}x  (target <= {TARGET}x: {verdict})")


if __name__ == "__main__":
    main()
