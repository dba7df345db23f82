"""Which evidence files a list of command-line paths names, and how any input file is read.

One rule for every command: inputs are regular files (links followed), read with a
bound, and remembered so no command writes its output over one of them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

#: directories that hold source narratives, never evidence
SKIP_DIRS = {"sources"}


def evidence_files(paths: list[Path]) -> list[Path]:
    """Files as given; directories searched recursively for ``*.yaml`` / ``*.yml``.

    ``sources/`` and hidden directories are skipped, each file is listed once, and a
    path that does not exist is kept so loading reports it as a located problem.
    """
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        for found in sorted(path.rglob("*")):
            rel = found.relative_to(path).parts
            if any(part in SKIP_DIRS or part.startswith(".") for part in rel[:-1]):
                continue
            if found.is_file() and found.suffix in (".yaml", ".yml") and not found.name.startswith("."):
                out.append(found)
    unique: dict[Path, Path] = {}
    for p in out:
        unique.setdefault(Path(os.path.realpath(p)), p)  # never raises, even on a link loop
    return list(unique.values())


#: (device, inode) of every input file read by this process since :func:`forget_reads`,
#: so a command can refuse to write its output over one of its own inputs (after links)
_READ: set[tuple[int, int]] = set()


def forget_reads() -> None:
    """Start a new command: nothing read yet."""
    _READ.clear()


def was_read(path: Path) -> bool:
    """Whether ``path`` (links resolved, hard links included) is a file read as input."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) in _READ


def note_read(path: Path) -> None:
    """Record ``path`` as read (for inputs served from a cache)."""
    with contextlib.suppress(OSError):
        st = os.stat(path)
        _READ.add((st.st_dev, st.st_ino))


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (links followed); OSError otherwise.

    The file is opened non-blocking and checked with fstat before any read, so a FIFO
    cannot hang the command and /dev/zero cannot fill memory; a caller compares the
    length with ``limit`` to refuse an oversized file without reading it whole.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, f"{_kind(st.st_mode)}, not a regular file")
        _READ.add((st.st_dev, st.st_ino))
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a sibling temporary file, flush it to disk and rename it over
    ``path`` (keeping an existing file's permissions): a full disk or a killed process
    never leaves half a file. The one writer for reports, drafts and confirmed files."""
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
