"""`tierengine check`: catch a rule-set mistake before it decides anything.

Loading (ruleset.load_rules) already rejects unknown facts, findings and parameters,
malformed conditions (an operator outside the language), rules that read
``published``, cycles, missing fields, citations that name no provision and a tier
finding whose values are not tiers; compiling every covered year adds the
durable_rules operator whitelist and parameters without a value. On top of those this
module checks what needs the whole rule set and every year at once:

* temporal coverage: within a provision's span, exactly one version applies each
  report year (rules sharing ``provision:``; parameter values);
* overlaps: two rules of a finding with different values that can hold together
  (an error under ``hit_policy: unique``, a warning when no policy is declared);
* a rule that can never decide because earlier rules always win;
* findings read in a year in which no rule concludes them, and values nothing concludes;
* decision tables (findings over the tier values): every combination of their
  inputs matches some row.

"Can hold together" is decided by enumerating, for the atoms involved, a finite set of
representative inputs: each status of each fact, the values around every threshold the
rules compare with, every value a finding can take that year. See docs/check.md.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from tierengine.rules.conditions import All, AnyOf, AtLeast, FactStatus, FactTest, FindingTest, Not, Param, atoms, evaluate_atom
from tierengine.engine.compile import compile_year
from tierengine.errors import InputError, Problem
from tierengine.evidence.model import BoolFact, CountFact, PenaltyFact, TrendFact
from tierengine.evidence.facts import DERIVED_PREFIXES, ENUMS, MISSING, NOT_REPORTED, REPORTED, FactEntry, fact_schema
from tierengine.rules.ruleset import Finding, Rule, RuleSet, cited_provision, load_rules
from tierengine.tiers import UNDECIDED

ERROR, WARNING = "error", "warning"
YEARS = range(2001, 2031)
#: assignments enumerated per question; beyond it the question is reported as not checked
MAX_ASSIGNMENTS = 300_000
#: fields a reported fact of a kind always has (the others may be absent)
_REQUIRED = {cls.kind: set(cls.required) for cls in (BoolFact, CountFact, TrendFact, PenaltyFact)} | {"tier": {"value"}}
_NON_NEGATIVE = {"value", "prior", "min_years", "max_years"}


@dataclass(frozen=True)
class Issue(Problem):
    """A located problem in a rule set, with how serious it is and which check found it."""

    severity: str = ERROR
    check: str = ""

    def __str__(self) -> str:
        return str(Problem(self.file, self.line, self.col, f"{self.severity}: {self.message}"))

    def to_dict(self) -> dict:
        return {**super().to_dict(), "severity": self.severity, "check": self.check}


def spans(years) -> str:
    """2001, 2002, 2003, 2010 -> '2001–2003, 2010'."""
    years = sorted(set(years))
    out, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            out.append(str(y) if y == start else f"{start}–{y}")
            start = None
    return ", ".join(out)


def _at(where: Rule | Finding, severity: str, check: str, message: str) -> Issue:
    return Issue(where.file, where.line, 1, message, severity, check)


class _Locator:
    """Lines of parameter ids, which the rule-set model does not keep."""

    def __init__(self, files: list[str]):
        self.files = files

    def parameter(self, pid: str) -> tuple[str, int]:
        pattern = re.compile(rf"^\s*-?\s*id:\s*['\"]?{re.escape(pid)}['\"]?\s*$")
        for f in self.files:
            for n, line in enumerate(Path(f).read_text(encoding="utf-8").splitlines(), 1):
                if pattern.match(line):
                    return f, n
        return self.files[0] if self.files else "", 1


# --- the checks ------------------------------------------------------------------


def _years(rules: RuleSet) -> list[int]:
    return [y for y in YEARS if rules.covers(y)]


def check_compiles(rules: RuleSet) -> list[Issue]:
    """Every covered year compiles (operator whitelist, parameter values, condition size)."""
    seen: dict[tuple, list[int]] = {}
    for year in _years(rules):
        try:
            compile_year(rules, year)
        except InputError as exc:
            for p in exc.problems:
                key = (p.file, p.line, p.col, re.sub(r"report year \d+", "report year", p.message))
                seen.setdefault(key, []).append(year)
    return [Issue(f, line, col, f"{msg} ({spans(years)})".replace("report year (", "report years ("), ERROR, "compile") for (f, line, col, msg), years in seen.items()]


def check_temporal(rules: RuleSet, where: _Locator) -> list[Issue]:
    """Exactly one version of each provision, and one value of each parameter, per year of its span."""
    out = []
    years = _years(rules)
    groups: dict[str, list[Rule]] = {}
    for rule in rules.rules.values():
        groups.setdefault(rule.spec.provision or rule.id, []).append(rule)
    for name, versions in groups.items():
        findings = {r.finding for r in versions}
        if len(findings) > 1:
            out.append(_at(versions[1], ERROR, "temporal", f"provision {name}: its versions conclude different findings ({', '.join(sorted(findings))})"))
            continue
        out += _one_per_year(name, "provision", [(r.spec.effective, r) for r in versions], years, lambda r, sev, msg: _at(r, sev, "temporal", msg))
    for pid, param in rules.parameters.items():
        f, n = where.parameter(pid)
        out += _one_per_year(pid, "parameter", [(v.effective, v) for v in param.values], years, lambda _v, sev, msg: Issue(f, n, 1, msg, sev, "temporal"))
    return out


def _one_per_year(name: str, what: str, versions: list, years: list[int], issue) -> list[Issue]:
    covered = {y: [v for eff, v in versions if eff.covers(y)] for y in years}
    used = [y for y in years if covered[y]]
    if not used:
        return []
    out = []
    overlap = [y for y in years if len(covered[y]) > 1]
    if overlap:
        first = next(v for v in covered[overlap[0]][1:])
        out.append(issue(first, ERROR, f"{what} {name}: {len(covered[overlap[0]])} versions apply in {spans(overlap)}; exactly one may"))
    gap = [y for y in years if min(used) < y < max(used) and not covered[y]]
    if gap:
        out.append(issue(versions[0][1], ERROR, f"{what} {name}: no version applies in {spans(gap)}, between versions that do"))
    return out


# --- enumeration of representative inputs -------------------------------------------


class _Space:
    """The finite inputs that decide a set of conditions in one report year."""

    def __init__(self, rules: RuleSet, year: int, params: dict):
        self.rules, self.year, self.params = rules, year, params
        self.schema = fact_schema()

    def finding_values(self, fid: str) -> list:
        """Values a finding can take in ``year``: its default and what its rules in force conclude."""
        f = self.rules.findings[fid]
        out = [f.spec.default]
        for r in f.rules_in_force(self.year):
            if r.spec.then not in out:
                out.append(r.spec.then)
        return out

    def _field_values(self, kind: str, field: str, tests: list[FactTest]) -> list:
        if field in ("value",) and kind in ENUMS:
            return list(ENUMS[kind])
        constants = []
        for t in tests:
            operands = t.operand if isinstance(t.operand, tuple) else (t.operand,)
            for o in operands:
                if isinstance(o, Param):
                    p = self.rules.parameters.get(o.name)
                    constants += [v.value for v in p.values] if p else []
                else:
                    constants.append(o)
        if any(isinstance(c, bool) for c in constants) or kind == "bool" or field == "fine_alternative":
            return [True, False]
        if any(isinstance(c, str) for c in constants):
            return sorted({c for c in constants if isinstance(c, str)}) + ["(other)"]
        reps = {0, 1}
        for c in constants:
            reps |= {c - 1, c, c + 1} | ({c - 0.5, c + 0.5} if isinstance(c, float) or kind == "penalty" else set())
        if field in _NON_NEGATIVE:
            reps = {r for r in reps if r >= 0}
        return sorted(reps)

    def fact_options(self, path: str, tests: list[FactTest]) -> list[FactEntry]:
        kind = self.schema[path]
        statuses = (REPORTED, MISSING) if path.startswith(DERIVED_PREFIXES) else (REPORTED, NOT_REPORTED, MISSING)
        out = [FactEntry(path, kind, s) for s in statuses if s != REPORTED]
        fields = sorted({t.field for t in tests})
        choices = []
        for field in fields:
            values = self._field_values(kind, field, [t for t in tests if t.field == field])
            if field not in _REQUIRED.get(kind, set()):
                values = [None, *values]
            choices.append(values)
        if REPORTED in statuses:
            for combo in itertools.product(*choices):
                out.append(FactEntry(path, kind, REPORTED, {f: v for f, v in zip(fields, combo) if v is not None}))
        return out

    def variables(self, conds: list) -> tuple[list[str], list[list]]:
        """(names, options): fact paths (as 'fact:path') and finding ids read by ``conds``."""
        tests: dict[str, list[FactTest]] = {}
        findings: list[str] = []
        for cond in conds:
            for a in atoms(cond):
                if isinstance(a, FindingTest):
                    if a.finding not in findings:
                        findings.append(a.finding)
                elif isinstance(a, (FactTest, FactStatus)):
                    tests.setdefault(a.path, [])
                    if isinstance(a, FactTest):
                        tests[a.path].append(a)
        # findings first: they are few and decide most rows, so examples stay short
        names = findings + [f"fact:{p}" for p in tests]
        options = [self.finding_values(f) for f in findings] + [self.fact_options(p, t) for p, t in tests.items()]
        return names, options

    def search(self, tree, params: dict):
        """An assignment making ``tree`` true, None if there is none, _TOO_MANY if the search is cut off.

        Depth-first over the variables, pruning as soon as a three-valued reading of
        ``tree`` is false, so large spaces with early contradictions stay cheap.
        """
        names, options = self.variables([tree])
        key = (tree, tuple(sorted((k, repr(v)) for k, v in params.items())), tuple(names), repr(options))
        if key in _MEMO:
            return _MEMO[key]
        if len(_MEMO) > 20_000:
            _MEMO.clear()
        _MEMO[key] = found = self._search(tree, params, names, options)
        return found

    def _search(self, tree, params: dict, names: list, options: list):
        facts: dict = {}
        findings: dict = {}
        budget = [MAX_ASSIGNMENTS]

        def assign(name, value):
            (facts if name.startswith("fact:") else findings)[name.removeprefix("fact:")] = value

        def unassign(name):
            (facts if name.startswith("fact:") else findings).pop(name.removeprefix("fact:"), None)

        def dfs(i: int):
            budget[0] -= 1
            if budget[0] < 0:
                return _TOO_MANY
            verdict = _eval3(tree, facts, findings, params)
            if verdict is False:
                return None
            if verdict is True or i == len(names):
                return _show(facts, findings) if verdict is True else None
            for value in options[i]:
                assign(names[i], value)
                found = dfs(i + 1)
                unassign(names[i])
                if found is not None:
                    return found
            return None

        return dfs(0)


def _eval3(cond, facts: dict, findings: dict, params: dict):
    """Truth of ``cond`` with some inputs unknown: True, False or None (undecided yet)."""
    if isinstance(cond, (All, AnyOf, AtLeast)):
        items = cond.items
        need = len(items) if isinstance(cond, All) else 1 if isinstance(cond, AnyOf) else cond.n
        if need == 0 or need > len(items):
            return need == 0
        true = unknown = 0
        for i, c in enumerate(items):
            v = _eval3(c, facts, findings, params)
            if v is True:
                true += 1
                if true >= need:
                    return True
            elif v is None:
                unknown += 1
            if true + unknown + (len(items) - i - 1) < need:
                return False
        return None
    if isinstance(cond, Not):
        v = _eval3(cond.item, facts, findings, params)
        return None if v is None else not v
    if isinstance(cond, FindingTest):
        if cond.finding not in findings:
            return None
    elif cond.path not in facts:
        return None
    return evaluate_atom(cond, facts, findings, params)


def _show(facts: dict, findings: dict) -> str:
    parts = []
    for path, e in facts.items():
        if e.status != REPORTED:
            parts.append(f"{path} {e.status.replace('_', ' ')}")
        elif set(e.values) == {"value"}:
            parts.append(f"{path} = {e.values['value']}")
        else:
            parts.append(f"{path} = {{" + ", ".join(f"{k}: {v}" for k, v in e.values.items()) + "}")
    parts += [f"{k} = {v}" for k, v in findings.items()]
    return "; ".join(parts) or "any input"


def _signatures(rules: RuleSet, finding: Finding) -> dict[tuple, list[int]]:
    """Years grouped by what the finding's question looks like in them (rules in force, params, domains)."""
    groups: dict[tuple, list[int]] = {}
    for year in _years(rules):
        in_force = finding.rules_in_force(year)
        read = {a.finding for r in in_force for a in atoms(r.when) if isinstance(a, FindingTest)}
        space = _Space(rules, year, {})
        domains = tuple((f, tuple(map(str, space.finding_values(f)))) for f in sorted(read))
        key = (tuple(r.id for r in in_force), tuple(sorted((k, str(v)) for k, v in rules.params_at(year).items())), domains)
        groups.setdefault(key, []).append(year)
    return groups


