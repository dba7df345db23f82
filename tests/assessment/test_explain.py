"""The explainer refuses to describe a computation durable_rules did not perform."""

import dataclasses

import pytest

from tierengine.engine.compile import compile_year
from tierengine.engine.durable import shared_engine
from tierengine.errors import EngineError
from tierengine.assessment.explain import Explainer, justification


def test_chain_starts_at_the_tier_and_ends_in_quoted_facts(rules, belarus):
    compiled = compile_year(rules, 2025)
    ev = shared_engine().evaluate(compiled, belarus.facts)
    root = justification(Explainer(rules, compiled, belarus.facts, ev), "tier")
    assert root.finding == "tier" and root.value == "Tier 3"


def test_disagreement_between_engine_and_rule_text_is_an_error(rules, belarus):
    compiled = compile_year(rules, 2025)
    ev = shared_engine().evaluate(compiled, belarus.facts)
    forged = dataclasses.replace(ev, fired=ev.fired - {"policy_or_pattern.found"})
    with pytest.raises(EngineError, match="policy_or_pattern.found"):
        Explainer(rules, compiled, belarus.facts, forged)
