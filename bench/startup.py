"""Start-up of `tierengine assess --format json` against the import floor, side by side.

    .venv/bin/python bench/startup.py            # median of 7 (issue 10 §2)
    .venv/bin/python bench/startup.py --runs 15
    .venv/bin/python bench/startup.py --phases   # and what cold and warm runs spend, phase by phase
    .venv/bin/python bench/startup.py --before ../old/.venv/bin/tierengine   # and an older build, side by side

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
import json
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

#: a bare typer app with assess's options and nothing else: what parsing them costs (typer
#: 0.29 built a pydantic TypeAdapter per option here: 1.8x the floor; pyproject caps it below)
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

#: durable_rules alone doing what one `assess` of the file asks of it, replayed from a record
#: (bench/startup.py records it first): register every ruleset the run registered, assert
#: every fact it asserted (this year's and the previous year's evaluations and the
#: possible-tiers search), read and delete each session. No tierengine code: what any run
#: that really evaluates with durable_rules pays on top of the floor
ENGINE_ONLY = """
import json, sys, pydantic, typer, rich, durable.engine
from durable import engine as de
work = json.load(open(sys.argv[1]))
class Host(de.Host):
    def get_action(self, name): return lambda c: None
    def _run(self): pass
host = Host()
host.set_rulesets({name: json.loads(text) for name, text in work["rulesets"].items()})
for ruleset, sid, fact in work["asserts"]:
    host.assert_fact(ruleset, {**fact, "sid": sid})
for ruleset, sid in sorted({(r, s) for r, s, _ in work["asserts"]}):
    host.get_state(ruleset, sid)
    host.delete_state(ruleset, sid)
"""
ENGINE_ROW = "floor + durable_rules alone: this assess's engine work"
ENGINE_WORK = Path(tempfile.gettempdir()) / "tierengine-bench-engine-work.json"

COLD = {"TIERENGINE_NO_CACHE": "1"}
WARM = {"TIERENGINE_NO_CACHE": ""}  # TIERENGINE_CACHE is set to a temporary directory
TARGET_ROW = "tierengine assess belarus --format json (warm)"

#: name -> (command, environment)
COMMANDS: dict[str, tuple[list[str], dict]] = {
    FLOOR: ([PY, "-c", "import pydantic, typer, rich, durable.engine"], {}),
    "floor + a bare typer app parsing assess's options": ([PY, "-c", TYPER_ONLY, "assess", BELARUS, "--format", "json"], {}),
    ENGINE_ROW: ([PY, "-c", ENGINE_ONLY, str(ENGINE_WORK)], {}),
    TARGET_ROW: ([EXE, "assess", BELARUS, "--format", "json"], WARM),
    "tierengine assess belarus --format json (cold)": ([EXE, "assess", BELARUS, "--format", "json"], COLD),
    "tierengine assess belarus (text, warm)": ([EXE, "assess", BELARUS], WARM),
    "tierengine assess belarus (text, cold)": ([EXE, "assess", BELARUS], COLD),
    "tierengine --help": ([EXE, "--help"], {}),
}


#: the path of `assess --format json`, phase by phase, in one fresh process (CPU ms per
#: phase, printed as JSON); what the assess rows are made of
PHASES = """
import json, sys, time
from pathlib import Path
laps, t0 = [], time.process_time()
def lap(name):
    global t0
    t = time.process_time()
    laps.append([name, (t - t0) * 1000])
    t0 = t
