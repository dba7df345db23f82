"""Start-up: listing commands must not pay for the engine (issue 10 §2)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
from tierengine.cli.app import main
sys.argv = ["tierengine", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = [m for m in ("durable", "durable.engine", "durable_rules_engine", "tierengine.evidence.model", "tierengine.rules.ruleset") if m in sys.modules]
print("HEAVY", heavy, file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["assess", "--help"], ["review", "--help"]])
def test_help_does_not_import_durable_rules_or_the_models(args):
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    assert "Usage" in proc.stdout
    assert "HEAVY []" in proc.stderr, proc.stderr
