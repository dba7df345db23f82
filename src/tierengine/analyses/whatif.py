"""What-if: change facts of an evidence file, re-validate, re-assess, and compare.

A change is written ``PATH=VALUE`` (``--set`` on the command line):

* ``PATH`` is a fact path such as ``prosecution.convictions``; a leading ``facts.``
  is accepted, and a trailing field picks a field other than ``value``
  (``prosecution.penalties.max_years=8``; penalty facts always need a field);
* ``VALUE`` is a YAML scalar checked against the fact's kind (``true``/``false``,
  a whole number, ``increased``/``maintained``/``decreased``, years), or one of two
  words for the reporting status: ``not_reported`` (the source says the government
  did not report it, ``reported: false``) and ``missing`` (the source is silent).

Changed facts are hypothetical: they carry no quote from the source, so they are not
quote-checked, and every output labels them "hypothetical". Everything else about the
evidence is validated exactly as ``load_evidence`` does, so a change that makes the
evidence invalid (a count below zero, min_years above max_years) is an error.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from tierengine.errors import InputError, Problem
from tierengine.evidence.model import Evidence, Fact, GROUPS, evidence_schema
from tierengine.evidence.carry import carry_forward
from tierengine.evidence.facts import ENUMS, MISSING, NOT_REPORTED, build_fact_table
from tierengine.evidence.load import LoadedEvidence, with_provenance, clean_loc
from tierengine.evidence.quotes import load_source
from tierengine.evidence.yamlsource import Located

try:  # cross-fact consistency checks (consistency.py), applied as load_evidence applies them
    from tierengine.evidence.consistency import ERROR, contradictions
except ImportError:  # pragma: no cover - an older tree without the module
    ERROR, contradictions = "error", None

ARG = "--set"  # the "file" named in problems about a change
STATUS_WORDS = (NOT_REPORTED, MISSING)
HYPOTHETICAL = "hypothetical"


@dataclass(frozen=True)
class Change:
    """One hypothetical change to one field (or the reporting status) of one fact."""

    path: str  # prosecution.convictions
    field: str | None  # None: a status change (value is not_reported / missing)
    value: object
    index: int = 0  # 1-based position among the --set options, for messages

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.path, self.field)

    def shown_value(self) -> str:
        if isinstance(self.value, bool):
            return str(self.value).lower()
        return str(self.value)

    def as_set(self) -> str:
        """The ``--set`` argument that makes this change."""
        name = self.path if self.field in (None, "value") else f"{self.path}.{self.field}"
        return f"{name}={self.shown_value()}"

    def to_dict(self) -> dict:
        return {"path": self.path, "field": self.field, "value": self.value, "set": self.as_set()}


def settable_fields(cls: type[Fact]) -> list[str]:
    """Fields of a fact kind a change may set (the quote and notes are not facts)."""
    return [f for f in cls.model_fields if f not in ("reported", "quote", "note", "prior_year")]


def _problem(index: int, col: int, message: str) -> InputError:
    return InputError([Problem(ARG, index, col, message)])


def _check_type(cls: type[Fact], name: str, field: str, value: object, index: int, col: int) -> None:
    if cls.kind == "trend":
        if value not in ENUMS["trend"]:
            raise _problem(index, col, f"{name}: a trend is one of {', '.join(ENUMS['trend'])}, not {value!r}")
    elif cls.kind == "bool" or field == "fine_alternative":
        if not isinstance(value, bool):
            raise _problem(index, col, f"{name}: takes true or false, not {value!r}")
    elif cls.kind == "count":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _problem(index, col, f"{name}: takes a whole number, not {value!r}")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _problem(index, col, f"{name}: takes a number of years, not {value!r}")


def parse_set(text: str, index: int = 1) -> Change:
    """Parse ``PATH=VALUE``; InputError (file ``--set``, line = option number) names the path."""
    if "=" not in text:
        raise _problem(index, 1, f"'{text}': a change is PATH=VALUE, e.g. prosecution.convictions=3")
    raw_path, raw_value = text.split("=", 1)
    raw_path = raw_path.strip()
    col = len(text) - len(text.lstrip()) + 1
    path = raw_path.removeprefix("facts.")
    schema = evidence_schema()
    parts = path.split(".")
    fact_path = ".".join(parts[:2])
    if fact_path not in schema:
        close = difflib.get_close_matches(fact_path, list(schema), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise _problem(index, col, f"unknown fact '{raw_path}'{hint}")
    cls = schema[fact_path]
    fields = settable_fields(cls)
    if len(parts) > 3:
        raise _problem(index, col, f"'{raw_path}': a path is GROUP.FACT or GROUP.FACT.FIELD")
    field = parts[2] if len(parts) == 3 else None
    if field is not None and field not in fields:
        raise _problem(index, col, f"{fact_path} ({cls.kind}) has no field '{field}'; fields: {', '.join(fields)}")
    try:
        value = yaml.safe_load(raw_value) if raw_value.strip() else None
    except yaml.YAMLError:
        value = raw_value
    vcol = col + len(text.split("=", 1)[0]) + 1
    if value in STATUS_WORDS:
        if field not in (None, "value"):
            raise _problem(index, vcol, f"{fact_path}: '{value}' is a status of the whole fact; write {fact_path}={value}")
        return Change(fact_path, None, value, index)
    if value is None:
        raise _problem(index, vcol, f"{fact_path}: no value given (use a value, {NOT_REPORTED} or {MISSING})")
    if field is None:
        if "value" not in fields:
            raise _problem(index, col, f"{fact_path} is a {cls.kind} fact; name a field: {', '.join(fields)}")
        field = "value"
    _check_type(cls, f"{fact_path}.{field}" if field != "value" else fact_path, field, value, index, vcol)
    return Change(fact_path, field, value, index)


def parse_sets(texts: list[str]) -> list[Change]:
    """Parse every ``--set``; all problems are reported together; a field set twice is an error."""
    changes, problems, seen = [], [], {}
    for i, text in enumerate(texts, start=1):
        try:
            change = parse_set(text, i)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        clash = [k for k in seen if k[0] == change.path and (k[1] is None or change.field is None or k[1] == change.field)]
        if clash:
            problems.append(Problem(ARG, i, 1, f"{change.path} is already changed by --set number {seen[clash[0]]}"))
            continue
        seen[change.key] = i
        changes.append(change)
    if problems:
        raise InputError(problems)
    return changes


# --- applying changes ----------------------------------------------------------------


def label(changes: list[Change], before: object) -> str:
    """What a hypothetical fact says instead of a quote."""
    what = ", ".join(c.as_set() for c in changes)
    return f"{HYPOTHETICAL}: {what} (was: {before})"


def modify_fact(raw: dict | None, changes: list[Change]) -> dict | None:
    """The fact's YAML mapping after ``changes`` (all on one fact); None when it becomes missing."""
    status = next((c.value for c in changes if c.field is None), None)
    if status == MISSING:
        return None
    note = f"{HYPOTHETICAL} (tierengine whatif)"
    if status == NOT_REPORTED:
        return {"reported": False, "quote": [note], "note": note}
    base = dict(raw) if isinstance(raw, dict) else {}
    if base.get("reported") is False:
        base = {}
    out = {k: v for k, v in base.items() if k not in ("reported", "quote", "note")}
    for c in changes:
        out[c.field] = c.value
    out["quote"] = [note]
    out["note"] = note
    return out


