"""The durable_rules engine agrees with the plain-Python reference evaluator.

On every generated fact table and report year: the same value and deciding rule for
every finding, the same set of fired rules, the same tier and the same justification
chain. 1,000 cases by default; set TIERENGINE_REFERENCE_EXAMPLES (e.g. 10000) for the
longer run.
"""

from __future__ import annotations

import os
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import random

from fact_tables import random_table
from reference_evaluator import reference_evaluate
from tierengine.assessment.assess import deciding_rule
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine
from tierengine.assessment.explain import Explainer, justification

EXAMPLES = int(os.environ.get("TIERENGINE_REFERENCE_EXAMPLES", "1000"))
#: one engine for the whole run; a small fact budget so rotation happens inside the test too
ENGINE = DurableEngine(fact_budget=20_000)
COUNT = {"cases": 0}


def _chain(rules, compiled, table, evaluation) -> dict:
    explainer = Explainer(rules, compiled, table, evaluation)  # also re-checks every firing
    return justification(explainer, rules.manifest.tier_finding).to_dict()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.integers(0, 2**32 - 1), year=st.integers(2001, 2030))
def test_engine_agrees_with_the_reference_evaluator(rules, seed, year):
    # a seeded table (drawing ~100 facts through hypothesis is 3x slower); a failure names its seed
    table = random_table(random.Random(seed))
    compiled = compile_year(rules, year)
    durable = ENGINE.evaluate(compiled, table)
    reference = reference_evaluate(rules, year, table)
    assert durable.values == reference.values
    assert durable.chosen == reference.chosen
    assert durable.fired == reference.fired
    tier = rules.manifest.tier_finding
    assert deciding_rule(rules, durable.chosen, tier) == deciding_rule(rules, reference.chosen, tier)
    assert _chain(rules, compiled, table, durable) == _chain(rules, compiled, table, reference)
    COUNT["cases"] += 1


def test_the_run_reached_its_case_count_without_late_actions():
    """Runs after the property (file order): every example was compared, none fired late."""
    assert COUNT["cases"] >= EXAMPLES or COUNT["cases"] == 0  # 0: the property was deselected
    assert ENGINE.late_actions == 0
    print(f"reference evaluator: {COUNT['cases']} generated cases agreed; {ENGINE.rulesets_registered} rulesets registered")


def test_reference_evaluator_can_disagree(rules, belarus):
    """The comparison can fail: a reference that reads one rule differently is caught."""
    year = belarus.evidence.report_year
    compiled = compile_year(rules, year)
    durable = ENGINE.evaluate(compiled, belarus.facts)
    reference = reference_evaluate(rules, year, belarus.facts)
    assert durable == reference
    flipped = dict(belarus.facts)
    entry = flipped["state.forced_labor"]
    flipped["state.forced_labor"] = type(entry)(entry.path, entry.kind, entry.status, {"value": not entry.values["value"]})
    assert reference_evaluate(rules, year, flipped).values != reference.values