def check_findings(rules: RuleSet) -> list[Issue]:
    """Overlaps, rules that never decide, and gaps in decision tables, per group of like years."""
    out: list[Issue] = []
    tier_values = set(map(str, rules.findings[rules.manifest.tier_finding].spec.values))
    overlaps: dict[tuple, list[int]] = {}
    dead: dict[tuple, list[int]] = {}
    never: dict[tuple, list[int]] = {}
    gaps: dict[tuple, list[int]] = {}
    unchecked: dict[tuple, list[int]] = {}
    for finding in rules.findings.values():
        is_table = set(map(str, finding.spec.values)) == tier_values
        for _key, years in _signatures(rules, finding).items():
            year = years[0]
            space = _Space(rules, year, rules.params_at(year))
            params = space.params
            # a rule whose parameter has no value this year is reported by check_compiles
            in_force = [r for r in finding.rules_in_force(year) if all(a.operand.name in params for a in atoms(r.when) if isinstance(getattr(a, "operand", None), Param))]
            for i, a in enumerate(in_force):
                for b in in_force[i + 1:]:
                    if a.spec.then == b.spec.then:
                        continue
                    example = space.search(All((a.when, b.when)), params)
                    if example is _TOO_MANY:
                        unchecked.setdefault((finding.id, f"overlap of {a.id} and {b.id}", a.id), []).extend(years)
                    elif example:
                        overlaps.setdefault((finding.id, a.id, b.id, example), []).extend(years)
            for k, rule in enumerate(in_force):
                earlier = tuple(r.when for r in in_force[:k])
                example = space.search(All((rule.when, Not(AnyOf(earlier)))), params)
                if example is _TOO_MANY:
                    unchecked.setdefault((finding.id, f"whether {rule.id} can decide", rule.id), []).extend(years)
                elif example is None:
                    holds = space.search(rule.when, params)
                    (dead if holds is not None else never).setdefault((finding.id, rule.id), []).extend(years)
            if is_table and in_force:
                example = space.search(Not(AnyOf(tuple(r.when for r in in_force))), params)
                if example is not None and example is not _TOO_MANY:
                    # where no row applies only because a finding it reads is undecided, the
                    # tier is not determinable (assessment/possible.py), not a gap in the table
                    read = sorted({a.finding for r in in_force for a in atoms(r.when) if isinstance(a, FindingTest)})
                    decided = tuple(Not(FindingTest(f, "in", tuple(sorted(UNDECIDED)))) for f in read)
                    example = space.search(All((Not(AnyOf(tuple(r.when for r in in_force))), *decided)), params)
                if example is _TOO_MANY:
                    unchecked.setdefault((finding.id, "gaps", in_force[0].id), []).extend(years)
                elif example is not None:
                    gaps.setdefault((finding.id, example), []).extend(years)
    R, F = rules.rules, rules.findings
    for (fid, aid, bid, example), years in overlaps.items():
        finding, a, b = F[fid], R[aid], R[bid]
        policy = finding.spec.hit_policy
        if policy == "first":
            continue
        severity = ERROR if policy == "unique" else WARNING
        hint = "the finding declares hit_policy: unique" if policy == "unique" else "declare hit_policy: first on the finding if the order is intended"
        out.append(_at(b, severity, "overlap", f"rules {a.id} ({a.spec.then!r}) and {b.id} ({b.spec.then!r}) of {finding.id} can both hold in {spans(years)}, e.g. {example}; {hint}"))
    for (fid, rid), years in dead.items():
        finding, rule = F[fid], R[rid]
        out.append(_at(rule, WARNING, "shadowed", f"rule {rule.id} never decides {finding.id} in {spans(years)}: whenever it holds, an earlier rule holds"))
    years_of = {r: ys for (_f, r), ys in never.items()}
    for rid, years in years_of.items():
        rule = R[rid]
        if set(years) >= {y for y in _years(rules) if rule.spec.effective.covers(y)}:
            out.append(_at(rule, WARNING, "never-holds", f"rule {rid} can never hold in the years it is in force ({spans(years)})"))
    for (fid, example), years in gaps.items():
        finding = F[fid]
        severity = ERROR
        out.append(_at(finding, severity, "table-gap", f"decision table {finding.id} has a gap in {spans(years)}: {example} matches no row (the default {finding.spec.default!r} would decide)"))
    for (fid, what, rid), years in unchecked.items():
        rule = R[rid]
        out.append(_at(rule, WARNING, "not-checked", f"{fid}: {what} not checked in {spans(years)}: more than {MAX_ASSIGNMENTS:,} input combinations"))
    return out


