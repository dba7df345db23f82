"""Compile a rule set, for one report year, into a durable_rules JSON ruleset.

Each rule in force becomes one durable_rules rule per alternative of its condition
in disjunctive normal form. Evidence is asserted as one fact per group
(``ev_prosecution`` ...) and findings as one fact per stratum (``s1``, ``s2`` ...),
so an assessment asserts about a dozen facts: the engine's identity index fills
slowly and every pattern carries a type discriminator ``t``. The compiled JSON is
checked against an operator whitelist before anything is registered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tierengine.evidence import cache
from tierengine.rules.conditions import FactStatus, FindingTest, Param, atoms, resolve, to_dnf
from tierengine.errors import InputError, Problem
from tierengine.evidence.facts import REPORTED, STATUSES, FactEntry, fact_schema
from tierengine.rules.ruleset import Rule, RuleSet

CONTEXT = "ctx"
NOOP = "_noop"
ALLOWED_OPERATORS = {"$and", "$or", "$lt", "$lte", "$gt", "$gte", "$neq", "$ex", "$nex"}


def _key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", name)


def evidence_type(path: str) -> str:
    return "ev_" + path.split(".", 1)[0]


def evidence_field(path: str, field: str) -> str:
    return f"{_key(path.split('.', 1)[1])}__{field}"


def status_field(path: str) -> str:
    return f"{_key(path.split('.', 1)[1])}__s"


@dataclass(frozen=True)
class CompiledRuleset:
    """A durable_rules ruleset for one report year plus what the engine needs around it."""

    year: int
    digest: str
    durable: dict  # {durable rule name: definition}
    strata: tuple[tuple[str, ...], ...]
    stratum_of: dict[str, int]
    finding_fields: dict[str, str]
    params: dict[str, object]
    rules_by_finding: dict[str, tuple[Rule, ...]]  # in force, in declared (first-match) order
    default_of: dict[str, object]
    #: ``durable`` as JSON text: registering ``json.loads`` of it gives durable_rules (which
    #: mutates what it is given) a fresh copy, faster than copy.deepcopy
    durable_json: str

    @property
    def name(self) -> str:
        return f"te_{self.digest}_{self.year}"


def _literal(atom, negated: bool, params: dict, stratum_of: dict, fields: dict) -> tuple[str, dict]:
    """(fact type, durable expression) for one literal."""
    if isinstance(atom, FindingTest):
        field = fields[atom.finding]
        value = resolve(atom.operand, params)
        values = value if atom.op == "in" else (value,)
        positive = atom.op in ("eq", "in")
        if positive != negated:
            expr = {"$or": [{field: v} for v in values]} if len(values) > 1 else {field: values[0]}
        else:
            expr = {"$and": [{"$neq": {field: v}} for v in values]} if len(values) > 1 else {"$neq": {field: values[0]}}
        return f"s{stratum_of[atom.finding]}", expr
    kind = evidence_type(atom.path)
    status = status_field(atom.path)
    if isinstance(atom, FactStatus):
        wanted = atom.statuses if not negated else frozenset(STATUSES) - atom.statuses
        options = [{status: s} for s in sorted(wanted)]
        return kind, options[0] if len(options) == 1 else {"$or": options}
    field = evidence_field(atom.path, atom.field)
    value = resolve(atom.operand, params)
    if atom.op == "in":
        test = {"$or": [{field: v} for v in value]}
        negative = {"$and": [{"$neq": {field: v}} for v in value]}
    else:
        ops = {"eq": None, "ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
        inverse = {"eq": "ne", "ne": "eq", "lt": "gte", "lte": "gt", "gt": "lte", "gte": "lt"}
        test = {field: value} if atom.op == "eq" else {ops[atom.op]: {field: value}}
        neg_op = inverse[atom.op]
        negative = {field: value} if neg_op == "eq" else {ops[neg_op]: {field: value}}
    if not negated:
        return kind, {"$and": [{status: REPORTED}, {"$ex": {field: 1}}, test]}
    return kind, {"$or": [{"$neq": {status: REPORTED}}, {"$nex": {field: 1}}, negative]}


def _rule_definitions(rule: Rule, params: dict, stratum_of: dict, fields: dict) -> dict[str, dict]:
    out = {}
    for i, conjunction in enumerate(to_dnf(rule.when)):
        by_type: dict[str, list[dict]] = {}
        for atom, negated in conjunction:
            kind, expr = _literal(atom, negated, params, stratum_of, fields)
            by_type.setdefault(kind, []).append(expr)
        if not by_type:
            by_type[CONTEXT] = []
        patterns = [{f"a{k}": {"$and": [{"t": kind}, *exprs]}} for k, (kind, exprs) in enumerate(sorted(by_type.items()))]
        out[f"{rule.id}#{i}"] = {"all": patterns, "run": f"{rule.id}#{i}"}
    return out


def _check(definitions: dict) -> list[str]:
    """Operator whitelist and a type discriminator in every pattern (engines.md §3.4)."""
    errors = []

    def walk(expr, name):
        if isinstance(expr, dict):
            for key, value in expr.items():
                if key.startswith("$") and key not in ALLOWED_OPERATORS:
                    errors.append(f"{name}: operator {key} is not allowed")
                walk(value, name)
        elif isinstance(expr, list):
            for item in expr:
                walk(item, name)

    for name, definition in definitions.items():
        for pattern in definition["all"]:
            (expr,) = pattern.values()
            first = expr["$and"][0] if "$and" in expr else expr
            if not (isinstance(first, dict) and "t" in first):
                errors.append(f"{name}: pattern without a type discriminator")
            walk(expr, name)
    return errors


def compile_year(rules: RuleSet, year: int) -> CompiledRuleset:
    """Compile the rules in force in ``year``, once per rule set and year."""
    if year not in rules.compiled:
        rules.compiled[year] = _compile(rules, year)
    return rules.compiled[year]


def _compile(rules: RuleSet, year: int) -> CompiledRuleset:
    params = rules.params_at(year)
    strata = tuple(tuple(s) for s in rules.strata)
    stratum_of = {fid: k + 1 for k, group in enumerate(strata) for fid in group}
    fields: dict[str, str] = {}
    for fid in rules.findings:
        key = _key(fid)
        while key in fields.values():
            key += "_"
        fields[fid] = key
    by_finding = {fid: tuple(finding.rules_in_force(year)) for fid, finding in rules.findings.items()}
    name = cache.key("compiled", rules.digest, str(year), _engine_stamp()) if cache.directory() else None
    definitions, text = _cached_definitions(name)
    if definitions is None:
        definitions = _definitions(rules, year, params, strata, stratum_of, fields, by_finding)
        text = json.dumps(definitions)
        if name is not None:
            cache.write("compiled", name, {"durable": text})
    defaults = {fid: f.spec.default for fid, f in rules.findings.items()}
    return CompiledRuleset(year, rules.digest, definitions, strata, stratum_of, fields, params, by_finding, defaults, text)


def _definitions(rules: RuleSet, year: int, params: dict, strata: tuple, stratum_of: dict, fields: dict, by_finding: dict) -> dict[str, dict]:
    """The durable_rules definitions of the rules in force, checked; InputError on any problem."""
    definitions: dict[str, dict] = {}
    problems: list[Problem] = []
    for in_force in by_finding.values():
        for rule in in_force:
            missing = [a.operand.name for a in _params_of(rule) if a.operand.name not in params]
            if missing:
                problems.append(Problem(rule.file, rule.line, 1, f"rule {rule.id}: parameter '{missing[0]}' has no value for report year {year}"))
                continue
            try:
                definitions.update(_rule_definitions(rule, params, stratum_of, fields))
            except ValueError as exc:
                problems.append(Problem(rule.file, rule.line, 1, f"rule {rule.id}: {exc}"))
    # catch-alls: every asserted fact must match some rule or durable_rules raises
    kinds = [CONTEXT, *sorted({evidence_type(p) for p in fact_schema()}), *(f"s{k}" for k in range(1, len(strata) + 1))]
    for kind in kinds:
        definitions[f"{NOOP}:{kind}"] = {"all": [{"m": {"$and": [{"t": kind}]}}], "run": NOOP}
    problems.extend(Problem(rules.directory, 1, 1, e) for e in _check(definitions))
    if problems:
        raise InputError(problems)
    return definitions


def _cached_definitions(name: str | None) -> tuple[dict | None, str]:
    """The stored definitions of a rule set and year and their text, checked again like
    compiled ones (a cache file is input too); (None, "") when there are none."""
    entry = cache.read("compiled", name) if name else None
    try:
        text = entry["durable"]
        definitions = json.loads(text)
        if isinstance(definitions, dict) and definitions and not _check(definitions):
            return definitions, text
    except (TypeError, KeyError, IndexError, ValueError, AttributeError, RecursionError):
        pass
    return None, ""


@lru_cache(maxsize=1)
def _engine_stamp() -> str:
    """durable_rules' version (its dist-info's name) and its compiled engine's size and mtime:
    compiled definitions are stored per engine."""
    import durable

    site = Path(durable.__file__).resolve().parents[1]
    stamp = sorted(p.name for p in site.glob("durable_rules-*.dist-info"))
    for lib in sorted(site.glob("durable_rules_engine*")):
        st = lib.stat()
        stamp.append(f"{lib.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\0".join(stamp)


def _params_of(rule: Rule):
    return [a for a in atoms(rule.when) if isinstance(getattr(a, "operand", None), Param)]


def evidence_facts(facts: dict[str, FactEntry]) -> list[dict]:
    """The evidence as durable_rules facts: one per group, in a fixed order."""
    groups: dict[str, dict] = {}
    for path, entry in facts.items():
        kind, status, prefix = _slots(path)
        fact = groups.get(kind) or groups.setdefault(kind, {"t": kind})
        fact[status] = entry.status
        for field, value in entry.values.items():
            fact[prefix + field] = value  # == evidence_field(path, field)
    return [groups[k] for k in sorted(groups)]


@lru_cache(maxsize=None)
def _slots(path: str) -> tuple[str, str, str]:
    """(fact type, status field, field prefix) of a fact path: a pure function of the name,
    computed once per path instead of three regex substitutions per fact per assessment."""
    return evidence_type(path), status_field(path), f"{_key(path.split('.', 1)[1])}__"
