"""Not determinable is an answer: the tiers still possible where the source is silent.

A fact the source is silent on (status ``missing``) could, had the source spoken, have
been reported with any value or reported as not reported. Only the values the rules in
force tell apart matter: its *domain* is one representative per distinct reading by the
rules' atoms (each side of every threshold, every enum value, true and false, "not
reported", and staying silent). The possible tiers are the tiers reached when every
silent fact the tier can depend on takes any value of its domain; the tier is decided
when only one is possible. Derived history and previous-year facts and ``overall.special_case`` (the
report's designation, not a government action) are not varied.

Brute force over the domains explodes (3^30 and more), so the search branches on one
silent fact at a time and prunes with a three-valued (Kleene) reading of the rules: a
silent fact not yet branched on is *unknown*, an atom on it is true, false or unknown over
its whole domain, and each finding gets the set of values it can still take. The reading
over-approximates (it never drops a reachable outcome), so a branch is cut only when it
can add no outcome not found yet, and an outcome is recorded only where the reading leaves
it the sole one. Rows of one table that read the same thing in contrary ways defeat the
reading alone: "mixed" (up and down) then "increased" (up) leaves "increased" possible
while any "up" fact is unknown, though a stated "down" makes every rise "mixed"; the Watch
List row before the Tier 2 row, both on significant efforts, leaves Tier 2 possible. So
the second pass reads each table *expanded*: the findings it reads several times fixed to
each of their values and the parts several of its rows share fixed to true and to false,
the union of the readings (one combination is the real one, so it stays a superset of the
reachable values); and it may split a finding over its values, an outcome found under such
assumptions counting only once the facts set so far entail them. Without the expansion a
value ruled out only by such a correlation stays open until every fact behind it is set,
and the search walks the product of their domains (issue 13 §3: mexico_2018, 20,000
branches). The search is sound and complete (the property test checks both passes against
brute force on small cases). A tier the placement table reaches only by its default (no
row applies: a gap) is no placement, never a possible tier.

For each possible tier, the branch that found it is shrunk to a minimal set of silent
facts with values (no setting can be dropped without the reading losing the decision),
under which the tier is the only outcome whatever the other silent facts say; each set is
then assessed for real through durable_rules, the others left silent, and must give that
tier. ``bench/possible.py`` measures the cost against a plain assessment.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field

from tierengine.assessment.explain import deciding_rule
from tierengine.engine.compile import CompiledRuleset
from tierengine.engine.durable import DurableEngine
from tierengine.errors import EngineError
from tierengine.evidence.facts import DERIVED_PREFIXES, ENUMS, MISSING, NOT_REPORTED, REPORTED, FactEntry
from tierengine.rules.conditions import All, AnyOf, AtLeast, FactStatus, FactTest, FindingTest, Not, atoms, compare, evaluate_atom, resolve
from tierengine.rules.ruleset import RuleSet
from tierengine.tiers import ALL_TIERS

#: facts never varied: derived from the published history or the previous year's file, or a designation by the report
FIXED_PREFIXES = DERIVED_PREFIXES
FIXED_FACTS = ("overall.special_case",)
#: the outcome "no placement row applies" (a gap), which is not a tier
NO_PLACEMENT = "no placement"
#: branches examined before the search gives up and says so (never reached on the corpus)
NODE_BUDGET = 20_000
#: branches of the first, facts-only pass
QUICK = 100
#: readings of one table an expansion may take (beyond, the plain reading: coarser, still sound)
EXPANDED = 32
U = None  # the third truth value: unknown


@dataclass(frozen=True)
class Setting:
    """A silent fact given a value, as a reader would find it in the source."""

    path: str
    entry: FactEntry

    def describe(self) -> str:
        e = self.entry
        if e.status == MISSING:
            return f"{self.path} stays silent"
        if e.status == NOT_REPORTED:
            return f"{self.path} not reported"
        shown = {k: v for k, v in e.values.items() if k != "change"}
        if list(shown) == ["value"]:
            return f"{self.path} = {_show(shown['value'])}"
        return f"{self.path}: " + ", ".join(f"{k} = {_show(v)}" for k, v in shown.items())

    def to_dict(self) -> dict:
        return {"evidence": self.path, "status": self.entry.status, "values": dict(self.entry.values), "text": self.describe()}


def _show(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@dataclass
class Possible:
    """The tiers the evidence leaves open, and what would decide between them."""

    tiers: list[str]
    decided: bool
    #: per possible tier (when not decided): a minimal set of silent facts with values that decides it, verified
    deciders: dict[str, list[Setting]] = field(default_factory=dict)
    silent: list[str] = field(default_factory=list)  # silent facts the tier can depend on
    branches: int = 0
    cut: bool = False  # the search budget ran out: tiers may be missing


# --- domains of silent facts -------------------------------------------------------------


def _options(op: str, k, field: str) -> set:
    """Values on every side of one atom's test."""
    if isinstance(k, bool) or field == "fine_alternative":
        return {True, False}
    if op == "in":
        return set(k)
    if isinstance(k, str):
        return {k}
    return {k - 1, k, k + 1}


