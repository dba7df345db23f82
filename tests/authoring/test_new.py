"""`tierengine new`: a scaffold that validates, lists every fact once by pillar with the
findings that read it, and turns into real evidence by uncommenting and filling in."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, run_cli

SOURCE_LINE = "The government decreased anti-trafficking law enforcement efforts."


@pytest.fixture
def project(tmp_path):
    """A fresh project: schemas/ at the root, a narrative outside the evidence tree."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    narrative = tmp_path / "downloads" / "narrative.txt"
    narrative.parent.mkdir()
    narrative.write_text(f"Ruritania is a source country.\n{SOURCE_LINE}\nIt did not report convictions.\n")
    return tmp_path


def _new(project, *extra):
    return run_cli("new", "Ruritania", "2025", "--source", "downloads/narrative.txt", *extra, cwd=project)


def _uncomment(text: str, group: str, fact: str, body: list[str]) -> str:
    """Do what an author does: uncomment facts:, the pillar and one fact, and fill it in."""
    lines = text.splitlines()
    out, in_fact, current = [], False, None
    for line in lines:
        if m := re.match(r"#? ?  (\w+):", line):
            current = m.group(1)
        if line in ("# facts:", f"#   {group}:") or line.startswith(f"#   {group}:   #"):
            out.append(line[2:])
            continue
        if current == group and line == f"#     {fact}:":
            out.append(line[2:])
            out.extend("      " + b for b in body)
            in_fact = True
            continue
        if in_fact and line.startswith("#       "):
            continue  # the template's placeholder lines, replaced by body
        in_fact = False
        out.append(line)
    return "\n".join(out) + "\n"


def test_new_writes_a_valid_file_and_copies_the_source(project):
    run = _new(project)
    assert run.code == 0, run.err
    target = project / "evidence" / "ruritania_2025.yaml"
    copied = project / "evidence" / "sources" / "2025" / "ruritania.txt"
    assert target.is_file() and copied.read_text() == (project / "downloads" / "narrative.txt").read_text()
    text = target.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/evidence.schema.json"
    assert "source: sources/2025/ruritania.txt" in text
    check = run_cli("validate", "evidence/ruritania_2025.yaml", cwd=project)
    assert check.code == 0, check.err


def test_every_fact_is_listed_once_by_pillar_with_its_meaning(project):
    from tierengine.evidence.codebook import codebook
    from tierengine.evidence.model import GROUPS

    _new(project)
    text = (project / "evidence" / "ruritania_2025.yaml").read_text()
    order = []
    group = None
    for line in text.splitlines():
        if m := re.fullmatch(r"#   (\w+):(   #.*)?", line):
            group = m.group(1)
        elif m := re.fullmatch(r"#     (\w+):", line):
            order.append(f"{group}.{m.group(1)}")
    expected = [f"{g}.{name}" for g, model in GROUPS.items() for name in model.model_fields]
    assert order == expected
    # each fact is explained by its codebook definition, and no comment names a finding
    flat = " ".join(line.removeprefix("#     # ") for line in text.splitlines() if line.startswith("#     # "))
    for path, entry in codebook().facts.items():
        assert f"{path} ({entry.kind}): {entry.definition}" in flat, path
    assert " feeds " not in text and "read by" not in text


def test_uncommented_and_filled_in_facts_validate(project):
    _new(project)
    target = project / "evidence" / "ruritania_2025.yaml"
    text = _uncomment(target.read_text(), "prosecution", "trend", ["value: decreased", f"quote: {SOURCE_LINE}"])
    text = _uncomment(text, "prosecution", "convictions", ["reported: false", "quote: It did not report convictions."])
    target.write_text(text)
    run = run_cli("assess", "evidence/ruritania_2025.yaml", "--format", "json", cwd=project)
    assert run.code == 0, run.err
    facts = {leaf["evidence"]: leaf for leaf in _leaves(run.json()["justification"])}
    assert facts.get("prosecution.trend", {}).get("value") in (None, "decreased")


def _leaves(node):
    if "evidence" in node:
        yield node
    for child in node.get("children", []):
        yield from _leaves(child)


def test_uncommenting_without_filling_in_is_caught(project):
    """The placeholders are not values: forgetting to fill one in fails validation, located."""
    _new(project)
    target = project / "evidence" / "ruritania_2025.yaml"
    lines = target.read_text().splitlines()
    start = lines.index("#     trend:")
    uncommented = [line[2:] if line in ("# facts:",) or line.startswith("#   prosecution:") else line for line in lines]
    for i in range(start, start + 4):
        uncommented[i] = lines[i][2:]
    target.write_text("\n".join(uncommented) + "\n")
    run = run_cli("validate", "evidence/ruritania_2025.yaml", cwd=project)
    assert run.code == 2
    assert "evidence/ruritania_2025.yaml:" in run.err and "trend" in run.err


def test_does_not_overwrite_without_force(project):
    assert _new(project).code == 0
    again = _new(project)
    assert again.code == 2 and "already exists" in again.err
    assert _new(project, "--force").code == 0


def test_source_inside_the_evidence_tree_is_referenced_not_copied(project):
    inside = project / "ev" / "sources" / "2025" / "r.txt"
    inside.parent.mkdir(parents=True)
    inside.write_text(SOURCE_LINE + "\n")
    run = run_cli("new", "Ruritania", "2025", "--source", str(inside), "-o", "ev/r_2025.yaml", cwd=project)
    assert run.code == 0, run.err
    assert "copied" not in run.err
    assert "source: sources/2025/r.txt" in (project / "ev" / "r_2025.yaml").read_text()
    assert sorted(p.name for p in (project / "ev" / "sources" / "2025").iterdir()) == ["r.txt"]


