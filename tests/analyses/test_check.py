"""`tierengine check`: green on the shipped rules, red on each broken rule set.

Each case in tests/fixtures/rules_broken/<case>/case.yaml breaks one thing of a copy of
the shipped rules (a text replacement in one file, so the cases follow the rules as
they change) and names the issue the checker must report.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, RULES, run_cli
from fact_tables import random_table
from tierengine.analyses.check import ERROR, WARNING, _eval3, check_rules, spans
from tierengine.rules.conditions import evaluate

BROKEN = ROOT / "tests" / "fixtures" / "rules_broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "case.yaml").is_file())
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def broken_rules(case: str, tmp: Path) -> tuple[Path, dict]:
    spec = yaml.safe_load((BROKEN / case / "case.yaml").read_text())
    target = tmp / "rules"
    shutil.copytree(RULES, target)
    path = target / spec["file"]
    text = path.read_text()
    assert text.count(spec["old"]) == 1, f"{case}: the text to break is no longer in rules/{spec['file']}; update case.yaml"
    path.write_text(text.replace(spec["old"], spec["new"]))
    return target, spec


def test_the_shipped_rules_have_no_errors():
    run = run_cli("check", str(RULES))
    assert run.code == 0, run.err
    *issues, summary = run.err.splitlines()
    assert summary.startswith("0 error(s)")
    assert all(LINE.match(line) and LINE.match(line)["severity"] == WARNING for line in issues), issues


def test_json_output_lists_issues_with_locations():
    run = run_cli("check", str(RULES), "--format", "json")
    assert run.code == 0
    report = run.json()
    assert report["ok"] is True and report["errors"] == 0
    for issue in report["issues"]:
        assert {"severity", "check", "file", "line", "col", "message"} <= issue.keys()
        assert Path(issue["file"]).is_file() and issue["line"] >= 1


@pytest.mark.parametrize("case", CASES)
def test_each_broken_rule_set_is_reported(case, tmp_path):
    rules_dir, spec = broken_rules(case, tmp_path)
    issues = check_rules(rules_dir)
    hits = [i for i in issues if spec["expect"] in i.message]
    assert hits, (case, [str(i) for i in issues])
    assert hits[0].severity == spec["severity"] and hits[0].check == spec["check"], str(hits[0])
    assert Path(hits[0].file).resolve().is_relative_to(rules_dir.resolve())
    if spec["severity"] == ERROR:
        assert hits[0].line > 1 or spec["check"] in ("load", "compile"), str(hits[0])


@pytest.mark.parametrize("case", ["cycle", "table_gap", "overlap_undeclared"])
def test_the_command_exits_2_on_errors_and_strict_fails_warnings(case, tmp_path):
    rules_dir, spec = broken_rules(case, tmp_path)
    run = run_cli("check", str(rules_dir), "--strict")
    assert run.code == 2
    lines = [line for line in run.err.splitlines() if spec["expect"] in line]
    assert lines and LINE.match(lines[0]), run.err
    plain = run_cli("check", str(rules_dir), "--format", "json")
    assert plain.code == (2 if spec["severity"] == ERROR else 0)
    assert plain.json()["ok"] is (spec["severity"] != ERROR)


def test_a_gap_names_an_input_that_matches_no_row(tmp_path):
    rules_dir, _ = broken_rules("table_gap", tmp_path)
    (gap,) = [i for i in check_rules(rules_dir) if i.check == "table-gap"]
    assert "tier.base = Tier 3" in gap.message and "matches no row" in gap.message


def test_three_valued_reading_agrees_with_evaluate_on_complete_inputs(rules):
    """The checker's search prunes with a three-valued reading; on full inputs it must be evaluate."""
    rng = random.Random(3)
    conds = [r.when for r in rules.rules.values()]
    for _ in range(300):
        facts = random_table(rng)
        findings = {fid: rng.choice(f.spec.values) for fid, f in rules.findings.items()}
        params = rules.params_at(rng.randint(2009, 2030))  # years in which every parameter has a value
        for cond in conds:
            assert _eval3(cond, facts, findings, params) == evaluate(cond, facts, findings, params)
        # with nothing known yet, a condition is undecided unless it is constant
        assert all(_eval3(c, {}, {}, params) in (None, True, False) for c in conds)


def test_spans_collapse_years():
    assert spans([2001, 2002, 2003, 2010, 2012, 2013]) == "2001–2003, 2010, 2012–2013"
