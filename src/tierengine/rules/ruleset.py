"""The declarative rule set: findings, the rules that conclude them, and parameters.

Rules are data (``rules/*.yaml``). Each rule cites its provision and carries the
report years in which it is law; each finding is a first-match decision table over
its rules with a declared default, so every value has a named reason. Loading
checks everything that can be checked without evidence: unknown facts, fields,
findings and parameters, values outside a finding's domain, rules that read
``published``, rules that read earlier published tiers outside the statute's history
provisions, doctrine rules without the published text they rest on, duplicate ids and
cycles between findings.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from tierengine.rules.conditions import Cond, ConditionError, FactStatus, FactTest, FindingTest, Param, atoms, parse
from tierengine.errors import InputError, Problem
from tierengine.tiers import ALL_TIERS
from tierengine.evidence.facts import ENUMS, fact_kinds, fact_schema
from tierengine.evidence.yamlsource import Located, read_yaml
from tierengine.rules.spec import FindingSpec, Manifest, Parameter, RuleFile, RuleSpec, StatuteProvision

#: what a citation must name: a provision of the U.S. Code, a public law or the Statutes
#: at Large, the Act, or the published methodology (not "TODO", not " ")
CITATION = re.compile(r"U\.S\.C\.|Pub\. ?L\.|Stat\.|methodology|practice|TVPA|TVPRA", re.IGNORECASE)

#: the statute's history provisions, the only ones that may read earlier published tiers
#: (``history.*``): the special watch list (A)(i)-(ii), the automatic downgrade and waiver
#: (D), the congressional notice (E) and the one-year rule (F) of 22 U.S.C. 7107(b)(2).
#: Anywhere else last year's tier would stand in for this year's government actions.
HISTORY_PROVISIONS = tuple(f"22 U.S.C. 7107(b)(2){p}" for p in ("(A)(i)", "(A)(ii)", "(D)", "(E)", "(F)"))

_PROVISION_REF = re.compile(r"710[267](?:\([A-Za-z0-9]+\))*")
#: a full reference and the short forms after it: "7106(b)(1)-(3), (11)"
_CITATION_LIST = re.compile(r"(710[267](?:\([A-Za-z0-9]+\))+)((?:(?:-|, )\([A-Za-z0-9]+\))*)")
_SHORT_REF = re.compile(r"(-|, )(\([A-Za-z0-9]+\))")


def cited_provision(citation: str, provisions: list[StatuteProvision]) -> str | None:
    """The most specific declared provision the citation's first reference falls under."""
    m = _PROVISION_REF.search(citation)
    if m is None:
        return None
    ref = m.group(0)
    under = [p.id for p in provisions if ref == p.id or ref.startswith(p.id + "(")]
    return max(under, key=len, default=None) or ref


@dataclass(frozen=True)
class Rule:
    """A rule with its parsed condition and where it is written."""

    spec: RuleSpec
    finding: str
    when: Cond
    file: str
    line: int

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Finding:
    spec: FindingSpec
    rules: tuple[Rule, ...]
    file: str
    line: int

    @property
    def id(self) -> str:
        return self.spec.id

    def rules_in_force(self, year: int) -> list[Rule]:
        return [r for r in self.rules if r.spec.effective.covers(year)]


