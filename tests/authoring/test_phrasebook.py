"""Every phrasebook entry reads its own example as stated, and a bad phrasebook is refused, located."""

from __future__ import annotations

import pytest

from tierengine.authoring.phrasebook import default_phrasebook, load_phrasebook, needs
from tierengine.errors import InputError

BOOK = default_phrasebook()


@pytest.mark.parametrize("entry", BOOK.entries, ids=lambda e: e.id)
def test_entry_reads_its_example(entry):
    section = entry.sections[0] if entry.sections else "summary"
    found = [p for p in BOOK.match(entry.example, section) if p.entry.id == entry.id]
    assert found, f"phrasebook.yaml:{entry.line}: {entry.id} does not match its example"
    expected = {k: float(v) if entry.kind == "penalty" else v for k, v in entry.expect.items()}
    assert found[0].fields == expected
    assert found[0].quote in entry.example  # the quote is a verbatim piece of the sentence


def test_the_conclusion_is_never_a_fact():
    """The "overall increasing efforts" and "significant efforts" sentences are comparison only."""
    facts = {e.fact for e in BOOK.entries}
    assert "overall.increasing_efforts" not in facts
    assert {e.fact for e in BOOK.entries if e.fact.startswith("published.")} == {"published.determination"}


def test_negation_before_a_positive_phrase_drops_it():
    assert [p.entry.id for p in BOOK.match("The government did not report conducting awareness campaigns.")] == ["awareness.not_reported"]
    assert [p.fields for p in BOOK.match("Courts convicted 12 traffickers.") if p.entry.fact == "prosecution.convictions"] == [{"value": 12}]


def test_recommendations_are_not_evidence_unless_an_entry_says_so():
    sentence = "Further de-link the provision of services from participation in the criminal justice process and partner with NGOs."
    assert {p.entry.id for p in BOOK.match(sentence, "recommendations")} == {"services.conditioned_recommendation"}


def test_hedges_are_kept():
    [p] = [p for p in BOOK.match("Observers reported authorities penalized victims for unlawful acts committed as a direct result of being trafficked.")]
    assert p.hedge == "Observers reported"


def test_pre_check_words_come_from_the_pattern():
    import re

    assert needs(re.compile(r"(?:convicted|convicting) \d+ traffickers", re.I)) == {" traffickers"}
    assert needs(re.compile(r"(?:adopt|approv)ed the plan", re.I)) >= {"ed the plan"}
    assert needs(re.compile(r"\d+", re.I)) == frozenset()


@pytest.mark.parametrize(
    "entry, message",
    [
        ({"id": "x", "fact": "prosecution.nope", "pattern": "a", "example": "a", "expect": {}}, "unknown fact path 'prosecution.nope'"),
        ({"id": "x", "fact": "prosecution.convictions", "pattern": "(", "example": "a", "expect": {}}, "pattern does not compile"),
        ({"id": "x", "fact": "prevention.hotline", "pattern": "hotline", "example": "a", "expect": {}}, "needs a literal value"),
        ({"id": "x", "fact": "prevention.hotline", "pattern": "a"}, "needs id, fact, pattern, example and expect"),
    ],
)
def test_a_bad_entry_is_located(tmp_path, entry, message):
    import yaml

    path = tmp_path / "book.yaml"
    path.write_text(yaml.safe_dump({"entries": [entry]}))
    with pytest.raises(InputError) as err:
        load_phrasebook(path)
    assert message in str(err.value.problems[0]) and str(err.value.problems[0]).startswith(f"{path}:")


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "book.yaml"
    one = "  - {id: a, fact: prevention.hotline, pattern: hotline, value: true, example: a hotline, expect: {value: true}}\n"
    path.write_text("entries:\n" + one + one)
    with pytest.raises(InputError, match="duplicate entry id 'a'"):
        load_phrasebook(path)
