"""The doctrine on the calibration corpus (evidence/): agreement and the rules that carry it.

These run the real `tierengine review` over every committed evidence file. The corpus
targets (issue 3) are at least 85% exact agreement and 100% within one step; the
per-rule tests pin what each calibrated rule does, on small variations of corpus files.
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, run_cli

EVIDENCE = ROOT / "evidence"


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


@pytest.fixture(scope="module")
def corpus():
    run = run_cli("review", str(EVIDENCE), "--format", "json")
    assert run.code == 0, run.err
    return run.json()


def test_corpus_agreement_targets(corpus):
    s = corpus["summary"]
    assert s["invalid"] == 0
    assert s["n"] >= 40
    assert s["exact"] / s["n"] >= 0.85, s
    assert s["within_one"] == s["n"], [
        (a["country"], a["report_year"], a["published_tier"], a["tier"]) for a in corpus["assessments"] if not a["agrees"]
    ]


def test_every_published_tier_is_reached_somewhere(corpus):
    for tier in ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3"):
        assert corpus["summary"]["per_tier"][tier]["exact"] >= 1, tier


def test_no_rule_names_a_country():
    """No country of the corpus appears in the rules (doctrine, not per-file tweaks)."""
    countries = {a.name.split("_")[0] for a in EVIDENCE.glob("*_*.yaml")}
    text = "\n".join(p.read_text().lower() for p in (ROOT / "rules").glob("*.yaml"))
    for country in countries:
        assert not re.search(rf"\b{re.escape(country)}\b", text), country


def _copy(tmp_path, name):
    target = tmp_path / "evidence"
    shutil.copytree(EVIDENCE / "sources", target / "sources")
    shutil.copy(EVIDENCE / name, target / name)
    return target / name


def _assess(path):
    run = run_cli("assess", str(path), "--format", "json")
    assert run.code in (0, 1), run.err
    return run.json()


def _rules(data):
    return {n.get("rule") for n in _walk(data["justification"])}


def test_sustained_full_compliance_needs_a_tier_1_history(tmp_path):
    path = _copy(tmp_path, "germany_2023.yaml")
    data = _assess(path)
    assert data["tier"] == "Tier 1" and "fully_complies.sustained" in _rules(data)
    text = path.read_text()
    assert '2022: "1"' in text
    path.write_text(text.replace('2022: "1"', '2022: "2"'))
    downgraded = _assess(path)
    assert downgraded["tier"] == "Tier 2"
    assert "fully_complies.sustained" not in _rules(downgraded)


def test_isolated_steps_amid_widespread_noncompliance_are_not_significant_efforts():
    data = _assess(EVIDENCE / "nicaragua_2022.yaml")
    assert data["tier"] == "Tier 3"
    rules = _rules(data)
    assert "significant_efforts.preponderance" in rules
    assert "noncompliance_extent.widespread" in rules
    assert data["findings"]["C-1"] == "met"  # the convictions are there, and not enough


def test_a_met_pillar_offsets_data_presumptions_down_to_the_watch_list():
    data = _assess(EVIDENCE / "bolivia_2023.yaml")
    assert data["findings"]["presumption.b1"] is True and data["findings"]["C-3"] == "met"
    assert data["findings"]["significant_efforts"] != "no"
    assert data["tier"] == "Tier 2 Watch List"