def domain(path: str, kind: str, read: list, params: dict) -> list[FactEntry]:
    """One entry per distinct reading by ``read`` (the atoms on ``path``); the class of staying silent first."""
    opts: dict[str, set] = {}
    for a in read:
        if isinstance(a, FactTest):
            k = resolve(a.operand, params)
            opts.setdefault(a.field, set()).update(_options(a.op, k, a.field))
    silent = FactEntry(path, kind, MISSING)
    entries = [FactEntry(path, kind, REPORTED, values) for values in _reported(kind, opts)]
    entries += [FactEntry(path, kind, NOT_REPORTED), silent]
    classes: dict[tuple, FactEntry] = {}
    for e in entries:  # a value the source could state represents its class where there is one
        classes.setdefault(tuple(evaluate_atom(a, {path: e}, {}, params) for a in read), e)
    first = tuple(evaluate_atom(a, {path: silent}, {}, params) for a in read)
    return [classes[first]] + [e for sig, e in classes.items() if sig != first]


def _reported(kind: str, opts: dict[str, set]):
    """Reported values covering every side of every threshold the rules compare."""
    if kind == "bool":
        yield from ({"value": v} for v in (True, False))
    elif kind == "trend":
        yield from ({"value": v} for v in ENUMS["trend"])
    elif kind == "count":
        changes = opts.get("change", set())
        v0 = {n for n in opts.get("value", set()) | {0, 1} if n >= 0}
        p0 = {n for n in opts.get("prior", set()) | {0} if n >= 0}
        values = v0 | {p + c for p in p0 for c in changes if p + c >= 0}
        priors = p0 | {v - c for v in v0 for c in changes if v - c >= 0} if (changes or "prior" in opts) else set()
        for v in sorted(values):
            yield {"value": v}
            for p in sorted(priors):
                yield {"value": v, "prior": p, "change": v - p}
    elif kind == "penalty":
        lows = {n for n in opts.get("min_years", set()) if n >= 0}
        highs = {n for n in opts.get("max_years", set()) if n >= 0} | {max(lows | {1})}
        fines = sorted(opts.get("fine_alternative", set()))
        for hi, lo, fine in itertools.product(sorted(highs), [None, *sorted(lows)], [None, *fines]):
            if lo is None or lo <= hi:
                yield {k: v for k, v in (("min_years", lo), ("max_years", hi), ("fine_alternative", fine)) if v is not None}
    else:
        yield from ({"value": v} for v in ENUMS.get(kind, ()))


@dataclass(frozen=True)
class _Structure:
    """What the search reads of a compiled ruleset alone, whatever the evidence: built once per
    ruleset (it was a quarter of the search's time on a small file)."""

    order: list[str]  # the findings the tier depends on, in evaluation order
    read: dict[str, list]  # fact path -> the atoms on it, in rule order
    readers_of: dict[str, set]  # fact path or finding -> the findings whose rules read it
    rows_reading: dict[str, Counter]  # per finding: how many of its rows read each finding (several: a candidate to split on)
    placement: set[str]  # findings whose default means "no placement row applies": the tier and what it carries
    atoms_of: dict[str, tuple]  # rule id -> the atoms of its condition, each once, in order


