"""The condition language: parsing errors, three-valued fact semantics, DNF."""

import pytest

from tierengine.rules.conditions import ConditionError, describe, evaluate, parse, to_dnf
from tierengine.evidence.facts import FactEntry

FACTS = {
    "prosecution.convictions": FactEntry("prosecution.convictions", "count", "reported", {"value": 0}),
    "prosecution.investigations": FactEntry("prosecution.investigations", "count", "not_reported"),
    "protection.trend": FactEntry("protection.trend", "trend", "missing"),
}


def test_comparison_on_a_fact_that_is_not_reported_is_false_and_its_negation_true():
    cond = parse({"fact": "prosecution.investigations", "gte": 1})
    assert evaluate(cond, FACTS, {}, {}) is False
    assert evaluate(parse({"not": {"fact": "prosecution.investigations", "gte": 1}}), FACTS, {}, {}) is True


def test_status_words_tell_zero_not_reported_and_missing_apart():
    def holds(path, word):
        return evaluate(parse({"fact": path, "is": word}), FACTS, {}, {})

    assert holds("prosecution.convictions", "known") and not holds("prosecution.convictions", "unknown")
    assert holds("prosecution.investigations", "not_reported") and holds("prosecution.investigations", "unknown")
    assert holds("protection.trend", "missing") and not holds("protection.trend", "not_reported")


def test_params_are_resolved_and_described():
    cond = parse({"fact": "prosecution.convictions", "lt": {"param": "n"}})
    assert evaluate(cond, FACTS, {}, {"n": 1}) is True
    assert describe(cond, {"n": 1}) == "prosecution.convictions < n (1)"


def test_at_least_and_dnf_expansion():
    cond = parse({"at_least": 2, "of": [{"finding": "A", "eq": "x"}, {"finding": "B", "eq": "x"}, {"finding": "C", "eq": "x"}]})
    assert evaluate(cond, {}, {"A": "x", "B": "y", "C": "x"}, {}) is True
    assert len(to_dnf(cond)) == 3
    assert len(to_dnf(cond, negated=True)) == 3


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"fact": "a.b", "gte": 1, "lte": 3}, "exactly one test"),
        ({"fact": "a.b", "is": "maybe"}, "'is' takes one of"),
        ({"all": []}, "non-empty list"),
        ({"whatever": 1}, "unknown condition keys"),
        ({"finding": "X", "in": "y"}, "'in' takes a list"),
    ],
)
def test_malformed_conditions_name_the_problem(raw, fragment):
    with pytest.raises(ConditionError) as exc:
        parse(raw)
    assert fragment in exc.value.message
