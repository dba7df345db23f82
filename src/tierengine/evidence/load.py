"""Load and validate one evidence file: YAML -> pydantic -> quotes -> fact table.

Every problem is reported with the file, line and column of the offending key, and
all problems of a file are collected before giving up, so an author fixes them in
one pass.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from pydantic import ValidationError

from tierengine.evidence.carry import carry_forward
from tierengine.evidence.consistency import ERROR, against_source, contradictions
from tierengine.errors import InputError, Problem
from tierengine.evidence.model import GROUPS, Evidence, evidence_schema
from tierengine.evidence.facts import FactEntry, build_fact_table
from tierengine.evidence.loaded import LoadedEvidence, previous_path, resolve_source
from tierengine.evidence.quotes import SourceText, load_source
from tierengine.evidence.yamlsource import Located, read_yaml


def clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union-member and validator names from an error location."""
    return tuple(p for p in loc if isinstance(p, int) or (isinstance(p, str) and p[:1].islower() and "[" not in p))


def problem_message(err: dict) -> str:
    loc = ".".join(str(p) for p in clean_loc(err["loc"]))
    kind = err["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):  # a model's, a dataclass's (rules/spec.py)
        return f"unknown field '{loc}'"
    if kind in ("missing", "missing_argument"):
        return f"missing required field '{loc}'"
    msg = err["msg"].removeprefix("Value error, ")
    got = err.get("input")
    shown = "" if isinstance(got, (dict, list)) or got is None else f" (got {got!r})"
    return f"{loc}: {msg}{shown}" if loc else msg


def _errors(exc: ValidationError) -> list[dict]:
    """pydantic's errors, one per distinct location and message."""
    out, seen = [], set()
    for err in exc.errors():
        key = (clean_loc(err["loc"]), problem_message(err))
        if key not in seen:
            seen.add(key)
            out.append(err)
    return out


def validation_problems(doc: Located, exc: ValidationError) -> list[Problem]:
    return [doc.problem(clean_loc(err["loc"]), problem_message(err)) for err in _errors(exc)]


def _did_you_mean(loc: tuple) -> str:
    """A suggestion for an unknown field under facts: the right pillar, or the closest name."""
    import difflib

    if not loc or loc[0] != "facts" or len(loc) not in (2, 3, 4):
        return ""
    schema = evidence_schema()
    if len(loc) == 2:
        options = list(GROUPS)
        wanted = str(loc[1])
    elif len(loc) == 3:
        name = str(loc[2])
        elsewhere = [p for p in schema if p.split(".")[1] == name]
        if elsewhere:
            return f"; did you mean {' or '.join(elsewhere)}?"
        options, wanted = list(schema), f"{loc[1]}.{name}"
        close = difflib.get_close_matches(wanted, options, n=1, cutoff=0.6)
        close = close or [p for p in schema if p.split(".")[1] in difflib.get_close_matches(name, [q.split(".")[1] for q in schema], n=1, cutoff=0.7)]
        return f"; did you mean {close[0]}?" if close else ""
    else:
        cls = schema.get(f"{loc[1]}.{loc[2]}")
        if cls is None:
            return ""
        options, wanted = list(cls.model_fields), str(loc[3])
    close = difflib.get_close_matches(wanted, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def _unfilled(data: dict) -> list[tuple]:
    """Facts uncommented from the template but not filled in: an empty quote and no value."""
    out = []
    facts = data.get("facts")
    for group, members in (facts.items() if isinstance(facts, dict) else ()):
        for name, fact in (members.items() if isinstance(members, dict) else ()):
            if not isinstance(fact, dict):
                if fact is None:
                    out.append(("facts", group, name))
                continue
            quotes = fact.get("quote")
            empty = quotes is None or (quotes if isinstance(quotes, list) else [quotes]) in ([], [""])
            values = [v for k, v in fact.items() if k not in ("quote", "reported", "note")]
            if empty and all(v is None for v in values):
                out.append(("facts", group, name))
    return out


def evidence_problems(doc: Located, exc: ValidationError) -> list[Problem]:
    """Validation problems of an evidence file, in words an author can act on."""
    unfilled = _unfilled(doc.data)
    problems = [doc.problem(loc, f"{loc[1]}.{loc[2]}: fill in the value and quote (or comment the fact out again: absent means silent)") for loc in unfilled]
    for problem, err in zip(validation_problems(doc, exc), _errors(exc)):
        loc = clean_loc(err["loc"])
        if any(loc[: len(u)] == u for u in unfilled):
            continue
        if err["type"] == "extra_forbidden":
            problem = dataclasses.replace(problem, message=problem.message + _did_you_mean(loc))
        problems.append(problem)
    return problems


def not_found(what: str, quote: str, text: SourceText, source: str) -> str:
    """'quote not found', with the closest passage of the source and what differs."""
    short = quote if len(quote) <= 60 else quote[:57] + "..."
    message = f"{what}: quote not found in source {source}: \"{short}\""
    near = text.closest(quote)
    if near is not None:
        line, passage, differs = near
        shown = passage if len(passage) <= 100 else passage[:97] + "..."
        message += f"; closest passage (line {line}): \"{shown}\"; {differs}"
    return message


def _quotes(loc: tuple, label: str, value) -> list[tuple[tuple, str, str]]:
    if isinstance(value, str):
        return [(loc + ("quote",), label, value)]
    if isinstance(value, list):
        return [(loc + ("quote", i), label, q) for i, q in enumerate(value) if isinstance(q, str)]
    return []


def raw_quotes(data: dict) -> list[tuple[tuple, str, str]]:
    """(location, label, quote) of every quote in the YAML as written, valid or not."""
    out = []
    facts = data.get("facts")
    for group, members in (facts.items() if isinstance(facts, dict) else ()):
        for name, fact in (members.items() if isinstance(members, dict) else ()):
            if isinstance(fact, dict):
                out += _quotes(("facts", group, name), f"{group}.{name}", fact.get("quote"))
    published = data.get("published")
    if isinstance(published, dict):
        out += _quotes(("published",), "published", published.get("quote"))
        if isinstance(published.get("increasing_efforts"), dict):
            out += _quotes(("published", "increasing_efforts"), "published.increasing_efforts", published["increasing_efforts"].get("quote"))
    unencoded = data.get("unencoded")
    for i, item in enumerate(unencoded if isinstance(unencoded, list) else ()):
        if isinstance(item, dict):
            out += _quotes(("unencoded", i), f"unencoded.{i}", item.get("quote"))
    return out


def quote_problems(doc: Located, text: SourceText, source: str, skip: frozenset = frozenset()) -> list[Problem]:
    """A located problem for every quote (of 3 characters or more) not found in the source;
    facts in ``skip`` (("facts", group, name), e.g. what-if changes) are not checked."""
    problems = []
    for loc, label, quote in raw_quotes(doc.data):
        if loc[:3] in skip:
            continue
        if len(quote.strip()) >= 3 and text.find(quote) is None:
            if loc not in doc.positions:
                loc = loc[:-1]
            problems.append(doc.problem(loc, not_found(label, quote, text, source)))
    return problems


def with_provenance(doc: Located, evidence: Evidence, table: dict[str, FactEntry], text: SourceText, source: str) -> tuple[dict[str, FactEntry], list[Problem]]:
    """Attach source lines and evidence lines to facts; problems for quotes not in the source."""
    out: dict[str, FactEntry] = {}
    for path, entry in table.items():
        group, name = path.split(".", 1)
        if group == "history":
            line = doc.where(("history",))[0] if "history" in doc.data else None
            out[path] = dataclasses.replace(entry, source=doc.path, evidence_line=line)
        elif entry.status == "missing":
            out[path] = entry
        else:
            lines = tuple(text.find(quote) or 0 for quote in entry.quotes)
            out[path] = dataclasses.replace(entry, source=source, quote_lines=lines, evidence_line=doc.where(("facts", group, name))[0])
    unquoted = frozenset(("facts", *path.split(".", 1)) for path, entry in table.items() if entry.status != "missing" and not entry.quotes)
    return out, quote_problems(doc, text, source, unquoted)


def _source_text(path: Path, doc: Located) -> tuple[SourceText, str] | None:
    """The raw ``source`` of an invalid file, when it resolves, so its quotes are checked too."""
    source = doc.data.get("source")
    if not isinstance(source, str) or not source:
        return None
    try:
        target = resolve_source(path, doc, source)
    except InputError:  # outside the directory or missing: the schema problems are reported alone
        return None
    if not target.is_file():
        return None
    try:
        return load_source(target), os.path.normpath(Path(doc.path).parent / source)
    except (OSError, UnicodeDecodeError):
        return None


def in_line_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.col))