_TOO_MANY = object()
#: search results by question; `check` on many variants of one rule set repeats most of them
_MEMO: dict = {}


def check_unconcluded(rules: RuleSet) -> list[Issue]:
    """Findings read in years when no rule concludes them; values no rule and no default give."""
    out = []
    years = _years(rules)
    for finding in rules.findings.values():
        empty = [y for y in years if not finding.rules_in_force(y)]
        readers: dict[str, list[int]] = {}
        for y in empty:
            for other in rules.findings.values():
                for r in other.rules_in_force(y):
                    if any(isinstance(a, FindingTest) and a.finding == finding.id for a in atoms(r.when)):
                        readers.setdefault(r.id, []).append(y)
        if finding.id == rules.manifest.tier_finding and empty:
            out.append(_at(finding, ERROR, "unconcluded", f"the tier finding {finding.id} has no rule in force in {spans(empty)}"))
        elif readers:
            read_years = sorted({y for ys in readers.values() for y in ys})
            names = ", ".join(sorted(readers))
            out.append(_at(finding, WARNING, "unconcluded", f"finding {finding.id} has no rule in force in {spans(read_years)}, yet {names} read it then; only its default ({finding.spec.default!r}) can decide"))
        concluded = {finding.spec.default} | {r.spec.then for r in finding.rules}
        for value in finding.spec.values:
            if value not in concluded:
                out.append(_at(finding, WARNING, "unconcluded", f"finding {finding.id}: no rule concludes its value {value!r} and it is not the default"))
    return out


