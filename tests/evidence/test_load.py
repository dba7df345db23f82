"""Evidence loading: validation errors name file, line and field; quotes are checked."""

import pytest

from tierengine.errors import InputError
from tierengine.evidence.load import load_evidence


def _problems(path):
    with pytest.raises(InputError) as exc:
        load_evidence(path)
    return exc.value.problems


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_belarus_loads_with_quote_lines(belarus):
    entry = belarus.facts["state.forced_labor"]
    assert entry.status == "reported" and entry.values == {"value": True}
    assert entry.quote_lines[0] == 7 and entry.evidence_line > 1


def test_not_reported_missing_and_zero_are_distinct(belarus):
    assert belarus.facts["prosecution.convictions"].status == "not_reported"
    assert belarus.facts["partnership.extradition"].status == "missing"
    assert belarus.facts["protection.ngo_victims_identified"].values == {"value": 56, "prior": 85, "change": -29, "prior_year": 2023, "some": True}


def test_unknown_field_is_named_with_its_line(evidence_copy):
    _edit(evidence_copy, "    trend:\n      value: decreased\n      quote: The government decreased anti",
          "    trend:\n      value: decreased\n      colour: red\n      quote: The government decreased anti")
    (problem,) = _problems(evidence_copy)
    assert "unknown field 'facts.prosecution.trend.colour'" in problem.message
    assert evidence_copy.read_text().splitlines()[problem.line - 1].strip().startswith("colour")


def test_quote_not_in_source_is_an_error(evidence_copy):
    _edit(evidence_copy, "The government decreased victim protection efforts.", "The government increased victim protection efforts.")
    (problem,) = _problems(evidence_copy)
    assert "quote not found in source" in problem.message and "protection.trend" in problem.message


def test_reported_false_with_a_value_is_an_error(evidence_copy):
    _edit(evidence_copy, "    convictions:\n      reported: false\n", "    convictions:\n      reported: false\n      value: 3\n")
    (problem,) = _problems(evidence_copy)
    assert "must not carry a value" in problem.message


def test_source_outside_the_evidence_directory_is_refused(evidence_copy):
    _edit(evidence_copy, "source: sources/2025/belarus.txt", "source: ../../../etc/passwd")
    (problem,) = _problems(evidence_copy)
    assert "outside the evidence directory" in problem.message and problem.line == 8


def test_a_top_level_list_is_refused(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("- a\n- b\n")
    assert "must be a mapping" in _problems(bad)[0].message
