"""The start-up cache: checked rule sets, compiled rulesets and loaded evidence, as JSON.

A warm ``tierengine assess`` skips what a cold one already did and checked (parsing
YAML, validating rule files, checking quotes against the narrative, compiling), which
is most of its start-up (issue 10 §2). Entries are JSON only (never pickle), written
atomically, keyed by a digest of every input and of tierengine's own code, so an edit
anywhere makes them stale. The directory is safe to delete; an entry that cannot be
read, parsed or trusted is ignored and rebuilt, and one that cannot be written is
simply not written. Only what loaded without problems is stored: errors are always
found and reported by the cold path, with the same messages.

Where: ``$TIERENGINE_CACHE``, else ``$XDG_CACHE_HOME/tierengine``, else
``~/.cache/tierengine``. ``TIERENGINE_NO_CACHE=1`` (or ``tierengine --no-cache``) disables it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from tierengine import __version__

#: bump when the layout of any entry changes
FORMAT = 1
#: entries kept (the most recently written): stale ones are never read again, so a cache
#: that only grew would fill the disk over months of edits (entries are ~40-90 KB)
MAX_ENTRIES = 1000
#: a larger file is not one of ours (an entry holds at most a 2 MB evidence file's data)
MAX_ENTRY_BYTES = 32_000_000


def directory() -> Path | None:
    """The cache directory, or None when caching is disabled."""
    if os.environ.get("TIERENGINE_NO_CACHE", "") not in ("", "0"):
        return None
    root = os.environ.get("TIERENGINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tierengine"
    )
    return Path(root)


_CODE: str | None = None


def code_stamp() -> str:
    """tierengine's version and the size and mtime of each of its files: a changed
    validator, codebook or compiler makes every entry stale, even without a version bump."""
    global _CODE
    if _CODE is None:
        package = Path(__file__).resolve().parents[1]
        digest = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
        stack = [str(package)]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_dir():
                        if entry.name != "__pycache__":
                            stack.append(entry.path)
                    elif entry.name.endswith((".py", ".yaml", ".json")):
                        st = entry.stat()
                        digest.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _CODE = digest.hexdigest()
    return _CODE


def key(*parts: str) -> str:
    """A digest of ``parts`` and the code stamp: the name of an entry."""
    digest = hashlib.sha256(code_stamp().encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _path(kind: str, name: str) -> Path | None:
    root = directory()
    return None if root is None else root / f"{kind}-{name}.json"


def read(kind: str, name: str) -> dict | None:
    """The stored entry, or None when there is none or it is unreadable or corrupt."""
    path = _path(kind, name)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
        data = json.loads(raw) if len(raw) <= MAX_ENTRY_BYTES else None
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def write(kind: str, name: str, data: dict) -> None:
    """Store an entry atomically; a cache that cannot be written is left alone."""
    path = _path(kind, name)
    if path is None:
        return
    from tierengine.evidence.files import write_atomically

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({**data, "format": FORMAT}, ensure_ascii=False, separators=(",", ":")))
        _prune(path.parent)
    except (OSError, ValueError, TypeError, RecursionError):
        pass


def _prune(root: Path) -> None:
    """Remove the oldest entries beyond MAX_ENTRIES (only on a write: warm runs list nothing)."""
    entries = []
    with os.scandir(root) as found:
        for entry in found:
            if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                entries.append((entry.stat().st_mtime_ns, entry.path))
    for _, old in sorted(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
        try:
            os.unlink(old)
        except FileNotFoundError:  # another process pruned it first
            pass


def encode(value: object) -> object:
    """YAML data as JSON that decodes to equal data: mappings keep non-string keys and dates
    stay dates (every JSON object in the output is a tagged value)."""
    if isinstance(value, dict):
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(value: object) -> object:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if "m" in value:
            return {decode(k): decode(v) for k, v in value["m"]}
        if "dt" in value:
            return dt.datetime.fromisoformat(value["dt"])
        return dt.date.fromisoformat(value["d"])
    return value
