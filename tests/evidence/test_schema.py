"""The committed evidence JSON Schema: fresh, resolvable from evidence files, and in
agreement with the validator on real and broken evidence (what an editor shows)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from conftest import BELARUS, ROOT, run_cli  # noqa: F401

jsonschema = pytest.importorskip("jsonschema")

COMMITTED = ROOT / "schemas" / "evidence.schema.json"


def _as_editor_sees(data):
    """YAML -> the JSON an editor's schema check sees (string keys, ISO dates)."""
    if isinstance(data, dict):
        return {str(k): _as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_editor_sees(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


def _errors(text: str) -> list[str]:
    schema = json.loads(COMMITTED.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(_as_editor_sees(yaml.safe_load(text)))]


def test_committed_schema_is_fresh():
    from tierengine.evidence.schema import schema_text

    assert COMMITTED.read_text() == schema_text(), "schemas/evidence.schema.json is stale: run `tierengine schema -o schemas/evidence.schema.json`"


def test_schema_command_writes_the_committed_schema(tmp_path):
    # (stdout output is run in test_cli_courtesies)
    out = tmp_path / "s.json"
    assert run_cli("schema", "--output", str(out)).code == 0
    assert out.read_text() == COMMITTED.read_text()


def test_schema_is_valid_and_identified():
    schema = json.loads(COMMITTED.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] and schema["title"] and schema["description"]
    assert "prosecution" in schema["$defs"]["Facts"]["properties"]
    # every fact of the models is described
    from tierengine.evidence.model import GROUPS, evidence_schema

    for path in evidence_schema():
        group, name = path.split(".")
        assert path in schema["$defs"][GROUPS[group].__name__]["properties"][name]["description"]


def test_evidence_modelines_resolve_to_the_schema():
    for path in sorted((ROOT / "evidence").glob("*.yaml")):
        first = path.read_text().splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{path.name}: first line is not a yaml-language-server modeline"
        assert (path.parent / m.group(1)).resolve() == COMMITTED.resolve()


@pytest.mark.parametrize("path", sorted((ROOT / "evidence").glob("*.yaml")), ids=lambda p: p.name)
def test_committed_evidence_passes_the_schema_as_an_editor_sees_it(path):
    """No false alarms in the editor: what the validator accepts, the schema accepts."""
    assert _errors(path.read_text()) == []


@pytest.mark.parametrize(
    "old,new,why",
    [
        ("      value: decreased\n", "      value: down\n", "bad trend"),
        ("  prosecution:\n", "  prosecution:\n    convicted_everyone: {value: true, quote: abc}\n", "unknown fact"),
        ("    investigations:\n      reported: false\n", "    investigations:\n      reported: false\n      value: 3\n", "value with reported: false"),
        ("    penalties_commensurate:\n      value: true\n", "    penalties_commensurate:\n", "reported fact without value"),
        ("  tier: Tier 3\n", "  tier: Tier 4\n", "unknown tier"),
    ],
)
def test_schema_and_validator_both_reject(old, new, why, evidence_copy):
    text = BELARUS.read_text()
    assert old in text
    broken = text.replace(old, new, 1)
    assert _errors(broken), f"schema accepted: {why}"
    evidence_copy.write_text(broken)
    from tierengine.errors import InputError
    from tierengine.evidence.load import load_evidence

    with pytest.raises(InputError):  # what validate and assess run (their CLI is tested elsewhere)
        load_evidence(evidence_copy)
