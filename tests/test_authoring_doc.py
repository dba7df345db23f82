"""docs/authoring.md: its commands run in a project like this one, and its excerpt of a
`new` template matches what `new` writes."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from conftest import ROOT, run_cli

DOC = (ROOT / "docs" / "authoring.md").read_text()
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)
COMMANDS = [line for kind, body in BLOCK.findall(DOC) if kind == "sh" for line in body.splitlines() if line.startswith("tierengine ")]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's evidence and schema, plus a narrative to scaffold from."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    (root / "evidence").mkdir()
    shutil.copy(ROOT / "evidence" / "belarus_2025.yaml", root / "evidence")
    shutil.copytree(ROOT / "evidence" / "sources" / "2025", root / "evidence" / "sources" / "2025")
    (root / "narrative.txt").write_text("Ruritania is a source country for trafficking.\n")
    return root


def test_the_guide_shows_every_step():
    names = [shlex.split(c)[1] for c in COMMANDS]
    assert {"schema", "new", "validate", "assess"} <= set(names)
    assert "--format github" in DOC and "ci-example.yml" in DOC and ".pre-commit-config.yaml" in DOC


def test_the_guide_commands_run_in_order(project):
    for command in COMMANDS:  # in document order: new before validate of its file
        run = run_cli(*shlex.split(command)[1:], cwd=project)
        assert run.code == 0, f"{command}\n{run.err}"


def test_the_template_excerpt_matches_new(tmp_path):
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    (tmp_path / "n.txt").write_text("x\n")
    assert run_cli("new", "Ruritania", "2025", "--source", "n.txt", cwd=tmp_path).code == 0
    written = (tmp_path / "evidence" / "ruritania_2025.yaml").read_text().splitlines()
    (excerpt,) = [body for kind, body in BLOCK.findall(DOC) if kind == "yaml" and body.startswith("# facts:")]
    for line in excerpt.splitlines():
        assert line in written, line
