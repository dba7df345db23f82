"""Source narratives and verbatim quote lookup.

Quotes are compared with whitespace normalised, because the published text breaks
pages (and lines) mid-sentence, and with straight and typographic quotes, apostrophes
and dashes equal, because editors and copy-paste change them. A quote may elide with
"..." or "…": each fragment must then occur, in order. A match is mapped back to its
line in the original file so a reviewer can open the narrative at the right place; a
miss is explained by the closest passage (``closest``).
"""

from __future__ import annotations

import difflib
import errno
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from tierengine.evidence.files import note_read, read_regular

_WS = re.compile(r"\s+")
#: one character for one, so offsets in the folded text are offsets in the flat text
_FOLD = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"} | {c: "-" for c in "‐‑‒–—―−"})
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Typographic quotes, apostrophes and dashes as their plain forms (same length)."""
    return text.translate(_FOLD)


def fragments(quote: str) -> list[str]:
    """A quote's parts between ellipses, whitespace normalised and folded."""
    return [f for f in (fold(normalise(part)) for part in _ELLIPSIS.split(quote)) if f]


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
        self.folded = fold(self.flat)
        self._starts = starts
        self._lines = lines

    def span(self, quote: str) -> tuple[int, int] | None:
        """(start, end) in ``flat`` from the first fragment's start to the last's end, or None."""
        parts = fragments(quote)
        if not parts:
            return None
        pos = start = self.folded.find(parts[0])
        if pos < 0:
            return None
        end = pos + len(parts[0])
        for part in parts[1:]:
            pos = self.folded.find(part, end)
            if pos < 0:
                return None
            end = pos + len(part)
        return start, end

    def line_of(self, pos: int) -> int:
        return self._lines[bisect_right(self._starts, pos) - 1]

    def find(self, quote: str) -> int | None:
        """1-based line where ``quote`` starts in the original text, or None if absent."""
        found = self.span(quote)
        return None if found is None else self.line_of(found[0])

    def context(self, quote: str, width: int = 200) -> tuple[str, str, str] | None:
        """(before, quote, after) around the first occurrence, for highlighting."""
        found = self.span(quote)
        if found is None:
            return None
        pos, end = found
        return self.flat[max(0, pos - width) : pos], self.flat[pos:end], self.flat[end : end + width]

    def closest(self, quote: str) -> tuple[int, str, str] | None:
        """(line, passage, what differs) for the passage most like a quote that is not found.

        The fragment that fails is aligned on its longest run in common with the source;
        the passage is the same length, and the difference is named word by word.
        """
        parts = fragments(quote)
        end = 0
        for part in parts:  # the first fragment that is not found (in order) is the one to explain
            pos = self.folded.find(part, end)
            if pos < 0:
                break
            end = pos + len(part)
        else:
            return None
        matcher = difflib.SequenceMatcher(None, part, self.folded, autojunk=False)
        block = matcher.find_longest_match(0, len(part), 0, len(self.folded))
        if block.size < 8:
            return None
        start = max(0, block.b - block.a)
        passage = self.flat[start : start + len(part)]
        return self.line_of(start), passage, _differs(part, fold(passage))


def _differs(quote: str, passage: str) -> str:
    """'quote has X where the source has Y' for the first differing run of words."""
    a, b = quote.split(" "), passage.split(" ")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            mine, theirs = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            if not mine:
                return f"the source has \"{theirs}\" here"
            if not theirs:
                return f"the quote adds \"{mine}\""
            return f"the quote has \"{mine}\" where the source has \"{theirs}\""
    return "the passage continues differently"


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