@dataclass
class RuleSet:
    """Everything under a rules directory, checked."""

    manifest: Manifest
    parameters: dict[str, Parameter]
    findings: dict[str, Finding]  # in file order, which is also display order
    digest: str
    directory: str
    files: list[str] = field(default_factory=list)
    provisions: list[StatuteProvision] = field(default_factory=list)
    compiled: dict = field(default_factory=dict, repr=False, compare=False)  # year -> CompiledRuleset

    def cited_in(self, citation: str, year: int) -> str:
        """A citation as the code was numbered in ``year``: a provision renumbered since then
        (7106(b)(9)-(11) in 2013, 7107(b)(3)(B) in 2019) reads "old (now new)". A short form
        after a full reference ("7106(b)(1)-(3), (11)") is a sibling of it and stays short
        ("7106(b)(1)-(3), (10) (now (11))")."""
        renamed = {p.id: p.cited_as(year) for p in self.provisions if p.cited_as(year) != p.id}
        if not renamed:
            return citation

        def listed(match: re.Match) -> str:
            full, tail = match.group(1), match.group(2)
            parent = full[: full.rindex("(")]

            def short(m: re.Match) -> str:
                ref = parent + m.group(2)
                if ref not in renamed:
                    return m.group(0)
                old = renamed[ref]
                same_parent = old.startswith(parent + "(")
                return f"{m.group(1)}{old[len(parent):]} (now {m.group(2)})" if same_parent else f"{m.group(1)}{old} (now {ref})"

            head = f"{renamed[full]} (now {full})" if full in renamed else full
            return head + _SHORT_REF.sub(short, tail)

        return _CITATION_LIST.sub(listed, citation)

    @cached_property
    def labels(self) -> dict[str, str]:
        """A few plain words per finding and rule id for readers: a finding's ``label``; a rule's
        own ``title``, else its finding's label (the rule's statement says the rest)."""
        out = {fid: f.spec.label for fid, f in self.findings.items() if f.spec.label}
        for fid, f in self.findings.items():
            for r in f.rules:
                title = r.spec.title and r.spec.title[:1].lower() + r.spec.title[1:]
                if title or f.spec.label:
                    out[r.id] = title or f.spec.label
        return out

    @cached_property
    def recorded_considerations(self) -> list[str]:
        """Consideration findings no rule reads (7107(b)(3): "the Secretary of State shall
        consider", with no threshold): recorded for a reviewer, never in a tier's chain."""
        read = {a.finding for f in self.findings.values() for r in f.rules for a in atoms(r.when) if isinstance(a, FindingTest)}
        return [fid for fid, f in self.findings.items() if f.spec.layer == "consideration" and fid not in read]

    @cached_property
    def rules(self) -> dict[str, Rule]:
        return {r.id: r for f in self.findings.values() for r in f.rules}

    def params_at(self, year: int) -> dict[str, object]:
        return {pid: p.at(year) for pid, p in self.parameters.items() if p.at(year) is not None}

    def covers(self, year: int) -> bool:
        return self.manifest.coverage.covers(year)

    @cached_property
    def strata(self) -> list[list[str]]:
        """Findings grouped so each group reads only facts and earlier groups."""
        level: dict[str, int] = {}

        def depth(fid: str) -> int:
            if fid not in level:
                reads = {a.finding for r in self.findings[fid].rules for a in atoms(r.when) if isinstance(a, FindingTest)}
                level[fid] = 1 + max((depth(d) for d in reads), default=0)
            return level[fid]

        for fid in self.findings:
            depth(fid)
        top = max(level.values(), default=0)
        return [[f for f in self.findings if level[f] == k] for k in range(1, top + 1)]


