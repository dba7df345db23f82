"""What a person reads, before any markup: codebook values and the short "why not".

Text, Markdown and HTML share these so they say the same thing: values as the evidence
codebook writes them (``true``, ``not reported``, ``silent``), derived facts labelled
with what they come from, and for each better tier the rules that would have placed the
country there with their failed conditions, each rule's subtree shown once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tierengine.assessment.explain import Leaf
from tierengine.assessment.result import Assessment
from tierengine.render.labels import Names
from tierengine.render.plain import joined
from tierengine.tiers import ALL_TIERS

#: how a fact's status reads when it has no value (docs/evidence.md), and a criterion's value
STATUS_WORDS = {"not_reported": "not reported", "missing": "silent", "not_met": "not met", "not_determinable": "not determinable"}
#: one mark per meaning (readers took one ✗ for both): a rule that did not apply, and
#: what the evidence shows where a condition of it is not met
RULE_MARK, FAILED_MARK = "⊘", "✗"
LEGEND = f"{RULE_MARK} rule did not apply  {FAILED_MARK} what the evidence shows"


def considered_line(a: Assessment, names: Names) -> str | None:
    """The 7107(b)(3) considerations a rule decided that no rule weighs, in one sentence: they
    are in no tier's chain, and a reviewer should still see that they were recorded."""
    if not a.considered:
        return None
    items = "; ".join(f"{names(fid)} = {value_text(a.findings[fid])} ({a.decided_by[fid]})" for fid in a.considered)
    return f"Also considered (22 U.S.C. 7107(b)(3); recorded for a reviewer, weighed by no rule): {items}."


