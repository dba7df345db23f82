"""Performance budgets of issue 5, measured side by side in one table.

    .venv/bin/python bench/run.py                 # everything (19,000-file scaling takes a few minutes)
    .venv/bin/python bench/run.py --sizes 190,1900 # quicker scaling section
    .venv/bin/python bench/run.py --json out.json  # also write the numbers as JSON

Timings are medians of repeated runs (wall clock, ``time.perf_counter``); the machine
is whatever runs this, so compare rows of one run rather than runs on different days.
Nothing here asserts: tests must not depend on timings.
"""

from __future__ import annotations

import argparse
import copy
import gc
import io
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

BELARUS = ROOT / "evidence" / "belarus_2025.yaml"
EXE = Path(sys.executable).parent / "tierengine"
PY = sys.executable


class Timing(tuple):
    """(wall seconds, CPU seconds) of one measurement; CPU time is what a busy machine cannot inflate."""

    @property
    def wall(self) -> float:
        return self[0]

    @property
    def cpu(self) -> float:
        return self[1]


def _median(pairs: list[tuple[float, float]]) -> Timing:
    return Timing((statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)))


def median_time(fn, runs: int, warmup: int = 3) -> Timing:
    """Median wall and CPU (this process, all threads) time of ``fn()``."""
    for _ in range(warmup):
        fn()
    pairs = []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        pairs.append((time.perf_counter() - w, time.process_time() - c))
    return _median(pairs)


def interleaved(a, b, runs: int, warmup: int = 20) -> tuple[Timing, Timing]:
    """Median times of ``a`` and ``b`` run alternately, so both see the same machine load."""
    for _ in range(warmup):
        a(), b()
    pairs: tuple[list, list] = ([], [])
    for _ in range(runs):
        for fn, out in ((a, pairs[0]), (b, pairs[1])):
            w, c = time.perf_counter(), time.process_time()
            fn()
            out.append((time.perf_counter() - w, time.process_time() - c))
    return _median(pairs[0]), _median(pairs[1])


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wall(cmd: list[str], runs: int) -> Timing:
    """Median wall and CPU time of a subprocess (output discarded), after one warm-up run."""
    env = {**os.environ, "COLUMNS": "120"}
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    pairs = []
    for _ in range(runs):
        w, c = time.perf_counter(), _child_cpu()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        pairs.append((time.perf_counter() - w, _child_cpu() - c))
    return _median(pairs)


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value * 1000:.2f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "KiB":
        return f"{value:.1f} KiB"
    return f"{value} {unit}".strip()