def _check_atoms(rule: Rule, spec_loc: tuple, doc: Located, schema: dict, findings: dict, params: dict, broken: set = frozenset()) -> list[Problem]:
    problems = []
    for atom in atoms(rule.when):
        loc = spec_loc + ("when",) + atom.loc

        def bad(message: str, where: tuple = loc) -> None:
            problems.append(doc.problem(where, f"rule {rule.id}: {message}"))

        if isinstance(atom, FindingTest):
            if atom.finding not in findings:
                if atom.finding not in broken:  # else its own file's error already says why
                    bad(f"unknown finding '{atom.finding}'")
                continue
            domain = findings[atom.finding].values
            operands = atom.operand if isinstance(atom.operand, tuple) else (atom.operand,)
            for o in operands:
                if isinstance(o, Param) or o not in domain:
                    bad(f"finding '{atom.finding}' takes values {domain}, not {o!r}")
            continue
        if atom.path.split(".")[0] == "published":
            bad("rules may not read 'published' (the report's own conclusion is for comparison only)")
            continue
        if atom.path.startswith("history.") and not rule.spec.citation.startswith(HISTORY_PROVISIONS):
            bad(
                f"reads earlier published tiers ('{atom.path}') but cites {rule.spec.citation!r}; only the "
                "statute's history provisions may (" + ", ".join(p.removeprefix("22 U.S.C. ") for p in HISTORY_PROVISIONS) + ")"
            )
            continue
        if atom.path not in schema:
            bad(f"unknown fact '{atom.path}'")
            continue
        if isinstance(atom, FactStatus):
            continue
        kind = schema[atom.path]
        types = fact_kinds()[kind].get(atom.field)
        if types is None:
            bad(f"fact '{atom.path}' ({kind}) has no field '{atom.field}'; fields: {', '.join(fact_kinds()[kind])}")
            continue
        operands = atom.operand if isinstance(atom.operand, tuple) else (atom.operand,)
        for o in operands:
            if isinstance(o, Param):
                if o.name not in params:
                    bad(f"unknown parameter '{o.name}'")
                    continue
                values = [v.value for v in params[o.name].values]
            else:
                values = [o]
            for v in values:
                ok = isinstance(v, types) and not (isinstance(v, bool) and bool not in types)
                if not ok:
                    bad(f"'{atom.path}.{atom.field}' holds {kind} values; {v!r} does not fit")
                elif kind in ENUMS and v not in ENUMS[kind]:
                    bad(f"'{atom.path}' takes one of {list(ENUMS[kind])}, not {v!r}")
        if atom.op in ("lt", "lte", "gt", "gte") and (str in types or bool in types):
            bad(f"'{atom.op}' needs a numeric field; '{atom.path}.{atom.field}' is not numeric")
    return problems


def _citation_problems(rf: RuleFile, doc: Located) -> list[Problem]:
    """Every finding, rule and parameter must cite a provision (principle 2: nothing unexplained)."""
    out = []

    def check(citation: str, loc: tuple, what: str) -> None:
        if not CITATION.search(citation):
            out.append(doc.problem(loc + ("citation",), f"{what}: citation '{citation.strip()}' names no provision (U.S.C., Pub. L., TVPA, the methodology or a published practice)"))

    for i, p in enumerate(rf.parameters):
        check(p.citation, ("parameters", i), f"parameter {p.id}")
    for i, f in enumerate(rf.findings):
        check(f.citation, ("findings", i), f"finding {f.id}")
        for j, r in enumerate(f.rules):
            check(r.citation, ("findings", i, "rules", j), f"rule {r.id}")
    return out


def _tier_problems(manifest: Manifest | None, findings: dict[str, Finding], parsed: list) -> list[Problem]:
    """The tier finding may only take the five tiers: anything else would be reported as a tier."""
    if manifest is None or manifest.tier_finding not in findings:
        return []
    for finding, doc, i in parsed:
        if finding.id == manifest.tier_finding:
            odd = [v for v in finding.spec.values if v not in ALL_TIERS]
            if odd:
                return [doc.problem(("findings", i, "values"), f"the tier finding '{finding.id}' takes values {odd} that are not tiers ({', '.join(ALL_TIERS)})")]
    return []


