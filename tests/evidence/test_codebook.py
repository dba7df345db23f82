"""The codebook is the one source of what facts mean: it covers exactly the models' facts,
its examples are verbatim and valid, and everything generated from it is fresh."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_cli


def test_codebook_covers_exactly_the_facts_and_its_examples_validate():
    from tierengine.evidence.codebook import problems

    assert problems() == []


def test_examples_quote_the_corpus_verbatim():
    from tierengine.evidence.codebook import codebook
    from tierengine.evidence.quotes import load_source

    missing = []
    for entry in codebook().facts.values():
        for ex in entry.examples:
            if load_source(ROOT / "evidence" / "sources" / ex.source).find(ex.quote) is None:
                missing.append(f"{entry.path}: {ex.source}: {ex.quote[:60]}")
    assert missing == []


def test_most_facts_have_an_example_and_none_without_saying_why():
    from tierengine.evidence.codebook import codebook

    entries = codebook().facts.values()
    assert all(e.examples or e.corpus_note for e in entries)
    assert sum(1 for e in entries if e.examples) >= 0.85 * len(entries)


def test_docs_codebook_is_fresh_and_lists_every_fact_and_no_other():
    from tierengine.evidence.codebook import markdown
    from tierengine.evidence.model import evidence_schema

    text = (ROOT / "docs" / "codebook.md").read_text()
    assert text == markdown(), "docs/codebook.md is stale: run `tierengine codebook --markdown -o docs/codebook.md`"
    listed = re.findall(r"^#### `([\w.]+)` \(\w+\)$", text, re.M)
    assert listed == list(evidence_schema())


def test_codebook_yaml_examples_in_the_doc_are_valid_facts():
    """Every fenced example of docs/codebook.md parses and validates as its fact."""
    import yaml

    from tierengine.evidence.model import evidence_schema

    text = (ROOT / "docs" / "codebook.md").read_text()
    schema = evidence_schema()
    sections = re.split(r"^#### `([\w.]+)` \(\w+\)$", text, flags=re.M)[1:]
    checked = 0
    for path, section in zip(sections[::2], sections[1::2]):
        for block in re.findall(r"```yaml\n(.*?)```", section, re.S):
            data = yaml.safe_load(block)
            if data is None:  # "not evidence" examples are a comment only
                continue
            ((_name, fact),) = data.items()
            schema[path].model_validate(fact)
            checked += 1
    assert checked > 100


def test_schema_descriptions_come_from_the_codebook():
    import json

    from tierengine.evidence.codebook import codebook

    schema = json.loads((ROOT / "schemas" / "evidence.schema.json").read_text())
    desc = schema["$defs"]["Prosecution"]["properties"]["convictions"]["description"]
    assert codebook().facts["prosecution.convictions"].definition in desc
    assert "feeds" not in desc


def test_codebook_command_looks_up_a_fact_by_path_or_name():
    run = run_cli("codebook", "prosecution.law_enforcement_training")
    assert run.code == 0 and "judicial_training" in run.out and "reported: false" in run.out
    both = run_cli("codebook", "convictions")
    assert both.code == 0 and "prosecution.convictions (count)" in both.out and "complicity.convictions (count)" in both.out
    listing = run_cli("codebook")
    assert listing.code == 0 and "partnership.extradition" in listing.out


def test_codebook_command_suggests_on_a_typo():
    run = run_cli("codebook", "convction")
    assert run.code == 2 and "did you mean" in run.err and "prosecution.convictions" in run.err


def test_codebook_markdown_option_matches_the_committed_doc(tmp_path):
    out = tmp_path / "c.md"
    assert run_cli("codebook", "--markdown", "-o", str(out)).code == 0
    assert out.read_text() == (ROOT / "docs" / "codebook.md").read_text()
