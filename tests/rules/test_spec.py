"""Rule-file specs are plain dataclasses: pydantic validates them, the cache rebuilds them (rules/spec.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from tierengine.rules.ruleset import load_rules, rule_file_adapter
from tierengine.rules.spec import Effective, FindingSpec, RuleFile, from_data, to_data

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_every_shipped_spec_survives_the_round_trip_through_json(rules):
    specs = RuleFile(manifest=rules.manifest, parameters=list(rules.parameters.values()),
                     findings=[f.spec for f in rules.findings.values()], provisions=rules.provisions)
    data = json.loads(json.dumps(to_data(specs)))
    assert from_data(RuleFile, data) == specs
    assert rule_file_adapter().validate_python(data) == specs  # what is stored is valid as written
    assert "from" in data["manifest"]["coverage"] and "from_" not in data["manifest"]["coverage"]


@pytest.mark.parametrize(("data", "message"), [
    ({"manifest": {"name": "", "version": "1", "coverage": {"from": 2001}}}, "String should have at least 1 character"),
    ({"manifest": {"name": "x", "version": "1", "coverage": {"from": 1800}}}, "greater than or equal to 1990"),
    ({"manifest": {"name": "x", "version": "1", "coverage": {"from": 2010, "to": 2001}}}, "effective 'to' is before 'from'"),
    ({"manifest": {"name": "x", "version": "1", "coverage": {"from_": 2001}}}, "Unexpected keyword argument"),
    ({"parameters": [{"id": "p", "title": "t", "citation": "c", "rationale": "r", "values": []}]}, "at least 1 item"),
])
def test_the_constraints_hold_when_a_rule_file_is_read(data, message):
    with pytest.raises(ValidationError, match=message):
        rule_file_adapter().validate_python(data)


def test_checks_across_fields_run_on_construction_too():
    with pytest.raises(ValueError, match="not one of values"):
        FindingSpec(id="f", title="t", citation="22 U.S.C. 7106", layer="l", values=["a"], default="b", default_statement="s")
    assert Effective(2001).covers(2025) and not Effective(2001, 2010).covers(2011)


def test_an_unknown_key_is_reported_by_name_and_line(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for path in RULES.glob("*.yaml"):
        (rules / path.name).write_text(path.read_text())
    target = sorted(rules.glob("*.yaml"))[-1]
    target.write_text(target.read_text() + "\nsurprise: 1\n")
    from tierengine.errors import InputError

    with pytest.raises(InputError) as exc:
        load_rules(rules)
    assert any("unknown field 'surprise'" in p.message and p.file == str(target) for p in exc.value.problems)
