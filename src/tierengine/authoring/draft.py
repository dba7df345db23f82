"""`tierengine draft`: propose an evidence file from a narrative, for a person to confirm.

Every sentence is matched against the phrasebook; each fact takes the reading most
sentences support (ties: the earlier entry), with the clauses that support it as quotes
(verbatim by construction, sentences.py) and ``drafted: <entry ids>`` so a reviewer sees
why. Other readings of the same fact are kept in its note. Facts whose combination
consistency.py rejects are dropped, so every draft validates. The report's own
conclusion goes to ``published`` (comparison only), never to a fact.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tierengine.authoring.phrasebook import PUBLISHED, Phrasebook, Proposal, default_phrasebook
from tierengine.authoring.scaffold import _history_lines, _schema_ref, _yaml_str, place_source
from tierengine.authoring.sentences import read_header, sentences
from tierengine.evidence.consistency import ERROR, contradictions
from tierengine.evidence.facts import build_fact_table
from tierengine.evidence.files import write_atomically
from tierengine.evidence.model import GROUPS, Evidence
from tierengine.tiers import normalise_tier

MAX_QUOTES = 3


@dataclass
class DraftedFact:
    path: str
    fields: dict  # value / prior / prior_year / min_years ... or reported: false
    quotes: list[str]
    entries: list[str]  # phrasebook entries that proposed this reading
    note: str | None = None

    def data(self) -> dict:
        """The fact as the evidence file holds it."""
        out = dict(self.fields)
        out["quote"] = self.quotes
        if self.note:
            out["note"] = self.note
        out["drafted"] = ", ".join(self.entries)
        return out


@dataclass
class Draft:
    facts: dict[str, DraftedFact] = field(default_factory=dict)
    published: dict = field(default_factory=dict)  # tier, determination, quote: comparison only
    dropped: list[str] = field(default_factory=list)  # facts removed because they contradicted others


def _choose(path: str, proposals: list[Proposal], order: dict[str, int], year: int | None) -> DraftedFact:
    """The reading most sentences support (ties: the phrasebook's order); the others go to the note."""
    readings: dict[tuple, list[Proposal]] = {}
    for p in proposals:
        readings.setdefault(p.reading, []).append(p)
    ranked = sorted(readings.values(), key=lambda ps: (-len(ps), min(order[p.entry.id] for p in ps)))
    chosen = ranked[0]
    fields = dict(chosen[0].fields)
    if fields.get("prior_year") is not None and (year is None or fields["prior_year"] >= year):
        del fields["prior_year"]  # a "prior" year that is not before the report year was misread
    quotes, entries = [], []
    for p in chosen:
        if p.quote not in quotes and len(quotes) < MAX_QUOTES:
            quotes.append(p.quote)
        if p.entry.id not in entries:
            entries.append(p.entry.id)
    notes = []
    hedges = sorted({p.hedge for p in chosen if p.hedge})
    if hedges:
        notes.append(f"hedged in the source ({', '.join(hedges)}): weigh before confirming")
    for other in ranked[1:]:
        shown = "not reported" if other[0].reading == ("not_reported",) else ", ".join(f"{k}: {v}" for k, v in other[0].fields.items())
        notes.append(f"also read as {shown} by {other[0].entry.id}: \"{other[0].quote}\"")
    return DraftedFact(path, fields, quotes, entries, "; ".join(notes) or None)


def draft_text(text: str, year: int | None = None, phrasebook: Phrasebook | None = None) -> Draft:
    """Propose facts (and the published conclusion) from a narrative's text."""
    book = phrasebook or default_phrasebook()
    order = {e.id: i for i, e in enumerate(book.entries)}
    found: dict[str, list[Proposal]] = {}
    for sentence in sentences(text):
        for proposal in book.match(sentence.text, sentence.section):
            found.setdefault(proposal.entry.fact, []).append(proposal)
    draft = Draft()
    for path in sorted(found, key=lambda p: min(order[x.entry.id] for x in found[p])):
        fact = _choose(path, found[path], order, year)
        if path in PUBLISHED:
            draft.published[PUBLISHED[path]] = fact.fields["value"]
            draft.published["quote"] = fact.quotes[0]
        else:
            draft.facts[path] = fact
    tier = read_header(text).tier or _heading_tier(text)
    if tier:
        try:
            draft.published["tier"] = normalise_tier(tier)
        except ValueError:
            pass
    return draft


_TIER_HEADING = re.compile(r"^[^.\n]{1,60}(?:\((Tier [^)\n]*|Special Case)\)|: ?(Tier [^\n]*|Special Case))\s*$", re.M)


def _heading_tier(text: str) -> str | None:
    """The tier in a complete narrative's heading ("BELARUS (Tier 3)"): comparison only."""
    m = _TIER_HEADING.search(text[:2000])
    return (m.group(1) or m.group(2)).strip() if m else None


def _nested(facts: dict[str, DraftedFact]) -> dict:
    out: dict = {}
    for path, fact in facts.items():
        group, name = path.split(".", 1)
        out.setdefault(group, {})[name] = fact.data()
    return out


def consistent(draft: Draft, country: str, year: int) -> Draft:
    """Drop facts that consistency.py rejects in combination, so the draft validates."""
    while True:
        evidence = Evidence.model_validate({"country": country, "report_year": year, "source": "-", "facts": _nested(draft.facts)})
        errors = [c for c in contradictions(evidence, build_fact_table(evidence)) if c.severity == ERROR and c.loc[:1] == ("facts",)]
        if not errors:
            return draft
        path = ".".join(errors[0].loc[1:3])
        del draft.facts[path]
        draft.dropped.append(f"{path}: {errors[0].message}")


def _ordered(facts: dict[str, DraftedFact]) -> list[tuple[str, list[DraftedFact]]]:
    """Facts grouped by pillar, in the models' order (as `new` lists them)."""
    out = []
    for group, model in GROUPS.items():
        here = [facts[f"{group}.{name}"] for name in model.model_fields if f"{group}.{name}" in facts]
        if here:
            out.append((group, here))
    return out


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return _yaml_str(str(value))


def render_yaml(draft: Draft, country: str, year: int, source: str, schema_ref: str, history: dict[int, str] | None, history_source: str | None) -> str:
    """The draft as an evidence file with comments; every `drafted:` is one line, for `confirm`."""
    out = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {country}, {year} TIP Report. Drafted by `tierengine draft` from {source}.",
        "# Every fact below was PROPOSED by a phrasebook entry (named by `drafted:`) and is not yet",
        "# confirmed. Check each against its quote: correct it, delete it, or keep it; then confirm it",
        "# with `tierengine confirm <this file> --fact <path>` (or `--all`). Facts the drafter did not",
        "# find are absent: the source may still state them, so read it.",
        f"country: {_yaml_str(country)}",
        f"report_year: {year}",
        f"source: {_yaml_str(source)}",
        "",
        *_history_lines(year, history, history_source),
        "",
    ]
    if draft.published:
        out.append("published:   # the report's own conclusion: for comparison only, no rule reads it")
        for key in ("tier", "determination", "quote"):
            if key in draft.published:
                out.append(f"  {key}: {_scalar(draft.published[key])}")
        out.append("")
    for dropped in draft.dropped:
        out.append(f"# dropped (contradicted other drafted facts): {dropped}")
    grouped = _ordered(draft.facts)
    out.append("facts:" if grouped else "facts: {}")
    for group, facts in grouped:
        out.append(f"  {group}:")
        for fact in facts:
            out.append(f"    {fact.path.split('.', 1)[1]}:")
            for key, value in fact.data().items():
                if key == "quote":
                    out.append("      quote:")
                    out.extend(f"        - {_scalar(q)}" for q in value)
                else:
                    out.append(f"      {key}: {_scalar(value)}")
    out.append("")
    return "\n".join(out)


