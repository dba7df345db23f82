"""Shared fixtures: the repository's rules, the Belarus evidence, and a real CLI runner."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELARUS = ROOT / "evidence" / "belarus_2025.yaml"
RULES = ROOT / "rules"

#: the start-up cache (evidence/cache.py) of this test session, never the user's real one;
#: the CLI subprocesses inherit it (and tests that import this module again get the same
#: directory); the process that made it removes it at exit
if not os.environ.get("TIERENGINE_TEST_CACHE"):
    os.environ["TIERENGINE_TEST_CACHE"] = tempfile.mkdtemp(prefix="tierengine-test-cache-")
    atexit.register(shutil.rmtree, os.environ["TIERENGINE_TEST_CACHE"], True)
CACHE = Path(os.environ["TIERENGINE_TEST_CACHE"])
os.environ["TIERENGINE_CACHE"] = str(CACHE)
os.environ.pop("TIERENGINE_NO_CACHE", None)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def bench_module(name: str):
    """A script of bench/ imported as a module (bench/ is not a package), for its tests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120) -> Run:
    """Run the installed ``tierengine`` command for real, as a user or CI would."""
    exe = shutil.which("tierengine", path=str(Path(sys.executable).parent)) or shutil.which("tierengine")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "tierengine.cli.app", *args]
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full_env, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def rules():
    from tierengine.rules.ruleset import load_rules

    return load_rules(RULES)


@pytest.fixture(scope="session")
def belarus():
    from tierengine.evidence.load import load_evidence

    return load_evidence(BELARUS, "evidence/belarus_2025.yaml")


@pytest.fixture
def evidence_copy(tmp_path):
    """A writable copy of the Belarus evidence (with its source) to break on purpose."""
    target = tmp_path / "evidence"
    shutil.copytree(ROOT / "evidence" / "sources", target / "sources")
    shutil.copy(BELARUS, target / "belarus_2025.yaml")
    return target / "belarus_2025.yaml"
