"""A second opinion: the rule language evaluated in plain Python, without durable_rules.

Not part of the package. It shares only the meaning of one condition
(``conditions.evaluate``) with the engine; everything the engine does around it —
compiling to DNF, durable_rules patterns, strata, asserting findings back as facts —
is replaced by the obvious reading of the rule text: a finding's value is the
``then`` of the first rule in force (in declared order) whose condition holds, or
its default, and findings are computed on demand, so no stratification is needed.
"""

from __future__ import annotations

from tierengine.rules.conditions import evaluate
from tierengine.engine.durable import Evaluation
from tierengine.evidence.facts import FactEntry
from tierengine.rules.ruleset import RuleSet


class _Findings(dict):
    """Finding values computed the first time a condition reads them."""

    def __init__(self, rules: RuleSet, year: int, facts: dict[str, FactEntry], params: dict):
        super().__init__()
        self.rules, self.year, self.facts, self.params = rules, year, facts, params
        self.chosen: dict[str, str | None] = {}
        self._busy: set[str] = set()

    def __missing__(self, fid: str):
        if fid in self._busy:
            raise ValueError(f"finding {fid} depends on itself")
        self._busy.add(fid)
        finding = self.rules.findings[fid]
        rule = next((r for r in finding.rules if r.spec.effective.covers(self.year) and evaluate(r.when, self.facts, self, self.params)), None)
        self._busy.discard(fid)
        self.chosen[fid] = rule.id if rule else None
        self[fid] = rule.spec.then if rule else finding.spec.default
        return self[fid]


def reference_evaluate(rules: RuleSet, year: int, facts: dict[str, FactEntry]) -> Evaluation:
    """Every finding's value, its deciding rule, and every rule in force whose condition holds."""
    params = rules.params_at(year)
    findings = _Findings(rules, year, facts, params)
    for fid in rules.findings:
        findings[fid]  # noqa: B018 - computes it
    fired = frozenset(
        r.id for f in rules.findings.values() for r in f.rules if r.spec.effective.covers(year) and evaluate(r.when, facts, findings, params)
    )
    values = {fid: findings[fid] for fid in rules.findings}
    return Evaluation(values, dict(findings.chosen), fired)