_STRUCTURES: dict[int, tuple[CompiledRuleset, _Structure]] = {}  # by id, the ruleset kept alive beside it


def _structure(compiled: CompiledRuleset, tier_id: str) -> _Structure:
    held = _STRUCTURES.get(id(compiled))
    if held is not None and held[0] is compiled:
        return held[1]
    rules_by_finding = compiled.rules_by_finding
    atoms_of = {r.id: tuple(dict.fromkeys(atoms(r.when))) for rs in rules_by_finding.values() for r in rs}

    def reached(carry_only: bool) -> set[str]:
        seen, todo = set(), [tier_id]
        while todo:
            fid = todo.pop()
            if fid not in seen:
                seen.add(fid)
                todo.extend(a.finding for r in rules_by_finding[fid] if r.spec.carry or not carry_only for a in atoms_of[r.id] if isinstance(a, FindingTest))
        return seen

    cone = reached(carry_only=False)
    order = [fid for group in compiled.strata for fid in group if fid in cone]
    read: dict[str, list] = {}
    readers_of: dict[str, set] = {}
    for fid in order:
        for rule in rules_by_finding[fid]:
            for a in atoms_of[rule.id]:
                if isinstance(a, (FactTest, FactStatus)) and a not in read.setdefault(a.path, []):
                    read[a.path].append(a)
                readers_of.setdefault(getattr(a, "path", None) or a.finding, set()).add(fid)
    rows_reading = {
        fid: Counter(a.finding for r in rules_by_finding[fid] for a in atoms_of[r.id] if isinstance(a, FindingTest)) for fid in order
    }
    built = _Structure(order, read, readers_of, rows_reading, reached(carry_only=True), atoms_of)
    _STRUCTURES[id(compiled)] = (compiled, built)
    return built


# --- three-valued reading ------------------------------------------------------------------


class _Shapes:
    """Numbers conditions by what they test, not where they stand (atoms carry their
    location): two rows testing the same get the same number. Once per node, by object."""

    def __init__(self):
        self._by_id: dict[int, int] = {}
        self._by_key: dict[tuple, int] = {}

    def __call__(self, cond) -> int:
        n = self._by_id.get(id(cond))
        if n is None:
            if isinstance(cond, (All, AnyOf, AtLeast)):
                key = (type(cond), getattr(cond, "n", None), tuple(self(c) for c in cond.items))
            elif isinstance(cond, Not):
                key = (Not, self(cond.item))
            else:
                key = (type(cond), *(v for k, v in vars(cond).items() if k != "loc"))
            n = self._by_id[id(cond)] = self._by_key.setdefault(key, len(self._by_key))
        return n


def _inside(cond):
    """The conditions directly inside ``cond``."""
    return getattr(cond, "items", ()) or ((cond.item,) if isinstance(cond, Not) else ())


def _parts(cond):
    """``cond`` and every condition inside it."""
    yield cond
    for item in _inside(cond):
        yield from _parts(item)


def _outermost(cond, among: set, shape: _Shapes):
    """The conditions in ``cond`` whose shape is in ``among``, outside any other such (fixing one fixes what it holds)."""
    if shape(cond) in among:
        yield cond
    else:
        for item in _inside(cond):
            yield from _outermost(item, among, shape)


