"""The phrasebook: the report's recurring phrasings, per fact, as data (phrasebook.yaml).

An entry is a regular expression over one sentence and the reading it stands for: a
literal (``value: true``, ``reported: false``) or figures taken from its named groups
(``value``, ``prior``, ``prior_year``, ``min``, ``max``, read by the fact's kind). Macros
(``@NUMBER``) keep the patterns short and alike. Every entry carries an example sentence
and the reading it must produce; tests check each one, so an entry cannot silently rot.

Regular expressions were chosen over spaCy's rule-based Matcher by measurement
(bench/draft.py, docs/draft.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tierengine.authoring.numbers import parse_direction, parse_number
from tierengine.authoring.sentences import NOT_EVIDENCE, clause
from tierengine.errors import InputError
from tierengine.evidence.model import evidence_schema
from tierengine.evidence.yamlsource import read_yaml

PHRASEBOOK = Path(__file__).with_name("phrasebook.yaml")
_MACRO = re.compile(r"@([A-Z][A-Z_]*)")
#: fact paths outside ``facts`` an entry may fill: the report's own conclusion, for comparison only
PUBLISHED = {"published.determination": "determination"}
_LITERAL_KEYS = {"value", "reported"}


@dataclass(frozen=True)
class Entry:
    id: str
    fact: str
    kind: str  # bool | count | trend | penalty | determination
    regex: re.Pattern
    literal: dict  # {"value": True} / {"reported": False} / {} when read from groups
    example: str
    expect: dict
    sections: tuple[str, ...]  # where it applies; () means every section that states evidence
    guard: bool  # skip a positive reading that a negation just before it turns around
    line: int  # in phrasebook.yaml
    needs: frozenset[str] = frozenset()  # one of these must occur (lower case) for the pattern to match


@dataclass(frozen=True)
class Proposal:
    """One entry matched in one sentence: the fields it proposes and the clause that supports them."""

    entry: Entry
    fields: dict
    quote: str
    hedge: str | None = None

    @property
    def reading(self) -> tuple:
        """What a reviewer compares: not reported, or the fact's main value."""
        if self.fields.get("reported") is False:
            return ("not_reported",)
        if self.entry.kind == "penalty":
            return (self.fields.get("min_years"), self.fields.get("max_years"))
        return (self.fields.get("value"),)


def _years(amount: str | None, unit: str | None) -> float | None:
    n = parse_number(amount or "")
    if n is None:
        return None
    return n / 12 if (unit or "").lower().startswith("month") else float(n)


def read_fields(entry: Entry, m: re.Match) -> dict | None:
    """The fields of the evidence file this match proposes; None when its figures do not parse."""
    if entry.literal:
        return dict(entry.literal)
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    if entry.kind == "count":
        value = parse_number(groups.get("value", ""))
        if value is None:
            return None
        out: dict = {"value": value}
        prior = parse_number(groups["prior"]) if "prior" in groups else None
        if prior is not None:
            out["prior"] = prior
            if "prior_year" in groups:
                out["prior_year"] = int(groups["prior_year"])
        return out
    if entry.kind == "trend":
        trend = parse_direction(groups.get("value", ""))
        return None if trend is None else {"value": trend}
    if entry.kind == "penalty":
        low, high = _years(groups.get("min"), groups.get("min_unit")), _years(groups.get("max"), groups.get("max_unit"))
        if high is None or (low is not None and low > high):
            return None
        return {"min_years": low, "max_years": high} if low is not None else {"max_years": high}
    return None


class Phrasebook:
    def __init__(self, entries: list[Entry], negation: re.Pattern, hedge: re.Pattern):
        self.entries = entries
        self.negation = negation  # tested on the text just before a match, within its clause
        self.hedge = hedge
        self.words = frozenset().union(*(e.needs for e in entries))

    def match(self, sentence: str, section: str = "summary"):
        """Every proposal of every entry in one sentence."""
        lowered = sentence.lower()
        present = {word for word in self.words if word in lowered}
        for entry in self.entries:
            if entry.sections and section not in entry.sections:
                continue
            if not entry.sections and section in NOT_EVIDENCE:
                continue
            if entry.needs and entry.needs.isdisjoint(present):
                continue
            for m in entry.regex.finditer(sentence):
                fields = read_fields(entry, m)
                if fields is None:
                    continue
                text = clause(sentence, m.start(), m.end())
                before = sentence[: m.start()][-80:].rsplit("; ", 1)[-1]
                if entry.guard and _positive(fields) and self.negation.search(before):
                    continue
                hedge = self.hedge.search(text)
                yield Proposal(entry, fields, text, hedge.group(0) if hedge else None)


