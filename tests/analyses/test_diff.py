"""`tierengine diff`: a copy of the rules with one rule changed, compared for real through the CLI."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, RULES, run_cli

FILES = [str(ROOT / "evidence" / n) for n in ("belarus_2025.yaml", "cuba_2024.yaml", "lebanon_2021.yaml")]
POLICY_NO = '        then: "no"\n        statement: A government policy or pattern of trafficking is proof'


@pytest.fixture
def changed_rules(tmp_path):
    """The shipped rules, except that a policy or pattern now counts as significant efforts."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    path = target / "40_determinations.yaml"
    text = path.read_text()
    assert POLICY_NO in text
    path.write_text(text.replace(POLICY_NO, POLICY_NO.replace('"no"', '"yes"'), 1))
    return target


def test_json_names_the_first_difference_and_the_rules_on_each_side(changed_rules):
    run = run_cli("diff", str(RULES), str(changed_rules), *FILES, "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert (data["n"], data["changed"], data["tier_changed"]) == (3, 2, 2)
    belarus = next(c for c in data["changes"] if c["country"] == "Belarus")
    assert belarus["tier_before"] == "Tier 3" and belarus["tier_after"] != "Tier 3"
    first = belarus["first_difference"]
    assert first["finding"] == "significant_efforts"
    assert (first["old"]["value"], first["new"]["value"]) == ("no", "yes")
    assert first["old"]["rule"] == first["new"]["rule"] == "significant_efforts.policy_or_pattern"
    assert first["old"]["citation"] == "22 U.S.C. 7107(b)(3)(B)"
    assert "tier" in belarus["also_differ"]
    assert all(c["country"] != "Lebanon" for c in data["changes"])  # no policy or pattern recorded: nothing moves
    assert data["summary"].startswith("3 assessments, 2 changed (2 in tier): Tier 3 -> ")


def test_text_markdown_github_and_exit_codes(changed_rules):
    text = run_cli("diff", str(RULES), str(changed_rules), *FILES)
    assert text.code == 0 and "3 assessments, 2 changed" in text.out
    assert "first difference significant_efforts: no by significant_efforts.policy_or_pattern [22 U.S.C. 7107(b)(3)(B)]" in text.out
    md = run_cli("diff", str(RULES), str(changed_rules), *FILES, "--format", "markdown").out
    assert "| Belarus 2025 | Tier 3 → " in md and "`significant_efforts.policy_or_pattern` (no)" in md
    gh = run_cli("diff", str(RULES), str(changed_rules), *FILES, "--format", "github").out.splitlines()
    assert gh[0].startswith("::warning file=") and "belarus_2025.yaml" in gh[0]
    assert gh[-1].startswith("::notice title=tierengine diff::3 assessments, 2 changed")
    assert run_cli("diff", str(RULES), str(changed_rules), *FILES, "--fail-on-change").code == 1


def test_same_rules_change_nothing():
    run = run_cli("diff", str(RULES), str(RULES), *FILES, "--fail-on-change")
    assert run.code == 0, run.err
    assert run.out.startswith(f"Rules {RULES} -> {RULES}: 3 assessments, 0 changed (0 in tier)")


def test_bad_rules_and_evidence_exit_2(changed_rules, tmp_path):
    (changed_rules / "40_determinations.yaml").write_text("findings: [\n")
    run = run_cli("diff", str(RULES), str(changed_rules), *FILES)
    assert run.code == 2 and "40_determinations.yaml:" in run.err and "Traceback" not in run.err
    missing = tmp_path / "nope.yaml"
    run = run_cli("diff", str(RULES), str(RULES), FILES[0], str(missing), "--format", "json")
    assert run.code == 2 and f"{missing}:1:1:" in run.err and run.json()["n"] == 1


def test_a_new_finding_is_listed_once_not_counted_on_every_file(tmp_path):
    """A finding only the new rules define (here: a recorded consideration no rule reads) is
    named once in the summary; an assessment changes only where a finding both define moves."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    (target / "41_extra.yaml").write_text(
        "findings:\n"
        "  - id: extra_consideration\n"
        "    title: A consideration recorded for a reviewer\n"
        "    label: extra consideration\n"
        "    citation: 22 U.S.C. 7107(b)(3)(A)(i)\n"
        "    layer: consideration\n"
        "    values: [stated, not_determinable]\n"
        "    default: not_determinable\n"
        "    default_statement: Nothing recorded.\n"
        "    rules:\n"
        "      - id: extra_consideration.origin\n"
        "        citation: 22 U.S.C. 7107(b)(3)(A)(i)\n"
        "        effective: {from: 2001}\n"
        "        when: {fact: overall.country_of_origin, eq: true}\n"
        "        then: stated\n"
        "        statement: The report names the country a country of origin.\n"
    )
    run = run_cli("diff", str(RULES), str(target), *FILES, "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert (data["n"], data["changed"], data["added_findings"]) == (3, 0, ["extra_consideration"])
    assert "new findings (not compared): extra_consideration" in data["summary"]
