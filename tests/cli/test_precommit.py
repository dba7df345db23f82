"""The pre-commit hook definitions other repositories use: their commands run as written."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import ROOT, run_cli

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def _command_exists(name: str) -> bool:
    from tierengine.cli.app import app

    return any((c.name or c.callback.__name__) == name for c in app.registered_commands)


def _run_hook(hook: dict, files: list[str]):
    """What pre-commit runs: entry + args (+ the matching file names unless pass_filenames is false)."""
    argv = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert argv[0] == "tierengine"
    if hook.get("pass_filenames", True):
        argv += files
    return run_cli(*argv[1:])


def test_hooks_are_well_formed():
    assert set(HOOKS) == {"tierengine-validate", "tierengine-check"}
    for hook in HOOKS.values():
        assert {"id", "name", "entry", "language", "files"} <= hook.keys()
        assert hook["language"] == "python"  # installs this package, so `tierengine` is on PATH


def test_validate_hook_selects_evidence_but_not_sources():
    hook = HOOKS["tierengine-validate"]
    def selected(path):
        return re.search(hook["files"], path) and not re.search(hook.get("exclude", "^$"), path)

    assert selected("evidence/belarus_2025.yaml")
    assert not selected("evidence/sources/2025/belarus.txt")
    assert not selected("evidence/sources/2025/notes.yaml")
    assert not selected("rules/20_criteria.yaml")


def test_validate_hook_passes_good_evidence_and_fails_bad(evidence_copy):
    hook = HOOKS["tierengine-validate"]
    ok = _run_hook(hook, ["evidence/belarus_2025.yaml"])
    assert ok.code == 0, ok.err
    text = evidence_copy.read_text().replace("      value: 56\n", "      value: -3\n")
    evidence_copy.write_text(text)
    bad = _run_hook(hook, [str(evidence_copy)])
    assert bad.code == 2 and bad.err.startswith(f"{evidence_copy}:")


def test_check_hook_runs_on_the_rule_set():
    hook = HOOKS["tierengine-check"]
    assert re.search(hook["files"], "rules/20_criteria.yaml") and hook.get("pass_filenames") is False
    if not _command_exists("check"):
        pytest.skip("`tierengine check` does not exist yet (being built in commands/check.py)")
    run = _run_hook(hook, [])
    assert run.code == 0, run.err