def test_year_outside_the_rules_still_scaffolds(project):
    run = run_cli("new", "Ruritania", "2040", "--source", "downloads/narrative.txt", cwd=project)
    assert run.code == 0, run.err
    text = (project / "evidence" / "ruritania_2040.yaml").read_text()
    assert "#     convictions:" in text and "reporting_period: {start: YYYY" in text
    assert run_cli("validate", "evidence/ruritania_2040.yaml", cwd=project).code == 0


def test_missing_source_exits_2(project):
    run = run_cli("new", "Ruritania", "2025", "--source", "nope.txt", cwd=project)
    assert run.code == 2 and run.err.startswith("nope.txt:1:1: source file not found")
    assert not (project / "evidence").exists()


def test_country_names_become_safe_file_names():
    from tierengine.authoring.scaffold import slug

    assert slug("Côte d'Ivoire") == "cote_d_ivoire"
    assert slug("Korea, North") == "korea_north"
    assert slug("../../etc") == "etc"


def test_history_is_filled_in_from_a_tier_table(project):
    table = project / "tiers.csv"
    table.write_text("# a comment\ncountry,year,tier\nRuritania,2022,2\nRuritania,2023,2WL\nRuritania,2025,3\nElsewhere,2024,1\n")
    run = _new(project, "--history", "tiers.csv")
    assert run.code == 0, run.err
    text = (project / "evidence" / "ruritania_2025.yaml").read_text()
    # earlier years only (the report year's own tier is the published conclusion), gaps named
    assert '  tiers: {2022: "2", 2023: 2WL}   # not in the table: 2024' in text
    from tierengine.evidence.load import load_evidence

    loaded = load_evidence(project / "evidence" / "ruritania_2025.yaml")
    assert loaded.evidence.history.tiers == {2022: "Tier 2", 2023: "Tier 2 Watch List"}
    assert loaded.facts["history.prior_tier"].status == "missing"  # 2024 is a gap, not a guess


def test_a_bad_tier_table_is_a_located_error(project):
    (project / "tiers.csv").write_text("country,year,tier\nRuritania,20x3,2\n")
    run = _new(project, "--history", "tiers.csv")
    assert run.code == 2 and run.err.startswith("tiers.csv:2:")


@pytest.mark.parametrize("country", ["Foo\nreport_year: 1999", "Foo\x1b]0;x\x07", "  "])
def test_bad_arguments_are_refused_before_anything_is_written(project, country):
    """Issue 11 item 11: a newline in the country crashed after writing the file and copying the source."""
    run = run_cli("new", country, "2025", "--source", "downloads/narrative.txt", cwd=project)
    assert run.code == 2 and "Traceback" not in run.err and "internal error" not in run.err
    assert run.err.startswith("COUNTRY:1:1: country ") and len(run.err.splitlines()) == 1
    assert not (project / "evidence").exists()


@pytest.mark.parametrize("make", ["fifo", "not_utf8"])
def test_a_source_that_cannot_be_a_narrative_is_refused_first(project, make):
    import os

    bad = project / "downloads" / "bad.txt"
    os.mkfifo(bad) if make == "fifo" else bad.write_bytes(b"caf\xe9\n")
    run = run_cli("new", "Ruritania", "2025", "--source", str(bad), cwd=project, timeout=30)
    assert run.code == 2 and run.err.startswith(f"{bad}:1:1: ")
    assert not (project / "evidence").exists()


def test_a_failed_write_leaves_nothing_behind(project):
    (project / "out" / "r.yaml").mkdir(parents=True)  # the evidence file's name is taken by a directory
    run = _new(project, "-o", "out/r.yaml", "--force")
    assert run.code == 2 and run.err.strip() == "out/r.yaml:1:1: cannot write: is a directory"
    assert [p.relative_to(project).as_posix() for p in (project / "out").rglob("*")] == ["out/r.yaml"]  # no sources/ copy


def test_history_is_found_for_accented_names_and_every_path_is_relative(project):
    table = project / "data" / "tiers.csv"
    table.parent.mkdir()
    table.write_text("country,year,tier\nCote d'Ivoire,2023,2\nCote d'Ivoire,2024,2WL\n")
    run = run_cli("new", "Côte d'Ivoire", "2025", "--source", "downloads/narrative.txt", "--history", str(table), "-o", "out/deep/civ.yaml", cwd=project)
    assert run.code == 0, run.err
    written = project / "out" / "deep" / "civ.yaml"
    text = written.read_text()
    assert '2023: "2", 2024: 2WL' in text
    assert 'source: "../../data/tiers.csv"' in text and "source: sources/2025/cote_d_ivoire.txt" in text
    modeline = text.splitlines()[0].split("$schema=")[1]
    assert not modeline.startswith("/") and (written.parent / modeline).is_file()
    assert "reporting_period: {start: YYYY-MM-DD" in text  # commented, never a guessed period


def test_the_modeline_resolves_even_without_a_schema_above_the_file(tmp_path):
    (tmp_path / "n.txt").write_text("x\n")
    assert run_cli("new", "Ruritania", "2025", "--source", "n.txt", cwd=tmp_path).code == 0
    written = tmp_path / "evidence" / "ruritania_2025.yaml"
    modeline = written.read_text().splitlines()[0].split("$schema=")[1]
    assert (written.parent / modeline).is_file()