def by_path(changes: list[Change]) -> dict[str, list[Change]]:
    out: dict[str, list[Change]] = {}
    for c in changes:
        out.setdefault(c.path, []).append(c)
    return out


def raw_fact(data: dict, path: str) -> dict | None:
    group, name = path.split(".", 1)
    facts = data.get("facts") or {}
    section = facts.get(group) or {}
    return section.get(name) if isinstance(section, dict) else None


def apply_to_data(data: dict, changes: list[Change]) -> dict:
    """A deep copy of the evidence document with ``changes`` applied."""
    out = copy.deepcopy(data)
    facts = out.get("facts")
    if not isinstance(facts, dict):
        facts = out["facts"] = {}
    for path, group_changes in by_path(changes).items():
        group, name = path.split(".", 1)
        section = facts.get(group)
        if not isinstance(section, dict):
            section = facts[group] = {}
        new = modify_fact(section.get(name), group_changes)
        if new is None:
            section.pop(name, None)
        else:
            section[name] = new
    return out


def _located_problems(doc: Located, exc: ValidationError, changes: list[Change]) -> list[Problem]:
    from tierengine.evidence.load import problem_message

    index = {("facts", *c.path.split(".")): c.index for c in changes}
    problems, seen = [], set()
    for err in exc.errors():
        loc = clean_loc(err["loc"])
        hit = next((i for prefix, i in index.items() if tuple(loc[:3]) == prefix), None)
        message = problem_message(err)
        problem = Problem(ARG, hit, 1, message.removeprefix("facts.")) if hit else doc.problem(loc, message)
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    return problems