class Space:
    """The silent facts of one evidence file, their domains, and the three-valued reading."""

    def __init__(self, rules: RuleSet, compiled: CompiledRuleset, facts: dict[str, FactEntry]):
        self.rules, self.compiled, self.facts = rules, compiled, facts
        self.params = compiled.params
        self.tier_id = rules.manifest.tier_finding
        structure = _structure(compiled, self.tier_id)
        self.order, self.read, self.readers_of, self.rows_reading, self.placement, self.atoms_of = (
            structure.order, structure.read, structure.readers_of, structure.rows_reading, structure.placement, structure.atoms_of
        )
        self.silent = [
            p for p in self.read
            if facts[p].status == MISSING and not p.startswith(FIXED_PREFIXES) and p not in FIXED_FACTS
        ]
        self.domains = {p: domain(p, facts[p].kind, self.read[p], self.params) for p in self.silent}
        #: each rule's condition, and each of its atoms, as three-valued functions (built once:
        #: hashing the condition trees on every call would cost more than reading them)
        rules_in_order = [r for fid in self.order for r in compiled.rules_by_finding[fid]]
        #: the expanded reading (second pass, ``expand``): per finding the findings its table reads
        #: several times and its shared parts, each part's number, the truth values fixed while
        #: one table is expanded, and the expanded readings already made
        self.expanding, self.by_value, self.shared, self.inputs = False, {}, {}, {}
        self._fixable: set[int] = set()
        self._fixed: dict[int, bool] = {}
        self._atoms: dict = {}  # by id: the atoms are the compiled rules' own objects, alive as long as they
        self._expanded: dict = {}
        self.when = {r.id: self._cond_fn(r.when) for r in rules_in_order}
        self.atom_fns = {r.id: [(a, self._atom_fn(a)) for a in self.atoms_of[r.id]] for r in rules_in_order}
        #: per finding: its decision table as (condition, value) pairs, and the value when no row applies
        self.table = {fid: [(self.when[r.id], r.spec.then) for r in compiled.rules_by_finding[fid]] for fid in self.order}
        self.fallback = {fid: NO_PLACEMENT if fid in self.placement else compiled.default_of[fid] for fid in self.order}

    def expand(self) -> None:
        """Read each table expanded from now on (``_expand``); the first call finds, per table,
        the findings its rows read several times and the outermost parts (sub-conditions, atoms
        on findings or silent facts) several of its rows share, and rebuilds the tables so a
        part reads as the truth value it is fixed to."""
        self.expanding = True
        if self.shared:
            return
        rules_by_finding, shape, shared_parts = self.compiled.rules_by_finding, _Shapes(), {}
        for fid in self.order:
            conds = [r.when for r in rules_by_finding[fid]]
            in_rows = Counter(n for c in conds for n in {shape(part) for part in _parts(c)})
            # an atom on a stated fact is never unknown: nothing to fix
            many = {shape(part) for c in conds for part in _parts(c) if in_rows[shape(part)] > 1 and getattr(part, "path", None) in (None, *self.domains)}
            shared_parts[fid] = list({shape(part): part for c in conds for part in _outermost(c, many, shape)}.items())
            read_here = [getattr(a, "path", None) or a.finding for c in conds for a in atoms(c)]
            self.by_value[fid] = [g for g, n in Counter(read_here).items() if n > 1 and g in self.table]
            self.inputs[fid] = [name for name in dict.fromkeys(read_here) if name in self.domains or name in self.table]
        self._shape, self._fixable = shape, {n for parts in shared_parts.values() for n, _ in parts}
        for fid in (fid for fid, parts in shared_parts.items() if parts):  # rebuilt: a part reads as fixed
            self.when.update((r.id, self._cond_fn(r.when)) for r in rules_by_finding[fid])
            self.table[fid] = [(self.when[r.id], r.spec.then) for r in rules_by_finding[fid]]
        self.shared = {fid: [(n, self._cond_fn(part)) for n, part in parts] for fid, parts in shared_parts.items()}

    def _atom_fn(self, a):
        """One atom's Kleene truth (built once per atom: a fact's takes a pass over its domain)."""
        fn = self._atoms.get(id(a))
        if fn is None:
            fn = self._atoms[id(a)] = self._new_atom_fn(a)
        return fn

    def _new_atom_fn(self, a):
        """One atom's Kleene truth: over a finding's possible values, over an unknown fact's domain."""
        cache: dict = {}
        params = self.params
        if isinstance(a, FindingTest):
            finding, op, operand = a.finding, a.op, resolve(a.operand, params)

            def finding_test(facts, sets, unknown):
                values = sets[finding]
                r = cache.get(values, cache)
                if r is cache:
                    results = {compare(op, v, operand) for v in values}
                    r = cache[values] = next(iter(results)) if len(results) == 1 else U
                return r

            return finding_test
        path = a.path
        over = {evaluate_atom(a, {path: e}, {}, params) for e in self.domains.get(path, ())}
        over = next(iter(over)) if len(over) == 1 else U

        def fact_test(facts, sets, unknown):
            if path in unknown:
                return over
            entry = facts[path]
            r = cache.get(id(entry), cache)
            if r is cache:  # entries are shared objects (the file's and the domains'), alive all search long
                r = cache[id(entry)] = evaluate_atom(a, facts, {}, params)
            return r

        return fact_test

    def _cond_fn(self, cond):
        """``cond``'s three-valued function; a part shared by rows of one table reads as the
        truth ``_expand`` fixed it to, while it is fixed."""
        plain = self._plain_fn(cond)
        i = self._shape(cond) if self._fixable else None
        if i not in self._fixable:
            return plain
        fixed = self._fixed

        def shared(facts, sets, unknown):
            v = fixed.get(i, fixed)
            return plain(facts, sets, unknown) if v is fixed else v

        return shared

    def _plain_fn(self, cond):
        """``cond`` as a function of (facts, sets, unknown) giving its Kleene truth: True, False or U (None)."""
        if isinstance(cond, (All, AnyOf, AtLeast)):
            parts = [self._cond_fn(c) for c in cond.items]
            if isinstance(cond, AtLeast):
                n = cond.n

                def at_least(facts, sets, unknown):
                    vals = [p(facts, sets, unknown) for p in parts]
                    sure, maybe = vals.count(True), sum(1 for v in vals if v is not False)
                    return True if sure >= n else (False if maybe < n else U)

                return at_least
            stop = isinstance(cond, AnyOf)  # the value that decides: True for any, False for all

            def junction(facts, sets, unknown):
                unsure = False
                for p in parts:
                    v = p(facts, sets, unknown)
                    if v is stop:
                        return stop
                    if v is U:
                        unsure = True
                return U if unsure else not stop

            return junction
        if isinstance(cond, Not):
            inner = self._cond_fn(cond.item)

            def negation(facts, sets, unknown):
                v = inner(facts, sets, unknown)
                return U if v is U else not v

            return negation
        return self._atom_fn(cond)

    def sets(self, facts: dict, unknown: frozenset, assume: dict | None = None, parent: tuple | None = None, dirty: frozenset = frozenset()) -> tuple[dict, dict] | None:
        """Every finding's values still possible: (under the assumptions, as computed), or None
        when an assumption cannot hold. Both are supersets of the values really reachable.

        With ``parent`` (the result one branch up) only findings that read something in
        ``dirty`` (the fact or finding that branch changed) are read again.
        """
        assume = assume or {}
        sets, computed = (dict(parent[0]), dict(parent[1])) if parent else ({}, {})
        todo = {r for name in dirty for r in self.readers_of.get(name, ())} | set(dirty)
        for fid in self.order:
            if parent and fid not in todo:
                continue
            out = self._read(fid, facts, sets, unknown)
            if self.expanding and len(out) > 1 and (self.shared[fid] or self.by_value[fid]):
                out = self._expand(fid, facts, sets, unknown, out)
            computed[fid] = out
            if fid in assume:
                out = out & {assume[fid]}
                if not out:
                    return None
            if parent and out != parent[0][fid]:
                todo.update(self.readers_of.get(fid, ()))
            sets[fid] = out
        return sets, computed

    def _read(self, fid: str, facts: dict, sets: dict, unknown: frozenset) -> frozenset:
        """The values of ``fid`` its first-match table can give under the three-valued reading."""
        out = set()
        for when, then in self.table[fid]:
            t = when(facts, sets, unknown)
            if t is not False:
                out.add(then)
            if t is True:
                break
        else:
            out.add(self.fallback[fid])
        return frozenset(out)

    def _expand(self, fid: str, facts: dict, sets: dict, unknown: frozenset, reading: frozenset) -> frozenset:
        """``fid``'s reading with the findings its table reads several times fixed to each of
        their values, and the shared parts still unknown fixed to true and to false, the union:
        the correlation between rows is kept, and the result is still a superset of the values
        really reachable (one of the combinations is the real one) and a subset of ``reading``.
        Where the combinations exceed ``EXPANDED``, the plain reading is kept."""
        findings, shared = self.by_value[fid], self.shared[fid]
        values = [sorted(sets[g], key=str) for g in findings]
        n = math.prod(len(v) for v in values)
        if n > EXPANDED:
            return reading
        key = (fid, *(sets[name] if name in sets else None if name in unknown else id(facts[name]) for name in self.inputs[fid]))
        out = self._expanded.get(key)
        if out is None:
            s, out = dict(sets), set()
            for combo in itertools.product(*values):
                s.update((g, frozenset({v})) for g, v in zip(findings, combo))
                open_ = [i for i, fn in shared if fn(facts, s, unknown) is U]
                if n << len(open_) > EXPANDED:
                    open_ = []
                for truths in itertools.product((True, False), repeat=len(open_)):
                    self._fixed.update(zip(open_, truths))
                    out |= self._read(fid, facts, s, unknown)
                self._fixed.clear()
            out = self._expanded[key] = frozenset(out)
        return out

    def branch_on(self, fid: str, facts: dict, sets: dict, unknown: frozenset, assume: dict, split: bool) -> tuple[str, str] | None:
        """What the earliest undecided row of ``fid`` hinges on: ("finding", id) to split on
        the values of a finding that several rows of the table read (with ``split``: their
        readings are correlated, which the three-valued reading alone cannot see), else
        ("fact", path), a silent fact found by descending through the undecided findings."""
        for rule in self.compiled.rules_by_finding[fid]:
            t = self.when[rule.id](facts, sets, unknown)
            if t is False:
                continue
            for a, fn in self.atom_fns[rule.id]:
                if fn(facts, sets, unknown) is not U:
                    continue
                if not isinstance(a, FindingTest):
                    return ("fact", a.path)
                if split and a.finding not in assume and self.rows_reading[fid].get(a.finding, 0) > 1:
                    return ("finding", a.finding)
                found = self.branch_on(a.finding, facts, sets, unknown, assume, split)
                if found:
                    return found
            if t is True:
                break
        return None


