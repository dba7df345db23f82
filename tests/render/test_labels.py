"""Plain labels beside ids, one mark per meaning, the why-not in plain words (issue 10 §3)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.conftest import BELARUS, ROOT
from tierengine.evidence.codebook import codebook
from tierengine.evidence.facts import HISTORY_PATHS
from tierengine.render import html, markdown
from tierengine.render.labels import Names, fact_labels
from tierengine.render.outline import FAILED_MARK, LEGEND, RULE_MARK, why_not
from tierengine.render.text import renderable


@pytest.fixture(scope="module")
def belarus(rules):
    from tierengine.assessment.assess import assess_file

    return assess_file(BELARUS, rules, display="evidence/belarus_2025.yaml")


@pytest.fixture(scope="module")
def lebanon(rules):
    from tierengine.assessment.assess import assess_file

    return assess_file(ROOT / "evidence" / "lebanon_2023.yaml", rules, display="evidence/lebanon_2023.yaml")


def _text(a) -> str:
    import io

    from rich.console import Console

    console = Console(width=80, record=True, file=io.StringIO())
    console.print(renderable(a))
    return console.export_text()


def _flat(text: str) -> str:
    """The text as one line, without the tree's guides: wrapped phrases read whole."""
    return " ".join(re.sub(r"[│├└─]", " ", text).split())


def test_every_finding_and_fact_a_reader_can_see_has_a_label(rules):
    """Any finding or fact may appear in a chain, a why-not or a decider: each needs a label."""
    unlabelled = [fid for fid, f in rules.findings.items() if not f.spec.label]
    unlabelled += [p for p, e in codebook().facts.items() if not e.label]
    unlabelled += [p for p in HISTORY_PATHS if p not in fact_labels()]
    assert unlabelled == []
    assert all(rules.labels.get(r) for r in rules.rules), "a rule's label: its title, else its finding's label"


def test_ids_read_with_their_labels_everywhere(belarus, lebanon):
    text, md, page = _text(belarus), markdown.render_one(belarus), html.render([belarus])
    for shown in ("tier.base (tier before history rules) = Tier 3", "C-1 (prosecuting traffickers)", "state.forced_labor (state-imposed forced labour) = true"):
        assert shown in _flat(text) and shown.split(" = ")[0] in md.replace("`", "")
    assert '<span class="label">(protecting victims)</span>' in page
    open_case = _flat(_text(lebanon))
    assert "chiefly prosecution.convictions (convictions)" in open_case
    assert "complicity.investigations (investigations of complicit officials) = 0" in open_case
    assert "watch_list.no_increasing_efforts (Watch List trigger: no increasing efforts) = false, decided by" in open_case


def test_a_label_is_given_once_per_section_in_text():
    names = Names(type("A", (), {"labels": {"C-2": "protecting victims", "C-2.decreased": "protecting victims"}})())
    assert names("C-2") == "C-2 (protecting victims)"
    assert names("C-2.decreased") == "C-2.decreased"  # same label as its finding, just shown
    assert names.ids("prosecution.convictions = 0; C-2 = met") == "prosecution.convictions (convictions) = 0; C-2 = met"


def test_each_mark_has_one_meaning_and_the_legend_says_which(belarus, rules):
    text = _text(belarus)
    assert LEGEND in text
    for line in text.splitlines():
        if FAILED_MARK in line:  # ✗ only ever marks what the evidence shows instead of what is needed
            assert re.search(rf"{FAILED_MARK} (is|what the evidence shows)", line), line
    assert all(line.lstrip().startswith(RULE_MARK) for line in text.splitlines() if ": needs " in line)
    from tierengine.assessment.assess import assess_file

    differs = _text(assess_file(ROOT / "evidence" / "nicaragua_2019.yaml", rules))
    assert "≠ published tier is Tier 2 Watch List" in differs.splitlines()[0]
    page = html.render([belarus])
    assert f'<span class="fail">{RULE_MARK}</span>' in page and f'<span class="fail">{FAILED_MARK} is' in page and LEGEND in page


def test_each_better_tier_opens_with_a_plain_sentence(belarus):
    sentences = {line.rule: line.text for line in why_not(belarus, labels_per_tier=True)}
    assert sentences["Tier 1"].startswith("Tier 1 would need fully_complies (full compliance) = true; the evidence shows C-1 (prosecuting traffickers) not met")
    assert sentences["Tier 2"] == (
        "Tier 2 would need significant_efforts (significant efforts) = yes; the evidence shows no: "
        "significant_efforts.policy_or_pattern (policy or pattern is proof of failure) takes precedence, "
        "and significant_efforts.complicity and significant_efforts.preponderance reached the same."
    )  # a third reader took the deciding rule for the only barrier when the sentence named it alone
    assert sentences["Tier 2 Watch List"].endswith("the evidence shows the same as for Tier 2.")
    md = markdown.render_one(belarus)
    assert "- **Tier 2 Watch List** would need significant_efforts (significant efforts) = yes" in md
    assert "and 3 other rules: needs" in md  # four Watch List rules failing alike read as one line
    assert "held, but" not in md and "decided first" not in md


def test_the_html_matrix_cites_provisions_as_numbered_in_the_report_year(belarus, rules):
    def row(page: str, fid: str) -> str:
        return re.search(rf'<tr><td class="id">{fid}</td>.*?</tr>', page).group(0)

    assert "22 U.S.C. 7106(b)(11)</td>" in row(html.render([belarus], rules), "C-11")
    earlier = dataclasses.replace(belarus, report_year=2012)
    assert "22 U.S.C. 7106(b)(10) (now 7106(b)(11))</td>" in row(html.render([earlier], rules), "C-11")
    assert "22 U.S.C. 7106(b)(11) (now 7106(b)(12))</td>" in row(html.render([earlier], rules), "C-12")


def test_considerations_no_rule_weighs_are_shown_where_a_reviewer_reads(belarus, rules):
    """7107(b)(3) considerations are in no tier's chain; Markdown and HTML say they were recorded."""
    from tierengine.render import html

    assert "country_role" in rules.recorded_considerations and "complicity_consideration" not in rules.recorded_considerations
    assert "country_role" in belarus.considered
    line = "Also considered (22 U.S.C. 7107(b)(3); recorded for a reviewer, weighed by no rule): "
    assert line in markdown.render_one(belarus) and "country_role (origin, transit or destination) = stated" in markdown.render_one(belarus)
    assert line in html.article(belarus, rules)