def _cycles(findings: dict[str, Finding]) -> list[str]:
    graph = {fid: {a.finding for r in f.rules for a in atoms(r.when) if isinstance(a, FindingTest) and a.finding in findings} for fid, f in findings.items()}
    state: dict[str, int] = {}
    found: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(" -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for fid in graph:
        if fid not in state:
            visit(fid, [fid])
    return found


def default_rules_dir() -> Path:
    """The rules shipped with the package, or the repository's rules/ in a checkout."""
    packaged = Path(__file__).parents[1] / "_rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """Every ``*.yaml`` under ``directory``, in the order they are loaded."""
    return sorted(p for p in directory.rglob("*.yaml")) if directory.is_dir() else []


@lru_cache(maxsize=1)
def rule_file_adapter():
    """pydantic's validator of a rule file, built once, only when a rule file is read."""
    from pydantic import TypeAdapter

    return TypeAdapter(RuleFile)


def load_rules(directory: Path | None = None) -> RuleSet:
    """Load and check every ``*.yaml`` under ``directory``; raise InputError listing all problems."""
    from pydantic import ValidationError

    directory = Path(directory) if directory else default_rules_dir()
    files = rule_files(directory)
    if not files:
        raise InputError([Problem(str(directory), 1, 1, "no rule files (*.yaml) found")])
    problems: list[Problem] = []
    manifest: Manifest | None = None
    parameters: dict[str, Parameter] = {}
    provisions: list[StatuteProvision] = []
    raw_findings: list[tuple[FindingSpec, Located, int]] = []
    broken: set = set()  # ids of findings in files that failed to validate
    digest = hashlib.sha256()
    for path in files:
        try:
            doc = read_yaml(path, str(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(json.dumps(doc.data, sort_keys=True, default=str).encode() + b"\0")
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "a rule file must be a mapping with manifest / parameters / findings"))
            continue
        try:
            rf = rule_file_adapter().validate_python({k: v for k, v in doc.data.items() if not str(k).startswith("x-")})
        except ValidationError as exc:
            from tierengine.evidence.load import validation_problems

            problems.extend(validation_problems(doc, exc))
            # the file's findings are lost with it: rules elsewhere that read them are not "unknown"
            declared = doc.data.get("findings")
            broken |= {f.get("id") for f in declared if isinstance(f, dict)} if isinstance(declared, list) else set()
            continue
        problems.extend(_citation_problems(rf, doc))
        if rf.manifest:
            if manifest:
                problems.append(doc.problem(("manifest",), "a second manifest; only one file may declare it"))
            manifest = rf.manifest
        for p in rf.parameters:
            if p.id in parameters:
                problems.append(doc.problem(("parameters",), f"duplicate parameter id '{p.id}'"))
            parameters[p.id] = p
        raw_findings.extend((f, doc, i) for i, f in enumerate(rf.findings))
        provisions.extend(rf.provisions)
    if manifest is None and not problems:
        problems.append(Problem(str(directory), 1, 1, "no file declares the rule-set manifest"))

    findings: dict[str, Finding] = {}
    rule_ids: set[str] = set()
    parsed: list[tuple[Finding, Located, int]] = []
    for spec, doc, i in raw_findings:
        floc = ("findings", i)
        if spec.id in findings:
            problems.append(doc.problem(floc + ("id",), f"duplicate finding id '{spec.id}'"))
            continue
        rules = []
        for j, rspec in enumerate(spec.rules):
            rloc = floc + ("rules", j)
            if rspec.id in rule_ids:
                problems.append(doc.problem(rloc + ("id",), f"duplicate rule id '{rspec.id}'"))
            rule_ids.add(rspec.id)
            if rspec.then not in spec.values:
                problems.append(doc.problem(rloc + ("then",), f"rule {rspec.id}: '{rspec.then}' is not one of {spec.id}'s values {spec.values}"))
            try:
                cond = parse(rspec.when, ())
            except ConditionError as exc:
                problems.append(doc.problem(rloc + ("when",) + exc.loc, f"rule {rspec.id}: {exc.message}"))
                continue
            rules.append(Rule(rspec, spec.id, cond, doc.path, doc.where(rloc)[0]))
        finding = Finding(spec, tuple(rules), doc.path, doc.where(floc)[0])
        findings[spec.id] = finding
        parsed.append((finding, doc, i))

    schema = fact_schema()
    specs = {fid: f.spec for fid, f in findings.items()}
    for finding, doc, i in parsed:
        for j, rule in enumerate(finding.rules):
            loc = ("findings", i, "rules", [r.id for r in finding.spec.rules].index(rule.id))
            problems.extend(_check_atoms(rule, loc, doc, schema, specs, parameters, broken))
    for cycle in _cycles(findings):
        first = findings[cycle.split(" -> ")[0]]
        problems.append(Problem(first.file, first.line, 1, f"findings depend on each other in a cycle: {cycle}"))
    if manifest and manifest.tier_finding not in findings and not problems:
        problems.append(Problem(str(directory), 1, 1, f"tier finding '{manifest.tier_finding}' is not defined"))
    problems.extend(_tier_problems(manifest, findings, parsed))
    if problems:
        raise InputError(problems)
    return RuleSet(manifest, parameters, findings, digest.hexdigest()[:16], str(directory), [str(p) for p in files], provisions)
