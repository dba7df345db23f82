"""Start-up: listing commands must not pay for the engine, and the start-up cache changes
no output (issue 10 §2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import BELARUS, ROOT, run_cli

PROBE = """
import sys
from tierengine.cli.app import main
sys.argv = ["tierengine", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("durable", "durable.engine", "durable_rules_engine", "pydantic.main", "tierengine.evidence.model", "tierengine.rules.ruleset", "yaml") if m in sys.modules]
print("HEAVY", heavy, file=sys.stderr)
"""


def probe(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("args", [["--help"], ["assess", "--help"], ["review", "--help"]])
def test_help_does_not_import_durable_rules_or_the_models(args):
    proc = probe(*args)
    assert "Usage" in proc.stdout
    assert "HEAVY []" in proc.stderr, proc.stderr


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_warm_assess_parses_no_yaml_and_builds_no_pydantic_model(tmp_path, fmt):
    """What the cache is for: a second run reads its rules, evidence and the package's own data
    (labels, templates) from JSON and rebuilds them without pydantic's model machinery
    (rules/spec.py, evidence/loaded.py, yamlsource.load_package_data)."""
    env = {"TIERENGINE_CACHE": str(tmp_path)}
    cold, warm = probe("assess", str(BELARUS), "--format", fmt, env=env), probe("assess", str(BELARUS), "--format", fmt, env=env)
    assert "'yaml'" in cold.stderr and "'pydantic.main'" in cold.stderr and warm.stdout == cold.stdout
    for module in ("'yaml'", "'pydantic.main'", "'tierengine.evidence.model'"):
        assert module not in warm.stderr, warm.stderr
    assert "'durable.engine'" in warm.stderr  # it really evaluates


def test_warm_output_is_the_cold_output_on_the_whole_corpus(tmp_path):
    """The cache (evidence/cache.py) changes how fast, never what: stdout, stderr (warnings
    included) and the exit code of a warm run are the cold run's, for every evidence file."""
    env = {"TIERENGINE_CACHE": str(tmp_path / "cache")}
    args = ["assess", *sorted(f"evidence/{p.name}" for p in (ROOT / "evidence").glob("*.yaml")), "--format", "json", "--fail-on-mismatch"]
    cold = run_cli(*args, env={**env, "TIERENGINE_NO_CACHE": "1"})
    assert not (tmp_path / "cache").exists()
    filling = run_cli(*args, env=env)
    warm = run_cli(*args, env=env)
    assert len(cold.json()) == len(args) - 4
    assert (warm.code, warm.out, warm.err) == (filling.code, filling.out, filling.err) == (cold.code, cold.out, cold.err)
    assert len(list((tmp_path / "cache").glob("evidence-*.json"))) == len(cold.json())


@pytest.mark.parametrize("garbage", [b"\xff\xfe not json", b'{"format": 1}'])
def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path, garbage):
    env = {"TIERENGINE_CACHE": str(tmp_path)}
    first = run_cli("assess", str(BELARUS), "--format", "json", env=env)
    for entry in tmp_path.glob("*.json"):
        entry.write_bytes(garbage)
    again = run_cli("assess", str(BELARUS), "--format", "json", env=env)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert all(entry.read_bytes() != garbage for entry in tmp_path.glob("*.json"))


def test_an_unwritable_cache_and_no_cache_still_work(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    expected = run_cli("--no-cache", "assess", str(BELARUS), "--format", "json", env={"TIERENGINE_CACHE": str(tmp_path / "unused")})
    assert expected.code == 0 and not (tmp_path / "unused").exists()
    got = run_cli("assess", str(BELARUS), "--format", "json", env={"TIERENGINE_CACHE": str(blocked / "cache")})
    assert (got.code, got.out, got.err) == (expected.code, expected.out, expected.err)
