"""The durable_rules engine protocol: sessions cleaned up, rotation, surfaced errors."""

import pytest

from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine
from tierengine.errors import EngineError


def test_same_result_across_ruleset_rotation(rules, belarus):
    engine = DurableEngine(fact_budget=40)  # forces a fresh registration every few assessments
    compiled = compile_year(rules, 2025)
    results = [engine.evaluate(compiled, belarus.facts).values for _ in range(6)]
    assert all(r == results[0] for r in results) and results[0]["tier"] == "Tier 3"
    assert engine.rulesets_registered >= 3
    assert engine.late_actions == 0 and engine._firings == {}


def test_an_exception_inside_an_action_surfaces_as_engine_error(rules, belarus):
    engine = DurableEngine()
    original = engine._action

    def failing(name):
        if name.startswith("C-1."):
            def boom(c):
                raise RuntimeError("boom")
            return boom
        return original(name)

    engine._action = failing
    with pytest.raises(EngineError, match="boom"):
        engine.evaluate(compile_year(rules, 2025), belarus.facts)
    assert engine._firings == {}
