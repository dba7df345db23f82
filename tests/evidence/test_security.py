"""Security: no code path evaluates strings, YAML is loaded safely, sources stay in their tree."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

PACKAGE = ROOT / "src" / "tierengine"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
#: calls that run code or deserialise objects; none belongs in the package
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
FORBIDDEN_ATTRS = {
    ("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"), ("yaml", "load_all"),
    ("yaml", "unsafe_load_all"), ("yaml", "Loader"), ("yaml", "UnsafeLoader"), ("yaml", "FullLoader"),
    ("os", "system"), ("os", "popen"), ("importlib", "__import__"),
}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            out.append(f"{path.name}:{node.lineno}: {node.func.id}()")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (node.value.id, node.attr) in FORBIDDEN_ATTRS:
            out.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            out += [f"{path.name}:{node.lineno}: import {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
    return out


def test_the_package_never_evaluates_strings_or_unpickles():
    offences = [o for p in sorted(PACKAGE.rglob("*.py")) for o in _offences(p)]
    assert offences == []


def test_the_scanner_would_notice(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nimport yaml\nx = eval('1')\ny = yaml.load('a', Loader=yaml.Loader)\n")
    assert len(_offences(bad)) == 4


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"])
def test_object_constructing_tags_do_not_run(tmp_path, tag):
    marker = tmp_path / "pwned"
    evidence = tmp_path / "e.yaml"
    evidence.write_text(f"country: {tag} [\"touch {marker}\"]\nreport_year: 2025\nsource: s.txt\n")
    run = run_cli("assess", str(evidence))
    assert run.code == 2 and "is not allowed" in run.err
    assert not marker.exists()


def test_tags_in_rule_files_are_refused_too(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "99_evil.yaml").write_text("findings: !!python/object/apply:os.system [\"true\"]\n")
    run = run_cli("check", str(rules))
    assert run.code == 2 and "99_evil.yaml:1:11: error: YAML tag" in run.err


def _evidence(directory: Path, source: str) -> Path:
    text = (HOSTILE / "valid.yaml").read_text().replace("sources/narrative.txt", source)
    path = directory / "e.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("source", ["../../etc/passwd", "/etc/passwd", "sources/../../outside.txt"])
def test_sources_outside_the_evidence_directory_are_refused(tmp_path, source):
    inner = tmp_path / "evidence"
    shutil.copytree(HOSTILE / "sources", inner / "sources")
    (tmp_path / "outside.txt").write_text((HOSTILE / "sources" / "narrative.txt").read_text())
    run = run_cli("assess", str(_evidence(inner, source)))
    assert run.code == 2
    assert f"source '{source}' points outside the evidence directory" in run.err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_symlink_cannot_smuggle_an_outside_file_in(tmp_path):
    inner = tmp_path / "evidence"
    (inner / "sources").mkdir(parents=True)
    outside = tmp_path / "secret"
    outside.mkdir()
    shutil.copy(HOSTILE / "sources" / "narrative.txt", outside / "narrative.txt")
    (inner / "sources" / "link.txt").symlink_to(outside / "narrative.txt")  # a file link
    (inner / "linkdir").symlink_to(outside, target_is_directory=True)  # a directory link
    for source in ("sources/link.txt", "linkdir/narrative.txt"):
        run = run_cli("assess", str(_evidence(inner, source)))
        assert run.code == 2 and "points outside the evidence directory" in run.err, (source, run.err)


def test_a_symlink_within_the_tree_is_fine(tmp_path):
    inner = tmp_path / "evidence"
    shutil.copytree(HOSTILE / "sources", inner / "sources")
    (inner / "alias.txt").symlink_to(inner / "sources" / "narrative.txt")
    run = run_cli("assess", str(_evidence(inner, "alias.txt")), "--format", "json")
    assert run.code == 0, run.err


def test_the_source_is_resolved_from_the_evidence_file_not_the_working_directory(tmp_path):
    """Run from elsewhere: the source is found next to the evidence file (and only there)."""
    run = run_cli("assess", str(HOSTILE / "valid.yaml"), "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
