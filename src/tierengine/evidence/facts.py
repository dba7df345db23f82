"""The flat fact table the rules read: one entry per fact path, with provenance.

Evidence models are nested for authors; rules and explanations want a flat view:
``prosecution.convictions`` -> status, comparable fields, quotes, source line.
Facts the source is silent on are present with status ``missing`` so every rule
can tell "not reported" from "not stated" and from a reported ``false`` or ``0``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from tierengine.evidence.history import derive
from tierengine.tiers import ALL_TIERS

if TYPE_CHECKING:
    from tierengine.evidence.model import Evidence, Fact

# The pydantic models (model.py) are imported only by the functions that read them: a warm
# `assess` (evidence/cached.py) rebuilds fact tables without them (issue 10 §2).

REPORTED, NOT_REPORTED, MISSING = "reported", "not_reported", "missing"
STATUSES = (REPORTED, NOT_REPORTED, MISSING)


@lru_cache(maxsize=1)
def fact_kinds() -> dict[str, dict[str, tuple[type, ...]]]:
    """fact kind -> comparable field -> accepted Python types."""
    from tierengine.evidence.model import BoolFact, CountFact, PenaltyFact, TrendFact

    kinds = {cls.kind: cls.fields for cls in (BoolFact, CountFact, TrendFact, PenaltyFact)}
    return {**kinds, "tier": {"value": (str,)}, "criterion": {"value": (str,)}}


#: closed value sets of string-valued kinds
ENUMS: dict[str, tuple[str, ...]] = {
    "trend": ("increased", "maintained", "decreased"), "tier": ALL_TIERS, "criterion": ("met", "not_met", "not_determinable"),
}

#: facts derived from the published tier history (22 U.S.C. 7107(b)(2)(D)-(F))
HISTORY_PATHS: dict[str, str] = {
    "history.prior_tier": "tier",
    "history.consecutive_watch_list_years": "count",
    "history.waiver_years_in_run": "count",
    "history.downgraded_after_full_run": "bool",
    "history.waivers_known": "bool",
}


#: the previous year's assessment, one fact per criterion of 22 U.S.C. 7106(b) (C-11 itself
#: aside), so C-11 can compare "the assessment in the previous year" (7106(b)(11)); missing
#: until assessment/previous.py fills them from the previous year's evidence file
PREVIOUS_PATHS: dict[str, str] = {f"previous.C-{n}": "criterion" for n in range(1, 13) if n != 11}
#: facts derived from outside this file's narrative, never varied as if the narrative were silent
DERIVED_PREFIXES = ("history.", "previous.")


def fact_schema() -> dict[str, str]:
    """Every path a rule may read and its kind."""
    from tierengine.evidence.model import evidence_schema

    schema = {path: cls.kind for path, cls in evidence_schema().items()}
    schema.update(HISTORY_PATHS)
    schema.update(PREVIOUS_PATHS)
    return schema


@dataclass(frozen=True)
class FactEntry:
    """One fact as the rules and the justification chain see it."""

    path: str
    kind: str
    status: str
    values: dict[str, object] = field(default_factory=dict)
    quotes: tuple[str, ...] = ()
    source: str | None = None  # file the quotes come from
    quote_lines: tuple[int, ...] = ()
    evidence_line: int | None = None  # where the fact is written in the evidence file
    derived: str | None = None  # how a derived fact was computed

    @property
    def value(self) -> object:
        if self.kind == "penalty":
            return {k: v for k, v in self.values.items() if k in ("min_years", "max_years", "fine_alternative")} or None
        return self.values.get("value")


def _entry(path: str, fact: Fact | None, kind: str) -> FactEntry:
    if fact is None:
        return FactEntry(path, kind, MISSING)
    values = fact.comparable()
    if kind == "count" and fact.change is not None:
        values["change"] = fact.change
    return FactEntry(path, kind, REPORTED if fact.reported else NOT_REPORTED, values, tuple(fact.quote))


def iter_facts(evidence: Evidence):
    """(path, Fact or None) for every schema path, in schema order."""
    from tierengine.evidence.model import GROUPS

    for group in GROUPS:
        model = getattr(evidence.facts, group)
        for name in type(model).model_fields:
            yield f"{group}.{name}", getattr(model, name)


def build_fact_table(evidence: Evidence) -> dict[str, FactEntry]:
    """Flatten evidence (without provenance lines; see load.py) plus derived history."""
    from tierengine.evidence.model import evidence_schema

    schema = evidence_schema()
    table = {path: _entry(path, fact, schema[path].kind) for path, fact in iter_facts(evidence)}
    # an omitted ``waivers`` is unknown, not "none" (a written [] is none)
    waivers = list(evidence.history.waivers) if "waivers" in evidence.history.model_fields_set else None
    h = derive(dict(evidence.history.tiers), waivers, evidence.report_year)
    derived = {
        "history.prior_tier": h.prior_tier,
        "history.consecutive_watch_list_years": h.consecutive_watch_list_years,
        "history.waiver_years_in_run": h.waiver_years_in_run,
        "history.downgraded_after_full_run": h.downgraded_after_full_run,
        "history.waivers_known": waivers is not None,
    }
    for path, value in derived.items():
        status = MISSING if value is None else REPORTED
        values = {} if value is None else {"value": value}
        table[path] = FactEntry(path, HISTORY_PATHS[path], status, values, derived=h.basis)
    table.update((path, FactEntry(path, kind, MISSING)) for path, kind in PREVIOUS_PATHS.items())
    return table