def _previous(path: Path, doc: Located, evidence: Evidence) -> LoadedEvidence | None:
    """The previous year's file, loaded without carrying (one level, never the year before it):
    ``history.previous_evidence`` when named (it must exist and hold the same country's
    previous report year), else ``<country>_<year-1>`` beside this file."""
    target = previous_path(path, doc.data)
    named = evidence.history.previous_evidence
    if named is None:
        return None if target is None else load_evidence(target, os.path.join(os.path.dirname(doc.path), target.name), carry=False)
    loc = ("history", "previous_evidence")
    if not target.is_file():
        raise InputError([doc.problem(loc, f"previous evidence file '{named}' not found")])
    previous = load_evidence(target, os.path.normpath(os.path.join(os.path.dirname(doc.path), named)), carry=False)
    theirs = previous.evidence
    if theirs.country != evidence.country:
        raise InputError([doc.problem(loc, f"previous evidence file '{named}' is about {theirs.country}, not {evidence.country}")])
    if theirs.report_year != evidence.report_year - 1:
        raise InputError([doc.problem(loc, f"previous evidence file '{named}' holds report year {theirs.report_year}, not {evidence.report_year - 1}")])
    return previous


def load_evidence(path: Path, display: str | None = None, carry: bool = True) -> LoadedEvidence:
    """Read, validate and quote-check one evidence file; raise InputError with every problem.

    With ``carry``, lasting facts and prior counts come from the previous year's file
    (named in ``history.previous_evidence`` or beside it; carry.py), loaded without carrying.
    """
    doc = read_yaml(path, display)
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__
        raise InputError([doc.problem((), f"evidence must be a mapping of fields, not a {kind}")])
    try:
        evidence = Evidence.model_validate(doc.data)
    except ValidationError as exc:
        problems = evidence_problems(doc, exc)
        found = _source_text(path, doc)
        if found is not None:  # schema and quote errors in one run
            problems += quote_problems(doc, *found)
        raise InputError(in_line_order(problems)) from None
    source_path = resolve_source(path, doc, evidence.source)
    source_display = os.path.normpath(Path(doc.path).parent / evidence.source)
    try:
        text = load_source(source_path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([doc.problem(("source",), f"cannot read source file: {getattr(exc, 'strerror', None) or exc}")]) from None
    facts, problems = with_provenance(doc, evidence, build_fact_table(evidence), text, source_display)
    found = contradictions(evidence, facts) + against_source(evidence, text.text)
    problems += [doc.problem(c.loc, c.message) for c in found if c.severity == ERROR]
    if problems:
        raise InputError(in_line_order(problems))
    warnings = tuple(doc.problem(c.loc, f"warning: {c.message}") for c in found if c.severity != ERROR)
    previous = _previous(Path(path), doc, evidence) if carry else None
    if previous is not None:
        facts = carry_forward(facts, previous.facts, previous.path)
    return LoadedEvidence(doc.path, evidence, facts, source_path, source_display, doc, warnings, previous)
