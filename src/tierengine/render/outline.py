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

#: how a fact's status reads when it has no value (docs/evidence.md)
STATUS_WORDS = {"not_reported": "not reported", "missing": "silent"}


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


def leaf_text(leaf: Leaf) -> str:
    """``state.forced_labor = true``, ``prosecution.convictions: not reported``, ``...: silent``."""
    if leaf.status != "reported":
        return f"{leaf.evidence}: {STATUS_WORDS.get(leaf.status, leaf.status)}"
    return f"{leaf.evidence} = {value_text(leaf.value)}"


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
    """One line of the why-not outline; ``kind``: tier, rule, seen (a rule shown above), failed, held (shadowed)."""

    kind: str
    text: str
    rule: str = ""
    citation: str = ""
    note: str = ""  # a failed condition's actual value
    decided_by: str = ""  # the rule that gave a finding its actual value
    more: int = 0  # failed conditions not followed (first_only)
    children: list[Line] = field(default_factory=list)


def why_not(not_reached: list[dict], first_only: bool = True) -> list[Line]:
    """Per better tier: the rules that would place the country there and what failed, each rule once.

    ``first_only``: of each rule's failed conditions only the first is followed (the rest
    are counted), which is what must change first; False gives every failed condition.
    """
    walk = _Walk(first_only)
    return [Line("tier", entry["tier"], children=[walk.blocker(b) for b in entry["blocked_by"]]) for entry in not_reached]


class _Walk:
    def __init__(self, first_only: bool):
        self.first_only, self.seen = first_only, set()

    def blocker(self, b: dict) -> Line:
        if b["rule"] in self.seen:
            return Line("seen", "shown above", rule=b["rule"])
        self.seen.add(b["rule"])
        line = Line("rule", " ".join(b["statement"].split()), rule=b["rule"], citation=b["citation"])
        if "shadowed_by" in b:
            line.children.append(Line("held", f"held, but {b['shadowed_by']} decided first"))
        failed = b.get("failed", [])
        shown = failed[:1] if self.first_only else failed
        line.children += [self.failed(item) for item in shown]
        line.more = len(failed) - len(shown)
        return line

    def failed(self, item: dict) -> Line:
        line = Line("failed", item["condition"], note=actual_text(item), decided_by=item.get("decided_by", ""))
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