class Table:
    """Rows of: measure, wall time, CPU time, target, verdict (judged on CPU time)."""

    HEAD = ("measure", "wall", "cpu", "target", "")

    def __init__(self):
        self.rows: list[tuple[str, ...]] = []
        self.data: dict[str, object] = {}

    def section(self, title: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {title} ...", file=sys.stderr, flush=True)
        self.rows.append((f"[{title}]", "", "", "", ""))

    def add(self, key: str, label: str, value, unit: str, target: str = "", limit: float | None = None) -> None:
        """``value``: a Timing, a plain number, or None (n/a). ``limit`` is compared with CPU time."""
        if isinstance(value, Timing):
            self.data[key] = {"wall": value.wall, "cpu": value.cpu}
            shown = (_fmt(value.wall, unit), _fmt(value.cpu, unit))
            judged = value.cpu
        else:
            self.data[key] = value
            shown = ("", "n/a" if value is None else _fmt(value, unit))
            judged = value
        verdict = "" if limit is None or judged is None else ("met" if judged <= limit else "MISSED")
        self.rows.append((label, *shown, target, verdict))

    def note(self, label: str, text: str) -> None:
        self.rows.append((label, text, "", "", ""))

    def print(self) -> None:
        widths = [max(len(r[i]) for r in self.rows + [self.HEAD]) for i in range(5)]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
        print(line(self.HEAD))
        print(line(tuple("-" * w for w in widths)))
        for r in self.rows:
            print(line(r))


def ratio(a: Timing, b: Timing) -> Timing:
    return Timing((a.wall / b.wall, a.cpu / b.cpu))


def per(t: Timing, n: int) -> Timing:
    return Timing((t.wall / n, t.cpu / n))


# --- 1. one assessment --------------------------------------------------------------------


def floor_session(compiled, evaluation, facts):
    """durable_rules' own floor: same JSON and facts in a bare Host whose actions do nothing."""
    from durable import engine as durable_engine

    from tierengine.engine.compile import CONTEXT, evidence_facts

    class Bare(durable_engine.Host):
        def get_action(self, action_name):
            return lambda c: None

    host = Bare()
    name = "floor_" + compiled.name
    host.set_rulesets({name: copy.deepcopy(compiled.durable)})
    layers = []
    for k, group in enumerate(compiled.strata, start=1):
        layers.append({"t": f"s{k}", **{compiled.finding_fields[f]: evaluation.values[f] for f in group}})
    asserted = [{"t": CONTEXT, "year": compiled.year}, *evidence_facts(facts), *layers]
    sids = itertools.count(1)

    def run():
        sid = str(next(sids))
        for fact in asserted:
            host.assert_fact(name, {**fact, "sid": sid})
        host.delete_state(name, sid)

    return run, len(asserted)


def one_assessment(table: Table, runs: int) -> None:
    from rich.console import Console

    from tierengine.assessment.assess import assess_file, assess_loaded
    from tierengine.engine.compile import compile_year
    from tierengine.engine.durable import DurableEngine
    from tierengine.assessment.explain import Explainer, justification, not_reached
    from tierengine.evidence.load import load_evidence
    from tierengine.render import jsonout, markdown, text
    from tierengine.rules.ruleset import load_rules
    from tierengine.tiers import better_tiers

    rules = load_rules()
    loaded = load_evidence(BELARUS)
    compiled = compile_year(rules, loaded.evidence.report_year)
    engine = DurableEngine()
    evaluation = engine.evaluate(compiled, loaded.facts)

    table.section("1. one assessment (Belarus 2025)")
    floor, n_facts = floor_session(compiled, evaluation, loaded.facts)
    t_engine, t_floor = interleaved(lambda: engine.evaluate(compiled, loaded.facts), floor, runs)
    table.add("engine_evaluate", "DurableEngine.evaluate", t_engine, "ms")
    table.add("durable_floor", f"durable_rules floor ({len(compiled.durable)} rules, {n_facts} facts, no-op actions)", t_floor, "ms")
    table.add("engine_ratio", "ratio engine / floor", ratio(t_engine, t_floor), "x", "<= 1.5", 1.5)
    table.add("assess_file", "assess_file end to end (load+validate+quotes+evaluate+explain)", median_time(lambda: assess_file(BELARUS, rules), runs), "ms")
    table.add("load_rules", "load_rules (rules/*.yaml, once per process)", median_time(lambda: load_rules(), max(5, runs // 10)), "ms")
    table.add("load_evidence", "  load + validate + quote-check", median_time(lambda: load_evidence(BELARUS), runs), "ms")

    def explain():
        ex = Explainer(rules, compiled, loaded.facts, evaluation)
        tier = evaluation.values[rules.manifest.tier_finding]
        justification(ex, rules.manifest.tier_finding)
        not_reached(ex, rules.manifest.tier_finding, better_tiers(tier))

    table.add("explain", "  explain (verify + chain + why-not)", median_time(explain, runs), "ms")
    assessment = assess_loaded(loaded, rules, engine)

    def render_text():
        Console(file=io.StringIO(), width=120).print(text.renderable(assessment))

    table.add("render_text", "  render text (rich)", median_time(render_text, max(10, runs // 5)), "ms")
    table.add("render_json", "  render json", median_time(lambda: jsonout.render([assessment], False), runs), "ms")
    table.add("render_markdown", "  render markdown", median_time(lambda: markdown.render([assessment]), runs), "ms")


# --- 2./3. a report year and scaling ------------------------------------------------------------


def _timed_review(paths: list[Path]) -> dict:
    """Review ``paths`` in this process with the product code, timing its phases.

    The phases are measured by wrapping the functions the pipeline calls (load_evidence,
    DurableEngine.evaluate); explain is the rest of each assessment.
    """
    from tierengine import assess as assess_mod
    from tierengine.engine.durable import DurableEngine
    from tierengine.rules.ruleset import load_rules

    spent = {"load": [0.0, 0.0], "evaluate": [0.0, 0.0]}
    real_load = assess_mod.load_evidence
    real_eval = DurableEngine.evaluate

    def timed(kind, fn):
        def wrapper(*a, **k):
            w, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[kind][0] += time.perf_counter() - w
                spent[kind][1] += time.process_time() - c

        return wrapper

    rules = load_rules()
    assess_mod.load_evidence = timed("load", real_load)
    DurableEngine.evaluate = timed("evaluate", real_eval)
    try:
        t0 = (time.perf_counter(), time.process_time())
        try:
            from tierengine.analyses.review import review_paths

            result = review_paths(paths, rules)
            assessments, problems = result.assessments, result.problems
        except ImportError:  # the review command is not built: assess + render instead
            result = None
            assessments, problems = assess_mod.assess_paths(paths, rules)
        t1 = (time.perf_counter(), time.process_time())
        _render_review(result, assessments, "text")
        t2 = (time.perf_counter(), time.process_time())
        peak_text = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        _render_review(result, assessments, "json")
        t3 = (time.perf_counter(), time.process_time())
    finally:
        assess_mod.load_evidence = real_load
        DurableEngine.evaluate = real_eval
    if problems:
        raise SystemExit(f"generated evidence did not assess cleanly: {problems[:3]}")
    assess = [t1[i] - t0[i] for i in range(2)]
    return {
        "n": len(paths),
        "assess": assess,
        "load": spent["load"],
        "evaluate": spent["evaluate"],
        "explain": [assess[i] - spent["load"][i] - spent["evaluate"][i] for i in range(2)],
        "render": [t2[i] - t1[i] for i in range(2)],
        "render_json": [t3[i] - t2[i] for i in range(2)],
        "total": [t2[i] - t0[i] for i in range(2)],
        "rss_peak_kib": peak_text,
        "rss_peak_json_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _render_review(result, assessments, form: str) -> None:
    """What ``tierengine review`` prints by default (text) or with ``--format json``."""
    from rich.console import Console

    if result is not None:
        from tierengine.render.review_data import render_json
        from tierengine.render.review_text import renderable

        if form == "text":
            Console(file=io.StringIO(), width=120).print(renderable(result))
        else:
            render_json(result)
    else:
        from tierengine.render.jsonout import render
        from tierengine.render.text import renderable

        if form == "text":
            console = Console(file=io.StringIO(), width=120)
            for a in assessments:
                console.print(renderable(a))
        else:
            render(assessments, True)


def worker(directory: Path) -> None:
    """Scaling worker (a fresh process per size): phases, wall time and peak RSS as JSON."""
    paths = sorted(directory.glob("*.yaml"))
    import tierengine.assessment.assess  # noqa: F401  (imports are start-up, not per-file cost)
    import tierengine.analyses.review  # noqa: F401

    gc.collect()
    base = _rss_kib()
    out = _timed_review(paths)
    out["rss_base_kib"] = base
    print(json.dumps(out))


def _rss_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def has_command(name: str) -> bool:
    return (ROOT / "src" / "tierengine" / "commands" / f"{name}.py").is_file()


def report_year(table: Table, work: Path, runs: int) -> None:
    from generate import generate

    directory = work / "n190"
    generate(190, directory)
    table.section("2. one report year (190 generated files)")
    if has_command("review"):
        cmd, label = [str(EXE), "review", str(directory), "--format", "text"], "tierengine review DIR (subprocess, wall)"
    else:
        cmd, label = [str(EXE), "assess", *map(str, sorted(directory.glob("*.yaml"))), "--format", "json"], "tierengine assess *.yaml (review not built; wall)"
    t = wall(cmd, runs)
    table.add("review_190", label, t, "s", "<= 2 s", 2.0)
    table.add("review_190_per_file", "  per file", per(t, 190), "ms")
    proc = subprocess.run([PY, __file__, "--worker", str(directory)], capture_output=True, text=True)
    if proc.returncode:
        table.note("in process", f"failed: {proc.stderr.strip()[-300:]}")
        return
    phases = {k: Timing(v) if isinstance(v, list) else v for k, v in json.loads(proc.stdout).items()}
    table.add("review_190_inproc", "in process: review 190 + render text", phases["total"], "s")
    for key, label in (("load", "load/validate/quote-check"), ("evaluate", "evaluate"), ("explain", "explain (+ review summary)"), ("render", "render text"), ("render_json", "render json (--format json)")):
        table.add(f"review_190_{key}_per_file", f"  {label} per file", per(phases[key], 190), "ms")


def scaling(table: Table, work: Path, sizes: list[int]) -> None:
    from generate import generate

    table.section("3. scaling (fresh process per size; review in process)")
    previous = None
    for n in sizes:
        directory = work / f"n{n}"
        if not directory.is_dir():
            generate(n, directory)
        proc = subprocess.run([PY, __file__, "--worker", str(directory)], capture_output=True, text=True)
        if proc.returncode:
            table.note(f"{n} files", f"failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = {k: Timing(v) if isinstance(v, list) else v for k, v in json.loads(proc.stdout).items()}
        table.add(f"scale_{n}_total", f"{n} files: total", r["total"], "s")
        table.add(f"scale_{n}_per_file", "  per file", per(r["total"], n), "ms")
        table.add(f"scale_{n}_peak_rss", "  peak RSS growth per file", (r["rss_peak_kib"] - r["rss_base_kib"]) / n, "KiB")
        table.add(f"scale_{n}_peak_rss_json", "  peak RSS growth per file with --format json", (r["rss_peak_json_kib"] - r["rss_base_kib"]) / n, "KiB")
        table.data[f"scale_{n}_rss_peak_mib"] = r["rss_peak_kib"] / 1024
        if previous:
            m, peak = previous
            table.add(f"scale_{n}_marginal_rss", f"  marginal RSS per file ({m} -> {n})", (r["rss_peak_kib"] - peak) / (n - m), "KiB")
        previous = (n, r["rss_peak_kib"])
        if n > 1900:
            shutil.rmtree(directory, ignore_errors=True)


# --- 4./5. start-up and path search -------------------------------------------------------


def startup(table: Table, runs: int) -> None:
    table.section("4. start-up (subprocess wall, median)")
    floor = wall([PY, "-c", "import pydantic, typer, rich, durable.engine"], runs)
    bare = wall([PY, "-c", "pass"], runs)
    helps = wall([str(EXE), "--help"], runs)
    assess = wall([str(EXE), "assess", str(BELARUS.relative_to(ROOT))], runs)
    table.add("python_bare", "python -c pass", bare, "ms")
    table.add("import_floor", "python -c 'import pydantic, typer, rich, durable.engine'", floor, "ms")
    table.add("help", "tierengine --help", helps, "ms")
    table.add("assess_cli", "tierengine assess evidence/belarus_2025.yaml", assess, "ms")
    table.add("assess_ratio", "  assess / import floor", ratio(assess, floor), "x", "<= 1.5", 1.5)


def path_search(table: Table, runs: int) -> None:
    table.section("5. path search")
    if not has_command("path"):
        table.note("tierengine path belarus --to 'Tier 2'", "n/a (command not built yet)")
        return
    t = wall([str(EXE), "path", str(BELARUS.relative_to(ROOT)), "--to", "Tier 2"], runs)
    table.add("path", "tierengine path belarus --to 'Tier 2'", t, "s", "<= 1 s", 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="190,1900,19000", help="scaling sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=200, help="repetitions of in-process measurements")
    parser.add_argument("--cli-runs", type=int, default=9, help="repetitions of subprocess measurements")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    table = Table()
    work = Path(tempfile.mkdtemp(prefix="tierengine-bench-"))
    try:
        one_assessment(table, args.runs)
        report_year(table, work, max(3, args.cli_runs // 3))
        scaling(table, work, [int(s) for s in args.sizes.split(",") if s])
        startup(table, args.cli_runs)
        path_search(table, max(3, args.cli_runs // 3))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"tierengine benchmarks  (python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    table.print()
    if args.json:
        args.json.write_text(json.dumps(table.data, indent=2))


if __name__ == "__main__":
    main()
