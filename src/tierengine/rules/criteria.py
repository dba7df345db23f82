"""The provisions in force in a report year, in plain language, with the rules behind them.

The trainer text (order, paraphrases) lives in ``provisions.yaml``; what is law in
a year and how it is applied come from the loaded rule set, so this view cannot drift
from the rules: a provision is listed for a year only if a rule it names is in force
then, its rule ids are read from the rule set, and findings the text does not mention
are listed under "Other findings" rather than hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tierengine.rules.conditions import describe
from tierengine.rules.ruleset import Rule, RuleSet
from tierengine.evidence.yamlsource import read_yaml

PROVISIONS = Path(__file__).parent / "provisions.yaml"


def _clean(text: str) -> str:
    return " ".join(str(text).split())


@dataclass
class RuleLine:
    id: str
    finding: str
    then: object
    citation: str
    statement: str
    condition: str
    effective: str
    basis: str = "statute"  # or methodology / practice (a doctrine rule)
    rests_on: str | None = None  # the published text a doctrine rule rests on

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Provision:
    id: str
    title: str
    citation: str
    paraphrase: str
    rules: list[RuleLine]
    findings: list[str]

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "citation": self.citation,
            "paraphrase": self.paraphrase,
            "findings": self.findings,
            "rule_ids": self.rule_ids,
            "rules": [r.to_dict() for r in self.rules],
        }


@dataclass
class Section:
    id: str
    title: str
    citation: str
    intro: str
    provisions: list[Provision] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "citation": self.citation, "intro": self.intro, "provisions": [p.to_dict() for p in self.provisions]}


@dataclass
class Criteria:
    year: int
    rules_version: str
    rules_digest: str
    sections: list[Section]
    parameters: list[dict]
    not_in_force: list[dict]  # provisions of the text with no rule in force this year

    def find(self, key: str) -> Provision | None:
        """A provision by id ('C-1', 'Tier 2', 'waiver'), case-insensitive."""
        key = key.strip().lower()
        for s in self.sections:
            for p in s.provisions:
                if p.id.lower() == key or key in (f.lower() for f in p.findings):
                    return p
        return None

    def to_dict(self) -> dict:
        return {
            "report_year": self.year,
            "rules": {"version": self.rules_version, "digest": self.rules_digest},
            "sections": [s.to_dict() for s in self.sections],
            "parameters": self.parameters,
            "not_in_force": self.not_in_force,
        }


def _line(rule: Rule, params: dict, cite) -> RuleLine:
    spec = rule.spec
    rests_on = _clean(spec.rests_on) if spec.rests_on else None
    return RuleLine(rule.id, rule.finding, spec.then, cite(spec.citation), _clean(spec.statement), describe(rule.when, params), str(spec.effective), spec.basis, rests_on)


def load_text(path: Path = PROVISIONS) -> list[dict]:
    return read_yaml(path, str(path)).data["sections"]


def criteria(rules: RuleSet, year: int) -> Criteria:
    """Every provision in force in ``year`` with its citation (as numbered in ``year``), paraphrase
    and implementing rules."""
    params = rules.params_at(year)

    def cite(citation: str) -> str:
        return rules.cited_in(citation, year)

    covered: set[str] = set()
    sections: list[Section] = []
    not_in_force: list[dict] = []
    for raw in load_text():
        section = Section(raw["id"], raw["title"], cite(raw["citation"]), _clean(raw.get("intro", "")))
        for item in raw["items"]:
            fids = [f for f in item.get("findings", []) if f in rules.findings]
            named = [r for r in item.get("rules", []) if r in rules.rules]
            covered.update(fids)
            covered.update(rules.rules[r].finding for r in named if not rules.rules[r].spec.carry)
            ordered = [r for f in fids for r in rules.findings[f].rules] + [rules.rules[r] for r in named]
            seen, in_force = set(), []
            for r in ordered:
                if r.id not in seen and r.spec.effective.covers(year):
                    seen.add(r.id)
                    in_force.append(r)
            if fids and not named:
                title, citation = rules.findings[fids[0]].spec.title, rules.findings[fids[0]].spec.citation
            else:
                first = next((r for r in in_force if r.id in named), None) or (rules.rules[named[0]] if named else None)
                title, citation = item["id"], first.spec.citation if first else raw["citation"]
            if not in_force:
                not_in_force.append({"id": item["id"], "section": section.title, "citation": cite(citation)})
                continue
            section.provisions.append(Provision(item["id"], title, cite(citation), _clean(item["paraphrase"]), [_line(r, params, cite) for r in in_force], fids))
        sections.append(section)
    other = Section("other", "Other findings", "", "Findings of the rule set that the trainer text does not describe.")
    for fid, finding in rules.findings.items():
        if fid in covered:
            continue
        in_force = finding.rules_in_force(year)
        if in_force:
            other.provisions.append(Provision(fid, finding.spec.title, cite(finding.spec.citation), _clean(finding.spec.default_statement), [_line(r, params, cite) for r in in_force], [fid]))
    if other.provisions:
        sections.append(other)
    parameters = [
        {"id": p.id, "title": p.title, "value": p.at(year), "citation": p.citation, "rationale": _clean(p.rationale)}
        for p in rules.parameters.values()
        if p.at(year) is not None
    ]
    return Criteria(year, rules.manifest.version, rules.digest, [s for s in sections if s.provisions], parameters, not_in_force)


__all__ = ["criteria", "Criteria", "Provision", "Section"]
