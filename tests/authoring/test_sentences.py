"""Narratives as sentences: headers skipped, headings and markers end runs, every sentence verbatim."""

from __future__ import annotations

import pytest

from conftest import ROOT
from tierengine.authoring.numbers import parse_direction, parse_number
from tierengine.authoring.sentences import read_header, sentences
from tierengine.evidence.quotes import SourceText

SHARED = ROOT.parent / "shared" / "reports"
REPORTS = SHARED if SHARED.is_dir() else ROOT / "evidence" / "sources"  # the same narratives, copied
NARRATIVES = sorted(REPORTS.glob("*/*.txt"))

EXCERPT = """SOURCE: https://example.org/x
TIER: Tier 2 Watch List
[EXCERPT: summary, recs]

RURITANIA: Tier 2 Watch List

The government convicted 12 traffickers, compared with nine in 2022. The U.S. embassy
noted it. These efforts included identifying more victims; however, officials did not

report investigating any cases.
2025 TRAFFICKING IN PERSONS REPORT
Authorities identified twenty-one victims. Priori [...truncated...]

PRIORITIZED RECOMMENDATIONS:
Increase efforts to prosecute traffickers.

PROTECTION
[not retrieved]
"""


def test_excerpt_header_and_structure():
    assert read_header(EXCERPT).tier == "Tier 2 Watch List" and read_header(EXCERPT).lines == 3
    got = [(s.section, s.text) for s in sentences(EXCERPT)]
    assert got == [
        ("summary", "The government convicted 12 traffickers, compared with nine in 2022."),
        ("summary", "The U.S. embassy noted it."),  # no split after "U.S."
        # a page break (blank line) inside a sentence is joined, as the quote checker does
        ("summary", "These efforts included identifying more victims; however, officials did not report investigating any cases."),
        # a running header ends the run: no sentence spans it
        ("summary", "Authorities identified twenty-one victims."),
        ("summary", "Priori"),
        ("recommendations", "Increase efforts to prosecute traffickers."),
    ]


def test_unheaded_recommendations_are_recognised():
    text = "The government did not report convictions.\n\nSignificantly increase efforts to identify victims.Investigate cases.\n"
    assert [s.section for s in sentences(text)] == ["summary", "recommendations"]


@pytest.mark.parametrize("path", NARRATIVES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_sentence_is_verbatim_in_the_source(path):
    text = path.read_text(encoding="utf-8")
    source = SourceText(text)
    found = sentences(text)
    assert found
    assert all(source.find(s.text) is not None for s in found)
    assert not any(s.text.startswith(("SOURCE:", "TIER:", "[EXCERPT")) for s in found)


@pytest.mark.parametrize(
    "text, value",
    [("12", 12), ("10,852", 10852), ("twelve", 12), ("twenty-one", 21), ("fourth", 4), ("eighth", 8), ("21st", 21), ("Two", 2), ("many", None)],
)
def test_numbers(text, value):
    assert parse_number(text) == value


def test_directions():
    assert [parse_direction(w) for w in ("more", "fewer", "increasing", "decreased", "maintained", "some")] == ["increased", "decreased", "increased", "decreased", "maintained", None]
