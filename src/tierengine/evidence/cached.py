"""Loaded evidence from the start-up cache (cache.py), or loaded cold and stored.

An entry is keyed by the evidence file's name and bytes and lists every other input the
load read: the source narrative it quotes and the previous year's file the carry reads
(which previous file there is, or that there is none, and that file's own inputs). A warm
hit re-reads and digests each of them, so any edit, a new previous-year file or a
deleted one makes the entry stale. It skips YAML, quote and consistency checks and
rebuilds the same LoadedEvidence without pydantic: the fact table, positions and warnings
are stored as they were, and the Evidence model is validated from the stored data only if
something asks for it (loaded.py).
Files with problems are never stored: the cold load reports them, every time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from tierengine.errors import Problem
from tierengine.evidence import cache
from tierengine.evidence.facts import FactEntry
from tierengine.evidence.files import read_regular
from tierengine.evidence.loaded import LoadedEvidence, previous_path, resolve_source
from tierengine.evidence.quotes import MAX_SOURCE_BYTES
from tierengine.evidence.yamlsource import MAX_BYTES, Located

KIND = "evidence"
FIELDS = dataclasses.fields(FactEntry)  # a fact table entry is stored as the list of these


def load_evidence_cached(path: Path, display: str | None = None) -> LoadedEvidence:
    """:func:`load_evidence` (with carry), served from the cache when no input has changed."""
    try:
        digest = _digest(path, MAX_BYTES) if cache.directory() else None
    except OSError:
        digest = None  # the cold load reports it
    if digest is None:
        return _load(path, display)
    name = cache.key(KIND, str(path), str(display), os.path.abspath(path), digest)
    entry = cache.read(KIND, name)
    if entry is not None:
        try:
            loaded = _warm(entry, Path(path))
            if loaded is not None:
                return loaded
        except Exception:  # a corrupt or foreign entry: rebuilt below
            pass
    loaded = _load(path, display)
    try:
        entry = _entry(loaded, Path(path))
        if entry["digest"] == digest:  # not edited while it was loading
            cache.write(KIND, name, entry)
    except (OSError, TypeError, ValueError):  # an input vanished since, or data JSON cannot hold
        pass
    return loaded


def _load(path: Path, display: str | None) -> LoadedEvidence:
    """A cold load: read, validate and check (imports pydantic and the models, which a hit never needs)."""
    from tierengine.evidence.load import load_evidence

    return load_evidence(path, display)


def _digest(path: Path | str, limit: int) -> str:
    """The bytes' digest, read as the loader reads them (so the read is recorded the same way)."""
    return hashlib.sha256(read_regular(Path(path), limit)).hexdigest()


def _entry(loaded: LoadedEvidence, path: Path) -> dict:
    """One file's loaded evidence and its inputs' digests; the previous year's file nested."""
    prev = previous_path(path, loaded.doc.data)
    return {
        "digest": _digest(path, MAX_BYTES),
        "source_digest": _digest(loaded.source_path, MAX_SOURCE_BYTES),
        "doc": [loaded.doc.path, cache.encode(loaded.doc.data), [[cache.encode(list(loc)), *at] for loc, at in loaded.doc.positions.items()]],
        "facts": [cache.encode([getattr(e, f.name) for f in FIELDS]) for e in loaded.facts.values()],
        "source": [str(loaded.source_path), loaded.source_display],
        "warnings": [p.to_dict() for p in loaded.warnings],
        "previous": None if loaded.previous is None else [str(prev), _entry(loaded.previous, prev)],
    }


def _warm(entry: dict, path: Path, carry: bool = True) -> LoadedEvidence | None:
    """The stored LoadedEvidence, or None when an input other than ``path`` changed."""
    source_path, source_display = entry["source"]
    doc_path, data, positions = entry["doc"]
    doc = Located(doc_path, cache.decode(data), {tuple(cache.decode(loc)): (line, col) for loc, line, col in positions})
    # the source as it resolves now (a link may point elsewhere since), with the same bytes
    if resolve_source(path, doc, doc.data["source"]) != Path(source_path) or _digest(source_path, MAX_SOURCE_BYTES) != entry["source_digest"]:
        return None
    previous = None
    if carry:
        prev = previous_path(path, doc.data)
        prev = prev if prev is not None and prev.is_file() else None
        stored = entry["previous"]
        if (prev is None) != (stored is None):
            return None
        if prev is not None:
            if str(prev) != stored[0] or _digest(prev, MAX_BYTES) != stored[1]["digest"]:
                return None
            previous = _warm(stored[1], prev, carry=False)
            if previous is None:
                return None
    facts = {}
    for raw in entry["facts"]:
        values = dict(zip((f.name for f in FIELDS), cache.decode(raw), strict=True))
        values["quotes"], values["quote_lines"] = tuple(values["quotes"]), tuple(values["quote_lines"])
        facts[values["path"]] = FactEntry(**values)
    warnings = tuple(Problem(**w) for w in entry["warnings"])
    return LoadedEvidence(doc.path, None, facts, Path(source_path), source_display, doc, warnings, previous)
