"""`tierengine coverage` over the repository's evidence and the test fixtures, as CI runs it."""

from __future__ import annotations

from conftest import BELARUS, ROOT, run_cli
from reference_evaluator import reference_evaluate

VALID = ROOT / "tests" / "fixtures" / "hostile" / "valid.yaml"


def test_coverage_of_the_repository_and_test_evidence():
    run = run_cli("coverage", str(ROOT / "evidence"), str(VALID), "--format", "json")
    assert run.code == 0, run.err
    report = run.json()
    assert report["files"] >= 2 and 2025 in report["report_years"]
    rules = report["rules"]
    assert 0 < rules["fired"] <= rules["in_force"] <= rules["total"]
    assert rules["percent"] == round(100 * rules["fired"] / rules["in_force"], 1)
    assert set(report["tables"]) == {"tier.base", "tier"}
    for table in report["tables"].values():
        assert table["rows"] == len(table["decided"])
        assert set(table["never_decided"]) == {row for row, n in table["decided"].items() if n == 0}
    never = {item["rule"] for item in report["never_fired"]}
    assert never.isdisjoint(report["fired"])
    assert all(item["line"] > 1 and item["file"].endswith(".yaml") for item in report["never_fired"])


def test_belarus_alone_fires_exactly_what_the_reference_evaluator_says(rules, belarus):
    run = run_cli("coverage", str(BELARUS), "--format", "json")
    assert run.code == 0, run.err
    report = run.json()
    expected = reference_evaluate(rules, 2025, belarus.facts)
    assert set(report["fired"]) == set(expected.fired)
    assert report["tables"]["tier.base"]["decided"][expected.chosen["tier.base"]] == 1
    in_force_2025 = {r.id for r in rules.rules.values() if r.spec.effective.covers(2025)}
    assert {i["rule"] for i in report["never_fired"]} == in_force_2025 - set(expected.fired)
    assert {i["rule"] for i in report["not_in_force"]} == set(rules.rules) - in_force_2025


def test_threshold_fails_below_and_passes_above():
    below = run_cli("coverage", str(BELARUS), "--threshold", "100")
    assert below.code == 1
    assert "below the threshold of 100%" in below.err
    assert "never fired:" in below.out
    above = run_cli("coverage", str(BELARUS), "--threshold", "5")
    assert above.code == 0, above.err


def test_a_bad_file_is_reported_and_the_rest_still_counted(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: [\n")
    run = run_cli("coverage", str(bad), str(BELARUS), "--format", "json")
    assert run.code == 2
    assert run.json()["files"] == 1
    assert run.err.startswith(f"{bad}:") and "malformed YAML" in run.err
