"""A narrative as sentences a phrasebook can read, each a verbatim piece of the source.

The quote checker (evidence/quotes.py) joins the non-blank lines of a source with single
spaces. A run of text lines between two headings, joined the same way, is therefore a
substring of what it searches, and so is every sentence cut from it: drafted quotes are
verbatim by construction. Headings (section titles, the tier line, running headers,
page numbers) and excerpt markers end a run, so no sentence spans one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the report's sections, by the heading that opens them
SECTIONS = {
    "PROSECUTION": "prosecution",
    "PROTECTION": "protection",
    "PREVENTION": "prevention",
    "TRAFFICKING PROFILE": "profile",
    "PRIORITIZED RECOMMENDATIONS": "recommendations",
    "RECOMMENDATIONS": "recommendations",
}
#: sections whose sentences are not statements of what a government did
NOT_EVIDENCE = ("recommendations", "profile")

_MARKER = re.compile(r"\[(?:\.\.\.truncated\.\.\.|not retrieved|source:[^\]]*)\]")
_HEADING = re.compile(
    r"""^(?:
        [A-Z0-9][A-Z0-9 ,.’'()&:-]{1,79}                      # an all-capitals line: section title, running header
      | \d{1,4}                                            # a page number
      | (?!.*\.$).{0,80}\b(?i:Trafficking\ in\ Persons\ Report|TIP\ Report)\b.{0,80}   # a title or running header
      | [^.]{1,60}(?:\((?:Tier\ [^)]*|Special\ Case)\)|:\ ?(?:Tier\ \S+.*|Special\ Case))   # BELARUS (Tier 3)
    )$""",
    re.X,
)
_BOUNDARY = re.compile(r"(?<=[.!?])([”\"’)]?)\s+(?=[“\"(•-]?\s?[A-Z0-9])|\s+•\s+")
#: words whose final period does not end a sentence
_ABBREVIATIONS = {"u.s", "mr", "mrs", "ms", "dr", "st", "no", "nos", "art", "arts", "e.g", "i.e", "etc", "vs", "approx", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "gov"}


@dataclass(frozen=True)
class Sentence:
    text: str  # whitespace-normalised, verbatim
    section: str  # summary | recommendations | prosecution | protection | prevention | profile


@dataclass(frozen=True)
class Header:
    """The three header lines of an excerpt (absent in a complete narrative)."""

    source: str | None = None
    tier: str | None = None  # the published tier: for comparison only
    lines: int = 0  # how many lines to skip


def read_header(text: str) -> Header:
    lines = text.split("\n", 3)
    if not lines or not lines[0].startswith("SOURCE:"):
        return Header()
    tier = lines[1].removeprefix("TIER:").strip() if len(lines) > 1 and lines[1].startswith("TIER:") else None
    skip = 3 if len(lines) > 2 and lines[2].startswith("[") else 2 if tier is not None else 1
    return Header(lines[0].removeprefix("SOURCE:").strip(), tier or None, skip)


#: a paragraph or bullet that opens with an imperative is a recommendation, headed or not
_RECOMMENDATION = re.compile(
    r"^[•*-]?\s*(?:(?:Significantly|Vigorously|Proactively|Further|Continue to|Urgently|Systematically|Consistently|Fully|Effectively)\s+)?"
    r"(?i:Increase|Prosecute|Investigate|Develop|Ensure|Implement|Fund|Train|Amend|Adopt|Expand|Strengthen|Establish|Provide|Cease"
    r"|Allow|Improve|Institute|Screen|Identify|Finalize|Dedicate|Enforce|Conduct|Take|Allocate|Raise|Clarify|Eliminate|Enact"
    r"|Criminalize|End|Hold|Seek|Sentence|Prioritize|Draft|Pass|Revise|Reduce|Protect|Refer|Monitor|Create|Make|Support|Partner"
    r"|Harmonize|Encourage|Decouple|De-link|Offer|Update|Approve|Prevent|Collect|Designate|Apply|Promote|Regulate|Negotiate)\b"
)


def _section(line: str) -> str | None:
    title = line.strip().rstrip(":").upper()
    if len(title) > 40:
        return None
    for heading, name in SECTIONS.items():
        if title == heading or title.startswith(heading + " FOR ") or title.startswith(heading + ":"):
            return name
    return None


def is_heading(line: str) -> bool:
    return bool(_HEADING.match(line.strip())) or _section(line) is not None


def _runs(text: str, skip: int):
    """(joined text, section) of every run of body lines between headings and markers."""
    section = "summary"
    run: list[str] = []
    paragraph_start = True

    def flush():
        nonlocal run
        if run:
            yield " ".join(run), section
        run = []

    for raw in text.split("\n")[skip:]:
        line = " ".join(raw.split())
        if not line:
            paragraph_start = True  # a page break or a paragraph end: the quote checker ignores it
            continue
        if is_heading(line):
            yield from flush()
            section = _section(line) or section
            paragraph_start = True
            continue
        if (paragraph_start or line[:1] in "•*-") and section != "recommendations" and _RECOMMENDATION.match(line):
            yield from flush()
            section = "recommendations"
        paragraph_start = False
        pieces = _MARKER.split(line)
        for i, piece in enumerate(pieces):
            if i:
                yield from flush()
            piece = piece.strip()
            if piece:
                run.append(piece)
    yield from flush()


def _split(run: str) -> list[str]:
    """Cut a run at sentence ends, not at abbreviations ("U.S.") or initials."""
    out, begin = [], 0
    for m in _BOUNDARY.finditer(run):
        before = run[begin : m.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if run[m.start() - 1 : m.start()] == "." and (before in _ABBREVIATIONS or re.fullmatch(r"[a-z]", before)):
            continue
        out.append(run[begin : m.start() + len(m.group(1) or "")])
        begin = m.end()
    out.append(run[begin:])
    return [p for p in (piece.strip().lstrip("•-").strip() for piece in out) if len(p) > 2]


def sentences(text: str) -> list[Sentence]:
    """Every sentence of a narrative, header lines skipped, with its section."""
    out = []
    for run, section in _runs(text, read_header(text).lines):
        out.extend(Sentence(piece, section) for piece in _split(run))
    return out


def clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` around [start, end): cut at semicolons, the unit a reviewer checks."""
    left = sentence.rfind("; ", 0, start)
    right = sentence.find("; ", end)
    piece = sentence[left + 2 if left >= 0 else 0 : right if right >= 0 else len(sentence)]
    return piece.strip()
