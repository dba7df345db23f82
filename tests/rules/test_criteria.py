"""`tierengine criteria`: provisions in force by year, tied to the rules that implement them."""

from __future__ import annotations

import pytest

from conftest import run_cli


@pytest.fixture(scope="module")
def c2025():
    run = run_cli("criteria", "--year", "2025", "--format", "json")
    assert run.code == 0, run.err
    return run.json()


def _provisions(data):
    return {p["id"]: p for s in data["sections"] for p in s["provisions"]}


def test_standards_criteria_and_tiers_with_citations_and_rules(c2025, rules):
    provisions = _provisions(c2025)
    expected = [f"MS-{i}" for i in range(1, 5)] + [f"C-{i}" for i in range(1, 13)]
    expected += ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "automatic downgrade", "waiver", "one-year rule", "policy or pattern"]
    for pid in expected:
        p = provisions[pid]
        assert p["citation"].startswith(("22 U.S.C.", "TIP Report")), pid
        assert len(p["paraphrase"]) > 20 and p["rule_ids"], pid
        for rid in p["rule_ids"]:
            assert rules.rules[rid].spec.effective.covers(2025), f"{rid} is listed for 2025 but not in force"
    assert provisions["C-7"]["citation"] == "22 U.S.C. 7106(b)(7)"
    assert "C-7.presumed" in provisions["C-7"]["rule_ids"]


def test_every_rule_in_force_is_explained_somewhere(c2025, rules):
    listed = {rid for p in _provisions(c2025).values() for rid in p["rule_ids"]}
    missing = [r.id for r in rules.rules.values() if r.spec.effective.covers(2025) and not r.spec.carry and r.id not in listed]
    assert missing == []


def test_provisions_follow_the_years_they_are_law():
    old = run_cli("criteria", "--year", "2018", "--format", "json").json()
    new = run_cli("criteria", "--year", "2025", "--format", "json").json()
    assert "commitments" in _provisions(old) and "commitments" not in _provisions(new)
    assert "commitments" in [n["id"] for n in new["not_in_force"]]
    assert "policy or pattern" not in _provisions(old) and "policy or pattern" in _provisions(new)
    waiver = {p["id"]: p["value"] for p in old["parameters"]}["max_waiver_years"]
    assert waiver == 2 and {p["id"]: p["value"] for p in new["parameters"]}["max_waiver_years"] == 1


def test_one_criterion_in_detail():
    run = run_cli("criteria", "--year", "2025", "--id", "c-1")
    assert run.code == 0, run.err
    assert "C-1  Vigorous investigation" in run.out
    assert "C-1.presumed -> C-1 = not_met" in run.out and "when: presumption.b1 = true" in run.out
    md = run_cli("criteria", "--year", "2025", "--id", "Tier 2", "--format", "markdown")
    assert md.code == 0 and "| `tier.base.tier2` |" in md.out


def test_text_lists_every_section():
    run = run_cli("criteria", "--year", "2025")
    assert run.code == 0, run.err
    for heading in ("The four minimum standards", "The twelve criteria", "Data presumptions", "The tiers", "Watch List triggers", "Downgrade, waiver and the one-year rule", "Thresholds"):
        assert heading in run.out
    assert "Not in force in 2025: commitments" in run.out


@pytest.mark.parametrize("args, expected", [(["--year", "1999"], "--year:1:1: report year 1999 is outside"), (["--year", "2025", "--id", "C-99"], "--id:1:1: no provision 'C-99'")])
def test_bad_options_are_exit_2(args, expected):
    run = run_cli("criteria", *args)
    assert run.code == 2 and run.err.startswith(expected)
