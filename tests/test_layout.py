"""The pipeline is visible in the package layout, and imports go one way only.

A module may import from its own stage or a lower one, never a higher one (issue 10).
The check reads every import statement, including those inside functions, so a lazy
import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tierengine"

# Lowest first. Stages on the same level may import each other's modules only if listed
# together; everything may import the shared vocabulary (errors, tiers).
STAGES = [
    {"errors", "tiers"},
    {"evidence"},
    {"rules"},
    {"engine"},
    {"assessment"},
    {"analyses", "authoring"},
    {"render"},
    {"cli", "__main__"},
]
LEVEL = {name: i for i, group in enumerate(STAGES) for name in group}


def stage_of(module: str) -> str | None:
    """``tierengine.evidence.load`` -> ``evidence``; the package root itself has no stage."""
    parts = module.split(".")
    if parts[0] != "tierengine" or len(parts) < 2:
        return None
    return parts[1]


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports (tierengine.<stage>...)"
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_known_stage():
    stages = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES} - {"__init__"}
    assert stages <= set(LEVEL), f"modules outside the stage map: {sorted(stages - set(LEVEL))}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_never_go_up_a_stage(path: Path):
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own == "__init__":
        return
    for line, module in imports(path):
        target = stage_of(module)
        if target is None or target not in LEVEL:
            continue
        assert LEVEL[target] <= LEVEL[own], (
            f"{path.relative_to(PACKAGE)}:{line}: stage '{own}' imports '{module}' from the higher stage '{target}'"
        )


def test_only_the_engine_imports_durable_rules():
    for path in MODULES:
        for line, module in imports(path):
            if module.split(".")[0] == "durable":
                assert path.relative_to(PACKAGE).parts[0] == "engine", f"{path}:{line} imports durable_rules"
