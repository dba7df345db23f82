"""A new evidence file to fill in: every fact as a commented skeleton, grouped by pillar.

Absent means "the source is silent", so the safest valid start is a file with no facts
at all: each fact is written commented out with what it MEANS (its codebook definition,
not which rules read it: coders should encode what the report says, not aim at a tier)
and is uncommented only once the source is read. Facts come from the models and the
codebook, so the template never drifts.
"""

from __future__ import annotations

import os
import shutil
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tierengine.evidence.codebook import codebook
from tierengine.evidence.model import GROUPS, evidence_schema
from tierengine.evidence.schema import SCHEMA_PATH

_FIELDS = {
    "bool": ["value:            # true | false"],
    "count": [
        "value:            # a whole number; 0 is a reported zero",
        "# some: true      # instead of value: \"some\", \"several\" without a figure",
        "# direction:      # increased | maintained | decreased (\"more\", \"fewer\")",
        "# prior:          # the earlier figure, when the report compares",
        "# prior_year:",
        "# complete: false # when the report says the data was incomplete",
    ],
    "trend": ["value:            # increased | maintained | decreased"],
    "penalty": ["min_years:", "max_years:", "fine_alternative: # true when a fine may replace imprisonment"],
}


def slug(country: str) -> str:
    """'Côte d'Ivoire' -> 'cote_d_ivoire' (file names)."""
    ascii_ = unicodedata.normalize("NFKD", country).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_") or "country"


def _yaml_str(text: str) -> str:
    """A YAML scalar that reads back as ``text`` (plain when safe, double-quoted otherwise)."""
    import json

    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .'()_/-]*", text) and text.lower() not in {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}:
        return text
    return json.dumps(text, ensure_ascii=False)


_SHORT = {"Tier 1": '"1"', "Tier 2": '"2"', "Tier 2 Watch List": "2WL", "Tier 3": '"3"', "Special Case": "special"}


def _history_lines(year: int, tiers: dict[int, str] | None, table: str | None) -> list[str]:
    """Published tiers of earlier years from a tier table, written live; else a commented example."""
    earlier = {y: t for y, t in sorted((tiers or {}).items()) if y < year}
    if not earlier:
        return [
            "# history:   # published tiers of earlier reports (e.g. shared/data/tier_history.csv)",
            f"#   tiers: {{{year - 2}: 2WL, {year - 1}: \"3\"}}",
            "#   waivers: []   # earlier report years with a Watch List waiver; [] = none, omitted = unknown",
            "#   source: shared/data/tier_history.csv",
        ]
    missing = [y for y in range(min(earlier), year) if y not in earlier]
    gaps = f"   # not in the table: {', '.join(map(str, missing))}" if missing else ""
    return [
        f"history:   # published tiers of earlier reports, copied from {table}; check them",
        "  tiers: {" + ", ".join(f"{y}: {_SHORT[t]}" for y, t in earlier.items()) + "}" + gaps,
        "  # waivers: []   # earlier report years with a Watch List waiver (not in the table); [] = none, omitted = unknown",
        f"  source: {_yaml_str(table or 'tier table')}",
    ]


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)


def render(country: str, year: int, source: str, schema_ref: str, history: dict[int, str] | None = None, history_source: str | None = None) -> str:
    """The text of a new evidence file; it validates as written (no facts yet)."""
    book = codebook()
    out = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {country}, {year} TIP Report. Scaffolded by `tierengine new`: read the source and fill in what it says.",
        "#",
        "# Every fact below is commented out, which means \"the source is silent\". For each fact:",
        "#   - the source states it: uncomment it, set the value and paste the sentence as quote;",
        "#   - the source says the government did not report it: uncomment it, keep `reported: false`",
        "#     and the quote, and delete the value lines;",
        "#   - the source says nothing: leave it commented.",
        "# Uncomment `facts:` and the pillar line together with the first fact of a pillar.",
        "# Quotes must be verbatim from the source (line breaks and spacing may differ; \"...\" joins fragments).",
        "# Any fact may also carry certainty: (reported | alleged), scope: (part of the country or population)",
        "# and consecutive_years: N. What each fact means: docs/codebook.md or `tierengine codebook FACT`.",
        "# A statement no fact holds goes in `unencoded:` (a list of {quote, topic}) at the end, not in a comment.",
        "# The published tier and the report's conclusion go under `published:` only; no rule reads them.",
        "# Check as you go: tierengine validate <this file>",
        f"country: {_yaml_str(country)}",
        f"report_year: {year}",
        "# reporting_period: {start: YYYY-MM-DD, end: YYYY-MM-DD}   # only when the report states its dates",
        f"source: {_yaml_str(source)}",
        "",
        *_history_lines(year, history, history_source),
        "",
        "# published:   # the report's own conclusion: for comparison only",
        "#   tier:            # Tier 1 | Tier 2 | Tier 2 Watch List | Tier 3 | Special Case",
        "#   determination:   # fully_meets | significant_efforts | not_significant_efforts",
        "#   waiver: true     # only when this year's placement rests on a waiver",
        "#   quote: \"\"",
        "",
        "# facts:",
    ]
    schema = evidence_schema()
    for group, model in GROUPS.items():
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        out.append("#")
        out.append(f"#   {group}:" + (f"   # {doc}" if doc else ""))
        for name in model.model_fields:
            path = f"{group}.{name}"
            kind = schema[path].kind
            out.append("#")
            out += _wrap(f"{path} ({kind}): {book.facts[path].summary()}", "#     # ")
            out.append(f"#     {name}:")
            out.append("#       # reported: false   # only when the source says the government did not report it")
            for line in _FIELDS[kind]:
                out.append(f"#       {line}")
            out.append("#       quote: \"\"")
    out.append("")
    return "\n".join(out)


