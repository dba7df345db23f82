"""`tierengine review`: agreement table, summary, confusion matrix, consistency; run as the real command."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from conftest import BELARUS, ROOT, run_cli

TEXT = BELARUS.read_text()


def _variant(directory, name, country=None, year=None, published=None):
    """A copy of the Belarus evidence with another country name, report year or published tier."""
    text = TEXT
    if country:
        text = text.replace("country: Belarus", f"country: {country}", 1)
    if year:
        text = text.replace("report_year: 2025", f"report_year: {year}", 1)
        text = text.replace("2024: \"3\"}", "}", 1) if year == 2024 else text
    if published:
        text = text.replace("  tier: Tier 3\n  determination", f"  tier: {published}\n  determination", 1)
    path = directory / name
    path.write_text(text)
    return path


@pytest.fixture
def corpus(tmp_path):
    """Four files: Belarus 2024 and 2025, and two same-year twins with other published tiers."""
    d = tmp_path / "evidence"
    shutil.copytree(ROOT / "evidence" / "sources", d / "sources")
    _variant(d, "belarus_2025.yaml")
    _variant(d, "belarus_2024.yaml", year=2024, published="Tier 2 Watch List")
    _variant(d, "twin_2025.yaml", country="Twinland", published="Tier 2")
    _variant(d, "other_2025.yaml", country="Otherland", published="Tier 1")
    return d


def test_table_summary_and_exit_code(corpus):
    run = run_cli("review", str(corpus))
    assert run.code == 0, run.err
    assert "Belarus" in run.out and "Twinland" in run.out and "tier.base.tier3" in run.out
    assert "Exact agreement: 1/4 (25.0%); within one step: 2/4 (50.0%)." in run.out
    assert "Tier 3: recall 1/1 (100.0%)" in run.out
    assert "Tier 1: recall 0/1 (0.0%)" in run.out


def test_strict_fails_on_disagreement(corpus):
    assert run_cli("review", str(corpus), "--strict").code == 1
    assert run_cli("review", str(corpus / "belarus_2025.yaml"), "--strict").code == 0


def test_json_summary_confusion_and_assess_contract(corpus):
    run = run_cli("review", str(corpus), "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    s = data["summary"]
    assert (s["n"], s["exact"], s["within_one"], s["invalid"]) == (4, 1, 2, 0)
    assert s["confusion"]["Tier 3"]["Tier 3"] == 1
    assert s["confusion"]["Tier 2 Watch List"]["Tier 3"] == 1
    assert s["confusion"]["Tier 2"]["Tier 3"] == 1 and s["confusion"]["Tier 1"]["Tier 3"] == 1
    assert s["per_tier"]["Tier 2"] == {"n": 1, "exact": 0, "recall": 0.0}
    one = next(a for a in data["assessments"] if a["country"] == "Belarus" and a["report_year"] == 2025)
    assert one["tier"] == "Tier 3" and one["agrees"] is True and one["schema_version"] == 2
    assert one["decided"] is True and one["possible_tiers"] == ["Tier 3"] and one["deciders"] == {}
    assert one["justification"]["rule"] and one["rules"]["digest"]


def test_consistency_findings(corpus):
    data = run_cli("review", str(corpus), "--format", "json").json()
    kinds = [c["kind"] for c in data["consistency"]]
    same = [c for c in data["consistency"] if c["kind"] == "same_findings_different_tier"]
    assert len(same) == 1 and "Otherland: Tier 1" in same[0]["message"] and "Twinland: Tier 2" in same[0]["message"]
    assert len(same[0]["files"]) == 3
    moved = [c for c in data["consistency"] if c["kind"] == "tier_moved_findings_did_not"]
    assert len(moved) == 1 and "Belarus 2024->2025" in moved[0]["message"]
    assert "findings_moved_tier_did_not" not in kinds


def test_findings_moved_while_tier_did_not(tmp_path):
    d = tmp_path / "ev"
    shutil.copytree(ROOT / "evidence" / "sources", d / "sources")
    _variant(d, "a_2025.yaml")
    # 2024: no policy or pattern recorded, so the determination differs while the published tier stays Tier 3
    earlier = _variant(d, "a_2024.yaml", year=2024)
    text = earlier.read_text()
    assert "    forced_labor:\n      value: true" in text
    earlier.write_text(text.replace("    forced_labor:\n      value: true", "    forced_labor:\n      value: false", 1))
    run = run_cli("review", str(d), "--format", "json")
    assert run.code == 0, run.err
    moved = [c for c in run.json()["consistency"] if c["kind"] == "findings_moved_tier_did_not"]
    assert len(moved) == 1 and "Belarus 2024->2025" in moved[0]["message"]
    assert "policy_or_pattern" in moved[0]["differing"]


def test_bad_file_is_reported_and_the_batch_goes_on(corpus):
    bad = corpus / "broken_2025.yaml"
    bad.write_text(TEXT.replace("report_year: 2025", "report_year: soon", 1))
    run = run_cli("review", str(corpus), "--format", "csv")
    assert run.code == 2
    assert f"{bad}:6:1: report_year" in run.err and "Traceback" not in run.err
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert len(rows) == 4  # the four good files are still reviewed
    data = run_cli("review", str(corpus), "--format", "json").json()
    assert data["summary"]["invalid"] == 1 and data["problems"][0]["line"] == 6


def test_csv_and_markdown(corpus):
    rows = list(csv.DictReader(io.StringIO(run_cli("review", str(corpus), "--format", "csv").out)))
    assert [r["country"] for r in rows] == ["Belarus", "Belarus", "Otherland", "Twinland"]
    first = rows[0]
    assert (first["year"], first["published"], first["recommended"], first["agrees"], first["within_one"]) == (
        "2024", "Tier 2 Watch List", "Tier 3", "false", "true")
    md = run_cli("review", str(corpus), "--format", "markdown").out
    assert "| Belarus | 2025 | Tier 3 | Tier 3 | ✓ | `tier.base.tier3` |" in md
    assert "### Confusion matrix" in md and "| Tier 3 | 0 | 0 | 0 | 1 |" in md


def test_sources_directory_is_skipped_and_missing_path_reported(tmp_path, corpus):
    (corpus / "sources" / "stray.yaml").write_text("not: evidence\n")
    run = run_cli("review", str(corpus), str(tmp_path / "nope"), "--format", "json")
    assert run.code == 2
    assert "nope:1:1: cannot read file" in run.err
    assert "stray.yaml" not in run.err
    assert run.json()["summary"]["n"] == 4


def test_warnings_are_printed_and_the_file_still_counts(tmp_path):
    """A plausible-but-odd figure (more prosecutions than investigations) warns, exit 0."""
    d = tmp_path / "ev"
    shutil.copytree(ROOT / "evidence" / "sources", d / "sources")
    path = _variant(d, "belarus_2025.yaml")
    text = path.read_text()
    old_inv = "    investigations:\n      reported: false\n      prior: 79\n"
    assert old_inv in text
    text = text.replace(old_inv, "    investigations:\n      value: 38\n      prior: 79\n", 1)
    text = text.replace("    prosecutions:\n      reported: false\n      prior: 38\n", "    prosecutions:\n      value: 79\n      prior: 38\n", 1)
    path.write_text(text)
    run = run_cli("review", str(d), "--format", "csv")
    assert run.code == 0, run.err
    assert ": warning: " in run.err and str(path) in run.err
    assert len(list(csv.DictReader(io.StringIO(run.out)))) == 1


def test_copies_of_one_country_year_count_once_with_a_warning_naming_both(tmp_path):
    """Issue 11 item 12: 47 copies of one file counted as 47 agreeing assessments."""
    shutil.copytree(ROOT / "evidence" / "sources", tmp_path / "sources")
    for i in range(3):
        shutil.copy(BELARUS, tmp_path / f"copy{i}.yaml")
    run = run_cli("review", str(tmp_path), "--format", "json")
    assert run.code == 0, run.err
    assert run.json()["summary"]["n"] == 1 and len(run.json()["assessments"]) == 1
    first = tmp_path / "copy0.yaml"
    assert run.err.splitlines() == [
        f"{tmp_path / f'copy{i}.yaml'}:1:1: warning: Belarus 2025 is also in {first}; counted once" for i in (1, 2)
    ]


def test_an_empty_directory_is_exit_2(tmp_path):
    run = run_cli("review", str(tmp_path))
    assert run.code == 2 and run.err.strip() == f"{tmp_path}:1:1: no evidence files (*.yaml) found"


def test_decided_share_soundness_and_steps():
    files = [str(ROOT / "evidence" / n) for n in ("belarus_2025.yaml", "lebanon_2021.yaml")]
    s = run_cli("review", *files, "--format", "json").json()["summary"]
    assert (s["n"], s["exact"], s["decided"], s["sound"]) == (2, 1, 1, 2)
    assert (s["decided_rate"], s["exact_among_decided_rate"], s["sound_rate"]) == (0.5, 1.0, 1.0)
    assert s["steps"]["tier"] == {"n": 2, "agree": 1, "undecided": 1, "rate": 0.5}
    assert s["steps"]["significant_efforts"]["n"] == 2 and s["steps"]["watch_list"]["n"] == 1
    assert s["confusion"]["Tier 2"]["not determinable"] == 1
    rows = {r["country"]: r for r in csv.DictReader(io.StringIO(run_cli("review", *files, "--format", "csv").out))}
    assert rows["Lebanon"]["recommended"] == "not determinable" and rows["Lebanon"]["decided"] == "false"
    assert rows["Lebanon"]["sound"] == "true" and "Tier 2" in rows["Lebanon"]["possible"].split("; ")
    assert (rows["Belarus"]["step_tier"], rows["Lebanon"]["step_tier"]) == ("agree", "undecided")
    text = run_cli("review", *files).out
    assert "Decided by the evidence: 1/2 (50.0%); exact among decided: 1/1 (100.0%)" in text
    assert "Step tier (published tier): agree 1/2 (50.0%), undecided 1." in text


def test_increasing_efforts_step_reads_the_published_sentence(rules, belarus):
    from dataclasses import replace

    from tierengine.analyses.review import step_outcomes
    from tierengine.assessment.assess import assess_loaded

    a = assess_loaded(belarus, rules)
    trigger = a.findings.get("watch_list.no_increasing_efforts")
    if not isinstance(trigger, bool):
        pytest.skip("the rule set does not decide the (iii)(II) trigger for Belarus 2025")
    assert "increasing_efforts" not in step_outcomes(a)  # nothing published: not compared
    assert step_outcomes(replace(a, published_increasing_efforts=not trigger))["increasing_efforts"] == "agree"
    assert step_outcomes(replace(a, published_increasing_efforts=trigger))["increasing_efforts"] == "differ"
    open_ = replace(a, findings={**a.findings, "watch_list.no_increasing_efforts": "not_determinable"}, published_increasing_efforts=True)
    assert step_outcomes(open_)["increasing_efforts"] == "undecided"


def test_review_counts_unencoded_statements():
    import yaml

    run = run_cli("review", "evidence/", "--format", "json")
    data = run.json()
    assert data["unencoded"]["evidence/belarus_2025.yaml"] == len(yaml.safe_load(BELARUS.read_text())["unencoded"]) >= 1
    text = run_cli("review", "evidence/")
    assert "Unencoded statements (no field holds them):" in text.out
