"""The path to a better tier: minimal sets of evidence changes under which the rules reach it.

Candidate changes come from the atoms of the rules in force, so they follow the rules:
for every fact a rule reads, the values that flip some atom (a bool either way, every
trend, a count or a penalty just on each side of the threshold a rule compares it
with, and "not reported" for data that was reported). Two values that every atom
reads alike are one candidate. Facts the tier cannot depend on are dropped: those read
only by findings outside the tier's dependency cone, the derived history facts (the
past cannot be changed) and ``overall.special_case`` (a classification by the report,
not a government action). ``missing`` is not a candidate either: a government cannot
make the report silent.

A rule on a count's ``change`` (value minus prior) moves the value against a known
prior (or the prior against a known value); with neither known it yields no candidate.

The search is breadth-first over change sets of size 1..N; supersets of a set already
found are skipped (they are not minimal), so every set shown is minimal and, when the
search was not cut, no smaller set exists. Sets are screened with the rule text
(``conditions.evaluate``, the meaning the durable patterns reproduce) and every set
shown is then verified by a real assessment through durable_rules. A time budget
bounds large N; the result says where it cut the search.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from tierengine.rules.conditions import FactStatus, FactTest, FindingTest, atoms, evaluate, evaluate_atom, resolve
from tierengine.errors import EngineError, InputError
from tierengine.evidence.model import evidence_schema
from tierengine.evidence.facts import DERIVED_PREFIXES, ENUMS, MISSING, NOT_REPORTED, _entry
from tierengine.evidence.load import LoadedEvidence
from tierengine.tiers import rank
from tierengine.analyses.whatif import Change, apply_changes, by_path, compare, contradicted, describe_entry, modify_fact, raw_fact, run

#: facts no change set may touch (see the module docstring)
FIXED_PREFIXES = DERIVED_PREFIXES
FIXED_FACTS = ("overall.special_case",)
DEFAULT_TIME_LIMIT = 10.0
#: ten minutes: longer than any search on the shipped evidence needs (sets of 3 take
#: under 10 s) and as long as a person waits at a terminal or a CI step should hang
MAX_TIME_LIMIT = 600.0


def reaches(tier: str, target: str) -> bool:
    """``tier`` is ``target`` or better (Special Case is never better)."""
    r, t = rank(tier), rank(target)
    return r is not None and t is not None and r <= t


def cone(rules, year: int) -> set[str]:
    """Findings the tier finding depends on, through the rules in force in ``year``."""
    seen: set[str] = set()
    todo = [rules.manifest.tier_finding]
    while todo:
        fid = todo.pop()
        if fid in seen:
            continue
        seen.add(fid)
        for rule in rules.findings[fid].rules_in_force(year):
            todo.extend(a.finding for a in atoms(rule.when) if isinstance(a, FindingTest))
    return seen


def _numeric_options(op: str, k) -> list:
    step = 1
    options = {"gte": [k, k - step], "gt": [k + step, k], "lte": [k, k + step], "lt": [k - step, k]}.get(op)
    return options if options is not None else [k, k + step, k - step]


@dataclass
class Candidate:
    change: Change
    entry: object  # FactEntry after the change (screening)
    signature: tuple


@dataclass
class PathStep:
    """One change of a verified set, in the words of the rules it makes or stops firing."""

    change: Change
    was: str
    now_fires: list[dict]
    stops_firing: list[dict]

    def to_dict(self) -> dict:
        return {**self.change.to_dict(), "was": self.was, "now_fires": self.now_fires, "stops_firing": self.stops_firing}


@dataclass
class PathSet:
    steps: list[PathStep]
    tier: str
    deciding_rule: str
    changed_findings: list[dict]
    followups: list[Change] = field(default_factory=list)  # facts no rule reads, dropped because a change contradicts them

    @property
    def all_changes(self) -> list[Change]:
        return [s.change for s in self.steps] + self.followups

    @property
    def size(self) -> int:
        return len(self.steps)

    def to_dict(self) -> dict:
        return {
            "size": self.size,
            "tier": self.tier,
            "deciding_rule": self.deciding_rule,
            "verified": True,
            "whatif": " ".join(f"--set {c.as_set()}" for c in self.all_changes),
            "changes": [s.to_dict() for s in self.steps],
            "followups": [c.to_dict() for c in self.followups],
            "changed_findings": self.changed_findings,
        }


@dataclass
class PathResult:
    country: str
    report_year: int
    evidence_file: str
    tier: str
    target: str
    max_changes: int
    candidates: list[Change]
    sets: list[PathSet] = field(default_factory=list)
    exhaustive_up_to: int = 0  # every set of this size or smaller was examined
    cut: str | None = None  # why the search stopped early
    examined: int = 0
    rejected: int = 0  # sets that reached the target but contradict other facts
    seconds: float = 0.0
    already: bool = False  # the tier already reaches the target

    def to_dict(self) -> dict:
        return {
            "country": self.country,
            "report_year": self.report_year,
            "evidence_file": self.evidence_file,
            "tier": self.tier,
            "target": self.target,
            "already_reached": self.already,
            "max_changes": self.max_changes,
            "exhaustive_up_to": self.exhaustive_up_to,
            "cut": self.cut,
            "candidates": len(self.candidates),
            "sets_examined": self.examined,
            "sets_rejected_as_contradictory": self.rejected,
            "seconds": round(self.seconds, 3),
            "sets": [s.to_dict() for s in self.sets],
        }


class Searcher:
    """Candidate generation, fast screening, and verification for one evidence file."""

    def __init__(self, loaded: LoadedEvidence, rules):
        from tierengine.engine.compile import compile_year

        self.loaded, self.rules = loaded, rules
        self.year = loaded.evidence.report_year
        self.compiled = compile_year(rules, self.year)
        self.params = self.compiled.params
        self.cone = cone(rules, self.year)
        self.order = [fid for group in self.compiled.strata for fid in group if fid in self.cone]
        self.schema = evidence_schema()
        self.atoms_by_path: dict[str, list] = {}
        for fid in self.order:
            for rule in self.compiled.rules_by_finding[fid]:
                for a in atoms(rule.when):
                    if isinstance(a, (FactTest, FactStatus)) and a not in self.atoms_by_path.get(a.path, []):
                        self.atoms_by_path.setdefault(a.path, []).append(a)
        self._entries: dict[tuple, object] = {}
        #: what each finding reads (fact paths and finding ids), for incremental screening
        self.reads = {
            fid: {getattr(a, "path", None) or a.finding for r in self.compiled.rules_by_finding[fid] for a in atoms(r.when)}
            for fid in self.order
        }
        self.inputs = {
            fid: (sorted(p for p in self.reads[fid] if p in loaded.facts), sorted(f for f in self.reads[fid] if f not in loaded.facts))
            for fid in self.order
        }
        self._memo: dict[tuple, object] = {}
        self.base_values = self._full(loaded.facts)
        #: every fact path a rule in force reads (a follow-up may only drop facts outside it)
        self.read_anywhere = {a.path for rs in self.compiled.rules_by_finding.values() for r in rs for a in atoms(r.when) if hasattr(a, "path")}

    def _full(self, facts: dict) -> dict[str, object]:
        values: dict[str, object] = {}
        for fid in self.order:
            value = self.compiled.default_of[fid]
            for rule in self.compiled.rules_by_finding[fid]:
                if evaluate(rule.when, facts, values, self.params):
                    value = rule.spec.then
                    break
            values[fid] = value
        return values

    # --- candidates ------------------------------------------------------------------

    def _signature(self, path: str, entry) -> tuple:
        return tuple(evaluate_atom(a, {path: entry}, {}, self.params) for a in self.atoms_by_path[path])

    def entry_for(self, path: str, changes: tuple[Change, ...]):
        """The FactEntry a change set gives ``path`` (None if the changed fact is invalid)."""
        key = (path, changes)
        if key not in self._entries:
            raw = modify_fact(raw_fact(self.loaded.doc.data, path), list(changes))
            cls = self.schema[path]
            try:
                fact = None if raw is None else cls.model_validate(raw)
                self._entries[key] = _entry(path, fact, cls.kind)
            except ValueError:
                self._entries[key] = None
        return self._entries[key]

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for path in sorted(self.atoms_by_path, key=lambda p: list(self.schema).index(p) if p in self.schema else 10**6):
            if path.startswith(FIXED_PREFIXES) or path in FIXED_FACTS or path not in self.schema:
                continue
            cls = self.schema[path]
            options: list[tuple[str, object]] = []
            tests = [a for a in self.atoms_by_path[path] if isinstance(a, FactTest)]
            for a in tests:
                operand = resolve(a.operand, self.params)
                if cls.kind == "trend":
                    options += [("value", v) for v in ENUMS["trend"]]
                elif cls.kind == "bool" or a.field == "fine_alternative":
                    options += [(a.field, True), (a.field, False)]
                elif a.op == "in":
                    options += [(a.field, v) for v in operand]
                elif a.field in ("value", "prior", "min_years", "max_years"):
                    options += [(a.field, v) for v in _numeric_options(a.op, operand) if v >= 0]
                elif a.field == "change":  # value - prior: move the value against the known prior, or the prior against the value
                    current = self.loaded.facts[path].values
                    if "prior" in current:
                        options += [("value", current["prior"] + d) for d in _numeric_options(a.op, operand) if current["prior"] + d >= 0]
                    elif "value" in current:
                        options += [("prior", current["value"] - d) for d in _numeric_options(a.op, operand) if current["value"] - d >= 0]
            if not tests:  # only the reporting status is read: report something
                default = {"bool": [True, False], "count": [1], "trend": list(ENUMS["trend"])}.get(cls.kind, [])
                options += [("value", v) for v in default]
            current = self._signature(path, self.loaded.facts[path])
            seen = {current}
            changes = [Change(path, f, v) for f, v in dict.fromkeys(options)] + [Change(path, None, NOT_REPORTED)]
            for change in changes:
                entry = self.entry_for(path, (change,))
                if entry is None:
                    continue
                signature = self._signature(path, entry)
                if signature in seen:
                    continue
                seen.add(signature)
                out.append(Candidate(change, entry, signature))
        return out

    # --- screening and verification ----------------------------------------------------

    def propagate(self, facts: dict, start: dict, changed_paths: set[str]) -> dict:
        """Finding values after ``changed_paths`` changed, from the values ``start``.

        Only findings whose inputs changed are re-evaluated, in stratum order, so a search
        that extends a change set one change at a time pays for one change per step.
        """
        values = dict(start)
        changed: set[str] = set(changed_paths)
        memo = self._memo
        for fid in self.order:
            if not (self.reads[fid] & changed):
                continue
            fact_inputs, finding_inputs = self.inputs[fid]
            # fact entries are shared objects (entry_for caches them), so their ids identify them
            key = (fid, tuple(id(facts[p]) for p in fact_inputs), tuple(values[f] for f in finding_inputs))
            value = memo.get(key, memo)
            if value is memo:
                value = self.compiled.default_of[fid]
                for rule in self.compiled.rules_by_finding[fid]:
                    if evaluate(rule.when, facts, values, self.params):
                        value = rule.spec.then
                        break
                memo[key] = value
            if value != values[fid]:
                values[fid] = value
                changed.add(fid)
        return values

    def followups(self, changes: list[Change]) -> list[Change] | None:
        """Facts to drop so the changed evidence is consistent; None if a contradiction touches a fact rules read."""
        facts = dict(self.loaded.facts)
        for path, group in by_path(changes).items():
            entry = self.entry_for(path, tuple(group))
            if entry is None:
                return None
            facts[path] = entry
        drop = set()
        for loc, _message in contradicted(self.loaded.evidence, facts):
            path = ".".join(str(p) for p in loc[1:3]) if loc[:1] == ("facts",) else None
            if path is None or path in self.read_anywhere or path in by_path(changes):
                return None
            drop.add(path)
        return [Change(p, None, MISSING) for p in sorted(drop)]

    def verify(self, changes: list[Change], base, followups: list[Change] = ()) -> PathSet:
        """Assess the changed evidence through durable_rules; describe each change by its rules."""
        changed = apply_changes(self.loaded, list(changes) + list(followups))
        after = run(changed, self.rules)
        fired_before, fired_after = base.evaluation.fired, after.evaluation.fired
        steps = []
        for change in changes:
            reading = [r for fid in self.order for r in self.compiled.rules_by_finding[fid] if any(getattr(a, "path", None) == change.path for a in atoms(r.when))]

            def describe(rule, chosen) -> dict:
                return {"rule": rule.id, "finding": rule.finding, "statement": rule.spec.statement, "citation": rule.spec.citation, "deciding": chosen.get(rule.finding) == rule.id}

            now = [describe(r, after.evaluation.chosen) for r in reading if r.id in fired_after and r.id not in fired_before]
            stop = [describe(r, base.evaluation.chosen) for r in reading if r.id in fired_before and r.id not in fired_after]
            steps.append(PathStep(change, describe_entry(self.loaded.facts[change.path]), now, stop))
        a = after.assessment
        return PathSet(steps, a.tier, a.deciding_rule, compare(self.rules, base, after), list(followups))


def _conflict(combo: tuple[Candidate, ...]) -> bool:
    keys = [c.change.key for c in combo]
    paths = [c.change.path for c in combo]
    if len(set(paths)) == len(paths):
        return False
    for p in set(paths):
        fields = [k[1] for k in keys if k[0] == p]
        if len(fields) > 1 and (None in fields or len(set(fields)) < len(fields)):
            return True
    return False


def find_paths(loaded: LoadedEvidence, rules, target: str, max_changes: int = 3, time_limit: float = DEFAULT_TIME_LIMIT, progress=None) -> PathResult:
    """Minimal change sets (smallest first, up to ``max_changes``) under which the tier reaches ``target``.

    ``progress(size, examined, seconds)``, when given, is called about five times a second
    while the search runs (the command shows it on a terminal).
    """
    if not 0 < time_limit <= MAX_TIME_LIMIT:  # nan fails this too
        raise ValueError(f"time limit {time_limit!r} is not within 0-{MAX_TIME_LIMIT:g} s")
    started = time.perf_counter()
    tick = [started]
    searcher = Searcher(loaded, rules)
    base = run(loaded, rules)
    cands = searcher.candidates()
    result = PathResult(
        loaded.evidence.country, loaded.evidence.report_year, loaded.path, base.assessment.tier, target, max_changes, [c.change for c in cands]
    )
    if reaches(base.assessment.tier, target):
        result.already = True
        result.seconds = time.perf_counter() - started
        return result
    found: list[frozenset[int]] = []
    deadline = started + time_limit
    tier_id = rules.manifest.tier_finding
    n = len(cands)

    class _Cut(Exception):
        pass

    def extend(size: int, start: int, chosen: tuple[int, ...], facts: dict, values: dict, hits: list) -> None:
        """Depth-first over index-ordered sets of ``size``, carrying each prefix's evaluation."""
        need = size - len(chosen)
        for i in range(start, n - need + 1):
            now = time.perf_counter()
            if now > deadline:
                raise _Cut
            if progress is not None and now >= tick[0]:
                progress(size, result.examined, now - started)
                tick[0] = now + 0.2
            idx = chosen + (i,)
            members = frozenset(idx)
            if any(f <= members for f in found):  # not minimal, nor is any extension of it
                continue
            combo = tuple(cands[j] for j in idx)
            if _conflict(combo):
                continue
            path = cands[i].change.path
            entry = searcher.entry_for(path, tuple(c.change for c in combo if c.change.path == path))
            if entry is None:
                continue
            now = dict(facts)
            now[path] = entry
            after = searcher.propagate(now, values, {path})
            if need == 1:
                result.examined += 1
                if reaches(after[tier_id], target):
                    hits.append(idx)
            else:
                extend(size, i + 1, idx, now, after, hits)

    for size in range(1, max_changes + 1):
        hits: list[tuple[int, ...]] = []
        try:
            extend(size, 0, (), dict(loaded.facts), searcher.base_values, hits)
        except _Cut:
            result.cut = f"time limit of {time_limit:g} s reached while examining sets of {size} changes; sets of {size} or more changes may be missing"
        for idx in hits:
            changes = [cands[i].change for i in idx]
            extra = searcher.followups(changes)
            if extra is None:  # the set contradicts facts the rules read: not a possible evidence file
                result.rejected += 1
                continue
            try:
                verified = searcher.verify(changes, base, extra)
            except InputError as exc:  # the screening entry and the full validation disagree: a bug
                raise EngineError(f"change set {[c.as_set() for c in changes]} failed validation: {exc}") from None
            if not reaches(verified.tier, target):
                raise EngineError(f"screening and durable_rules disagree on {[c.as_set() for c in changes]}: {verified.tier}")
            result.sets.append(verified)
            found.append(frozenset(idx))
        if result.cut:
            break
        result.exhaustive_up_to = size
    result.seconds = time.perf_counter() - started
    return result


__all__ = ["find_paths", "PathResult", "PathSet", "Searcher", "reaches", "cone"]
