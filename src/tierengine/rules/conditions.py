"""The condition language of rules: parse, evaluate, describe, and normalise to DNF.

A condition is a tree of ``all`` / ``any`` / ``not`` / ``at_least`` over atoms:

* ``{fact: prosecution.convictions, gte: 1}`` compares a field (``field:``, default
  ``value``) of a reported fact; on a fact that is not reported it is false;
* ``{fact: prosecution.convictions, is: not_reported}`` tests the reporting status
  (``known``, ``not_reported``, ``missing``, ``unknown`` = not known);
* ``{finding: C-1, eq: not_met}`` (or ``ne``, ``in``) reads an earlier finding.

Operands may be ``{param: NAME}``, a named threshold resolved per report year.
This module is the single definition of what a condition means: the compiler turns
the same trees into durable_rules patterns, and the explainer evaluates them here to
say which conditions held and which failed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Union

from tierengine.evidence.facts import MISSING, NOT_REPORTED, REPORTED

COMPARISONS = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥", "in": "in"}
STATUS_WORDS = {
    "known": frozenset({REPORTED}),
    "reported": frozenset({REPORTED}),
    "not_reported": frozenset({NOT_REPORTED}),
    "missing": frozenset({MISSING}),
    "unknown": frozenset({NOT_REPORTED, MISSING}),
}


@dataclass(frozen=True)
class Param:
    name: str


@dataclass(frozen=True)
class FactTest:
    path: str
    field: str
    op: str
    operand: object  # scalar, tuple (for in) or Param
    loc: tuple = ()


@dataclass(frozen=True)
class FactStatus:
    path: str
    statuses: frozenset
    word: str
    loc: tuple = ()


@dataclass(frozen=True)
class FindingTest:
    finding: str
    op: str  # eq | ne | in
    operand: object
    loc: tuple = ()


@dataclass(frozen=True)
class All:
    items: tuple


@dataclass(frozen=True)
class AnyOf:
    items: tuple


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class AtLeast:
    n: int
    items: tuple


Atom = Union[FactTest, FactStatus, FindingTest]
Cond = Union[Atom, All, AnyOf, Not, AtLeast]
TRUE = All(())


class ConditionError(ValueError):
    def __init__(self, loc: tuple, message: str):
        self.loc, self.message = loc, message
        super().__init__(message)


def parse(raw: object, loc: tuple = ()) -> Cond:
    """Build a condition tree from YAML data; ConditionError names the bad location."""
    if raw is None:
        return TRUE
    if not isinstance(raw, dict):
        raise ConditionError(loc, "a condition must be a mapping (all / any / not / at_least / fact / finding)")
    keys = set(raw)
    if keys == {"all"} or keys == {"any"}:
        key = next(iter(keys))
        items = raw[key]
        if not isinstance(items, list) or not items:
            raise ConditionError(loc + (key,), f"'{key}' takes a non-empty list of conditions")
        parsed = tuple(parse(item, loc + (key, i)) for i, item in enumerate(items))
        return All(parsed) if key == "all" else AnyOf(parsed)
    if keys == {"not"}:
        return Not(parse(raw["not"], loc + ("not",)))
    if keys == {"at_least", "of"}:
        n, items = raw["at_least"], raw["of"]
        if not isinstance(items, list) or not items:
            raise ConditionError(loc + ("of",), "'of' takes a non-empty list of conditions")
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(items):
            raise ConditionError(loc + ("at_least",), f"at_least must be a whole number from 1 to {len(items)}")
        return AtLeast(n, tuple(parse(item, loc + ("of", i)) for i, item in enumerate(items)))
    if "fact" in raw:
        return _parse_fact(raw, loc)
    if "finding" in raw:
        return _parse_finding(raw, loc)
    raise ConditionError(loc, f"unknown condition keys {sorted(map(str, keys))}; use all, any, not, at_least/of, fact or finding")


def _operand(value: object, loc: tuple) -> object:
    if isinstance(value, dict):
        if set(value) != {"param"} or not isinstance(value["param"], str):
            raise ConditionError(loc, "an operand is a scalar, a list (for in) or {param: NAME}")
        return Param(value["param"])
    if isinstance(value, list):
        return tuple(value)
    return value


def _one_test(raw: dict, allowed: set, loc: tuple) -> tuple[str, object]:
    tests = [k for k in raw if k in allowed]
    extra = set(raw) - allowed - {"fact", "finding", "field"}
    if extra:
        raise ConditionError(loc + (sorted(map(str, extra))[0],), f"unknown key '{sorted(map(str, extra))[0]}' in condition")
    if len(tests) != 1:
        raise ConditionError(loc, f"an atom takes exactly one test of: {', '.join(sorted(allowed))}")
    return tests[0], raw[tests[0]]


def _parse_fact(raw: dict, loc: tuple) -> Atom:
    path = raw["fact"]
    if not isinstance(path, str):
        raise ConditionError(loc + ("fact",), "fact must be a path such as prosecution.convictions")
    op, value = _one_test(raw, set(COMPARISONS) | {"is"}, loc)
    if op == "is":
        if value not in STATUS_WORDS:
            raise ConditionError(loc + ("is",), f"'is' takes one of {', '.join(STATUS_WORDS)}")
        if "field" in raw:
            raise ConditionError(loc + ("field",), "'is' tests a fact's status, not a field")
        return FactStatus(path, STATUS_WORDS[value], value, loc)
    field = raw.get("field", "value")
    operand = _operand(value, loc + (op,))
    if op == "in" and not isinstance(operand, tuple):
        raise ConditionError(loc + (op,), "'in' takes a list")
    return FactTest(path, field, op, operand, loc)


def _parse_finding(raw: dict, loc: tuple) -> Atom:
    finding = raw["finding"]
    if not isinstance(finding, str):
        raise ConditionError(loc + ("finding",), "finding must be a finding id")
    op, value = _one_test(raw, {"eq", "ne", "in"}, loc)
    operand = _operand(value, loc + (op,))
    if op == "in" and not isinstance(operand, tuple):
        raise ConditionError(loc + (op,), "'in' takes a list")
    return FindingTest(finding, op, operand, loc)


# --- reading -----------------------------------------------------------------------


def atoms(cond: Cond):
    """Every atom in the tree, depth first."""
    if isinstance(cond, (All, AnyOf, AtLeast)):
        for item in cond.items:
            yield from atoms(item)
    elif isinstance(cond, Not):
        yield from atoms(cond.item)
    else:
        yield cond


def resolve(operand: object, params: dict[str, object]) -> object:
    return params[operand.name] if isinstance(operand, Param) else operand


def compare(op: str, left: object, right: object) -> bool:
    if op == "eq":
        return left == right
    if op == "ne":
        return left != right
    if op == "in":
        return left in right
    if op == "lt":
        return left < right
    if op == "lte":
        return left <= right
    if op == "gt":
        return left > right
    return left >= right


def evaluate_atom(atom: Atom, facts: dict, findings: dict, params: dict) -> bool:
    if isinstance(atom, FindingTest):
        return compare(atom.op, findings[atom.finding], resolve(atom.operand, params))
    entry = facts[atom.path]
    if isinstance(atom, FactStatus):
        return entry.status in atom.statuses
    if entry.status != REPORTED or atom.field not in entry.values:
        return False
    return compare(atom.op, entry.values[atom.field], resolve(atom.operand, params))


def evaluate(cond: Cond, facts: dict, findings: dict, params: dict) -> bool:
    """Truth of ``cond`` (the meaning the durable_rules patterns must reproduce)."""
    if isinstance(cond, All):
        return all(evaluate(c, facts, findings, params) for c in cond.items)
    if isinstance(cond, AnyOf):
        return any(evaluate(c, facts, findings, params) for c in cond.items)
    if isinstance(cond, Not):
        return not evaluate(cond.item, facts, findings, params)
    if isinstance(cond, AtLeast):
        return sum(evaluate(c, facts, findings, params) for c in cond.items) >= cond.n
    return evaluate_atom(cond, facts, findings, params)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def describe(cond: Cond, params: dict | None = None) -> str:
    """A short human reading of a condition, with parameters shown by name and value."""
    params = params or {}

    def operand(o):
        if isinstance(o, Param):
            return f"{o.name} ({_show(params[o.name])})" if o.name in params else o.name
        return _show(o)

    if isinstance(cond, All):
        return " and ".join(f"({describe(c, params)})" if isinstance(c, (AnyOf, AtLeast)) else describe(c, params) for c in cond.items) or "always"
    if isinstance(cond, AnyOf):
        return " or ".join(describe(c, params) for c in cond.items)
    if isinstance(cond, Not):
        return f"not ({describe(cond.item, params)})"
    if isinstance(cond, AtLeast):
        return f"at least {cond.n} of [" + "; ".join(describe(c, params) for c in cond.items) + "]"
    if isinstance(cond, FactStatus):
        return f"{cond.path} is {cond.word.replace('_', ' ')}"
    if isinstance(cond, FactTest):
        name = cond.path if cond.field == "value" else f"{cond.path}.{cond.field}"
        return f"{name} {COMPARISONS[cond.op]} {operand(cond.operand)}"
    return f"{cond.finding} {COMPARISONS[cond.op]} {operand(cond.operand)}"


# --- normal form for the compiler ----------------------------------------------------

MAX_CONJUNCTIONS = 256


def _expand_at_least(cond: AtLeast) -> Cond:
    return AnyOf(tuple(All(combo) for combo in itertools.combinations(cond.items, cond.n)))


def _merge(a: tuple, b: tuple) -> tuple:
    """Conjoin two conjunctions, keeping each literal once."""
    return a + tuple(lit for lit in b if lit not in a)


def to_dnf(cond: Cond, negated: bool = False) -> list[tuple[tuple[Atom, bool], ...]]:
    """Disjunction of conjunctions of (atom, negated) literals; raise if it grows too big."""
    if isinstance(cond, AtLeast):
        if negated:  # fewer than n hold <=> at least k-n+1 fail
            flipped = AtLeast(len(cond.items) - cond.n + 1, tuple(Not(c) for c in cond.items))
            return to_dnf(flipped)
        return to_dnf(_expand_at_least(cond))
    if isinstance(cond, Not):
        return to_dnf(cond.item, not negated)
    if isinstance(cond, (All, AnyOf)):
        parts = [to_dnf(c, negated) for c in cond.items]
        conjunctive = isinstance(cond, All) != negated
        if conjunctive:
            out: list[tuple] = [()]
            for part in parts:
                out = [_merge(a, b) for a in out for b in part]
                if len(out) > MAX_CONJUNCTIONS:
                    raise ValueError(f"condition expands to more than {MAX_CONJUNCTIONS} alternatives")
            return out
        out = list(dict.fromkeys(conj for part in parts for conj in part))
        if len(out) > MAX_CONJUNCTIONS:
            raise ValueError(f"condition expands to more than {MAX_CONJUNCTIONS} alternatives")
        return out
    return [((cond, negated),)]
