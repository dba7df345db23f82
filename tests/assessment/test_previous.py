"""C-11 against the previous year's assessment (22 U.S.C. 7106(b)(11)), on a real file pair.

The previous year's file is assessed with the same rules for its own year, once (never the
year before it), and the chain names the file each previous.C-n comes from.
"""

from __future__ import annotations

import json

import pytest

from conftest import RULES
from tierengine.assessment.assess import assess_file
from tierengine.assessment.explain import Explainer
from tierengine.assessment.previous import with_previous_findings
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import shared_engine
from tierengine.evidence.load import load_evidence
from tierengine.rules.ruleset import load_rules

SOURCE = {
    2023: "The government convicted 2 traffickers, who received prison terms.\n",
    2024: "The government did not convict any traffickers.\n",
    2025: "The government convicted 15 traffickers, who received prison terms.\n",
}
FACTS = {
    2023: "    convictions:\n      value: 2\n      quote: The government convicted 2 traffickers\n"
          "    sentences_imprisonment:\n      value: true\n      quote: who received prison terms\n",
    2024: "    convictions:\n      value: 0\n      quote: The government did not convict any traffickers.\n",
    2025: "    convictions:\n      value: 15\n      quote: The government convicted 15 traffickers\n"
          "    sentences_imprisonment:\n      value: true\n      quote: who received prison terms\n",
}


@pytest.fixture
def years(tmp_path):
    (tmp_path / "sources").mkdir()
    for year, facts in FACTS.items():
        (tmp_path / "sources" / f"testland_{year}.txt").write_text(SOURCE[year])
        header = f"country: Testland\nreport_year: {year}\nsource: sources/testland_{year}.txt\nfacts:\n  prosecution:\n"
        (tmp_path / f"testland_{year}.yaml").write_text(header + facts)
    return tmp_path


def test_2025_c11_met_because_c1_was_not_met_in_the_2024_assessment(years):
    a = assess_file(years / "testland_2025.yaml", load_rules(RULES))
    assert a.findings["C-1"] == "met"
    assert a.decided_by["progress.criteria_gained"] == "progress.criteria_gained.C-1"
    assert (a.findings["C-11"], a.decided_by["C-11"]) == ("met", "C-11.criteria_gained")
    # one level: 2024 is assessed without 2023, so its own comparison stays undecided, and
    # 2024 against 2023 (C-1 met then, not now) is a loss
    b = assess_file(years / "testland_2024.yaml", load_rules(RULES))
    assert (b.findings["C-11"], b.decided_by["C-11"]) == ("not_met", "C-11.criteria_lost")


def test_2025_without_the_previous_file_c11_is_not_determinable(years):
    (years / "testland_2024.yaml").unlink()
    a = assess_file(years / "testland_2025.yaml", load_rules(RULES))
    assert a.findings["progress.criteria_gained"] == "not_determinable" and a.findings["C-11"] == "not_determinable"


def test_the_chain_names_the_previous_file_and_its_deciding_rule(years):
    rules = load_rules(RULES)
    loaded = load_evidence(years / "testland_2025.yaml", "testland_2025.yaml")
    facts = with_previous_findings(loaded, rules, shared_engine())
    compiled = compile_year(rules, 2025)
    explainer = Explainer(rules, compiled, facts, shared_engine().evaluate(compiled, facts))
    chain = json.dumps([n.to_dict() for n in explainer.finding_nodes("C-11")])
    assert "assessed from testland_2024.yaml with the same rules for 2024: C-1 not_met (C-1.no_convictions)" in chain
