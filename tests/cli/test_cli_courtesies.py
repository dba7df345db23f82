"""What people expect of any CLI: --version, completion, examples in --help, no colour
codes where they do not belong, and JSON on stdout with messages on stderr."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys

import pytest

from conftest import BELARUS, ROOT, run_cli

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _commands() -> list[str]:
    from tierengine.cli.app import app

    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_version_matches_the_installed_package():
    run = run_cli("--version")
    assert run.code == 0
    assert run.out.strip() == f"tierengine {importlib.metadata.version('tierengine')}"


def test_bash_completion_script_and_completion_work():
    script = run_cli("--show-completion", "bash")
    assert script.code == 0 and "complete " in script.out and "_TIERENGINE_COMPLETE" in script.out
    # what bash runs on <TAB>: the program completes command names
    run = run_cli(env={"_TIERENGINE_COMPLETE": "complete_bash", "COMP_WORDS": "tierengine vali", "COMP_CWORD": "1"})
    assert run.out.split() == ["validate"]


def test_every_command_has_an_example_in_its_help():
    """In-process for speed (one start-up per command adds up); the real command once below."""
    from typer.testing import CliRunner

    from tierengine.cli.app import app

    names = _commands()
    assert {"assess", "new", "schema", "validate"} <= set(names)
    runner = CliRunner()
    for name in names:
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, name
        assert re.search(r"Examples?:\s+tierengine " + name, result.output), f"`tierengine {name} --help` shows no example"
    real = run_cli("validate", "--help")
    assert real.code == 0 and re.search(r"Examples?:\s+tierengine validate", real.out)


def test_no_escape_codes_when_stdout_is_not_a_terminal():
    for args in (("assess", str(BELARUS)), ("--help",)):
        run = run_cli(*args)
        assert not ANSI.search(run.out) and not ANSI.search(run.err), args


def _in_terminal(args: list[str], env: dict) -> str:
    """Run with stdout on a pseudo-terminal, as a person at a shell would."""
    pty = pytest.importorskip("pty")
    exe = os.path.join(os.path.dirname(sys.executable), "tierengine")
    leader, follower = pty.openpty()
    proc = subprocess.Popen([exe, *args], stdout=follower, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_in_a_terminal_and_none_at_all_with_no_color():
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env.update(TERM="xterm-256color", COLUMNS="120")
    coloured = _in_terminal(["assess", str(BELARUS)], env)
    assert "Tier 3" in coloured and ANSI.search(coloured), "no styling in a terminal: the test cannot tell"
    for args in (["assess", str(BELARUS)], ["review", str(BELARUS)]):
        plain = _in_terminal(args, {**env, "NO_COLOR": "1"})
        assert "Tier 3" in plain and not ANSI.search(plain), args


def test_json_goes_to_stdout_and_messages_to_stderr(tmp_path):
    bad = tmp_path / "bad_2025.yaml"
    bad.write_text("country: [\n")
    run = run_cli("assess", str(BELARUS), str(bad), "--format", "json")
    assert run.code == 2
    assert [a["country"] for a in run.json()] == ["Belarus"]  # stdout is pure JSON
    assert run.err.startswith(f"{bad}:") and "{" not in run.err
    v = run_cli("validate", str(BELARUS), str(bad), "--format", "json")
    assert v.code == 2 and v.json()["valid"] == [str(BELARUS)] and str(bad) in v.err
    s = run_cli("schema")
    assert s.code == 0 and s.err == "" and s.out == (ROOT / "schemas" / "evidence.schema.json").read_text()
