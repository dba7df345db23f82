"""Hostile evidence: every case is refused with exit 2 and one located line, never a traceback.

The fixtures in tests/fixtures/hostile/ each break one thing of ``valid.yaml``; the two
that would be megabytes in the repository (a file over the byte limit, a document over
the node limit) are generated here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from typer.testing import CliRunner

from conftest import BELARUS, ROOT, Run, run_cli
from tierengine.cli.app import app
from tierengine.evidence.yamlsource import MAX_BYTES, MAX_DEPTH, MAX_NODES

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")

#: fixture -> (line, col, a phrase the message must contain)
CASES = {
    "malformed.yaml": (3, 7, "malformed YAML"),
    "empty.yaml": (1, 1, "empty document"),
    "top_level_list.yaml": (1, 1, "must be a mapping of fields, not a list"),
    "top_level_scalar.yaml": (1, 1, "must be a mapping of fields, not a str"),
    "duplicate_keys.yaml": (4, 1, "duplicate key 'country'"),
    "python_object_tag.yaml": (1, 10, "python/object/apply:os.system' is not allowed"),
    "alias_bomb.yaml": (None, None, f"more than {MAX_NODES:,} values once aliases are expanded"),
    "recursive_alias.yaml": (4, None, f"nested deeper than {MAX_DEPTH} levels"),
    "deep_nesting.yaml": (4, None, f"nested deeper than {MAX_DEPTH} levels"),
    "very_deep_nesting.yaml": (4, None, "nesting depth"),
    "not_utf8.yaml": (1, 15, "not valid UTF-8"),
    "control_character.yaml": (1, 14, "not allowed"),
    "huge_integer.yaml": (2, 14, "too long"),
    "impossible_date.yaml": (3, 27, "month must be in 1..12"),
    "two_documents.yaml": (4, 1, "another document"),
    "missing_source.yaml": (4, 1, "source file 'sources/missing.txt' not found"),
    "source_outside.yaml": (4, 1, "points outside the evidence directory"),
    "quote_not_in_source.yaml": (12, 7, "quote not found in source"),
    "unknown_field.yaml": (10, 5, "unknown field 'facts.prosecution.convictionz'"),
    "wrong_type.yaml": (11, 7, "facts.prosecution.convictions.value: Input should be a valid integer"),
    "infinite_number.yaml": (11, 7, "valid integer (got inf)"),
    "year_outside_coverage.yaml": (3, 1, "report year 2040 is outside the years the rules cover"),
    "year_before_tvpa.yaml": (3, 1, "greater than or equal to 2001"),
    "contradictory_facts.yaml": (13, 5, "years_without_convictions is 4 but prosecution.convictions is 3"),
    # control characters in strings (issue 11 item 4): refused, and the message itself shows them escaped
    "escape_sequence_country.yaml": (2, 10, "control character '\\x1b' is not allowed"),
    "c1_control_quote.yaml": (12, 14, "control character '\\x9b' is not allowed"),
    "tab_in_key.yaml": (10, 5, "control character '\\t' is not allowed"),
    "country_two_lines.yaml": (2, 1, "country name must be one line"),
    # strict types (item 8): no coercion of a bool or a string into a count, a year or a flag
    "count_is_bool.yaml": (11, 7, "valid integer (got True)"),
    "count_is_string.yaml": (11, 7, "valid integer (got '5')"),
    "year_is_string.yaml": (3, 1, "valid integer (got '2025')"),
    "flag_is_string.yaml": (7, 36, "valid boolean (got 'yes')"),
}


def _generated(tmp: Path) -> dict[str, tuple]:
    """The two megabyte-sized cases, written to ``tmp``."""
    head = "country: Testland\nreport_year: 2025\nsource: sources/narrative.txt\n"
    (tmp / "huge_bytes.yaml").write_text(head + "note: '" + "x" * (MAX_BYTES + 10) + "'\n")
    (tmp / "huge_nodes.yaml").write_text(head + "note: [" + ",".join(["0"] * (MAX_NODES + 10)) + "]\n")
    return {
        "huge_bytes.yaml": (1, 1, f"larger than the {MAX_BYTES:,}-byte limit"),
        "huge_nodes.yaml": (4, None, f"more than {MAX_NODES:,} values"),
    }


def _assert_one_located_line(run, name: str, expected: tuple) -> None:
    line, col, phrase = expected
    assert run.code == 2, (name, run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, (name, lines)
    m = LINE.match(lines[0])
    assert m, lines[0]
    assert m["file"].endswith(name)
    assert phrase in m["message"], (name, lines[0])
    if line is not None:
        assert int(m["line"]) == line, (name, lines[0])
    if col is not None:
        assert int(m["col"]) == col, (name, lines[0])


def test_every_fixture_has_a_case():
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(CASES)


def test_the_unbroken_fixture_is_valid():
    run = invoke("assess", str(HOSTILE / "valid.yaml"), "--format", "json")
    assert run.code == 0, run.err
    assert run.json()["country"] == "Testland"


def invoke(*args: str) -> Run:
    """The command in this process (a real process per case would be slow); any escaping
    exception other than the command's own exit is a failure, as a traceback would be."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_case_exits_2_with_one_located_line(name):
    run = invoke("assess", str(HOSTILE / name), "--format", "json")
    _assert_one_located_line(run, name, CASES[name])
    assert run.out == ""


def test_files_over_the_byte_and_node_limits_exit_2(tmp_path):
    for name, expected in _generated(tmp_path).items():
        _assert_one_located_line(invoke("assess", str(tmp_path / name)), name, expected)


