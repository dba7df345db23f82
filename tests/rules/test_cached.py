"""The checked rule set and compiled years from the start-up cache equal cold ones (rules/cached.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tierengine.engine.compile import compile_year
from tierengine.errors import InputError
from tierengine.rules.cached import load_rules_cached
from tierengine.rules.ruleset import load_rules

RULES = Path(__file__).resolve().parents[2] / "rules"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERENGINE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_warm_rule_set_and_its_compiled_years_equal_cold_ones(fresh_cache):
    cold = load_rules_cached(RULES)
    warm = load_rules_cached(RULES)
    assert warm == cold == load_rules(RULES)
    assert warm.strata == cold.strata and warm.rules.keys() == cold.rules.keys()
    for year in (2010, 2019, 2025):
        a, b = compile_year(cold, year), compile_year(warm, year)  # the second from the cache
        assert b.durable == a.durable and json.loads(b.durable_json) == a.durable
        assert (b.strata, b.params, b.default_of, b.rules_by_finding) == (a.strata, a.params, a.default_of, a.rules_by_finding)
    assert len(list(fresh_cache.glob("rules-*.json"))) == 1 and len(list(fresh_cache.glob("compiled-*.json"))) == 3


def test_an_edited_rule_file_makes_the_entry_stale_and_problems_are_never_cached(tmp_path, fresh_cache):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    before = load_rules_cached(rules)
    target = next(p for p in sorted(rules.glob("*.yaml")) if "statement:" in p.read_text())
    target.write_text(target.read_text().replace("statement:", "statement: Edited.", 1))
    after = load_rules_cached(rules)
    assert after.digest != before.digest and after == load_rules(rules)
    target.write_text(target.read_text() + "\nnot valid: [\n")
    for _ in range(2):
        with pytest.raises(InputError, match="malformed YAML"):
            load_rules_cached(rules)


def test_corrupt_entries_are_ignored_and_rebuilt(fresh_cache):
    cold = load_rules_cached(RULES)
    compiled = compile_year(cold, 2025)
    for garbage in ("{", '{"format": 1, "specs": {"findings": [{"id": 3}]}}', '{"format": 1, "durable": "{\\"r\\": {\\"all\\": [{\\"m\\": {\\"$ne\\": 1}}]}}"}'):
        for entry in fresh_cache.glob("*.json"):
            entry.write_text(garbage)
        warm = load_rules_cached(RULES)
        assert warm == cold
        assert compile_year(warm, 2025).durable == compiled.durable  # an entry failing the operator check is not used
