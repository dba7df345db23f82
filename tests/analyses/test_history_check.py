"""`tierengine history`: the engine's Watch List rules applied to a tier table, run as the real command."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures"
SMALL = FIXTURES / "history_small.csv"


def _flags(data, kind):
    return {(f["country"], f["year"]): f for f in data["flags"] if f["kind"] == kind}


def test_counts_and_each_kind_of_finding():
    run = run_cli("history", str(SMALL), "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["countries"] == 5 and data["rows"] == 38
    assert data["counts"] == {"waiver": 3, "violation": 3, "gap": 1}
    assert set(_flags(data, "waiver")) == {("Fiveland", 2011), ("Fiveland", 2012), ("Lateland", 2020)}
    violations = _flags(data, "violation")
    assert set(violations) == {("Fiveland", 2013), ("Lateland", 2021), ("Returnland", 2021)}
    assert set(_flags(data, "gap")) == {("Gapland", 2014)}


def test_violations_carry_rule_citation_and_line():
    data = run_cli("history", str(SMALL), "--format", "json").json()
    v = _flags(data, "violation")
    # before 2019 two waiver years were available, so the fifth Watch List year is the first forbidden one
    assert v[("Fiveland", 2013)]["rule"] == "tier.auto_downgrade"
    assert v[("Fiveland", 2013)]["citation"] == "22 U.S.C. 7107(b)(2)(D)(i)"
    # from 2019 only one waiver year: the fourth Watch List year is forbidden
    assert v[("Lateland", 2021)]["rule"] == "tier.auto_downgrade"
    assert v[("Returnland", 2021)]["rule"] == "tier.one_year_rule"
    assert v[("Returnland", 2021)]["citation"] == "22 U.S.C. 7107(b)(2)(F)"
    lines = SMALL.read_text().splitlines()
    assert lines[v[("Returnland", 2021)]["line"] - 1] == "Returnland,2021,2WL"


def test_rule_parameters_drive_the_check(tmp_path):
    """The check reads the rule set, so a changed waiver limit changes the result."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    params = rules / "00_ruleset.yaml"
    params.write_text(params.read_text().replace("{effective: {from: 2019}, value: 1}", "{effective: {from: 2019}, value: 2}"))
    data = run_cli("history", str(SMALL), "--format", "json", "--rules", str(rules)).json()
    assert ("Lateland", 2021) not in _flags(data, "violation")
    assert ("Lateland", 2021) in _flags(data, "waiver")


def test_text_and_markdown_outputs():
    text = run_cli("history", str(SMALL))
    assert text.code == 0, text.err
    assert "3 violation(s), 3 waiver(s) needed, 1 gap(s)" in text.out
    assert "Returnland" in text.out and "7107(b)(2)(F)" in text.out
    md = run_cli("history", str(SMALL), "--format", "markdown")
    assert md.code == 0
    assert "### Sequences the statute forbids (3)" in md.out
    assert "`tier.one_year_rule` [22 U.S.C. 7107(b)(2)(F)]" in md.out


def test_bad_rows_are_located_and_exit_2():
    run = run_cli("history", str(FIXTURES / "history_bad.csv"))
    assert run.code == 2
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert lines[0].endswith("history_bad.csv:3:3: year '20x1' is not a whole number")
    assert "history_bad.csv:4:8: unknown tier 'Tier 9'" in lines[1]
    assert "Traceback" not in run.err


def test_missing_header_and_missing_file(tmp_path):
    bad = tmp_path / "t.csv"
    bad.write_text("A,2010,2\n")
    run = run_cli("history", str(bad))
    assert run.code == 2 and f"{bad}:1:1: expected the header 'country,year,tier'" in run.err
    gone = run_cli("history", str(tmp_path / "nope.csv"))
    assert gone.code == 2 and "nope.csv:1:1: cannot read the table" in gone.err


def test_shared_table_runs_whole():
    shared = ROOT.parent / "shared" / "data" / "tier_history.csv"
    run = run_cli("history", str(shared), "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["rows"] > 3000 and data["checked"] > 3000
    # Belarus 2011-2014: four Watch List years, the last two by waiver (2 waiver years before 2019)
    waivers = _flags(data, "waiver")
    assert ("Belarus", 2013) in waivers and ("Belarus", 2014) in waivers


def test_one_year_rule_follows_the_text_and_lists_differing_placements_for_a_reviewer():
    """22 U.S.C. 7107(b)(2)(F), from 2019: after a full run and a later Tier 3 placement, at
    most one consecutive Watch List year, however long ago the run and whatever came between."""
    data = run_cli("history", str(FIXTURES / "history_one_year.csv"), "--format", "json").json()
    violations = _flags(data, "violation")
    assert set(violations) == {("Backland", 2019), ("Backland", 2020), ("Againland", 2025), ("Hiddenland", 2022)}
    assert all(v["rule"] == "tier.one_year_rule" for v in violations.values())
    assert _flags(data, "gap") == {}  # Hiddenland's missing years do not hide its 2013-2014 run and 2015 downgrade


HOSTILE = FIXTURES / "hostile"


def test_every_bad_row_is_a_located_error_and_a_byte_order_mark_is_accepted():
    """Issue 11 item 7: rows with impossible years were skipped silently with exit 0."""
    run = run_cli("history", str(HOSTILE / "history_bad_rows.csv"), timeout=30)
    assert run.code == 2
    shown = str(HOSTILE / "history_bad_rows.csv")
    assert run.err.splitlines() == [
        f"{shown}:3:10: year '-5' is not a report year the rules cover (2001–2030)",
        f"{shown}:4:10: year '0' is not a report year the rules cover (2001–2030)",
        f"{shown}:5:10: year '99999999999999999999' is not a report year the rules cover (2001–2030)",
        f"{shown}:6:10: year '2040' is not a report year the rules cover (2001–2030)",
        f"{shown}:7:15: unknown tier 'Tier 9' (use one of: Tier 1, Tier 2, Tier 2 Watch List, Tier 3, Special Case)",
    ]


def test_a_table_over_the_size_limit_is_refused_without_reading_it_whole(tmp_path):
    from tierengine.analyses.history_check import MAX_TABLE_BYTES

    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.write(b"country,year,tier\n")
        handle.truncate(MAX_TABLE_BYTES + 1)
    run = run_cli("history", str(big), timeout=30)
    assert run.code == 2 and run.err.strip() == f"{big}:1:1: the table is larger than the {MAX_TABLE_BYTES:,}-byte limit"
