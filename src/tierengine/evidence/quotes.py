"""Source narratives and verbatim quote lookup.

Quotes are compared with whitespace normalised, because the published text breaks
pages (and lines) mid-sentence. A match is mapped back to its line in the original
file so a reviewer can open the narrative at the right place.
"""

from __future__ import annotations

import errno
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from tierengine.evidence.files import note_read, read_regular

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


class SourceText:
    """A narrative file with whitespace-normalised search and line mapping.

    The flat text is built line by line, remembering where each original line starts
    in it, so a match maps back to its line with a binary search: no per-character
    offset table (which cost ~1 MiB and several ms per 20 KB narrative).
    """

    def __init__(self, text: str):
        self.text = text
        parts: list[str] = []
        starts: list[int] = []  # flat offset where each non-blank original line starts
        lines: list[int] = []  # ... and its 1-based line number
        pos = 0
        for number, raw in enumerate(text.split("\n"), start=1):
            part = " ".join(raw.split())
            if not part:
                continue
            if parts:
                pos += 1  # the single space that stands for the line break
            starts.append(pos)
            lines.append(number)
            parts.append(part)
            pos += len(part)
        self.flat = " ".join(parts)
        self._starts = starts
        self._lines = lines

    def find(self, quote: str) -> int | None:
        """1-based line where ``quote`` starts in the original text, or None if absent."""
        needle = normalise(quote)
        if not needle:
            return None
        pos = self.flat.find(needle)
        if pos < 0:
            return None
        return self._lines[bisect_right(self._starts, pos) - 1]

    def context(self, quote: str, width: int = 200) -> tuple[str, str, str] | None:
        """(before, quote, after) around the first occurrence, for highlighting."""
        needle = normalise(quote)
        pos = self.flat.find(needle)
        if pos < 0:
            return None
        start = max(0, pos - width)
        end = min(len(self.flat), pos + len(needle) + width)
        return self.flat[start:pos], self.flat[pos : pos + len(needle)], self.flat[pos + len(needle) : end]


#: the longest narrative in shared/reports is 20,400 bytes; a hundred times that still
#: fits any country chapter, and bounds the time and memory of a sparse or endless file
MAX_SOURCE_BYTES = 2_000_000


@lru_cache(maxsize=256)
def _load(path: str, mtime_ns: int) -> SourceText:
    raw = read_regular(Path(path), MAX_SOURCE_BYTES)
    if len(raw) > MAX_SOURCE_BYTES:
        raise OSError(errno.EFBIG, f"larger than the {MAX_SOURCE_BYTES:,}-byte limit for a source narrative")
    return SourceText(raw.decode("utf-8"))


def load_source(path: Path) -> SourceText:
    """Read (and cache by path and modification time) a source narrative.

    Raises OSError for a file that is not regular or over MAX_SOURCE_BYTES (at most
    that plus one byte is read) and UnicodeDecodeError for one that is not UTF-8.
    """
    note_read(path)
    return _load(str(path), path.stat().st_mtime_ns)