def apply_changes(loaded: LoadedEvidence, changes: list[Change]) -> LoadedEvidence:
    """Re-validate the evidence with ``changes``; hypothetical facts are labelled, not quote-checked."""
    data = apply_to_data(loaded.doc.data, changes)
    doc = Located(loaded.doc.path, data, loaded.doc.positions)
    try:
        evidence = Evidence.model_validate(data)
    except ValidationError as exc:
        raise InputError(_located_problems(doc, exc, changes)) from None
    table = build_fact_table(evidence)
    changed = by_path(changes)
    unchecked = {p: dataclasses.replace(e, quotes=()) if p in changed else e for p, e in table.items()}
    facts, problems = with_provenance(doc, evidence, unchecked, load_source(loaded.source_path), loaded.source_display)
    if problems:
        raise InputError(problems)
    if loaded.previous is not None:
        facts = carry_forward(facts, loaded.previous.facts, loaded.previous.path, keep=frozenset(changed))
    for path, group_changes in changed.items():
        was = describe_entry(loaded.facts[path])
        facts[path] = dataclasses.replace(facts[path], quotes=(), quote_lines=(), source=None, derived=label(group_changes, was))
    found = contradictions(evidence, facts) if contradictions else []
    index = {("facts", *c.path.split(".")): c.index for c in changes}
    errors = [
        Problem(ARG, index[tuple(c.loc[:3])], 1, c.message) if tuple(c.loc[:3]) in index and index[tuple(c.loc[:3])] else doc.problem(c.loc, c.message)
        for c in found
        if c.severity == ERROR
    ]
    if errors:
        raise InputError(errors)
    extra = {}
    if "warnings" in {f.name for f in dataclasses.fields(LoadedEvidence)}:
        extra["warnings"] = tuple(doc.problem(c.loc, f"warning: {c.message}") for c in found if c.severity != ERROR)
    return LoadedEvidence(loaded.path, evidence, facts, loaded.source_path, loaded.source_display, doc, **extra, previous=loaded.previous)


def contradicted(evidence: Evidence, facts: dict) -> list[tuple[tuple, str]]:
    """(location, message) of every contradiction that would reject these facts."""
    if contradictions is None:
        return []
    return [(c.loc, c.message) for c in contradictions(evidence, facts) if c.severity == ERROR]


def describe_entry(entry) -> str:
    """A fact's state in a few words: '3', 'true', 'not reported', 'missing'."""
    if entry.status != "reported":
        return entry.status.replace("_", " ")
    value = entry.value
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return _plain(value)


def _plain(v: object) -> str:
    return str(v).lower() if isinstance(v, bool) else str(v)


# --- comparing ---------------------------------------------------------------------


@dataclass
class Outcome:
    """An assessment plus the engine's raw evaluation (which rule decided each finding)."""

    assessment: object  # result.Assessment
    evaluation: object  # engine.Evaluation


def run(loaded: LoadedEvidence, rules) -> Outcome:
    """Assess through the durable engine and keep the evaluation for comparisons."""
    from tierengine.assessment.assess import assess_loaded
    from tierengine.assessment.previous import with_previous_findings
    from tierengine.engine.compile import compile_year
    from tierengine.engine.durable import shared_engine

    assessment = assess_loaded(loaded, rules)
    engine = shared_engine()
    evaluation = engine.evaluate(compile_year(rules, loaded.evidence.report_year), with_previous_findings(loaded, rules, engine))
    return Outcome(assessment, evaluation)


@dataclass
class WhatIf:
    changes: list[Change]
    was: dict[str, str]  # path -> state before
    before: Outcome
    after: Outcome
    changed_findings: list[dict]

    @property
    def tier_before(self) -> str:
        return self.before.assessment.tier

    @property
    def tier_after(self) -> str:
        return self.after.assessment.tier

    def to_dict(self) -> dict:
        return {
            "country": self.before.assessment.country,
            "report_year": self.before.assessment.report_year,
            "changes": [{**c.to_dict(), "was": self.was[c.path], HYPOTHETICAL: True} for c in self.changes],
            "before": {"tier": self.tier_before, "deciding_rule": self.before.assessment.deciding_rule},
            "after": {"tier": self.tier_after, "deciding_rule": self.after.assessment.deciding_rule},
            "tier_changed": self.tier_before != self.tier_after,
            "changed_findings": self.changed_findings,
            "after_assessment": self.after.assessment.to_dict(),
        }


def compare(rules, before: Outcome, after: Outcome) -> list[dict]:
    """Findings whose value or deciding rule differs, in rule-set order."""
    out = []
    for fid in rules.findings:
        b, a = before.evaluation, after.evaluation
        if fid not in b.values:
            continue
        if b.values[fid] != a.values[fid] or b.chosen[fid] != a.chosen[fid]:
            out.append({
                "finding": fid,
                "before": b.values[fid],
                "after": a.values[fid],
                "rule_before": b.chosen[fid] or f"{fid}.default",
                "rule_after": a.chosen[fid] or f"{fid}.default",
            })
    return out


def whatif(loaded: LoadedEvidence, rules, changes: list[Change]) -> WhatIf:
    """Assess before and after ``changes``; InputError if the changed evidence is invalid."""
    changed = apply_changes(loaded, changes)
    before, after = run(loaded, rules), run(changed, rules)
    was = {c.path: describe_entry(loaded.facts[c.path]) for c in changes}
    return WhatIf(changes, was, before, after, compare(rules, before, after))


__all__ = ["Change", "parse_set", "parse_sets", "apply_changes", "whatif", "WhatIf", "run", "Outcome", "GROUPS"]