def _positive(fields: dict) -> bool:
    return fields.get("reported", True) is not False and fields.get("value") not in (False, 0)


def _required(items) -> list[set[str]]:
    """Sets of literals of which one must occur in any match of a parsed pattern (each set is required)."""
    from re import _constants as c  # the parser's opcodes (Python 3.11+)

    out: list[set[str]] = []
    run: list[str] = []

    def flush():
        if len(run) >= 3:
            out.append({"".join(run).lower()})
        run.clear()

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is c.SUBPATTERN:
            out += _required(av[-1])
        elif op is c.BRANCH:
            alternatives = []
            for branch in av[1]:
                found = _required(branch)
                if not found:
                    alternatives = []
                    break
                alternatives.append(max(found, key=lambda s: min(map(len, s))))
            if alternatives:
                out.append(set().union(*alternatives))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            out += _required(av[2])
    flush()
    return out


def needs(regex: re.Pattern) -> frozenset[str]:
    """The most selective set of literals one of which every match contains: a cheap pre-check.

    Derived from the pattern itself, so it can never reject a sentence the pattern matches;
    it lets a sentence skip most of the ~100 regular expressions (bench/draft.py: time).
    """
    try:
        from re import _parser

        found = _required(_parser.parse(regex.pattern, regex.flags))
    except (ImportError, AttributeError):  # another Python's internals: no pre-check
        return frozenset()
    return frozenset(max(found, key=lambda s: min(map(len, s)))) if found else frozenset()


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("macros nest too deeply")
    out = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
    return out if out == pattern else _expand(out, macros, depth + 1)


def _kind(fact: str, schema: dict) -> str | None:
    if fact in PUBLISHED:
        return PUBLISHED[fact]
    cls = schema.get(fact)
    return cls.kind if cls else None


def load_phrasebook(path: Path | None = None) -> Phrasebook:
    """Read and check a phrasebook; every problem is located (file:line:col)."""
    path = path or PHRASEBOOK
    doc = read_yaml(path, str(path))
    data = doc.data if isinstance(doc.data, dict) else {}
    macros = {str(k): str(v) for k, v in (data.get("macros") or {}).items()}
    schema = evidence_schema()
    problems, entries, seen = [], [], set()
    for i, raw in enumerate(data.get("entries") or []):
        loc = ("entries", i)

        def bad(message: str, key: str | None = None):
            problems.append(doc.problem(loc + ((key,) if key and (loc + (key,)) in doc.positions else ()), message))

        if not isinstance(raw, dict) or not {"id", "fact", "pattern", "example", "expect"} <= raw.keys():
            bad("an entry needs id, fact, pattern, example and expect")
            continue
        unknown = set(raw) - {"id", "fact", "pattern", "example", "expect", "value", "reported", "sections", "guard"}
        if unknown:
            bad(f"unknown field(s) {sorted(unknown)}")
        eid, fact = str(raw["id"]), str(raw["fact"])
        if eid in seen:
            bad(f"duplicate entry id '{eid}'", "id")
        seen.add(eid)
        kind = _kind(fact, schema)
        if kind is None:
            bad(f"unknown fact path '{fact}'", "fact")
            continue
        try:
            regex = re.compile(_expand(str(raw["pattern"]), macros), re.I)
        except (re.error, KeyError, ValueError) as exc:
            bad(f"{eid}: pattern does not compile: {exc}", "pattern")
            continue
        literal = {k: raw[k] for k in _LITERAL_KEYS if k in raw}
        if not literal and kind in ("bool", "determination"):
            bad(f"{eid}: a {kind} entry needs a literal value", "value")
        entries.append(Entry(eid, fact, kind, regex, literal, str(raw["example"]), dict(raw["expect"] or {}), tuple(raw.get("sections") or ()), bool(raw.get("guard", True)), doc.where(loc)[0], needs(regex)))
    if problems:
        raise InputError(problems)
    negation = re.compile(_expand(str(data.get("negation", r"\bnot\b")), macros) + r"[^,;]*$", re.I)
    hedge = re.compile(_expand(str(data.get("hedge", r"\breportedly\b")), macros), re.I)
    return Phrasebook(entries, negation, hedge)


@lru_cache(maxsize=1)
def default_phrasebook() -> Phrasebook:
    return load_phrasebook(PHRASEBOOK)
