"""Loading the rule set: the shipped rules are complete; mistakes are located."""

import shutil

import pytest

from conftest import RULES
from tierengine.errors import InputError
from tierengine.rules.ruleset import load_rules


def test_every_rule_cites_its_provision_and_carries_its_years(rules):
    assert len(rules.rules) > 50
    for rule in rules.rules.values():
        assert rule.spec.citation.strip() and rule.spec.statement.strip()
        assert rule.spec.effective.from_ >= 2001


def test_all_twelve_criteria_and_four_standards_exist(rules):
    for fid in [f"C-{i}" for i in range(1, 13)] + [f"MS-{i}" for i in range(1, 5)]:
        assert fid in rules.findings


def test_rules_carry_no_country_names(rules):
    text = " ".join(p.read_text().lower() for p in RULES.glob("*.yaml"))
    for country in ("belarus", "cuba", "russia", "moldova", "germany", "nicaragua"):
        assert country not in text


def _broken(tmp_path, old, new):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / "20_criteria.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(InputError) as exc:
        load_rules(target)
    return exc.value.problems


def test_a_rule_reading_published_is_rejected(tmp_path):
    (problem,) = _broken(tmp_path, "when: {fact: prosecution.convictions, eq: 0}", "when: {fact: published.tier, eq: 0}")
    assert "may not read 'published'" in problem.message and problem.file.endswith("20_criteria.yaml")


def test_an_unknown_fact_is_located(tmp_path):
    (problem,) = _broken(tmp_path, "when: {fact: prosecution.convictions, eq: 0}", "when: {fact: prosecution.convicted, eq: 0}")
    assert "unknown fact 'prosecution.convicted'" in problem.message and problem.line > 1


def test_a_type_mismatch_is_rejected(tmp_path):
    (problem,) = _broken(tmp_path, "when: {fact: prosecution.convictions, eq: 0}", "when: {fact: prosecution.convictions, eq: lots}")
    assert "does not fit" in problem.message


def test_a_missing_citation_is_one_error_not_a_cascade(tmp_path):
    """Issue 11 item 10: the file's findings were dropped and every rule reading them was 'unknown'."""
    (problem,) = _broken(tmp_path, "      - id: C-1.no_convictions\n        citation: 22 U.S.C. 7106(b)(1)\n", "      - id: C-1.no_convictions\n")
    assert "missing required field" in problem.message and "citation" in problem.message


@pytest.mark.parametrize("citation", ['" "', "TODO"])
def test_a_citation_that_names_no_provision_is_refused_at_load(tmp_path, citation):
    (problem,) = _broken(tmp_path, "      - id: C-1.no_convictions\n        citation: 22 U.S.C. 7106(b)(1)\n",
                         f"      - id: C-1.no_convictions\n        citation: {citation}\n")
    assert problem.message.startswith("rule C-1.no_convictions: citation") and "names no provision" in problem.message
    assert problem.line > 1


def _tier_broken(tmp_path, file, old, new):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(InputError) as exc:
        load_rules(target)
    return [p.message for p in exc.value.problems]


def test_the_tier_finding_takes_only_tiers(tmp_path):
    """Issue 11 item 9: 'Tier 9', or a criterion named as the tier finding, used to reach the JSON."""
    messages = _tier_broken(tmp_path, "70_history.yaml", 'x-tiers: &tiers ["Tier 1",', 'x-tiers: &tiers ["Tier 9",')
    assert any("the tier finding 'tier' takes values ['Tier 9'] that are not tiers" in m for m in messages), messages
    messages = _tier_broken(tmp_path / "b", "00_ruleset.yaml", "  tier_finding: tier\n", "  tier_finding: C-1\n")
    assert messages == ["the tier finding 'C-1' takes values ['met', 'not_met', 'not_determinable'] that are not tiers (Tier 1, Tier 2, Tier 2 Watch List, Tier 3, Special Case)"]


