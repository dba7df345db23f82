"""Rule coverage: which rules a body of evidence exercised, and which it never did.

A rule is *exercised* when durable_rules fired it (its condition held) on some
evidence file; a row of a decision table (a finding over the tier values, such as
``tier.base`` and ``tier``) is exercised when it *decided* the finding, the default
counting as a row of its own. The percentage is over the rules in force in at least
one assessed report year: a rule repealed before the earliest evidence cannot fire.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine, shared_engine
from tierengine.errors import EngineError, InputError, Problem
from tierengine.assessment.explain import Explainer
from tierengine.assessment.previous import with_previous_findings
from tierengine.evidence.files import evidence_files
from tierengine.evidence.load import load_evidence
from tierengine.rules.ruleset import RuleSet


@dataclass
class Coverage:
    rules: RuleSet
    files: list[str] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    fired: dict[str, int] = field(default_factory=dict)
    decided: dict[str, int] = field(default_factory=dict)  # rule id or '<finding>.default'

    def tables(self) -> list[str]:
        tiers = set(map(str, self.rules.findings[self.rules.manifest.tier_finding].spec.values))
        return [fid for fid, f in self.rules.findings.items() if set(map(str, f.spec.values)) == tiers]

    def in_force(self) -> list[str]:
        return [r.id for r in self.rules.rules.values() if any(r.spec.effective.covers(y) for y in self.years)]

    def percent(self) -> float:
        live = self.in_force()
        return 100.0 * sum(1 for r in live if r in self.fired) / len(live) if live else 0.0

    def rows(self, fid: str) -> list[str]:
        return [r.id for r in self.rules.findings[fid].rules] + [f"{fid}.default"]

    def to_dict(self) -> dict:
        live = self.in_force()
        rules = self.rules.rules

        def where(rid: str) -> dict:
            r = rules[rid]
            return {"rule": rid, "finding": r.finding, "file": _shown(r.file), "line": r.line, "effective": str(r.spec.effective)}

        return {
            "files": len(self.files),
            "report_years": sorted(self.years),
            "rules": {
                "total": len(rules),
                "in_force": len(live),
                "fired": sum(1 for r in live if r in self.fired),
                "percent": round(self.percent(), 1),
            },
            "fired": dict(sorted(self.fired.items())),
            "never_fired": [where(r) for r in live if r not in self.fired],
            "not_in_force": [where(r) for r in rules if r not in live],
            "tables": {
                fid: {
                    "rows": len(self.rows(fid)),
                    "decided": {row: self.decided.get(row, 0) for row in self.rows(fid)},
                    "never_decided": [row for row in self.rows(fid) if row not in self.decided],
                }
                for fid in self.tables()
            },
        }


def _shown(path: str) -> str:
    """A rule file relative to the working directory when it is under it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def measure(paths: list[Path], rules: RuleSet, engine: DurableEngine | None = None) -> tuple[Coverage, list[Problem]]:
    """Evaluate every evidence file and count what fired; bad files become problems."""
    engine = engine or shared_engine()
    cov = Coverage(rules)
    problems: list[Problem] = []
    for path in evidence_files(paths):
        try:
            loaded = load_evidence(path, str(path))
            year = loaded.evidence.report_year
            if not rules.covers(year):
                raise InputError([loaded.doc.problem(("report_year",), f"report year {year} is outside the years the rules cover ({rules.manifest.coverage})")])
            compiled = compile_year(rules, year)
            facts = with_previous_findings(loaded, rules, engine)
            ev = engine.evaluate(compiled, facts)
            Explainer(rules, compiled, facts, ev)  # refuses firings that disagree with the rule text
        except InputError as exc:
            problems += exc.problems
            continue
        except EngineError as exc:
            problems.append(Problem(str(path), 1, 1, f"engine error: {exc}"))
            continue
        cov.files.append(str(path))
        cov.years.add(year)
        for rid in ev.fired:
            cov.fired[rid] = cov.fired.get(rid, 0) + 1
        for fid, rid in ev.chosen.items():
            key = rid or f"{fid}.default"
            cov.decided[key] = cov.decided.get(key, 0) + 1
    return cov, problems