def possible_tiers(rules: RuleSet, compiled: CompiledRuleset, facts: dict[str, FactEntry], tier: str, placed: bool, engine: DurableEngine, budget: int = NODE_BUDGET, quick: int = QUICK) -> Possible:
    """The tiers reachable over the silent facts, each confirmed by a real assessment.

    Two passes over one search. The first branches on silent facts only, silent first, on
    the plain reading: it finds the reachable tiers quickly. If it cannot finish within
    ``quick`` branches (it fails to rule out a tier that rows reading one thing in contrary
    ways make unreachable), the second reads the tables expanded, also splits a finding
    several rows read over its values (an assumption), and looks only for the outcomes not
    found yet. A tier is recorded once it is the sole
    outcome and every assumption on the way is entailed by the facts set so far, so its
    settings, the other silent facts left silent, are a witness.
    """
    space = Space(rules, compiled, facts)
    found: dict[str, dict[str, FactEntry]] = {}
    branches = 0

    class _Cut(Exception):
        pass

    def explore(settings: dict[str, FactEntry], unknown: frozenset, assume: dict, split: bool, limit: int, parent=None, dirty=frozenset()) -> None:
        nonlocal branches
        branches += 1
        f = {**space.facts, **settings}
        both = space.sets(f, unknown, assume, parent, dirty)
        if both is None:  # an assumption cannot hold here
            return
        sets, computed = both
        out = sets[space.tier_id]
        new = set(out) - found.keys()
        if len(found) >= 2:  # already undecided: only tiers not found yet matter, not a gap
            new.discard(NO_PLACEMENT)
        if not new:
            return
        if branches > limit:  # checked here: a branch with nothing left to find costs one reading
            raise _Cut
        open_ = [g for g in space.order if g in assume and computed[g] != {assume[g]}]
        if len(out) == 1 and not open_:
            found[next(iter(out))] = settings
            return
        choice = space.branch_on(space.tier_id, f, sets, unknown, assume, split) if len(out) > 1 else None
        if choice is None:  # the outcome rests on assumptions the facts do not yet entail
            choice = space.branch_on(open_[0], f, sets, unknown, assume, split)
        kind, name = choice
        if kind == "finding":
            for value in sorted(sets[name], key=str):
                explore(settings, unknown, {**assume, name: value}, split, limit, both, frozenset({name}))
        else:
            for entry in space.domains[name]:
                explore({**settings, name: entry}, unknown - {name}, assume, split, limit, both, frozenset({name}))

    cut = False
    try:
        explore({}, frozenset(space.silent), {}, False, quick)
    except _Cut:
        space.expand()
        try:
            explore({}, frozenset(space.silent), {}, True, branches + budget)
        except _Cut:
            cut = True
    tiers = [t for t in ALL_TIERS if t in found]
    decided = set(found) == {tier} and placed and not cut
    result = Possible(tiers, decided, {}, list(space.silent), branches, cut)
    if not decided:
        for t in tiers:
            settings = _shrink(space, found[t], t)
            _verify(rules, compiled, facts, settings, t, engine)
            result.deciders[t] = [Setting(p, e) for p, e in settings.items()]
    return result