def check_provisions(rules: RuleSet, where: _Locator) -> list[Issue]:
    """The statute's provisions (rules/05_provisions.yaml) against the rules, year by year.

    A provision in force in a year needs a rule in force citing it (or a stated ``gap``,
    then only a warning); a rule may cite a provision only in years it is law, and must
    conclude a finding the provision decides.
    """
    if not rules.provisions:
        return []
    out: list[Issue] = []
    by_id: dict[str, list] = {}
    for p in rules.provisions:
        by_id.setdefault(p.id, []).append(p)
        for fid in p.findings:
            if fid not in rules.findings:
                f, n = where.parameter(p.id)
                out.append(Issue(f, n, 1, f"provision {p.id}: unknown finding '{fid}'", ERROR, "provisions"))
    years = _years(rules)
    cited: dict[str, set[int]] = {}
    wrong: dict[tuple[str, str], list[int]] = {}
    for rule in rules.rules.values():
        if rule.spec.basis != "statute" or rule.spec.carry:
            continue
        pid = cited_provision(rule.spec.citation, rules.provisions)
        if pid is None:
            continue
        for year in years:
            if not rule.spec.effective.covers(year):
                continue
            live = [p for p in by_id.get(pid, []) if p.effective.covers(year)]
            if not live:
                wrong.setdefault((rule.id, f"cites {pid}, which is not law in report years"), []).append(year)
            elif live[0].findings and rule.finding not in live[0].findings:
                wrong.setdefault((rule.id, f"concludes {rule.finding}, which {pid} ({live[0].title}) does not decide, in"), []).append(year)
            else:
                cited.setdefault(pid, set()).add(year)
    for (rid, message), ys in wrong.items():
        out.append(_at(rules.rules[rid], ERROR, "provisions", f"rule {rid} {message} {spans(ys)}"))
    for p in rules.provisions:
        uncovered = [y for y in years if p.effective.covers(y) and not any(
            y in ys for pid, ys in cited.items() if pid == p.id or pid.startswith(p.id + "("))]
        if uncovered:
            f, n = where.parameter(p.id)
            reason = f" ({p.gap})" if p.gap else ""
            out.append(Issue(f, n, 1, f"provision {p.id} ({p.title}) is law in {spans(uncovered)} but no rule in force cites it{reason}",
                             WARNING if p.gap else ERROR, "provisions"))
    return out


def check_coverage(rules: RuleSet) -> list[Issue]:
    cov = rules.manifest.coverage
    missing = [y for y in YEARS if not cov.covers(y)]
    if missing:
        return [Issue(rules.files[0] if rules.files else rules.directory, 1, 1, f"the manifest's coverage ({cov}) leaves out report years {spans(missing)}", WARNING, "coverage")]
    return []


def check_rules(directory: Path | None = None) -> list[Issue]:
    """Every issue of the rule set under ``directory``, errors first, then in file order."""
    try:
        rules = load_rules(directory)
    except InputError as exc:
        return [Issue(p.file, p.line, p.col, p.message, ERROR, "load") for p in exc.problems]
    where = _Locator(rules.files)
    issues = check_compiles(rules) + check_temporal(rules, where) + check_coverage(rules)
    issues += check_provisions(rules, where)
    issues += check_unconcluded(rules) + check_findings(rules)
    order = {f: i for i, f in enumerate(rules.files)}
    return sorted(issues, key=lambda i: (i.severity != ERROR, order.get(i.file, len(order)), i.line, i.message))
