"""Inputs are regular files read with a bound: a FIFO, a device, a link loop or a huge
file is one located line and exit 2, fast (issue 11 items 5 and 6).

Every command runs with a short timeout: before the fix a FIFO blocked forever.
"""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import BELARUS, ROOT, run_cli
from tierengine.evidence.files import read_regular, was_read, forget_reads
from tierengine.evidence.quotes import MAX_SOURCE_BYTES

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
QUICK = 30  # seconds: a hang fails the test instead of the suite


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path, fifo):
    for path, kind in ((fifo, "a FIFO"), ("/dev/zero", "a character device"), (tmp_path, "a directory")):
        with pytest.raises(OSError, match=kind):
            read_regular(path, 10)
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(OSError):
        read_regular(loop, 10)


def test_read_regular_reads_at_most_the_limit_plus_one_byte_and_remembers_the_file(tmp_path):
    big = tmp_path / "sparse.txt"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB, sparse: no disk used
    forget_reads()
    assert len(read_regular(big, 100)) == 101
    link = tmp_path / "link.txt"
    link.symlink_to(big)
    assert was_read(link) and not was_read(tmp_path / "other.txt")


@pytest.mark.parametrize("command", [
    ("assess",), ("validate",), ("whatif", "--set", "state.forced_labor=false"), ("path", "--to", "2"), ("coverage",),
])
def test_a_fifo_as_evidence_is_refused_without_blocking(fifo, command):
    run = run_cli(command[0], str(fifo), *command[1:], timeout=QUICK)
    assert run.code == 2, run.err
    assert f"{fifo}:1:1: cannot read file: a FIFO, not a regular file" in run.err


def test_a_symlink_loop_is_exit_2_in_validate(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    run = run_cli("validate", str(loop), str(tmp_path), timeout=QUICK)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.startswith(f"{loop}:1:1: cannot read file:")


def test_history_refuses_a_fifo_and_dev_zero(fifo):
    for table in (fifo, "/dev/zero"):
        run = run_cli("history", str(table), timeout=QUICK)
        assert run.code == 2 and "not a regular file" in run.err, run.err


def _evidence_with_source(tmp_path, make_source):
    shutil.copy(HOSTILE / "valid.yaml", tmp_path / "e.yaml")
    (tmp_path / "sources").mkdir()
    make_source(tmp_path / "sources" / "narrative.txt")
    return tmp_path / "e.yaml"


def test_a_source_narrative_over_the_limit_is_refused_fast(tmp_path):
    def sparse(path):
        with open(path, "wb") as handle:
            handle.write(b"The government convicted three traffickers\n")
            handle.truncate(MAX_SOURCE_BYTES + 1)

    run = run_cli("validate", str(_evidence_with_source(tmp_path, sparse)), timeout=QUICK)
    assert run.code == 2
    assert f"e.yaml:4:1: cannot read source file: larger than the {MAX_SOURCE_BYTES:,}-byte limit" in run.err


def test_a_fifo_as_source_narrative_is_refused(tmp_path):
    run = run_cli("assess", str(_evidence_with_source(tmp_path, os.mkfifo)), timeout=QUICK)
    assert run.code == 2 and "cannot read source file: a FIFO, not a regular file" in run.err, run.err


def test_belarus_still_reads():
    assert run_cli("validate", str(BELARUS), timeout=QUICK).code == 0
