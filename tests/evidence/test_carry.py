"""Lasting facts (the law, its penalties) carry from the previous year's file; activity never does."""

from __future__ import annotations

import shutil

import pytest

from tierengine.evidence.carry import previous_file
from tierengine.evidence.load import load_evidence
from conftest import run_cli

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


# Issue 13 §2: decreasing evidence of complicity (7107(b)(2)(A)(iii)(II)), and the previous
# year's file named in the evidence when it is not beside it.

CONCERNS = {True: "Official complicity remained a significant concern.", False: "There were no reports of official complicity."}


def _with_concerns(pair, year: int, concerns: bool) -> None:
    (pair / "sources" / f"testland_{year}.txt").write_text(SOURCE[year] + CONCERNS[concerns] + "\n")
    fact = f"  complicity:\n    concerns:\n      value: {str(concerns).lower()}\n      quote: {CONCERNS[concerns]}\n"
    (pair / f"testland_{year}.yaml").write_text(EVIDENCE[year].format(year=year) + fact)


@pytest.mark.parametrize(("before", "now", "direction"), [(True, True, "maintained"), (True, False, "decreased"), (False, True, "increased")])
def test_2025_complicity_direction_is_derived_from_both_years_concerns(pair, before, now, direction):
    _with_concerns(pair, 2024, before)
    _with_concerns(pair, 2025, now)
    trend = load_evidence(pair / "testland_2025.yaml", "testland_2025.yaml").facts["complicity.trend"]
    assert trend.value == direction and trend.quotes == (CONCERNS[now],)
    assert trend.derived.startswith(f"derived: complicity.concerns {str(before).lower()} in testland_2024.yaml (line 13)")


def test_2025_no_concerns_in_either_year_derive_no_direction_and_a_stated_one_wins(pair):
    _with_concerns(pair, 2024, False)
    _with_concerns(pair, 2025, False)
    assert load_evidence(pair / "testland_2025.yaml").facts["complicity.trend"].status == "missing"
    _with_concerns(pair, 2024, True)
    text = (pair / "testland_2025.yaml").read_text() + "    trend:\n      value: maintained\n      quote: There were no reports of official complicity.\n"
    (pair / "testland_2025.yaml").write_text(text)
    trend = load_evidence(pair / "testland_2025.yaml").facts["complicity.trend"]
    assert trend.value == "maintained" and trend.derived is None


def _named(pair, previous: str) -> None:
    """Move the 2024 file out of the way (not beside 2025) and name it in history.previous_evidence."""
    (pair / "archive").mkdir(exist_ok=True)
    (pair / "testland_2024.yaml").rename(pair / "archive" / "testland_2024.yaml")
    shutil.copytree(pair / "sources", pair / "archive" / "sources")
    text = EVIDENCE[2025].format(year=2025).replace("facts:\n", f"history:\n  previous_evidence: {previous}\nfacts:\n")
    (pair / "testland_2025.yaml").write_text(text)


def test_2025_carries_from_the_file_named_in_history_previous_evidence(pair):
    _named(pair, "archive/testland_2024.yaml")
    loaded = load_evidence(pair / "testland_2025.yaml", "testland_2025.yaml")
    assert loaded.previous.path == "archive/testland_2024.yaml"
    law = loaded.facts["prosecution.criminalizes_sex_trafficking"]
    assert law.derived.startswith("carried from archive/testland_2024.yaml (line 6)")
    assert loaded.facts["prosecution.convictions"].values["prior"] == 12
    assert loaded.previous.previous is None  # one level: the named file is loaded without its own previous file


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (None, "previous evidence file 'archive/missing.yaml' not found"),
        (("country: Testland", "country: Otherland"), "previous evidence file 'archive/testland_2024.yaml' is about Otherland, not Testland"),
        (("report_year: 2024", "report_year: 2023"), "previous evidence file 'archive/testland_2024.yaml' holds report year 2023, not 2024"),
    ],
)
def test_a_named_previous_file_must_exist_and_be_the_same_countrys_previous_year(pair, edit, message):
    _named(pair, "archive/missing.yaml" if edit is None else "archive/testland_2024.yaml")
    if edit is not None:
        prev = pair / "archive" / "testland_2024.yaml"
        prev.write_text(prev.read_text().replace(*edit))
    run = run_cli("validate", "testland_2025.yaml", cwd=pair)
    assert run.code == 2 and "Traceback" not in run.err
    assert f"testland_2025.yaml:5:3: {message}" in run.out + run.err