def render_json(draft: Draft, country: str, year: int, source: str, history: dict[int, str] | None, history_source: str | None) -> str:
    doc: dict = {"country": country, "report_year": year, "source": source}
    earlier = {y: t for y, t in sorted((history or {}).items()) if y < year}
    if earlier:
        doc["history"] = {"tiers": earlier, "source": history_source or "tier table"}
    if draft.published:
        doc["published"] = dict(draft.published)
    doc["facts"] = {group: {f.path.split(".", 1)[1]: f.data() for f in facts} for group, facts in _ordered(draft.facts)}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@dataclass
class Written:
    evidence: Path
    source: Path
    copied: bool
    draft: Draft


def write_draft(country: str, year: int, narrative: Path, output: Path, *, fmt: str = "yaml", force: bool = False, history: dict[int, str] | None = None, history_source: str | None = None) -> Written:
    """Draft ``narrative`` into ``output`` (the source copied beside it when it lies outside).

    Raises FileExistsError rather than overwrite an evidence file (without ``force``) or a
    different source of the same name.
    """
    if output.exists() and not force:
        raise FileExistsError(f"{output} already exists (use --force to overwrite)")
    text = narrative.read_text(encoding="utf-8")
    draft = consistent(draft_text(text, year), country, year)
    evidence_dir = output.parent.resolve()
    evidence_dir.mkdir(parents=True, exist_ok=True)
    src, copied = place_source(country, year, narrative, evidence_dir)
    rel_source = Path(os.path.relpath(src, evidence_dir)).as_posix()
    if fmt == "json":
        body = render_json(draft, country, year, rel_source, history, history_source)
    else:
        body = render_yaml(draft, country, year, rel_source, _schema_ref(evidence_dir)[0], history, history_source)
    write_atomically(output, body)
    return Written(output, src, copied, draft)
