"""What a person reads (issue 10 §3): summary first, short by default, codebook values."""

from __future__ import annotations

import re

import pytest

from tests.conftest import BELARUS, ROOT, run_cli
from tierengine.assessment.explain import Leaf, Node
from tierengine.render.outline import derived_text, leaf_text, value_text, why_not
from tierengine.render.plain import reasons, summary, templates


@pytest.fixture(scope="module")
def belarus_assessment(rules):
    from tierengine.assessment.assess import assess_file

    return assess_file(BELARUS, rules, display="evidence/belarus_2025.yaml")


def test_belarus_text_fits_60_lines_at_80_columns_and_opens_with_the_summary():
    # the README's command, run from the checkout: paths print as typed, so an absolute path
    # (whose length depends on where the clone lives) would wrap differently
    run = run_cli("assess", "evidence/belarus_2025.yaml", env={"COLUMNS": "80"})
    assert run.code == 0, run.err
    lines = run.out.rstrip("\n").splitlines()
    assert len(lines) <= 60, len(lines)
    assert lines[0].startswith("Belarus 2025: Tier 3")
    assert lines[1].startswith("Belarus is on Tier 3: the law treats a government policy or pattern of forced")
    assert "therapy centers" in run.out  # the deciding quote is still shown
    assert not re.search(r"= (True|False|None)\b", run.out)


def test_full_detail_keeps_the_whole_tree():
    short = run_cli("assess", str(BELARUS))
    full = run_cli("assess", str(BELARUS), "--detail", "full")
    assert full.code == 0
    assert len(full.out.splitlines()) > 3 * len(short.out.splitlines())
    for rule in ("significant_efforts.complicity", "presumption.b1", "C-9.restricted"):
        assert rule in full.out
    assert "prosecution.convictions (convictions): not reported" in full.out


def test_the_summary_is_generated_from_the_chain(belarus_assessment):
    text = summary(belarus_assessment)
    assert text.startswith("Belarus is on Tier 3: the law treats a government policy or pattern of forced labour")
    assert "(22 U.S.C. 7107(b)(3)(B))" in text
    reasons_ = [n.rule for n in reasons(belarus_assessment.justification)]
    assert reasons_[0] == "significant_efforts.policy_or_pattern" and len(reasons_) == 2
    assert "; also, " in text or " also " in text  # the second reason reads as one


def test_a_chain_without_templates_falls_back_to_the_deciding_statement(belarus_assessment):
    node = Node("x.rule", "22 U.S.C. 7107(b)(9)", "Something the law says.", "x", True, [], "decided")
    bare = type(belarus_assessment)(**{**belarus_assessment.__dict__, "justification": node, "deciding_rule": "x.rule"})
    assert summary(bare) == "Belarus is on Tier 3: something the law says (22 U.S.C. 7107(b)(9))."


def test_every_template_names_a_real_rule_or_finding_and_fills(rules):
    known = set(rules.rules) | set(rules.findings)
    assert set(templates()["rules"]) <= known
    for template in templates()["rules"].values():
        template.format(citation="c", facts="f", any_facts="a")


def test_values_read_as_the_codebook_writes_them():
    assert [value_text(v) for v in (True, False, None, "not_reported", "missing", 12.0, "Tier 3")] == ["true", "false", "silent", "not reported", "silent", "12", "Tier 3"]
    assert leaf_text(Leaf("prosecution.convictions", None, "not_reported", [], None, None)) == "prosecution.convictions: not reported"
    assert leaf_text(Leaf("waiver.written_plan", None, "missing", [], None, None)) == "waiver.written_plan: silent"
    basis = "published tiers (2019: Tier 2 Watch List, 2020: Tier 3, 2024: Tier 3); waiver years: none"
    assert derived_text(basis) == "derived from history.tiers 2019–2024; waiver years: none"


def test_why_not_shows_each_rule_once(belarus_assessment):
    def rules_of(lines):
        for line in lines:
            if line.kind == "rule":
                yield line.rule
            yield from rules_of(line.children)

    for first_only in (True, False):
        shown = list(rules_of(why_not(belarus_assessment, first_only)))
        assert len(shown) == len(set(shown))


def test_review_at_80_columns_keeps_the_deciding_rule_whole():
    run = run_cli("review", str(ROOT / "evidence"), env={"COLUMNS": "80"})
    assert run.code == 0, run.err
    rows = [line for line in run.out.splitlines() if re.match(r"\s+(Belarus|Australia)\s+\d{4}", line)]
    assert len(rows) == 5 and all(re.search(r"\stier\.[\w.]+\s*$", line) for line in rows)
    assert "tier.base.default" in run.out and "…" not in run.out  # the longest deciding rule, whole


def test_history_detail_cells_stay_short_at_80_columns():
    shared = ROOT.parent / "shared" / "data" / "tier_history.csv"
    if not shared.is_file():
        pytest.skip("shared tier table not present")
    run = run_cli("history", str(shared), env={"COLUMNS": "80"})
    assert run.code == 0, run.err
    n = len(run_cli("history", str(shared), "--format", "json").json()["flags"])
    assert n > 50
    assert len(run.out.splitlines()) <= 6 * n + 30  # was ~17 lines a row


def test_history_does_not_offer_html():
    run = run_cli("history", "nothing.csv", "--format", "html")
    assert run.code == 2 and "--format html is not supported" in run.err


def test_a_rule_that_held_but_was_shadowed_reads_as_such(rules):
    from tierengine.assessment.assess import assess_file
    from tierengine.render.markdown import render

    a = assess_file(ROOT / "evidence" / "nicaragua_2019.yaml", rules)
    assert "`significant_efforts.shown`: its conditions hold too, but significant_efforts.complicity takes precedence" in render([a])
    assert "needs held" not in render([a])
