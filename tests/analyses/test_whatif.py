"""`tierengine whatif`, run as the real command, plus the change syntax."""

from __future__ import annotations

import pytest

from conftest import BELARUS, run_cli


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def _rules(data: dict) -> set[str]:
    return {n["rule"] for n in _walk(data["justification"]) if "rule" in n}


def test_removing_forced_labour_changes_the_chain():
    before = run_cli("assess", str(BELARUS), "--format", "json").json()
    run = run_cli("whatif", str(BELARUS), "--set", "state.forced_labor=false", "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["changes"] == [{"path": "state.forced_labor", "field": "value", "value": False, "set": "state.forced_labor=false", "was": "true", "hypothetical": True}]
    assert data["before"]["tier"] == before["tier"]
    assert "policy_or_pattern.found" in _rules(before)
    after_rules = _rules(data["after_assessment"])
    assert "policy_or_pattern.found" not in after_rules and after_rules != _rules(before)
    moved = {f["finding"]: f for f in data["changed_findings"]}
    assert moved["policy_or_pattern"]["before"] is True and moved["policy_or_pattern"]["after"] is False
    assert "C-3" not in moved  # from 2019 state forced labour counts once, under 7107(b)(3)(B), not again in C-3


def test_changed_fact_is_labelled_hypothetical_and_carries_no_source_quote():
    run = run_cli("whatif", str(BELARUS), "--set", "prosecution.convictions=0", "--format", "json")
    assert run.code == 0, run.err
    leaves = [n for n in _walk(run.json()["after_assessment"]["justification"]) if n.get("evidence") == "prosecution.convictions"]
    assert leaves, "a reported zero convictions decides C-1 and appears in the chain"
    for leaf in leaves:
        assert leaf["value"] == 0 and leaf["quote"] is None
        assert leaf["derived_from"].startswith("hypothetical: prosecution.convictions=0 (was: not reported)")


def test_text_output_shows_tiers_and_changed_rules():
    run = run_cli("whatif", str(BELARUS), "--set", "state.forced_labor=false")
    assert run.code == 0, run.err
    assert "Changes (hypothetical, not from the source)" in run.out
    assert "policy_or_pattern: true -> false" in run.out
    assert "rule: policy_or_pattern.found -> policy_or_pattern.default" in run.out


def test_markdown_and_chain():
    run = run_cli("whatif", str(BELARUS), "--set", "state.forced_labor=false", "--format", "markdown", "--chain")
    assert run.code == 0, run.err
    assert "| `state.forced_labor=false` | true |" in run.out
    assert "### Deciding chain" in run.out


@pytest.mark.parametrize(
    "change, expected",
    [
        ("prosecution.convicions=3", "--set:1:1: unknown fact 'prosecution.convicions' (did you mean prosecution.convictions?)"),
        ("facts.nothing.here=1", "unknown fact 'facts.nothing.here'"),
        ("prosecution.convictions=many", "prosecution.convictions: takes a whole number, not 'many'"),
        ("state.forced_labor=maybe", "state.forced_labor: takes true or false"),
        ("prosecution.trend=up", "prosecution.trend: a trend is one of increased, maintained, decreased"),
        ("prosecution.penalties=3", "prosecution.penalties is a penalty fact; name a field"),
        ("prosecution.convictions.colour=3", "prosecution.convictions (count) has no field 'colour'"),
        ("prosecution.convictions=-1", "prosecution.convictions.value: Input should be greater than or equal to 0"),
        ("prosecution.penalties.min_years=9", "prosecution.penalties: min_years is greater than max_years"),
        ("convictions", "a change is PATH=VALUE"),
    ],
)
def test_bad_change_is_exit_2_naming_the_path(change, expected):
    run = run_cli("whatif", str(BELARUS), "--set", change)
    assert run.code == 2
    assert expected in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_change_that_contradicts_another_fact_names_it():
    run = run_cli("whatif", str(BELARUS), "--set", "prosecution.convictions=3")
    assert run.code == 2
    assert "prosecution.years_without_convictions" in run.err and "belarus_2025.yaml:" in run.err
    fixed = run_cli("whatif", str(BELARUS), "--set", "prosecution.convictions=3", "--set", "prosecution.years_without_convictions=missing")
    assert fixed.code == 0, fixed.err


def test_second_option_problem_is_located_on_its_option():
    run = run_cli("whatif", str(BELARUS), "--set", "state.forced_labor=false", "--set", "state.forced_labor=true")
    assert run.code == 2 and run.err.startswith("--set:2:1: state.forced_labor is already changed by --set number 1")


def test_status_changes_and_penalty_fields():
    from tierengine.analyses.whatif import parse_set

    assert parse_set("facts.prosecution.convictions.value=3").as_set() == "prosecution.convictions=3"
    assert parse_set("protection.victims_identified=not_reported").field is None
    assert parse_set("prosecution.penalties.max_years=8").as_set() == "prosecution.penalties.max_years=8"
    run = run_cli("whatif", str(BELARUS), "--set", "prosecution.penalties.max_years=3", "--format", "json")
    assert run.code == 0, run.err
    moved = {f["finding"]: f for f in run.json()["changed_findings"]}
    assert moved["MS-3"]["after"] == "not_met"


def test_missing_evidence_file_is_exit_2():
    run = run_cli("whatif", "no/such/file.yaml", "--set", "state.forced_labor=false")
    assert run.code == 2 and "Traceback" not in run.err
