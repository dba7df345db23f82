"""docs/trainers.md: every ```sh command runs, and the walkthrough's claims hold."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT, run_cli

DOC = ROOT / "docs" / "trainers.md"


def _commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("tierengine ")]


def _args(command: str, tmp_path) -> list[str]:
    args = shlex.split(command)[1:]
    if "-o" in args:  # write the report into the test's directory, not the repository
        i = args.index("-o") + 1
        args[i] = str(tmp_path / args[i])
    return args


def test_walkthrough_has_the_four_steps():
    commands = " ".join(_commands())
    for step in ("tierengine assess", "--format html -o", "tierengine criteria", "tierengine whatif", "tierengine path"):
        assert step in commands


@pytest.mark.parametrize("command", _commands())
def test_command_runs(command, tmp_path):
    run = run_cli(*_args(command, tmp_path))
    assert run.code == 0, f"{command}\n{run.err}"
    if "-o" in command:
        assert (tmp_path / shlex.split(command)[-1]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_claims_about_the_path_to_tier2():
    data = run_cli("path", "evidence/belarus_2025.yaml", "--to", "Tier 2", "--format", "json").json()
    assert data["cut"] is None and data["exhaustive_up_to"] == 3 and data["sets"]
    assert all(s["size"] == 3 for s in data["sets"]), "the walkthrough says every minimal set has three changes"
    assert all(any(c["set"] == "state.forced_labor=false" for c in s["changes"]) for s in data["sets"])


def test_claims_about_whatif():
    one = run_cli("whatif", "evidence/belarus_2025.yaml", "--set", "state.forced_labor=false", "--format", "json").json()
    assert one["before"]["tier"] == one["after"]["tier"] == "Tier 3"
    four = [c for c in _commands() if c.startswith("tierengine whatif") and "convictions=3" in c]
    assert len(four) == 1
    data = run_cli(*shlex.split(four[0])[1:], "--format", "json").json()
    assert data["after"]["tier"] == "Tier 2 Watch List"
