"""Authoring without friction: every problem of a file in one run, in line order, in words
an author can act on (issue 12 §4)."""

from __future__ import annotations

import pytest

from tierengine.errors import InputError
from tierengine.evidence.load import load_evidence

HEAD = "country: Belarus\nreport_year: 2025\nsource: sources/2025/belarus.txt\n"


@pytest.fixture
def write(tmp_path):
    from conftest import ROOT

    (tmp_path / "sources" / "2025").mkdir(parents=True)
    (tmp_path / "sources" / "2025" / "belarus.txt").write_bytes((ROOT / "evidence/sources/2025/belarus.txt").read_bytes())

    def _write(body: str):
        path = tmp_path / "e.yaml"
        path.write_text(HEAD + body)
        with pytest.raises(InputError) as exc:
            load_evidence(path)
        return [(p.line, p.message) for p in exc.value.problems]

    return _write


def test_schema_and_quote_errors_come_together_in_line_order(write):
    problems = write(
        "facts:\n"
        "  prosecution:\n"
        "    trend:\n"
        "      value: increased\n"
        "      quote: The government increased anti-trafficking law enforcement efforts.\n"
        "    convictions:\n"
        "      value: -1\n"
        "      quote: For the fourth consecutive year\n"
    )
    assert [line for line, _ in problems] == [8, 10]
    assert "closest passage" in problems[0][1] and "decreased" in problems[0][1]
    assert "greater than or equal to 0" in problems[1][1]


def test_unknown_fact_suggests_the_right_pillar(write):
    ((line, message),) = write("facts:\n  prosecution:\n    victims_identified:\n      value: 3\n      quote: The government decreased anti-trafficking law enforcement efforts.\n")
    assert line == 6 and message.endswith("did you mean protection.victims_identified?")


def test_a_misspelt_fact_gets_the_closest_name(write):
    ((_, message),) = write("facts:\n  protection:\n    ngo_victim_identified:\n      value: 3\n      quote: The government decreased anti-trafficking law enforcement efforts.\n")
    assert message.endswith("did you mean protection.ngo_victims_identified?")


def test_an_uncommented_unfilled_template_fact_says_fill_it_in(write):
    ((line, message),) = write("facts:\n  prosecution:\n    convictions:\n      value:\n      quote: \"\"\n")
    assert line == 6 and message == "prosecution.convictions: fill in the value and quote (or comment the fact out again: absent means silent)"


def test_a_quote_of_the_reports_conclusion_is_refused(write):
    ((_, message),) = write(
        "facts:\n  prosecution:\n    trend:\n      value: decreased\n"
        "      quote: is not making significant efforts to do so\n"
    )
    assert "the report's conclusion" in message and "published" in message


NGO_QUOTE = "      quote: NGOs and an international organization reported identifying and assisting 56\n"


@pytest.mark.parametrize("body, expected", [
    ("    ngo_victims_identified:\n      value: 56\n      prior: 85\n      prior_year: 2023\n      direction: increased\n" + NGO_QUOTE,
     "protection.ngo_victims_identified.direction is increased, but protection.ngo_victims_identified went from 85 to 56 (decreased)"),
    ("    victims_identified:\n      value: 5\n      prior: 3\n      prior_year: 2023\n" + NGO_QUOTE
     + "    victims_identified_trend:\n      value: decreased\n      quote: The government decreased victim protection efforts.\n",
     "protection.victims_identified_trend is decreased, but protection.victims_identified went from 3 to 5 (increased)"),
])
def test_a_count_against_its_prior_and_stated_direction(write, body, expected):
    assert [m for _, m in write("facts:\n  protection:\n" + body)] == [expected]


def test_prior_needs_its_year(write):
    ((_, message),) = write(
        "facts:\n  protection:\n    ngo_victims_identified:\n      value: 56\n      prior: 85\n"
        "      quote: NGOs and an international organization reported identifying and assisting 56\n"
    )
    assert message == "protection.ngo_victims_identified has prior 85 but no prior_year (the year the report compares with)"


def test_published_tier_against_the_sources_heading(tmp_path):
    from conftest import ROOT

    (tmp_path / "sources" / "2025").mkdir(parents=True)
    (tmp_path / "sources" / "2025" / "belarus.txt").write_bytes((ROOT / "evidence/sources/2025/belarus.txt").read_bytes())
    path = tmp_path / "e.yaml"
    path.write_text(HEAD + "published:\n  tier: 2WL\n")
    (warning,) = load_evidence(path).warnings
    assert warning.message == "warning: published.tier is Tier 2 Watch List, but the source's heading says Tier 3"


def test_source_tier_reads_excerpt_and_narrative_headings():
    from tierengine.evidence.consistency import source_tier

    assert source_tier("SOURCE: x\nTIER: Tier 2 Watch List\n") == "Tier 2 Watch List"
    assert source_tier("\n\nReport\n\nBELARUS (Tier 3)\n") == "Tier 3"
    assert source_tier("TIER 3\n\nThe government ...") == "Tier 3"
    assert source_tier("No heading at all.\n") is None
