"""docs/law.md is generated from the rule set and kept fresh; the checker reads provisions."""

from __future__ import annotations

import shutil

from conftest import ROOT, RULES
from tierengine.analyses.check import check_rules
from tierengine.rules.law import law_markdown


def test_docs_law_md_is_generated_from_the_rule_set(rules):
    assert (ROOT / "docs" / "law.md").read_text() == law_markdown(rules), "docs/law.md is stale: run `python -m tierengine.rules.law > docs/law.md`"


def test_every_provision_row_names_its_years_and_rules(rules):
    text = law_markdown(rules)
    assert "| 22 U.S.C. 7106(b)(11) (cited as 7106(b)(10) in 2004–2012) |" in text
    assert "`C-9.partners` (2013–)" in text and "`tier.base.special_case`" in text


def _check(tmp_path, path, old, new, count=1):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    file = target / path
    assert old in file.read_text()
    file.write_text(file.read_text().replace(old, new, count))
    return [i for i in check_rules(target) if i.check == "provisions"]


def test_check_fails_when_a_rule_cites_a_provision_before_it_is_law(tmp_path):
    """22 U.S.C. 7106(b)(9), 2012: partnerships were not yet a criterion (Pub. L. 113-4, 2013)."""
    issues = _check(tmp_path, "20_criteria.yaml", "      - id: C-9.partners\n        citation: 22 U.S.C. 7106(b)(9)\n        effective: {from: 2013}",
                    "      - id: C-9.partners\n        citation: 22 U.S.C. 7106(b)(9)\n        effective: {from: 2010}")
    assert [i.message for i in issues if i.severity == "error"] == ["rule C-9.partners cites 7106(b)(9), which is not law in report years 2010–2012"]


def test_check_fails_when_a_provision_in_force_has_no_rule(tmp_path):
    """22 U.S.C. 7107(b)(2)(F), 2019-: the one-year rule must have a rule."""
    issues = _check(tmp_path, "70_history.yaml", "        citation: 22 U.S.C. 7107(b)(2)(F)\n        effective: {from: 2019}",
                    "        citation: 22 U.S.C. 7107(b)(2)(D)(i)\n        effective: {from: 2019}", count=-1)
    assert any(i.severity == "error" and i.message.startswith("provision 7107(b)(2)(F)") and "2019–2030" in i.message for i in issues)
    assert all(i.file.endswith("05_provisions.yaml") for i in issues if i.message.startswith("provision"))


def test_the_shipped_rules_pass_the_provision_check(rules):
    assert [i for i in check_rules(RULES) if i.check == "provisions" and i.severity == "error"] == []