#: the schema of the tierengine checkout this code runs from (an editable install)
_OWN_SCHEMA = Path(__file__).resolve().parents[3] / SCHEMA_PATH


def _schema_ref(evidence_dir: Path) -> tuple[str, bool]:
    """Relative path from the evidence directory to the nearest schemas/evidence.schema.json,
    else to tierengine's own, so the modeline resolves wherever the file is written."""
    here = evidence_dir.resolve()
    for candidate in (*(base / SCHEMA_PATH for base in (here, *here.parents)), _OWN_SCHEMA):
        if candidate.is_file():
            return Path(os.path.relpath(candidate, here)).as_posix(), True
    return f"../{SCHEMA_PATH}", False


@dataclass(frozen=True)
class Plan:
    """What ``tierengine new`` will write; nothing is written until every check passed."""

    evidence: Path
    text: str
    source: Path  # the source the evidence file refers to (the copy when one is made)
    copy_from: Path | None  # the narrative to copy to ``source``, when it lies outside
    schema_found: bool


def plan(country: str, year: int, source: Path, output: Path, force: bool = False, history: dict[int, str] | None = None, history_source: str | None = None) -> Plan:
    """The evidence file's text and where it and the source go; a source outside the
    evidence directory is to be copied under sources/<year>/.

    Every path written (source, schema, history table) is relative to the evidence file.

    Raises FileExistsError rather than overwrite an evidence file or a different source.
    """
    if output.exists() and not force:
        raise FileExistsError(f"{output} already exists (use --force to overwrite)")
    evidence_dir = output.parent.resolve()
    src, copy_from = source_target(country, year, source, evidence_dir)
    ref, found = _schema_ref(evidence_dir)
    rel_source = Path(os.path.relpath(src, evidence_dir)).as_posix()
    table = None if history_source is None else Path(os.path.relpath(Path(history_source).resolve(), evidence_dir)).as_posix()
    text = render(country, year, rel_source, ref, history, table)
    return Plan(output, text, src, copy_from, found)


def source_target(country: str, year: int, source: Path, evidence_dir: Path) -> tuple[Path, Path | None]:
    """Where the evidence's source lies, and the narrative to copy there (None: no copy).

    Quotes are checked against the source, which may not lie outside the evidence
    directory (load.py), so a narrative from elsewhere goes to sources/<year>/<country>.
    Writes nothing; raises FileExistsError rather than replace a different source.
    """
    src = source.resolve()
    if src.is_relative_to(evidence_dir):
        return src, None
    target = evidence_dir / "sources" / str(year) / f"{slug(country)}{source.suffix or '.txt'}"
    if target.exists():
        if target.read_bytes() != src.read_bytes():
            raise FileExistsError(f"{target} already exists with different content")
        return target, None
    return target, src


def place_source(country: str, year: int, source: Path, evidence_dir: Path) -> tuple[Path, bool]:
    """source_target, carried out: the source's path and whether it was copied."""
    target, copy_from = source_target(country, year, source, evidence_dir)
    if copy_from is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(copy_from, target)
    return target, copy_from is not None


def history_from_table(table: Path, country: str, coverage) -> dict[int, str]:
    """Published tiers of ``country`` from a tier table (country,year,tier CSV); InputError on a bad row."""
    from tierengine.analyses.history_check import read_table

    rows, _ = read_table(table, coverage, str(table))
    key = {slug(name): name for name in rows}.get(slug(country))  # "Côte d'Ivoire" finds "Cote d'Ivoire"
    return {y: t for y, (t, _line) in rows[key].items()} if key else {}
