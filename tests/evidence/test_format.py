"""The format holds what reports say: counts without figures, qualifiers on any fact,
unencoded statements, and unknown vs no waivers (issue 12 §2)."""

from __future__ import annotations

import pytest

from tierengine.errors import InputError
from tierengine.evidence.load import load_evidence

CONVICTIONS = "    convictions:\n      consecutive_years: 4\n      reported: false\n"
TRAINING = "    law_enforcement_training:\n      reported: false\n"


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(path):
    with pytest.raises(InputError) as exc:
        load_evidence(path)
    return [p.message for p in exc.value.problems]


def test_a_count_may_be_only_some_or_a_direction(evidence_copy):
    _edit(evidence_copy, CONVICTIONS, "    convictions:\n      some: true\n      complete: false\n")
    _edit(evidence_copy, "    investigations:\n      reported: false\n", "    investigations:\n      direction: decreased\n")
    facts = load_evidence(evidence_copy).facts
    assert facts["prosecution.convictions"].status == "reported"
    assert facts["prosecution.convictions"].values == {"some": True, "complete": False}
    assert facts["prosecution.investigations"].values["direction"] == "decreased"


def test_a_figure_decides_some():
    from tierengine.evidence.model import CountFact

    assert CountFact(value=0, quote=["abc"]).comparable()["some"] is False
    assert CountFact(value=3, quote=["abc"]).comparable()["some"] is True
    with pytest.raises(ValueError, match="some: true means at least one"):
        CountFact(value=0, some=True, quote=["abc"])


def test_a_reported_count_needs_a_figure_some_or_direction(evidence_copy):
    _edit(evidence_copy, CONVICTIONS, "    convictions:\n      complete: false\n")
    (message,) = _problems(evidence_copy)
    assert "needs value (a figure), some: true" in message


def test_qualifiers_on_any_fact_reach_the_fact_table(evidence_copy):
    _edit(evidence_copy, TRAINING, TRAINING + "      certainty: reported\n      scope: the capital\n      consecutive_years: 3\n")
    entry = load_evidence(evidence_copy).facts["prosecution.law_enforcement_training"]
    assert entry.status == "not_reported" and entry.values == {"certainty": "reported", "scope": "the capital", "consecutive_years": 3}


def test_unknown_certainty_is_an_error(evidence_copy):
    _edit(evidence_copy, TRAINING, TRAINING + "      certainty: maybe\n")
    (message,) = _problems(evidence_copy)
    assert "certainty" in message


def test_unencoded_quotes_are_checked(evidence_copy):
    text = evidence_copy.read_text() + "  - quote: authorities often did not provide\n    topic: detention\n"
    evidence_copy.write_text(text)
    kept = load_evidence(evidence_copy).evidence.unencoded
    assert kept[-1].topic == "detention"
    evidence_copy.write_text(text + "  - quote: words the narrative never says\n")
    (message,) = _problems(evidence_copy)
    assert message.startswith(f"unencoded.{len(kept)}: quote not found")


def test_omitted_waivers_are_unknown_and_empty_waivers_are_none(evidence_copy):
    loaded = load_evidence(evidence_copy)
    assert loaded.facts["history.waivers_known"].values == {"value": True}
    _edit(evidence_copy, "  waivers: []\n", "")
    facts = load_evidence(evidence_copy).facts
    assert facts["history.waivers_known"].values == {"value": False}
    assert "waiver years: unknown" in facts["history.prior_tier"].derived


def test_unknown_waivers_count_the_statutes_floor_and_say_unknown():
    """Unknown waivers: a run's waiver years are at least its years beyond the two the statute
    allows without one (7107(b)(2)(D)), recorded or not; the basis says they are unknown."""
    from tierengine.evidence.history import derive

    tiers = {2021: "Tier 2", 2022: "Tier 2 Watch List", 2023: "Tier 2 Watch List"}
    assert derive(tiers, [], 2024).waiver_years_in_run == 0
    assert derive(tiers, None, 2024).waiver_years_in_run == 0
    assert "waiver years: unknown" in derive(tiers, None, 2024).basis
    longer = {**tiers, 2021: "Tier 2 Watch List", 2020: "Tier 2"}
    assert derive(longer, None, 2024).waiver_years_in_run == 1 == derive(longer, [], 2024).waiver_years_in_run
    assert derive({2023: "Tier 2"}, None, 2024).waiver_years_in_run == 0


def test_this_years_waiver_goes_in_published(evidence_copy):
    _edit(evidence_copy, "  determination: not_significant_efforts\n", "  determination: not_significant_efforts\n  waiver: false\n")
    assert load_evidence(evidence_copy).evidence.published.waiver is False
    _edit(evidence_copy, "  waivers: []\n", "  waivers: [2025]\n")
    (message,) = _problems(evidence_copy)
    assert "published.waiver" in message