@pytest.mark.parametrize("command", [
    ("assess", "evidence/belarus_2025.yaml"), ("review", "evidence/belarus_2025.yaml"), ("whatif", "evidence/belarus_2025.yaml", "--set", "state.forced_labor=false"),
    ("path", "evidence/belarus_2025.yaml", "--to", "2"), ("criteria", "--year", "2025"), ("history", "tests/fixtures/history_small.csv"),
    ("coverage", "evidence/belarus_2025.yaml"), ("new", "Testland", "2025", "--source", "evidence/sources/2025/belarus.txt", "-o", "{tmp}/t.yaml"),
])
def test_every_command_loads_rules_through_the_same_checks(tmp_path, command, monkeypatch):
    from typer.testing import CliRunner

    from tierengine.cli.app import app

    monkeypatch.chdir(RULES.parent)
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / "20_criteria.yaml"
    path.write_text(path.read_text().replace("        citation: 22 U.S.C. 7106(b)(1)\n", "        citation: TODO\n", 1))
    run = CliRunner().invoke(app, [*(c.format(tmp=tmp_path) for c in command), "--rules", str(target)])  # in process: fast
    assert run.exit_code == 2 and "citation 'TODO' names no provision" in run.stderr, run.stderr
    assert not (tmp_path / "t.yaml").exists()


def test_a_cycle_between_findings_is_rejected(tmp_path):
    problems = _broken(tmp_path, "when: {finding: presumption.b1, eq: true}", "when: {finding: MS-4, eq: met}")
    assert any("cycle" in p.message for p in problems)


def test_no_rule_reads_the_published_conclusion_or_the_increasing_efforts_sentence(rules):
    from tierengine.rules.conditions import FactStatus, FactTest, atoms

    read = {a.path for r in rules.rules.values() for a in atoms(r.when) if isinstance(a, (FactTest, FactStatus))}
    assert not [p for p in read if p.startswith("published.") or p.endswith("increasing_efforts")]


def test_earlier_tiers_are_read_only_by_the_history_provisions(rules):
    from tierengine.rules.conditions import FactStatus, FactTest, atoms
    from tierengine.rules.ruleset import HISTORY_PROVISIONS

    readers = [r for r in rules.rules.values() if any(isinstance(a, (FactTest, FactStatus)) and a.path.startswith("history.") for a in atoms(r.when))]
    assert readers and all(r.spec.citation.startswith(HISTORY_PROVISIONS) for r in readers)
    assert "fully_complies.sustained" not in rules.rules


def test_a_rule_reading_last_years_tier_outside_the_history_provisions_is_rejected(tmp_path):
    (problem,) = _broken(tmp_path, "when: {fact: prosecution.convictions, eq: 0}", 'when: {fact: history.prior_tier, eq: "Tier 1"}')
    assert "reads earlier published tiers ('history.prior_tier')" in problem.message
    assert problem.file.endswith("20_criteria.yaml") and problem.line > 1


def test_a_doctrine_rule_must_quote_the_text_it_rests_on(tmp_path):
    problems = _broken(tmp_path, "        citation: 22 U.S.C. 7106(b)(1)\n        effective: {from: 2001}\n        when: {fact: prosecution.convictions, eq: 0}",
                       "        citation: 22 U.S.C. 7106(b)(1)\n        basis: methodology\n        effective: {from: 2001}\n        when: {fact: prosecution.convictions, eq: 0}")
    assert any("needs rests_on" in p.message for p in problems)
    problems = _broken(tmp_path / "b", "        citation: 22 U.S.C. 7106(b)(1)\n        effective: {from: 2001}\n        when: {fact: prosecution.convictions, eq: 0}",
                       "        citation: TIP Report methodology\n        effective: {from: 2001}\n        when: {fact: prosecution.convictions, eq: 0}")
    assert any("set basis" in p.message for p in problems)


def test_doctrine_rules_carry_their_basis(rules):
    doctrine = {r.id: r.spec for r in rules.rules.values() if r.spec.basis != "statute"}
    assert {"tier.base.special_case", "MS-3.too_low"} <= set(doctrine)
    assert all(spec.rests_on.strip() for spec in doctrine.values())