def value_text(value: object) -> str:
    """A finding's or fact's value as the codebook writes it."""
    if value is True or value is False:
        return str(value).lower()
    if value is None:
        return "silent"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return ", ".join(f"{k} {value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    return STATUS_WORDS.get(str(value), str(value))


def leaf_text(leaf: Leaf, name: str | None = None) -> str:
    """``state.forced_labor = true``, ``prosecution.convictions: not reported``, ``...: silent``;
    ``name``: how to show the path (with its label, see render/labels.py)."""
    name = name or leaf.evidence
    if leaf.status != "reported":
        return f"{name}: {STATUS_WORDS.get(leaf.status, leaf.status)}"
    return f"{name} = {value_text(leaf.value)}"


def derived_text(basis: str) -> str:
    """'published tiers (2019: Tier 3, ...); waiver years: none' -> 'derived from history.tiers 2019–2024; waiver years: none'."""
    if not basis.startswith("published tiers"):  # e.g. a what-if's "hypothetical" note
        return basis
    years = sorted(int(y) for y in re.findall(r"\b(\d{4}):", basis))
    span = f" {years[0]}–{years[-1]}" if years else " (none recorded)"
    rest = basis.split(";", 1)[1].strip() if ";" in basis else ""
    return f"derived from history.tiers{span}" + (f"; {rest}" if rest else "")


@dataclass
class Line:
    """One line of the why-not outline; ``kind``: tier, rule, seen (a rule shown above), failed, held (shadowed).

    ``text`` is what a person reads: a tier line's plain sentence, a rule's statement, a
    condition with the labels of the ids it names; ``name`` is a rule's id with its label.
    """

    kind: str
    text: str
    rule: str = ""
    name: str = ""
    citation: str = ""
    note: str = ""  # a failed condition's actual value
    decided_by: str = ""  # the rule that gave a finding its actual value
    condition: str = ""  # a failed condition as written, without labels
    more: int = 0  # failed conditions not followed (first_only)
    others: int = 0  # further rules for the tier that fail on the same first condition (first_only)
    children: list[Line] = field(default_factory=list)


SHOWS = "; the evidence shows "


def why_not(a: Assessment, first_only: bool = True, labels_per_tier: bool = False) -> list[Line]:
    """Per better tier: a plain sentence, then the rules that would place the country there and
    what failed, each rule once.

    ``first_only``: of each rule's failed conditions only the first is followed (the rest
    are counted), which is what must change first; False gives every failed condition.
    ``labels_per_tier``: give labels again for each tier (else once in the whole outline).
    """
    walk = _Walk(Names(a), first_only)
    out: list[Line] = []
    said: dict[str, str] = {}  # what the evidence shows (ids only) -> the first tier that said it
    for entry in a.not_reached:
        if labels_per_tier:
            walk.names = Names(a)
        shows = tier_sentence(entry, Names(a, labelled=False), a).partition(SHOWS)[2]
        sentence = tier_sentence(entry, walk.names, a)
        if shows and shows in said:  # the Watch List fails where Tier 2 did: say so, not the same words again
            sentence = f"{sentence.partition(SHOWS)[0]}{SHOWS}the same as for {said[shows]}."
        said.setdefault(shows, entry["tier"])
        rules = [walk.blocker(b) for b in entry["blocked_by"]]
        out.append(Line("tier", sentence, rule=entry["tier"], children=_merged(rules) if first_only else rules))
    return out


def _merged(rules: list[Line]) -> list[Line]:
    """Rules that fail on the same first condition and add nothing below it are counted on the
    first one's line (four Watch List rules all need the same placement; --detail full names them)."""
    out: list[Line] = []
    for line in rules:
        first = line.children[0] if line.kind == "rule" and line.children else None
        key = first and (first.condition, first.note)
        same = next((o for o in out if o.kind == "rule" and o.children and (o.children[0].condition, o.children[0].note) == key), None)
        if same is not None and all(c.kind == "seen" for c in first.children):
            same.others += 1
            continue
        out.append(line)
    return out


def _concurring(a: Assessment | None, finding: str) -> list[str]:
    """The rules that reached the same value as the deciding rule of ``finding`` in the chain
    (a reader took the deciding rule for the only barrier when the sentence named it alone)."""
    found: list[str] = []
    stack = [a.justification] if a else []
    while stack:
        node = stack.pop()
        if getattr(node, "finding", None) == finding and node.role == "concurring" and node.rule not in found:
            found.append(node.rule)
        stack.extend(reversed(getattr(node, "children", ())))
    return found


def tier_sentence(entry: dict, names: Names, a: Assessment | None = None) -> str:
    """'Tier 2 would need significant_efforts (significant efforts) = yes; the evidence shows ...':
    along the first failed condition of the first rule for the tier, the first that is not a
    placement (what the tier needs) and the deepest (what the evidence shows)."""
    rule, chain = entry["blocked_by"][0], []
    while rule.get("failed"):
        chain.append(rule["failed"][0])
        if not chain[-1].get("because"):
            break
        rule = chain[-1]["because"][0]
    if not chain:
        return f"{entry['tier']} would need {names(rule['rule'])} to apply."
    need = next((i for i in chain if i.get("actual") not in ALL_TIERS), chain[0])
    needs = names.ids(need["condition"])
    if "shadowed_by" in rule:  # the wanted rule held, but an earlier one decided the finding
        last = chain[-1]
        subject = "" if last is need else _subject(last, names)
        also = _concurring(a, last.get("finding", ""))
        also = f", and {joined(also, 'and')} reached the same" if also else ""  # labelled in the chain above
        shows = f"{subject}{_words(last)}".strip() + f": {names(last['decided_by'])} takes precedence{also}"
    else:
        parts = [p for i in rule.get("failed", chain[-1:]) for p in (i.get("failed") or [i] if "actual" not in i else [i])]
        shows = joined([f"{_subject(i, names)}{_words(i)}" for i in parts], "and")
    return f"{entry['tier']} would need {needs}{SHOWS}{shows}."


def _subject(item: dict, names: Names) -> str:
    ident = item.get("finding") or item.get("evidence")
    return names(ident) if ident else names.ids(item["condition"])


def _words(item: dict) -> str:
    """What the evidence shows for a failed condition, after its subject: ' not met', ' = false',
    ': silent' (as a fact without a value reads)."""
    if "actual" not in item:  # a group whose parts are not listed
        return " not met"
    text = actual_text(item)
    if text in STATUS_WORDS.values() and item["actual"] not in ("not_met", "not_determinable"):
        return f": {text}"
    return f" {text}" if isinstance(item["actual"], str) else f" = {text}"


class _Walk:
    def __init__(self, names: Names, first_only: bool):
        self.names, self.first_only, self.seen = names, first_only, set()

    def blocker(self, b: dict) -> Line:
        name = self.names(b["rule"])
        if b["rule"] in self.seen:
            return Line("seen", "shown above", rule=b["rule"], name=name)
        self.seen.add(b["rule"])
        line = Line("rule", " ".join(b["statement"].split()), rule=b["rule"], name=name, citation=b["citation"])
        if "shadowed_by" in b:
            line.children.append(Line("held", f"its conditions hold too, but {self.names(b['shadowed_by'])} takes precedence"))
        failed = b.get("failed", [])
        shown = failed[:1] if self.first_only else failed
        line.children += [self.failed(item) for item in shown]
        line.more = len(failed) - len(shown)
        return line

    def failed(self, item: dict) -> Line:
        decided = item.get("decided_by", "")
        line = Line("failed", self.names.ids(item["condition"]), note=actual_text(item), decided_by=decided and self.names(decided), condition=item["condition"])
        if not self.first_only:  # a group's parts are already in its condition text
            line.children += [self.failed(sub) for sub in item.get("failed", [])]
        line.children += [self.blocker(b) for b in item.get("because", [])]
        return line


def actual_text(item: dict) -> str:
    if "actual" not in item:
        return ""
    actual = item["actual"]
    return "; ".join(_actual_part(a) for a in actual) if isinstance(actual, list) else value_text(actual)


def _actual_part(text: str) -> str:
    name, _, value = text.partition(" = ")
    return f"{name} = {value_text(value)}" if value else text
