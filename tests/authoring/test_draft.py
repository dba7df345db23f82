"""Drafts: every narrative drafts into a file that validates; facts carry their entry; no conclusions."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, run_cli
from tierengine.assessment.assess import assess_file
from tierengine.authoring.confirm import confirm
from tierengine.authoring.draft import consistent, draft_text, write_draft
from tierengine.errors import InputError
from tierengine.evidence.load import load_evidence
from tierengine.evidence.validate import drafted_facts, validate_paths

SHARED = ROOT.parent / "shared" / "reports"
REPORTS = SHARED if SHARED.is_dir() else ROOT / "evidence" / "sources"
NARRATIVES = sorted(REPORTS.glob("*/*.txt"))
BELARUS = REPORTS / "2025" / "belarus.txt"


@pytest.mark.parametrize("path", NARRATIVES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_narrative_drafts_into_valid_evidence(tmp_path, path):
    """In-process (the CLI is tested below): the draft validates, quotes and all, and every fact is marked."""
    year = int(path.parent.name)
    target = tmp_path / "evidence" / f"{path.stem}_{year}.yaml"
    done = write_draft(path.stem.title(), year, path, target)
    loaded = load_evidence(target)
    marked = drafted_facts(loaded.doc.data)
    assert set(marked) == set(done.draft.facts)
    assert all(entry for entry in marked.values())
    assert "overall.increasing_efforts" not in marked  # a conclusion, comparison only
    if path.read_text(encoding="utf-8").startswith("SOURCE:"):
        assert loaded.evidence.published.tier is not None  # from the TIER: line


def test_belarus_complete_narrative():
    draft = consistent(draft_text(BELARUS.read_text(encoding="utf-8"), 2025), "Belarus", 2025)
    facts = {path: fact.fields for path, fact in draft.facts.items()}
    assert facts["prosecution.convictions"] == {"reported": False}
    assert facts["prosecution.years_without_convictions"] == {"value": 4}
    assert facts["prosecution.penalties"] == {"min_years": 3.0, "max_years": 7.0}
    assert facts["prosecution.trend"] == {"value": "decreased"}
    assert facts["protection.ngo_victims_identified"]["value"] == 56
    assert draft.published == {
        "tier": "Tier 3",  # from the heading "BELARUS (Tier 3)"
        "determination": "not_significant_efforts",
        "quote": "The Government of Belarus does not fully meet the minimum standards for the elimination of trafficking and is not making significant efforts to do so.",
    }


def test_figures_in_words_with_prior_year_and_conflicts():
    text = (
        "The government convicted twenty-one traffickers, compared with nine in 2023. "
        "Courts convicted 21 traffickers. "
        "The government did not convict any traffickers. "
        "Authorities reportedly identified 12 victims, compared with 30 in 2025."
    )
    draft = draft_text(text, 2025)
    convictions = draft.facts["prosecution.convictions"]
    assert convictions.fields == {"value": 21, "prior": 9, "prior_year": 2023}
    assert convictions.entries == ["convictions.count"] and len(convictions.quotes) == 2
    assert "also read as value: 0 by convictions.none" in convictions.note
    victims = draft.facts["protection.victims_identified"]
    assert victims.fields == {"value": 12, "prior": 30}  # 2025 is not before the report year: dropped
    assert "hedged in the source (reportedly)" in victims.note


def test_contradicting_facts_are_dropped_so_the_draft_validates():
    text = "Courts convicted 12 traffickers. For the third consecutive year, the government did not convict any traffickers."
    draft = consistent(draft_text(text, 2025), "X", 2025)
    assert "prosecution.years_without_convictions" not in draft.facts
    assert draft.dropped and draft.dropped[0].startswith("prosecution.years_without_convictions:")


def _draft(cwd, *extra):
    return run_cli("draft", str(BELARUS), "--country", "Belarus", "--year", "2025", *extra, cwd=cwd)


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    return tmp_path


def test_cli_draft_validate_warns_assess_says_unconfirmed_confirm_clears(project, rules):
    history = project / "tiers.csv"
    history.write_text("country,year,tier\nBelarus,2023,3\nBelarus,2024,3\n")
    made = _draft(project, "--history", str(history))
    assert made.code == 0, made.err
    target = project / "evidence" / "belarus_2025.yaml"
    assert (project / "evidence" / "sources" / "2025" / "belarus.txt").read_bytes() == BELARUS.read_bytes()
    text = target.read_text()
    assert 'tiers: {2023: "3", 2024: "3"}' in text and "drafted: convictions.not_reported" in text

    checked = run_cli("validate", str(target), cwd=project)
    assert checked.code == 0
    warning = next(line for line in checked.err.splitlines() if "prosecution.convictions was drafted" in line)
    line = int(warning.split(":")[1])
    assert text.splitlines()[line - 1].strip() == "drafted: convictions.not_reported"  # located on the mark

    assessed = run_cli("assess", str(target), "--format", "json", cwd=project)
    assert assessed.code == 0, assessed.err
    assert "prosecution.convictions" in assessed.json()["unconfirmed"]
    assert "rests on unconfirmed drafted facts" in run_cli("assess", str(target), cwd=project).out

    again = _draft(project)
    assert again.code == 2 and "already exists (use --force to overwrite)" in again.err
    assert target.read_text() == text  # refused: untouched

    one = run_cli("confirm", str(target), "--fact", "prosecution.convictions", cwd=project)
    assert one.code == 0, one.err
    after = target.read_text()
    assert after.splitlines() == [l for i, l in enumerate(text.splitlines()) if i != line - 1]  # only that line went

    repeat = run_cli("confirm", str(target), "--fact", "prosecution.convictions", cwd=project)
    assert repeat.code == 2 and "prosecution.convictions is not drafted" in repeat.err and repeat.err.count("\n") == 1
    with pytest.raises(InputError, match="prosecution.nope is not a fact of this file"):
        confirm(target, ["prosecution.nope"])

    everything = run_cli("confirm", str(target), "--all", cwd=project)
    assert everything.code == 0
    final = target.read_text()
    assert not any(l.strip().startswith("drafted:") for l in final.splitlines())
    assert final.splitlines()[:6] == text.splitlines()[:6]  # comments kept
    report = validate_paths([target])
    assert report.ok and report.warnings == []
    assert assess_file(target, rules).unconfirmed == []


def test_json_format_and_confirm(project):
    made = _draft(project, "--format", "json", "-o", "evidence/b.json")
    assert made.code == 0, made.err
    target = project / "evidence" / "b.json"
    data = json.loads(target.read_text())
    assert data["facts"]["prosecution"]["convictions"]["drafted"] == "convictions.not_reported"
    assert len(validate_paths([target]).warnings) == len(drafted_facts(data)) > 0
    assert confirm(target, everything=True) == sorted(drafted_facts(data))
    assert "drafted" not in target.read_text() and json.loads(target.read_text())["country"] == "Belarus"


def test_cli_bad_input_is_one_located_line(project):
    missing = run_cli("draft", "nope.txt", "--country", "X", "--year", "2025", cwd=project)
    assert missing.code == 2 and missing.err.strip() == "nope.txt:1:1: narrative file not found"
    binary = project / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = run_cli("draft", str(binary), "--country", "X", "--year", "2025", cwd=project)
    assert bad.code == 2 and bad.err.count("\n") == 1 and "not a UTF-8 text file" in bad.err
    assert not (project / "evidence" / "x_2025.yaml").exists()


def test_an_open_case_names_every_drafted_fact(tmp_path):
    """Which tiers stay possible depends on every fact, so an undecided draft rests on all of them."""
    target = tmp_path / "serbia_2023.yaml"
    run = run_cli("draft", str(ROOT / "evidence" / "sources" / "2023" / "serbia.txt"), "--country", "Serbia", "--year", "2023", "-o", str(target))
    assert run.code == 0, run.err
    assessed = run_cli("assess", str(target), "--format", "json").json()
    drafted = [line.split(":")[0].strip() for line in target.read_text().splitlines() if line.strip().startswith("drafted:")]
    assert not assessed["decided"] and len(assessed["unconfirmed"]) == len(drafted) > 0
