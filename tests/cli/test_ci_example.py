"""docs/ci-example.yml: the example GitHub workflow parses and its tierengine steps run here."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import ROOT, run_cli

WORKFLOW = yaml.safe_load((ROOT / "docs" / "ci-example.yml").read_text())
STEPS = [s for job in WORKFLOW["jobs"].values() for s in job["steps"] if str(s.get("run", "")).startswith("tierengine ")]
ANNOTATION = re.compile(r"^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::.+")


def test_workflow_runs_check_validate_and_strict_review():
    assert WORKFLOW["on"] if "on" in WORKFLOW else WORKFLOW[True]  # PyYAML reads `on:` as True
    commands = [s["run"] for s in STEPS]
    assert [c.split()[1] for c in commands] == ["check", "validate", "review"]
    assert "--format github" in commands[1] and "--strict" in commands[2] and "--format github" in commands[2]


@pytest.mark.parametrize("step", STEPS, ids=[s["run"] for s in STEPS])
def test_workflow_step_runs(step):
    from typer.testing import CliRunner

    from tierengine.cli.app import app

    argv = shlex.split(step["run"])
    name = argv[1]
    help_ = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    if help_.exit_code != 0:
        pytest.skip(f"`tierengine {name}` does not exist yet")
    if "--format github" in step["run"] and "github" not in help_.output:
        pytest.skip(f"`tierengine {name}` has no --format github yet")
    run = run_cli(*argv[1:])
    # review --strict exits 1 when a recommendation differs from the published tier: that is
    # its job in CI; anything else (2 invalid input, 3 engine error) is a broken corpus or bug
    allowed = (0, 1) if "--strict" in argv else (0,)
    assert run.code in allowed, run.err
    if "--format github" in step["run"]:
        for line in run.out.splitlines():
            if line.startswith("::"):
                assert ANNOTATION.match(line), line
                if line.startswith(("::error", "::warning")):
                    assert re.match(r"::\w+ file=[^,]+,line=\d+", line), line  # shown on a line of a file
        if run.code == 1:
            assert any(line.startswith("::warning file=") and ",line=" in line for line in run.out.splitlines())
