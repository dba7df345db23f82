"""100,000 assessments of varied evidence in one process, checked three ways.

    .venv/bin/python bench/scale.py [--n 100000] [--sample 200] [--every 5000] [--budget N]

Each assessment is the Belarus 2025 fact table with 1-8 facts given a random status
and value, in its own year (80%) or another covered year. One DurableEngine evaluates
them all in order; the run prints (as JSON) the count, the time, resident memory sampled
every ``--every`` assessments, the rulesets registered (rotation, docs/engine.md),
late actions, disagreements with the plain-Python reference evaluator (all of them),
and disagreements with a fresh process that evaluates ``--sample`` of them.
``--budget 1000000000`` turns rotation off, to show the durable_rules limit it avoids.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fact_tables import vary  # noqa: E402
from fresh_process import encode, result  # noqa: E402
from reference_evaluator import reference_evaluate  # noqa: E402
from test_engine_scale import fresh_process, rss_mib  # noqa: E402

from tierengine.engine.compile import compile_year  # noqa: E402
from tierengine.engine.durable import FACT_BUDGET, DurableEngine  # noqa: E402
from tierengine.errors import EngineError  # noqa: E402
from tierengine.evidence.load import load_evidence  # noqa: E402
from tierengine.rules.ruleset import load_rules  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--every", type=int, default=5_000)
    ap.add_argument("--budget", type=int, default=FACT_BUDGET)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()

    rules = load_rules(ROOT / "rules")
    base = load_evidence(ROOT / "evidence" / "belarus_2025.yaml").facts
    for year in range(2001, 2031):
        compile_year(rules, year)
    engine = DurableEngine(fact_budget=args.budget)
    rng = random.Random(args.seed)
    sample_at = set(random.Random(args.seed + 1).sample(range(args.n), min(args.sample, args.n)))
    sample, kept = [], []
    rss = [(0, round(rss_mib(), 1))]
    window_ms: list[float] = []  # engine milliseconds per assessment, per window (a slowdown would show)
    window_start = 0.0
    mismatches, engine_errors, first_error = 0, 0, None
    tiers: dict[str, int] = {}
    start = time.perf_counter()
    engine_seconds = 0.0
    for i in range(args.n):
        year = 2025 if rng.random() < 0.8 else rng.randint(2001, 2030)
        table = vary(base, rng, rng.randint(1, 8))
        t0 = time.perf_counter()
        try:
            got = engine.evaluate(compile_year(rules, year), table)
        except EngineError as exc:
            engine_errors += 1
            first_error = first_error or f"assessment {i}: {exc}"
            continue
        finally:
            engine_seconds += time.perf_counter() - t0
        tiers[got.values["tier"]] = tiers.get(got.values["tier"], 0) + 1
        if got != reference_evaluate(rules, year, table):
            mismatches += 1
        if i in sample_at:
            sample.append((year, table))
            kept.append(result(got))
        if (i + 1) % args.every == 0:
            rss.append((i + 1, round(rss_mib(), 1)))
            window_ms.append(round((engine_seconds - window_start) * 1000 / args.every, 2))
            window_start = engine_seconds
    elapsed = time.perf_counter() - start
    fresh = fresh_process(ROOT / "rules", sample)
    fresh_mismatches = sum(a != b for a, b in zip(fresh, json.loads(json.dumps(kept))))
    after_warmup = [m for n, m in rss if n >= args.every]
    print(json.dumps({
        "assessments": args.n,
        "seconds_total": round(elapsed, 1),
        "seconds_in_engine": round(engine_seconds, 1),
        "assessments_per_second_engine": round(args.n / engine_seconds),
        "fact_budget": args.budget,
        "rulesets_registered": engine.rulesets_registered,
        "late_actions": engine.late_actions,
        "engine_errors": engine_errors,
        "first_engine_error": first_error,
        "reference_mismatches": mismatches,
        "fresh_process_sample": len(sample),
        "fresh_process_mismatches": fresh_mismatches,
        "tiers": tiers,
        "engine_ms_per_assessment_by_window": window_ms,
        "rss_mib_samples": rss,
        "rss_mib_start_max": [rss[0][1], max(m for _, m in rss)],
        "rss_mib_after_first_window_min_max": [min(after_warmup), max(after_warmup)] if after_warmup else None,
    }, indent=1))


if __name__ == "__main__":
    main()
