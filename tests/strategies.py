"""Hypothesis strategies for fact tables: every path of the schema, any status, typed values."""

from __future__ import annotations

from hypothesis import strategies as st

from tierengine.evidence.facts import ENUMS, FactEntry, MISSING, NOT_REPORTED, REPORTED, fact_schema

SCHEMA = fact_schema()


def _values(kind: str):
    if kind == "bool":
        return st.fixed_dictionaries({"value": st.booleans()})
    if kind == "count":
        return st.builds(
            lambda v, p: {"value": v, **({} if p is None else {"prior": p, "change": v - p})},
            st.integers(0, 60), st.none() | st.integers(0, 60),
        )
    if kind == "penalty":
        return st.builds(
            lambda lo, hi, fine: {"min_years": min(lo, hi), "max_years": max(lo, hi), "fine_alternative": fine},
            st.integers(0, 20), st.integers(0, 20), st.booleans(),
        )
    return st.fixed_dictionaries({"value": st.sampled_from(ENUMS[kind])})


@st.composite
def fact_entry(draw, path: str, kind: str, statuses=(REPORTED, NOT_REPORTED, MISSING)):
    status = draw(st.sampled_from(statuses))
    if path.startswith("history."):
        status = draw(st.sampled_from((REPORTED, MISSING)))
    if status != REPORTED:
        return FactEntry(path, kind, status)
    values = draw(_values(kind))
    if kind == "count" and path.startswith("history."):
        values = {"value": values["value"] % 5}
    return FactEntry(path, kind, status, values)


@st.composite
def fact_tables(draw, **overrides):
    """A complete fact table; ``overrides`` fixes some paths to given entries."""
    table = {}
    for path, kind in SCHEMA.items():
        table[path] = overrides.get(path) or draw(fact_entry(path, kind))
    return table