def _shrink(space: Space, settings: dict[str, FactEntry], tier: str) -> dict[str, FactEntry]:
    """A minimal deciding set: "stays silent" settings are replaced by a value the source could
    state where one keeps ``tier`` the sole outcome, then settings are dropped while it stays so."""
    kept = dict(settings)
    unknown = frozenset(p for p in space.silent if p not in kept)
    space.expanding = False  # the plain reading is cheaper: enough unless the second pass found the tier
    current = space.sets({**space.facts, **kept}, unknown)
    if current[0][space.tier_id] != {tier}:
        space.expand()
        current = space.sets({**space.facts, **kept}, unknown)

    def sole(trial: dict, open_: frozenset, parent, changed: str):
        result = space.sets({**space.facts, **trial}, open_, None, parent, frozenset({changed}))
        return result if result[0][space.tier_id] == {tier} else None

    for path in [p for p in settings if settings[p].status == MISSING]:
        for entry in reversed(space.domains[path]):  # reported values first, then not reported
            if entry.status == MISSING:
                continue
            trial = {**kept, path: entry}
            result = sole(trial, unknown, current, path)
            if result:
                kept, current = trial, result
                break
    for path in list(kept):
        trial = {p: e for p, e in kept.items() if p != path}
        result = sole(trial, unknown | {path}, current, path)
        if result:
            kept, unknown, current = trial, unknown | {path}, result
    return {p: kept[p] for p in space.silent if p in kept}


def _verify(rules: RuleSet, compiled: CompiledRuleset, facts: dict, settings: dict, tier: str, engine: DurableEngine) -> None:
    """The settings, the other silent facts left silent, must give ``tier`` through durable_rules."""
    evaluation = engine.evaluate(compiled, {**facts, **settings})
    tier_id = rules.manifest.tier_finding
    got = evaluation.values[tier_id]
    if deciding_rule(rules, evaluation.chosen, tier_id).endswith(".default"):
        got = NO_PLACEMENT
    if got != tier:
        shown = ", ".join(Setting(p, e).describe() for p, e in settings.items())
        raise EngineError(f"possible tiers: the reading says {tier} for [{shown}] but durable_rules gives {got}")


__all__ = ["possible_tiers", "Possible", "Setting", "Space", "domain", "NO_PLACEMENT"]
