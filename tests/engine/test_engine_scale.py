"""One long-lived engine over many varied assessments stays right (bench/scale.py: 100,000).

Checked here on 2,000 variations of the Belarus fact table (TIERENGINE_SCALE_N for more):
every result equals the reference evaluator's, a fresh process gives the same results
for a sample in the same order, rulesets rotate before durable_rules' identity index
fills, no action runs late, resident memory stays bounded, and an action that raises
fails only its own assessment.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from fact_tables import vary
from fresh_process import encode, result
from reference_evaluator import reference_evaluate
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine
from tierengine.errors import EngineError

N = int(os.environ.get("TIERENGINE_SCALE_N", "2000"))
TESTS = Path(__file__).parents[1]
#: facts per registered ruleset in this test, far below the default, so rotation happens often
BUDGET = 6_000
#: resident-memory growth allowed over the run: durable_rules never frees a registered
#: ruleset (about 4 MiB for this rule set's ~340 durable rules; docs/engine.md), so the
#: bound is per registration plus slack
MIB_PER_RULESET, SLACK_MIB = 6, 40


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0  # pragma: no cover - not Linux


def cases(base: dict, n: int, seed: int = 7) -> list[tuple[int, dict]]:
    """Variations of ``base``: 1-8 facts flipped; mostly its own year, some years under other law."""
    rng = random.Random(seed)
    return [(2025 if rng.random() < 0.85 else rng.choice((2003, 2010, 2019)), vary(base, rng, rng.randint(1, 8))) for _ in range(n)]


def fresh_process(rules_dir: Path, sample: list[tuple[int, dict]]) -> list:
    proc = subprocess.run(
        [sys.executable, str(TESTS / "fresh_process.py"), str(rules_dir)],
        input=json.dumps([encode(y, t) for y, t in sample]), capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])},
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def run(rules, belarus):
    """The long run, once: results in order, RSS samples, the engine afterwards."""
    engine = DurableEngine(fact_budget=BUDGET)
    work = cases(belarus.facts, N)
    results, rss = [], []
    for i, (year, table) in enumerate(work):
        results.append(engine.evaluate(compile_year(rules, year), table))
        if i % 250 == 0:
            rss.append(rss_mib())
    rss.append(rss_mib())
    return work, results, rss, engine


def test_every_result_equals_the_reference_evaluator(rules, run):
    work, results, _, _ = run
    assert len(results) == N
    for (year, table), got in zip(work, results):
        assert got == reference_evaluate(rules, year, table)


def test_a_fresh_process_gives_the_same_results_in_the_same_order(rules, run):
    work, results, _, _ = run
    picks = list(range(0, N, max(1, N // 40)))
    fresh = fresh_process(Path(rules.directory), [work[i] for i in picks])
    mine = json.loads(json.dumps([result(results[i]) for i in picks]))
    assert fresh == mine
    assert len({json.dumps(r[0], sort_keys=True) for r in mine}) > 3  # the sample is varied


def test_rulesets_rotate_and_no_action_runs_late(run):
    work, _, _, engine = run
    facts_per_assessment = 1 + 8 + 6  # context, evidence groups, strata (about)
    assert engine.rulesets_registered > len(work) * facts_per_assessment * 0.8 // BUDGET
    assert engine.late_actions == 0
    assert engine._firings == {}


def test_resident_memory_is_bounded(run):
    _, _, rss, engine = run
    growth = max(rss) - rss[0]
    assert growth < engine.rulesets_registered * MIB_PER_RULESET + SLACK_MIB, (rss, engine.rulesets_registered)


def test_an_action_that_raises_fails_only_its_own_assessment(rules, belarus):
    engine = DurableEngine()
    original, state = engine._action, {"boom": False}

    def sometimes_failing(name):
        record = original(name)

        def action(c):
            if state["boom"]:
                raise RuntimeError("boom inside an action")
            record(c)

        return action

    engine._action = sometimes_failing
    compiled = compile_year(rules, 2025)
    before = engine.evaluate(compiled, belarus.facts)
    state["boom"] = True
    with pytest.raises(EngineError, match="boom inside an action"):
        engine.evaluate(compiled, belarus.facts)
    state["boom"] = False
    after = [engine.evaluate(compiled, belarus.facts) for _ in range(3)]
    assert all(a == before for a in after)
    assert before == reference_evaluate(rules, 2025, belarus.facts)
    assert engine.late_actions == 0 and engine._firings == {}
