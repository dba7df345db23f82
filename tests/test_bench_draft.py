"""bench/draft.py counts agreement the way docs/draft.md says: same path and reading, or both not reported."""

from __future__ import annotations

from conftest import bench_module


def _module():
    return bench_module("draft")


def test_score_counts_agreement_wrong_values_and_extras():
    bench = _module()
    hand = {"a": ("not reported",), "b": (3,), "c": (True,)}
    drafted = {"a": ("not reported",), "b": (4,), "d": (False,)}
    result = bench.score([(hand, drafted)])
    assert result["total"] == [3, 3, 1, 1]  # hand, drafted, agree, wrong value
    assert result["per"]["c"] == [1, 0, 0, 0] and result["per"]["d"] == [0, 1, 0, 0]
    assert bench.score([(hand, drafted)], keep=lambda p: p != "a")["total"] == [2, 2, 0, 1]


def test_readings():
    bench = _module()
    assert bench.reading("count", "not_reported", {}) == ("not reported",)
    assert bench.reading("count", "reported", {"value": 0, "prior": 2}) == (0,)
    assert bench.reading("penalty", "reported", {"min_years": 3.0, "max_years": 7.0}) == (3.0, 7.0)
    assert bench.reading("bool", "missing", {}) is None
