"""Turn an evaluation into a justification chain and a "why not" for better tiers.

The chain runs tier <- determinations <- criteria <- evidence quotes. Each node is a
rule that decided (or concurred in) a finding; each leaf is a fact with its value,
quote, source file and line. The explainer re-reads each rule's condition with
conditions.evaluate, and refuses to explain if that reading disagrees with what
durable_rules fired: the chain can never describe a different computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tierengine.engine.compile import CompiledRuleset
from tierengine.rules.conditions import All, AnyOf, AtLeast, FactStatus, FindingTest, Not, atoms, describe, evaluate, evaluate_atom
from tierengine.engine.durable import Evaluation
from tierengine.errors import EngineError
from tierengine.evidence.facts import FactEntry
from tierengine.rules.ruleset import Rule, RuleSet



@dataclass
class Leaf:
    """An evidence fact as read by a rule."""

    evidence: str
    value: object
    status: str
    quotes: list[tuple[str, int]]
    source: str | None
    evidence_line: int | None
    derived: str | None = None

    def to_dict(self) -> dict:
        first = self.quotes[0] if self.quotes else (None, None)
        out = {
            "evidence": self.evidence,
            "value": self.value,
            "status": self.status,
            "quote": first[0],
            "source": self.source,
            "line": first[1] if self.quotes else self.evidence_line,
        }
        if len(self.quotes) > 1:
            out["quotes"] = [{"quote": q, "line": line} for q, line in self.quotes]
        if self.derived:
            out["derived_from"] = self.derived
        return out


@dataclass
class Node:
    """A rule that concluded a finding, with what it rested on."""

    rule: str
    citation: str
    statement: str
    finding: str
    value: object
    children: list = field(default_factory=list)
    role: str = "decided"  # decided | concurring | default

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "citation": self.citation,
            "statement": self.statement,
            "finding": self.finding,
            "value": self.value,
            "role": self.role,
            "children": [c.to_dict() for c in self.children],
        }


def leaf(entry: FactEntry) -> Leaf:
    quotes = list(zip(entry.quotes, entry.quote_lines or (None,) * len(entry.quotes)))
    return Leaf(entry.path, entry.value, entry.status, quotes, entry.source, entry.evidence_line, entry.derived)


def _support(cond, facts, findings, params) -> list:
    """The atoms that make a true condition true (all atoms read, under a 'not')."""
    if isinstance(cond, All):
        return [a for c in cond.items for a in _support(c, facts, findings, params)]
    if isinstance(cond, (AnyOf, AtLeast)):
        return [a for c in cond.items if evaluate(c, facts, findings, params) for a in _support(c, facts, findings, params)]
    if isinstance(cond, Not):
        return list(atoms(cond.item))
    return [cond]


class Explainer:
    def __init__(self, rules: RuleSet, compiled: CompiledRuleset, facts: dict[str, FactEntry], evaluation: Evaluation):
        self.rules, self.compiled, self.facts, self.ev = rules, compiled, facts, evaluation
        self.params = compiled.params
        self._cache: dict[str, list[Node]] = {}
        self._verify()

    def _verify(self) -> None:
        """durable_rules' firings must equal the rule text's meaning on these inputs."""
        for fid, rules in self.compiled.rules_by_finding.items():
            for rule in rules:
                holds = evaluate(rule.when, self.facts, self.ev.values, self.params)
                if holds != (rule.id in self.ev.fired):
                    state = "fired" if rule.id in self.ev.fired else "did not fire"
                    raise EngineError(f"rule {rule.id}: durable_rules {state} but its condition is {holds}")

    def finding_nodes(self, fid: str) -> list[Node]:
        """The deciding rule of a finding plus every fired rule that concurs with it."""
        if fid in self._cache:
            return self._cache[fid]
        finding = self.rules.findings[fid]
        value = self.ev.values[fid]
        chosen = self.ev.chosen[fid]
        self._cache[fid] = []  # guards against re-entry
        if chosen is None:
            nodes = [Node(f"{fid}.default", self._cite(finding.spec.citation), finding.spec.default_statement, fid, value, [], "default")]
        else:
            nodes = []
            for rule in self.compiled.rules_by_finding[fid]:
                if rule.id in self.ev.fired and rule.spec.then == value:
                    nodes.append(self.rule_node(rule, "decided" if rule.id == chosen else "concurring"))
        self._cache[fid] = nodes
        return nodes

    def rule_node(self, rule: Rule, role: str) -> Node:
        children, seen = [], set()
        for atom in _support(rule.when, self.facts, self.ev.values, self.params):
            key = atom.finding if isinstance(atom, FindingTest) else atom.path
            if key in seen:
                continue
            seen.add(key)
            if isinstance(atom, FindingTest):
                children.extend(self.finding_nodes(atom.finding))
            else:
                children.append(leaf(self.facts[atom.path]))
        return Node(rule.id, self._cite(rule.spec.citation), rule.spec.statement, rule.finding, rule.spec.then, children, role)

    def _cite(self, citation: str) -> str:
        """The citation as the code was numbered in the report year (rules/05_provisions.yaml)."""
        return self.rules.cited_in(citation, self.compiled.year)

    # --- why not -------------------------------------------------------------------

    def actual(self, atom) -> object:
        if isinstance(atom, FindingTest):
            return self.ev.values[atom.finding]
        entry = self.facts[atom.path]
        if entry.status != "reported" or isinstance(atom, FactStatus):  # a status test has no field
            return entry.status.replace("_", " ")
        return entry.values.get(atom.field, "not stated")

    def failed(self, cond, depth: int) -> list[dict]:
        """The atoms that keep a false condition false, with actual values."""
        if evaluate(cond, self.facts, self.ev.values, self.params):
            return []
        if isinstance(cond, All):
            return [f for c in cond.items for f in self.failed(c, depth)]
        if isinstance(cond, (AnyOf, AtLeast)):
            parts = [f for c in cond.items for f in self.failed(c, depth)]
            label = "any of" if isinstance(cond, AnyOf) else f"at least {cond.n} of"
            return [{"condition": f"{label}: {describe(cond, self.params)}", "failed": parts}]
        if isinstance(cond, Not):
            return [{"condition": describe(cond, self.params), "actual": [self.describe_actual(a) for a in atoms(cond.item)]}]
        out = {"condition": describe(cond, self.params), "actual": self.actual(cond)}
        if isinstance(cond, FindingTest):
            out["finding"] = cond.finding
            out["decided_by"] = self.ev.chosen[cond.finding] or f"{cond.finding}.default"
            if depth > 0:
                wanted = cond.operand if cond.op == "in" else ((cond.operand,) if cond.op == "eq" else ())
                reasons = [b for v in wanted for b in self.blockers(cond.finding, v, depth - 1)]
                if reasons:
                    out["because"] = reasons
        else:
            out["evidence"] = cond.path
        return [out]

    def describe_actual(self, atom) -> str:
        name = atom.finding if isinstance(atom, FindingTest) else atom.path
        return f"{name} = {self.actual(atom)}"

    def blockers(self, fid: str, value: object, depth: int = 3) -> list[dict]:
        """Why finding ``fid`` did not take ``value``: each rule that would give it, and what failed."""
        out = []
        for rule in self.compiled.rules_by_finding[fid]:
            if rule.spec.then != value:
                continue
            entry = {"rule": rule.id, "citation": self._cite(rule.spec.citation), "statement": rule.spec.statement}
            if rule.id in self.ev.fired:
                entry["shadowed_by"] = self.ev.chosen[fid]
            else:
                entry["failed"] = self.failed(rule.when, depth)
            out.append(entry)
        return out


def deciding_rule(rules: RuleSet, chosen: dict, fid: str) -> str:
    """The rule that set the tier, looking through rules that only carry a finding forward
    (``<finding>.default`` when what they carry is a default: no row of that table applied)."""
    rule_id = chosen[fid]
    while rule_id and rules.rules[rule_id].spec.carry:
        read = [a.finding for a in atoms(rules.rules[rule_id].when) if isinstance(a, FindingTest)]
        if not read or read[0] not in chosen:
            break
        fid, rule_id = read[0], chosen[read[0]]
    return rule_id or f"{fid}.default"


def justification(explainer: Explainer, tier_finding: str) -> Node:
    nodes = explainer.finding_nodes(tier_finding)
    return nodes[0]


def not_reached(explainer: Explainer, tier_finding: str, better: list[str]) -> list[dict]:
    """For each better tier: the rules that would have placed the country there and what blocked them."""
    return [{"tier": tier, "blocked_by": explainer.blockers(tier_finding, tier)} for tier in better]


__all__ = ["Explainer", "Node", "Leaf", "deciding_rule", "justification", "not_reached", "evaluate_atom"]
