"""Which assessments a change to the rule set changes, and where in the chain it starts.

Every evidence file is assessed with both rule sets through the same pipeline as
``tierengine assess``. An assessment changes when a finding both rule sets define takes
another value or is decided by another rule, or when the tiers the evidence leaves
possible differ. Findings only one side defines are listed once for the whole run (a
new finding appearing on every file is not 43 changes; what it moves shows in the
findings that read it). For each
change the *first* finding that differs, in evaluation order (evidence upwards, so the
cause comes before its consequences), is shown with the rule that decided it on each
side, its citation and statement: a reviewer of a rules pull request sees what moved and
why without re-running anything.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tierengine.assessment.result import Assessment
from tierengine.errors import EngineError, InputError, Problem
from tierengine.evidence.files import evidence_files
from tierengine.rules.ruleset import RuleSet


@dataclass(frozen=True)
class Side:
    """One rule set's reading of the first finding that differs."""

    value: object
    rule: str
    citation: str
    statement: str

    def to_dict(self) -> dict:
        return {"value": self.value, "rule": self.rule, "citation": self.citation, "statement": self.statement}


@dataclass(frozen=True)
class Change:
    country: str
    year: int
    file: str
    before: str  # tier, or "not determinable"
    after: str
    possible_before: tuple[str, ...]
    possible_after: tuple[str, ...]
    finding: str | None  # the first finding that differs (None: only the possible tiers differ)
    old: Side | None
    new: Side | None
    also: tuple[str, ...] = ()  # the other findings that differ, in evaluation order

    @property
    def tier_changed(self) -> bool:
        return self.before != self.after

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "report_year": self.year,
            "evidence_file": self.file,
            "tier_before": self.before,
            "tier_after": self.after,
            "tier_changed": self.tier_changed,
            "possible_before": list(self.possible_before),
            "possible_after": list(self.possible_after),
            "first_difference": None if self.finding is None else {
                "finding": self.finding, "old": self.old.to_dict() if self.old else None, "new": self.new.to_dict() if self.new else None,
            },
            "also_differ": list(self.also),
        }


@dataclass
class DiffResult:
    old_rules: str
    new_rules: str
    n: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # findings only the new rule set defines
    removed: list[str] = field(default_factory=list)  # findings only the old one defines

    @property
    def transitions(self) -> Counter:
        """(before, after) -> count, over the assessments that changed."""
        return Counter((c.before, c.after) for c in self.changes)

    def summary(self) -> str:
        tiers = sum(1 for c in self.changes if c.tier_changed)
        moves = "; ".join(f"{b} -> {a}: {k}" for (b, a), k in sorted(self.transitions.items()) if b != a)
        line = f"{self.n} assessments, {len(self.changes)} changed ({tiers} in tier)"
        line += f": {moves}" if moves else ""
        for word, ids in (("new", self.added), ("removed", self.removed)):
            line += f"; {word} findings (not compared): {', '.join(ids)}" if ids else ""
        return line

    def to_dict(self) -> dict:
        return {
            "old_rules": self.old_rules,
            "new_rules": self.new_rules,
            "n": self.n,
            "changed": len(self.changes),
            "tier_changed": sum(1 for c in self.changes if c.tier_changed),
            "transitions": [{"before": b, "after": a, "count": k} for (b, a), k in sorted(self.transitions.items())],
            "summary": self.summary(),
            "added_findings": self.added,
            "removed_findings": self.removed,
            "changes": [c.to_dict() for c in self.changes],
            "problems": [p.to_dict() for p in self.problems],
        }


def _side(rules: RuleSet, a: Assessment, fid: str) -> Side | None:
    if fid not in rules.findings:
        return None
    rule_id = a.decided_by.get(fid, f"{fid}.default")
    rule = rules.rules.get(rule_id)
    finding = rules.findings[fid].spec
    if rule is None:  # the finding's default: no rule held
        return Side(a.findings.get(fid), rule_id, finding.citation, finding.default_statement)
    return Side(a.findings.get(fid), rule_id, rule.spec.citation, rule.spec.statement)


def _shared(old: RuleSet, new: RuleSet) -> list[str]:
    """The findings both rule sets define, in the new one's evaluation order."""
    return [fid for group in new.strata for fid in group if fid in old.findings]


def compare(a: Assessment, b: Assessment, old: RuleSet, new: RuleSet) -> Change | None:
    """The change between two assessments of one file, or None when they agree."""
    differing = [
        fid for fid in _shared(old, new)
        if a.findings.get(fid) != b.findings.get(fid) or a.decided_by.get(fid) != b.decided_by.get(fid)
    ]
    if not differing and a.possible.tiers == b.possible.tiers:
        return None
    first = differing[0] if differing else None
    return Change(
        a.country, a.report_year, a.evidence_file, a.shown_tier, b.shown_tier, tuple(a.possible.tiers), tuple(b.possible.tiers),
        first, _side(old, a, first) if first else None, _side(new, b, first) if first else None, tuple(differing[1:]),
    )


def diff_paths(paths: list[Path], old: RuleSet, new: RuleSet, old_name: str, new_name: str) -> DiffResult:
    """Assess every evidence file with both rule sets (continuing past bad files) and compare."""
    from tierengine.assessment.assess import assess_loaded
    from tierengine.evidence.load import load_evidence

    result = DiffResult(old_name, new_name)
    result.added = [fid for group in new.strata for fid in group if fid not in old.findings]
    result.removed = [fid for group in old.strata for fid in group if fid not in new.findings]
    for path in evidence_files(paths):
        try:
            loaded = load_evidence(path, str(path))
            before, after = assess_loaded(loaded, old), assess_loaded(loaded, new)
        except InputError as exc:
            result.problems.extend(exc.problems)
            continue
        except EngineError as exc:
            result.problems.append(Problem(str(path), 1, 1, f"engine error: {exc}"))
            continue
        result.n += 1
        change = compare(before, after, old, new)
        if change:
            result.changes.append(change)
    return result


__all__ = ["diff_paths", "compare", "DiffResult", "Change", "Side"]
