"""--format github: workflow annotations that point at the evidence lines concerned."""

from __future__ import annotations

import shutil

from conftest import BELARUS, ROOT, run_cli


def _line_of(path, text: str) -> int:
    return path.read_text().splitlines().index(text) + 1


def test_disagreement_warns_on_the_deciding_fact_line(evidence_copy):
    text = evidence_copy.read_text().replace("  tier: Tier 3\n", "  tier: Tier 2\n", 1)
    evidence_copy.write_text(text)
    from tierengine.assessment.assess import assess_file
    from tierengine.rules.ruleset import load_rules

    node = assess_file(evidence_copy, load_rules(ROOT / "rules")).justification
    while not hasattr(node, "evidence"):  # the chain's first evidence fact, depth first
        node = node.children[0]
    first_leaf = {"evidence": node.evidence}
    group, name = first_leaf["evidence"].split(".")
    run = run_cli("assess", str(evidence_copy), "--format", "github")
    assert run.code == 0  # disagreement fails only with --fail-on-mismatch
    warnings = [line for line in run.out.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 1
    # the line where the deciding fact is written under facts.<group>
    lines = evidence_copy.read_text().splitlines()
    group_line = lines.index(f"  {group}:")
    fact_line = next(i for i in range(group_line, len(lines)) if lines[i] == f"    {name}:") + 1
    assert warnings[0].startswith(f"::warning file={evidence_copy},line={fact_line},")
    assert "recommended Tier 3, published Tier 2" in warnings[0] and first_leaf["evidence"] in warnings[0]
    assert run_cli("assess", str(evidence_copy), "--format", "github", "--fail-on-mismatch").code == 1


def test_agreement_gives_a_log_line_and_no_annotation():
    run = run_cli("assess", str(BELARUS), "--format", "github")
    assert run.code == 0
    assert not [line for line in run.out.splitlines() if line.startswith("::")]
    assert "Belarus 2025: Tier 3 (published Tier 3; agrees" in run.out


def test_invalid_evidence_becomes_an_error_annotation(evidence_copy):
    text = evidence_copy.read_text().replace("      value: 56\n", "      value: fifty-six\n")
    evidence_copy.write_text(text)
    line = _line_of(evidence_copy, "      value: fifty-six")
    run = run_cli("assess", str(evidence_copy), "--format", "github")
    assert run.code == 2
    assert run.out.startswith(f"::error file={evidence_copy},line={line},col=")


def test_values_are_escaped_as_the_runner_expects():
    from tierengine.render.github import command
    from tierengine.errors import Problem
    from tierengine.render.github import problem

    line = command("error", "50% of\nvictims", "a,b:c.yaml", 3, 4)
    assert line == "::error file=a%2Cb%3Ac.yaml,line=3,col=4::50%25 of%0Avictims"
    assert "\n" not in problem(Problem("f.yaml", 1, 2, "x\r\ny"))


def test_every_string_is_escaped_so_no_line_starts_a_workflow_command():
    """Issue 11 item 3: a newline in any string printed raw '::add-mask::' and '::error' lines."""
    from types import SimpleNamespace

    from tierengine.errors import Problem
    from tierengine.render.github import command, problem, summary_lines

    hostile = "X\n::add-mask::secret\r\n::error file=README.md,line=1::forged"
    a = SimpleNamespace(evidence_file="::e%v,1:.yaml\n::warning::x", country=hostile, report_year=2025, tier="Tier 3", shown_tier=hostile,
                        published_tier="Tier 2", agrees=False, deciding_rule=hostile, justification=None)
    lines = summary_lines([a])
    lines.append(problem(Problem(hostile, 1, 2, hostile)))
    lines.append(command("notice", hostile, title=hostile))
    for line in lines:
        assert "\n" not in line and "\r" not in line
    commands = [line for line in lines if line.lstrip().startswith("::")]
    assert [c.split(" ", 1)[0].split("::")[1] for c in commands] == ["warning", "error", "notice"]
    warning = commands[0]
    # properties: % first, then CR, LF, ':' and ','; data: %, CR, LF
    assert warning.startswith("::warning file=%3A%3Ae%25v%2C1%3A.yaml%0A%3A%3Awarning%3A%3Ax,line=1,")
    assert "X%0A::add-mask::secret%0D%0A::error file=README.md,line=1::forged" in warning
    assert not lines[0].startswith("::")  # the plain log line, though the file name starts with '::'


def test_a_file_name_with_a_newline_cannot_inject_a_command(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "hostile" / "sources", tmp_path / "sources")
    evil = tmp_path / "x\n::add-mask::secret.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "hostile" / "valid.yaml", evil)
    for args in (("assess", str(evil), "-f", "github"), ("review", str(evil), "-f", "github"), ("validate", str(evil), "-f", "github")):
        run = run_cli(*args)
        assert run.code == 0, run.err
        assert not [line for line in (run.out + run.err).splitlines() if line.lstrip().startswith("::add-mask")], args
