"""Load and validate one evidence file: YAML -> pydantic -> quotes -> fact table.

Every problem is reported with the file, line and column of the offending key, and
all problems of a file are collected before giving up, so an author fixes them in
one pass.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tierengine.evidence.carry import carry_forward, previous_file
from tierengine.evidence.consistency import ERROR, contradictions
from tierengine.errors import InputError, Problem
from tierengine.evidence.model import Evidence
from tierengine.evidence.facts import FactEntry, build_fact_table
from tierengine.evidence.quotes import SourceText, load_source
from tierengine.evidence.yamlsource import Located, read_yaml


@dataclass(frozen=True)
class LoadedEvidence:
    """Validated evidence with its flat fact table and where everything came from."""

    path: str
    evidence: Evidence
    facts: dict[str, FactEntry]
    source_path: Path
    source_display: str
    doc: Located  # positions, for later located messages
    warnings: tuple[Problem, ...] = ()  # contradictions that do not reject the file (consistency.py)
    previous: "LoadedEvidence | None" = None  # the previous year's file, source of carried facts (carry.py)


def clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-member and validator names from an error location."""
    return tuple(p for p in loc if isinstance(p, int) or (isinstance(p, str) and p[:1].islower() and "[" not in p))


def problem_message(err: dict) -> str:
    loc = ".".join(str(p) for p in clean_loc(err["loc"]))
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown field '{loc}'"
    if kind == "missing":
        return f"missing required field '{loc}'"
    msg = err["msg"].removeprefix("Value error, ")
    got = err.get("input")
    shown = "" if isinstance(got, (dict, list)) or got is None else f" (got {got!r})"
    return f"{loc}: {msg}{shown}" if loc else msg


def validation_problems(doc: Located, exc: ValidationError) -> list[Problem]:
    problems, seen = [], set()
    for err in exc.errors():
        loc = clean_loc(err["loc"])
        problem = doc.problem(loc, problem_message(err))
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    return problems


def _resolve_source(path: Path, doc: Located, evidence: Evidence) -> Path:
    """The source file, which must lie under the evidence file's own directory (symlinks resolved)."""
    base = Path(path).resolve().parent
    target = (base / evidence.source).resolve()
    if not target.is_relative_to(base):
        raise InputError([doc.problem(("source",), f"source '{evidence.source}' points outside the evidence directory")])
    if not target.is_file():
        raise InputError([doc.problem(("source",), f"source file '{evidence.source}' not found")])
    return target


def with_provenance(doc: Located, evidence: Evidence, table: dict[str, FactEntry], text: SourceText, source: str) -> tuple[dict[str, FactEntry], list[Problem]]:
    """Attach source lines and evidence lines to facts; problems for quotes not in the source."""
    problems: list[Problem] = []
    out: dict[str, FactEntry] = {}
    for path, entry in table.items():
        group, name = path.split(".", 1)
        if group == "history":
            line = doc.where(("history",))[0] if "history" in doc.data else None
            out[path] = dataclasses.replace(entry, source=doc.path, evidence_line=line)
            continue
        loc = ("facts", group, name)
        if entry.status == "missing":
            out[path] = entry
            continue
        lines = []
        for i, quote in enumerate(entry.quotes):
            line = text.find(quote)
            if line is None:
                qloc = loc + ("quote", i) if (loc + ("quote", i)) in doc.positions else loc + ("quote",)
                short = quote if len(quote) <= 60 else quote[:57] + "..."
                problems.append(doc.problem(qloc, f"{path}: quote not found in source {source}: \"{short}\""))
            lines.append(line or 0)
        out[path] = dataclasses.replace(entry, source=source, quote_lines=tuple(lines), evidence_line=doc.where(loc)[0])
    published_quotes = evidence.published.quote or []
    for i, quote in enumerate(published_quotes):
        if text.find(quote) is None:
            problems.append(doc.problem(("published", "quote"), f"published.quote not found in source {source}"))
    increasing = evidence.published.increasing_efforts
    for quote in increasing.quote if increasing else []:
        if text.find(quote) is None:
            problems.append(doc.problem(("published", "increasing_efforts", "quote"), f"published.increasing_efforts: quote not found in source {source}"))
    return out, problems


def load_evidence(path: Path, display: str | None = None, carry: bool = True) -> LoadedEvidence:
    """Read, validate and quote-check one evidence file; raise InputError with every problem.

    With ``carry``, lasting facts and prior counts come from the previous year's file
    beside it when there is one (carry.py); that file is loaded without carrying.
    """
    doc = read_yaml(path, display)
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__
        raise InputError([doc.problem((), f"evidence must be a mapping of fields, not a {kind}")])
    try:
        evidence = Evidence.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(validation_problems(doc, exc)) from None
    source_path = _resolve_source(path, doc, evidence)
    source_display = os.path.normpath(Path(doc.path).parent / evidence.source)
    try:
        text = load_source(source_path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([doc.problem(("source",), f"cannot read source file: {exc}")]) from None
    facts, problems = with_provenance(doc, evidence, build_fact_table(evidence), text, source_display)
    found = contradictions(evidence, facts)
    problems += [doc.problem(c.loc, c.message) for c in found if c.severity == ERROR]
    if problems:
        raise InputError(problems)
    warnings = tuple(doc.problem(c.loc, f"warning: {c.message}") for c in found if c.severity != ERROR)
    prev_path = previous_file(Path(path), evidence.report_year) if carry else None
    previous = None
    if prev_path is not None:
        previous = load_evidence(prev_path, os.path.join(os.path.dirname(doc.path), prev_path.name), carry=False)
        facts = carry_forward(facts, previous.facts, previous.path)
    return LoadedEvidence(doc.path, evidence, facts, source_path, source_display, doc, warnings, previous)
