"""Lasting facts (the law, its penalties) carry from the previous year's file; activity never does."""

from __future__ import annotations

import pytest

from tierengine.evidence.carry import previous_file
from tierengine.evidence.load import load_evidence

SOURCE = {
    2024: "The law criminalized sex trafficking and labor trafficking. The government convicted 12 traffickers.\n",
    2025: "The government convicted 15 traffickers.\nThe government maintained prosecution efforts.\n",
}
EVIDENCE = {
    2024: """country: Testland
report_year: 2024
source: sources/testland_{year}.txt
facts:
  prosecution:
    criminalizes_sex_trafficking:
      value: true
      quote: The law criminalized sex trafficking and labor trafficking.
    convictions:
      value: 12
      quote: The government convicted 12 traffickers.
""",
    2025: """country: Testland
report_year: 2025
source: sources/testland_{year}.txt
facts:
  prosecution:
    convictions:
      value: 15
      quote: The government convicted 15 traffickers.
""",
}


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "sources").mkdir()
    for year in (2024, 2025):
        (tmp_path / "sources" / f"testland_{year}.txt").write_text(SOURCE[year])
        (tmp_path / f"testland_{year}.yaml").write_text(EVIDENCE[year].format(year=year))
    return tmp_path


def test_the_law_is_carried_with_its_quote_file_and_line(pair):
    facts = load_evidence(pair / "testland_2025.yaml", "testland_2025.yaml").facts
    law = facts["prosecution.criminalizes_sex_trafficking"]
    assert law.status == "reported" and law.value is True
    assert law.quotes == ("The law criminalized sex trafficking and labor trafficking.",)
    assert law.derived.startswith("carried from testland_2024.yaml (line 6)")
    assert law.source.endswith("testland_2024.txt") and law.quote_lines == (1,)


def test_activity_is_never_carried_but_a_count_gets_its_prior_figure(pair):
    (pair / "testland_2025.yaml").write_text(EVIDENCE[2025].format(year=2025).replace("    convictions:", "    investigations:"))
    facts = load_evidence(pair / "testland_2025.yaml").facts
    assert facts["prosecution.convictions"].status == "missing"
    (pair / "testland_2025.yaml").write_text(EVIDENCE[2025].format(year=2025))
    convictions = load_evidence(pair / "testland_2025.yaml").facts["prosecution.convictions"]
    assert convictions.values == {"value": 15, "prior": 12, "change": 3, "some": True}  # some: derived from the figure
    assert convictions.derived.startswith("prior figure 12 from")


def test_a_stated_fact_or_prior_is_never_overridden(pair):
    text = EVIDENCE[2025].format(year=2025).replace("      value: 15\n", "      value: 15\n      prior: 9\n      prior_year: 2023\n")
    (pair / "testland_2025.yaml").write_text(text)
    assert load_evidence(pair / "testland_2025.yaml").facts["prosecution.convictions"].values["prior"] == 9


def test_only_the_previous_year_beside_the_file_is_used(pair):
    assert previous_file(pair / "testland_2025.yaml", 2025) == pair / "testland_2024.yaml"
    assert previous_file(pair / "testland_2024.yaml", 2024) is None
    assert previous_file(pair / "testland_2025.yaml", 2026) is None  # the name does not match the year
    assert load_evidence(pair / "testland_2024.yaml").previous is None
