"""`tierengine assess`, run as the real command."""

from __future__ import annotations

import json

from conftest import BELARUS, run_cli


def _walk(node):
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def test_belarus_is_tier_3_and_agrees_with_published():
    run = run_cli("assess", str(BELARUS), "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["country"] == "Belarus" and data["report_year"] == 2025
    assert data["tier"] == "Tier 3"
    assert data["published_tier"] == "Tier 3" and data["agrees"] is True
    assert len(data["rules"]["digest"]) == 16


def test_belarus_chain_names_policy_or_pattern_and_data_presumption():
    data = run_cli("assess", str(BELARUS), "--format", "json").json()
    nodes = list(_walk(data["justification"]))
    citations = [n.get("citation", "") for n in nodes]
    assert any(c.startswith("22 U.S.C. 7107(b)(3)(B)") for c in citations)
    assert any(c.startswith("22 U.S.C. 7106(b)(1)") for c in citations)
    # the policy-or-pattern proof rests on the forced-labour quote
    pp = next(n for n in nodes if n.get("rule") == "policy_or_pattern.found")
    leaf = next(c for c in pp["children"] if c.get("evidence") == "state.forced_labor")
    assert "labor therapy centers" in leaf["quote"]
    assert leaf["source"].endswith("sources/2025/belarus.txt") and leaf["line"] == 7


def test_every_node_has_rule_citation_statement_and_every_leaf_a_source():
    data = run_cli("assess", str(BELARUS), "--format", "json").json()
    for node in _walk(data["justification"]):
        if "evidence" in node:
            assert {"value", "quote", "source", "line"} <= node.keys()
        else:
            assert node["rule"] and node["citation"] and node["statement"]


def test_not_reached_covers_every_better_tier_with_failed_conditions():
    data = run_cli("assess", str(BELARUS), "--format", "json").json()
    assert [e["tier"] for e in data["not_reached"]] == ["Tier 1", "Tier 2", "Tier 2 Watch List"]
    tier2 = data["not_reached"][1]["blocked_by"]
    text = json.dumps(tier2)
    assert "significant_efforts" in text and "actual" in text


def test_several_files_give_a_json_array():
    run = run_cli("assess", str(BELARUS), str(BELARUS), "--format", "json")
    assert run.code == 0
    assert isinstance(run.json(), list) and len(run.json()) == 2


def test_text_and_markdown_formats_show_the_tier_and_quotes():
    text = run_cli("assess", str(BELARUS))
    assert text.code == 0 and "Tier 3" in text.out and "labor therapy centers" in text.out
    md = run_cli("assess", str(BELARUS), "--format", "markdown")
    assert md.out.startswith("## Belarus 2025: Tier 3") and "7107(b)(3)(B)" in md.out


def test_fail_on_mismatch_exits_1_when_published_tier_differs(evidence_copy):
    text = evidence_copy.read_text().replace("  tier: Tier 3\n", "  tier: Tier 2\n", 1)
    evidence_copy.write_text(text)
    run = run_cli("assess", str(evidence_copy), "--fail-on-mismatch", "--format", "json")
    assert run.code == 1
    assert run.json()["agrees"] is False
    assert run_cli("assess", str(evidence_copy), "--format", "json").code == 0


def test_invalid_evidence_exits_2_with_located_one_line_errors(evidence_copy):
    text = evidence_copy.read_text().replace("      value: 56\n", "      value: fifty-six\n")
    evidence_copy.write_text(text)
    run = run_cli("assess", str(evidence_copy))
    assert run.code == 2
    assert "Traceback" not in run.err
    line = run.err.strip().splitlines()[0]
    assert line.startswith(f"{evidence_copy}:") and "ngo_victims_identified.value" in line


def test_a_bad_file_does_not_stop_the_others(evidence_copy):
    bad = evidence_copy.with_name("bad_2025.yaml")
    bad.write_text("country: [\n")
    run = run_cli("assess", str(bad), str(evidence_copy), "--format", "json")
    assert run.code == 2
    assert [a["country"] for a in run.json()] == ["Belarus"]
    assert str(bad) in run.err


def test_bad_rules_directory_exits_2(tmp_path):
    (tmp_path / "r.yaml").write_text("findings: []\n")
    run = run_cli("assess", str(BELARUS), "--rules", str(tmp_path))
    assert run.code == 2 and "manifest" in run.err