import pydantic, typer, rich, durable.engine; lap("the floor's imports")
import tierengine.cli.app; lap("tierengine.cli.app and its commands")
import typer.main; typer.main.get_command(tierengine.cli.app.app); lap("typer builds the command line")
import tierengine.assessment.assess, tierengine.rules.cached, tierengine.render.jsonout; lap("assess's modules (no pydantic)")
from tierengine.rules.cached import load_rules_cached
rules = load_rules_cached(); lap("rule set (cold: pydantic, YAML, checks; warm: the cache)")
from tierengine.evidence.cached import load_evidence_cached
loaded = load_evidence_cached(Path(sys.argv[1]), sys.argv[1]); lap("evidence (cold: models, YAML, quotes, carry; warm: the cache)")
from tierengine.engine.compile import compile_year
compiled = compile_year(rules, loaded.report_year); lap("compiled year")
from tierengine.engine.durable import shared_engine
shared_engine().evaluate(compiled, loaded.facts); lap("first evaluation (registers the ruleset in durable_rules)")
from tierengine.assessment.assess import assess_loaded
a = assess_loaded(loaded, rules); lap("assessment (evaluate, explain, possible tiers)")
from tierengine.render.jsonout import render
render([a], False); lap("JSON rendering")
print(json.dumps(laps))
"""


def phases(runs: int) -> list[tuple[str, float, float]]:
    """Median CPU ms of each phase, cold (cache off) and warm (after one run fills the cache),
    ``runs`` fresh processes each."""
    with tempfile.TemporaryDirectory(prefix="tierengine-bench-cache-") as cache:
        env = {**os.environ, "TIERENGINE_CACHE": cache, "TIERENGINE_NO_CACHE": ""}
        subprocess.run([EXE, "assess", BELARUS, "--format", "json"], cwd=ROOT, env=env, capture_output=True, check=True)
        got: dict[str, list] = {"cold": [], "warm": []}
        for _ in range(runs):
            for kind, extra in (("cold", COLD), ("warm", WARM)):
                done = subprocess.run([PY, "-c", PHASES, BELARUS], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, check=True)
                got[kind].append(json.loads(done.stdout))
    return [(name, statistics.median(r[i][1] for r in got["cold"]), statistics.median(r[i][1] for r in got["warm"]))
            for i, (name, _) in enumerate(got["warm"][0])]


def record_engine_work() -> dict:
    """Assess the file once in this process, recording every ruleset registered and every
    fact asserted in durable_rules, and write them where the engine-only row reads them."""
    from tierengine.assessment.assess import assess_loaded
    from tierengine.engine.durable import DurableEngine
    from tierengine.evidence.load import load_evidence
    from tierengine.rules.ruleset import load_rules

    work = {"rulesets": {}, "asserts": []}

    class Recording(DurableEngine):
        def _ruleset_for(self, compiled, facts_needed):
            name = super()._ruleset_for(compiled, facts_needed)
            work["rulesets"][name] = compiled.durable_json
            return name

        def _assert(self, ruleset, sid, fact):
            work["asserts"].append([ruleset, sid, fact])
            super()._assert(ruleset, sid, fact)

    assess_loaded(load_evidence(ROOT / BELARUS, BELARUS), load_rules(), Recording())
    ENGINE_WORK.write_text(json.dumps(work))
    return work


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
    parser.add_argument("--phases", action="store_true", help="also each phase of cold and warm runs, in process (CPU)")
    parser.add_argument("--before", metavar="TIERENGINE", help="also another build's tierengine (an older commit in its own venv), warm and cold, in the same loop")
    args = parser.parse_args()
    if args.before:
        COMMANDS["BEFORE assess belarus --format json (warm)"] = ([args.before, "assess", BELARUS, "--format", "json"], WARM)
        COMMANDS["BEFORE assess belarus --format json (cold)"] = ([args.before, "assess", BELARUS, "--format", "json"], COLD)
    compileall.compile_dir(str(ROOT / "src" / "tierengine"), quiet=1)
    if args.phases:
        print(f"assess --format json, phase by phase (median CPU of {args.runs} fresh processes each)")
        print(f"  {'cold':>9}  {'warm':>9}")
        for name, cold, warm in phases(args.runs):
            print(f"  {cold:7.1f}ms  {warm:7.1f}ms  {name}")
    work = record_engine_work()
    times = measure(args.runs)
    floor_wall, floor_cpu = times[FLOOR]
    print(f"start-up, median of {args.runs} rounds side by side  (python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    print(f"{'command':58}  {'wall':>9}  {'cpu':>9}  {'wall/floor':>10}  {'cpu/floor':>9}")
    for name, (w, c) in times.items():
        print(f"{name:58}  {w * 1000:7.1f}ms  {c * 1000:7.1f}ms  {w / floor_wall:9.2f}x  {c / floor_cpu:8.2f}x")
    sessions = len({(r, s) for r, s, _ in work["asserts"]})
    print(f"(the engine row: {len(work['rulesets'])} rulesets registered, {len(work['asserts'])} facts asserted in {sessions} sessions)")
    w, c = times[TARGET_ROW]
    verdict = "met" if max(w / floor_wall, c / floor_cpu) <= TARGET else "MISSED"
    print(f"assess --format json (warm) / floor: wall {w / floor_wall:.2f}x, cpu {c / floor_cpu:.2f}x  (target <= {TARGET}x: {verdict})")


if __name__ == "__main__":
    main()