def test_a_hostile_case_through_the_real_process_has_no_traceback():
    run = run_cli("assess", str(HOSTILE / "python_object_tag.yaml"))
    _assert_one_located_line(run, "python_object_tag.yaml", CASES["python_object_tag.yaml"])


def test_a_batch_with_every_hostile_file_still_assesses_belarus():
    names = list(CASES)
    run = run_cli("assess", *(str(HOSTILE / n) for n in names), str(BELARUS), "--format", "json")
    assert run.code == 2
    assert "Traceback" not in run.err
    assessed = run.json()
    assert [a["country"] for a in assessed] == ["Belarus"]
    assert assessed[0]["tier"] == "Tier 3"
    lines = run.err.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert {Path(LINE.match(line)["file"]).name for line in lines} == set(names)


def test_yaml_dates_and_whitespace_in_quotes_still_load(tmp_path):
    """Strict types keep YAML's own dates; a tab or line break inside a quote is whitespace."""
    shutil.copytree(HOSTILE / "sources", tmp_path / "sources")
    f = tmp_path / "e.yaml"
    f.write_text((HOSTILE / "valid.yaml").read_text().replace(
        "source: sources/narrative.txt\n", "source: sources/narrative.txt\nreporting_period: {start: 2024-04-01, end: 2025-03-31}\n"
    ).replace("quote: The government convicted three traffickers", 'quote: "The government\\tconvicted\\nthree traffickers"'))
    run = invoke("validate", str(f))
    assert run.code == 0, run.err
    f.write_text(f.read_text().replace("{start: 2024-04-01, end: 2025-03-31}", "{start: '2024-04-01', end: '1 April 2025'}"))
    run = invoke("validate", str(f))  # a quoted ISO date is the same date; other strings are not dates
    assert run.code == 2 and "(1 problem)" in run.err and "reporting_period.end: Input should be a valid date" in run.err


def test_yaml_merge_of_a_scalar_is_refused(tmp_path):
    bad = tmp_path / "merge.yaml"
    bad.write_text("country: Testland\n<<: 5\n")
    run = invoke("assess", str(bad))
    assert run.code == 2 and "'<<' merges mappings only" in run.err


@pytest.mark.parametrize(
    "facts, phrase",
    [
        ("    convictions: {value: 0, quote: The government convicted three traffickers}\n"
         "    years_without_convictions: {value: 0, quote: For the fourth consecutive year}\n",
         "years_without_convictions is 0 but prosecution.convictions is 0"),
        ("    convictions: {value: 3, quote: The government convicted three traffickers, prior_year: 2025}\n",
         "prior_year 2025 is not before report year 2025"),
    ],
)
def test_impossible_combinations_are_errors(tmp_path, facts, phrase):
    shutil.copytree(HOSTILE / "sources", tmp_path / "sources")
    f = tmp_path / "e.yaml"
    f.write_text("country: Testland\nreport_year: 2025\nsource: sources/narrative.txt\nfacts:\n  prosecution:\n" + facts)
    run = invoke("assess", str(f))
    assert run.code == 2 and phrase in run.err, run.err


def test_waiver_in_a_year_not_on_the_watch_list_is_an_error(tmp_path):
    shutil.copytree(HOSTILE / "sources", tmp_path / "sources")
    f = tmp_path / "e.yaml"
    f.write_text("country: Testland\nreport_year: 2025\nsource: sources/narrative.txt\n"
                 "history: {tiers: {2023: '2', 2024: 2WL}, waivers: [2023]}\n")
    run = invoke("assess", str(f))
    assert run.code == 2
    assert run.err.startswith(f"{f}:4:") and "history.waivers holds 2023" in run.err


def test_unusual_but_possible_combinations_are_warnings_and_still_assessed(tmp_path):
    shutil.copytree(HOSTILE / "sources", tmp_path / "sources")
    f = tmp_path / "e.yaml"
    f.write_text(
        "country: Testland\nreport_year: 2025\nsource: sources/narrative.txt\nfacts:\n  prosecution:\n"
        "    prosecutions: {value: 1, quote: The government convicted three traffickers}\n"
        "    convictions: {value: 3, quote: The government convicted three traffickers}\n"
    )
    run = invoke("assess", str(f), "--format", "json")
    assert run.code == 0, run.err
    assert run.json()["country"] == "Testland"
    (line,) = run.err.splitlines()
    m = LINE.match(line)
    assert m and int(m["line"]) == 7
    assert m["message"].startswith("warning: prosecution.convictions (3) exceeds prosecution.prosecutions (1)")


@pytest.mark.parametrize("args", [("assess", "-f", "text"), ("assess", "-f", "markdown"), ("review", "-f", "csv"), ("validate",)])
def test_no_escape_sequence_reaches_the_terminal(tmp_path, args):
    """Issue 11 item 4: an escape in the evidence is refused; one in a file name is shown escaped."""
    shutil.copytree(HOSTILE / "sources", tmp_path / "sources")
    named = tmp_path / "x\x1b]0;owned\x07\x9b2J.yaml"
    shutil.copy(HOSTILE / "valid.yaml", named)
    run = invoke(args[0], str(HOSTILE / "escape_sequence_country.yaml"), str(named), *args[1:])
    assert run.code == 2
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", run.out + run.err), (run.out + run.err)
    if args[1:] in (("-f", "markdown"), ("-f", "csv")):  # they print the file name whole
        assert "x\\x1b]0;owned\\x07\\x9b2J.yaml" in run.out + run.err
