"""Writing a command's output file without ever destroying a file.

The text goes to a temporary file in the target's directory, which is renamed over
the target only once completely written and flushed, so a full disk or a killed
process leaves the previous report intact. A target that is one of the command's own
inputs (links and hard links resolved) is refused: ``-o`` onto the evidence file or
its narrative used to replace it with the report. ``-`` means standard output. Every
failure is one located line and exit 2.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import typer

from tierengine.evidence.files import was_read, write_atomically

#: the ``-o`` value that means standard output
STDOUT = "-"


def is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def _fail(path: Path, message: str) -> typer.Exit:
    from tierengine.cli.app import EXIT_INVALID, stderr  # not at the top: app imports the commands, which import this

    stderr(f"{path}:1:1: {message}")
    return typer.Exit(EXIT_INVALID)


def write_output(path: Path, text: str, parents: bool = False) -> None:
    """Write ``text`` to ``path`` (``-``: stdout) atomically; raise typer.Exit(2) on any failure."""
    if is_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if was_read(path):
        raise _fail(path, "refusing to write the output over a file this command read")
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror}") from None
    try:
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            _write_special(path, text)  # /dev/null, /dev/stdout: written in place, never replaced
            return
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as exc:
        raise _fail(path, f"cannot write: {exc.strerror or exc}") from None


def _write_special(path: Path, text: str) -> None:
    """A device or FIFO: opened without blocking (a FIFO with no reader is an error, not a hang)."""
    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)  # a reader is there: wait for it as any pipe would
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
            handle.write(text)
    finally:
        os.close(fd)
