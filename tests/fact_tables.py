"""Generated fact tables for the reference and scale tests (and bench/scale.py).

Tables are built as FactEntry dicts directly (no YAML), covering every path of
``facts.fact_schema()`` with every status. Numbers cluster around the thresholds the
rules use (0, 1, 2, 4 ...), where a wrong comparison would show.
"""

from __future__ import annotations

import random

from tierengine.evidence.facts import ENUMS, MISSING, NOT_REPORTED, REPORTED, FactEntry, fact_schema

SCHEMA = fact_schema()
STATUSES = (REPORTED, NOT_REPORTED, MISSING)
SMALL = (0, 1, 2, 3, 4, 5)


def _values(kind: str, pick) -> dict:
    """Random comparable fields of a kind; ``pick(options)`` chooses one option."""
    if kind == "bool":
        return {"value": pick((True, False))}
    if kind == "count":
        value = pick(SMALL + (7, 60, 1_000_000_000))
        prior = pick((None, *SMALL, 60))
        return {"value": value} if prior is None else {"value": value, "prior": prior, "change": value - prior}
    if kind == "penalty":
        out = {"max_years": pick((0, 1, 3, 3.5, 4, 4.5, 5, 10, 99))}
        for name, options in (("min_years", (0, 1, 2)), ("fine_alternative", (True, False))):
            choice = pick((None, *options))
            if choice is not None:
                out[name] = choice
        return out
    return {"value": pick(ENUMS[kind])}


def entry(path: str, kind: str, status: str, pick) -> FactEntry:
    if status != REPORTED:
        return FactEntry(path, kind, status)
    return FactEntry(path, kind, status, _values(kind, pick), ("generated",))


def random_table(rng: random.Random) -> dict[str, FactEntry]:
    return {path: entry(path, kind, rng.choice(STATUSES), rng.choice) for path, kind in SCHEMA.items()}


def vary(base: dict[str, FactEntry], rng: random.Random, flips: int) -> dict[str, FactEntry]:
    """``base`` with ``flips`` facts given a new random status and value."""
    table = dict(base)
    for path in rng.sample(sorted(SCHEMA), flips):
        table[path] = entry(path, SCHEMA[path], rng.choice(STATUSES), rng.choice)
    return table

