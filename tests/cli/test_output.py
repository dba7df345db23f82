"""Output files (issue 11 items 1 and 2): never over an input, never half-written, and a
write error is one located line and exit 2, not "internal error"."""

from __future__ import annotations

import errno
import os
import shutil

import pytest
import typer
from typer.testing import CliRunner

from conftest import ROOT, run_cli
from tierengine.cli import output
from tierengine.cli.app import app
from tierengine.cli.output import write_output
from tierengine.evidence.files import forget_reads, read_regular


@pytest.fixture
def project(tmp_path, evidence_copy):
    return evidence_copy  # tmp/evidence/belarus_2025.yaml with sources/


def _unchanged(path, before: bytes) -> None:
    assert path.read_bytes() == before, f"{path} was overwritten"


@pytest.mark.parametrize("target", ["evidence", "source", "link", "hardlink", "rules"])
def test_o_onto_an_input_is_refused_and_the_input_kept(project, tmp_path, target):
    source = project.parent / "sources" / "2025" / "belarus.txt"
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    paths = {"evidence": project, "source": source, "rules": rules / "00_ruleset.yaml"}
    if target == "link":
        (tmp_path / "link.yaml").symlink_to(project)
        paths["link"] = tmp_path / "link.yaml"
    if target == "hardlink":
        os.link(source, tmp_path / "hard.txt")
        paths["hardlink"] = tmp_path / "hard.txt"
    victim = paths[target]
    before = victim.read_bytes()
    run = CliRunner().invoke(app, ["assess", str(project), "--rules", str(rules), "--format", "html", "-o", str(victim)])  # in process: fast
    assert run.exit_code == 2, run.stderr
    assert run.stderr.strip() == f"{victim}:1:1: refusing to write the output over a file this command read"
    _unchanged(victim, before)


def test_o_dash_is_stdout_and_o_file_writes_it(project, tmp_path):
    run = run_cli("assess", str(project), "--format", "json", "-o", "-")
    assert run.code == 0 and '"country": "Belarus"' in run.out
    report = tmp_path / "report.json"
    assert run_cli("assess", str(project), "--format", "json", "-o", str(report)).code == 0
    assert report.read_text().startswith("{") and not list(tmp_path.glob(".report.json.*"))


@pytest.mark.parametrize("args", [
    ("assess", "evidence/belarus_2025.yaml", "--format", "html", "-o"),
    ("schema", "-o"),
])
@pytest.mark.parametrize("target, why", [
    ("/dev/full", "No space left on device"),
    ("{tmp}/no/such/dir/report.html", "No such file or directory"),
    ("{tmp}", "is a directory"),
])
def test_a_write_error_is_one_located_line_and_exit_2(tmp_path, args, target, why):
    if args[0] == "schema" and "no/such" in target:
        pytest.skip("schema creates missing directories (documented)")
    target = target.format(tmp=tmp_path)
    run = run_cli(*args, target)
    assert run.code == 2, run.err
    assert run.err.strip() == f"{target}:1:1: cannot write: {why}"


def test_a_full_disk_behind_stdout_is_exit_2_not_internal_error():
    with open("/dev/full", "w") as full:
        import subprocess
        import sys

        proc = subprocess.run([sys.executable, "-m", "tierengine", "schema"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.strip() == "-:1:1: cannot write the output: No space left on device"


@pytest.mark.parametrize("where", ["write", "replace"])
def test_a_failed_write_keeps_the_previous_report(tmp_path, monkeypatch, capsys, where):
    report = tmp_path / "report.json"
    report.write_text("the good report\n")
    os.chmod(report, 0o640)

    def full(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "replace":
        monkeypatch.setattr(output.os, "replace", full)
    else:
        monkeypatch.setattr(output.os, "fsync", full)  # after the data went to the temporary file
    forget_reads()
    with pytest.raises(typer.Exit) as exit_:
        write_output(report, "x" * 100_000)
    assert exit_.value.exit_code == 2
    assert capsys.readouterr().err == f"{report}:1:1: cannot write: No space left on device\n"
    assert report.read_text() == "the good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_a_replaced_report_keeps_its_permissions(tmp_path):
    report = tmp_path / "report.json"
    report.write_text("old\n")
    os.chmod(report, 0o640)
    forget_reads()
    write_output(report, "new\n")
    assert report.read_text() == "new\n" and (report.stat().st_mode & 0o777) == 0o640


def test_an_input_read_in_process_is_refused(tmp_path, capsys):
    source = tmp_path / "narrative.txt"
    source.write_text("text\n")
    forget_reads()
    read_regular(source, 100)
    with pytest.raises(typer.Exit):
        write_output(source, "report")
    assert source.read_text() == "text\n"
