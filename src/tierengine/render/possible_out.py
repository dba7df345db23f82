"""Not determinable, in words: one source for text, Markdown and HTML.

Readers of the first outputs (a usability study, issue 10) read a tier into the default
placement the engine computes when no row applies, and found the per-tier "recipes" of
silent facts hard to use. So an open case shows no tier anywhere, names first the few
silent facts that separate the possible tiers, and lists what the evidence does decide.
"""

from __future__ import annotations

from collections import Counter

from tierengine.assessment.result import Assessment
from tierengine.render.labels import Names


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def key_facts(a: Assessment, limit: int = 3) -> list[str]:
    """The silent facts that separate the possible tiers: those the deciders of two or more
    tiers set differently, most often used first (ties in the order the deciders name them)."""
    readings: dict[str, set[str]] = {}
    uses: Counter[str] = Counter()
    for settings in a.possible.deciders.values():
        for s in settings:
            readings.setdefault(s.path, set()).add(s.describe())
            uses[s.path] += 1
    split = [p for p in readings if len(readings[p]) > 1]
    return sorted(split, key=lambda p: -uses[p])[:limit]


def headline(a: Assessment) -> str | None:
    """One sentence when the evidence does not decide the tier, else None."""
    if a.decided:
        return None
    tiers = a.possible.tiers
    cut = "" if not a.possible.cut else " (the search was cut short: other tiers may be possible too)"
    if not tiers:
        return f"Not determinable: no placement row applies on this evidence{cut}."
    keys = [Names(a)(k) for k in key_facts(a)]
    chiefly = f", chiefly {_or(keys).replace(' or ', ' and ')}" if keys else ""
    return f"Not determinable: the evidence leaves {_or(tiers)} possible; the source is silent on facts that would decide{chiefly}{cut}."


#: the heading of the deciders: a reader took the hypothetical values for facts already known
WOULD_DECIDE = "What would decide it (the source is silent on every fact named here; per possible tier, one set of values that would give it)"


def published_comparison(a: Assessment) -> tuple[str, str]:
    """(mark, words) comparing with the published tier: an open case neither agrees nor
    disagrees (a reader read '≠' as disagreement), it contains the published tier or not."""
    if a.decided:
        return ("✓", f"agrees with published {a.published_tier}") if a.agrees else ("≠", f"published tier is {a.published_tier}")
    if a.sound:
        return "?", f"published {a.published_tier} is one of the possible tiers"
    return "≠", f"published {a.published_tier} is not among the possible tiers"


def decider_lines(a: Assessment, names: Names | None = None) -> list[str]:
    """Per possible tier, the silent facts whose values would decide it (verified through durable_rules)."""
    names = names or Names(a)
    return [f"{tier} if " + "; ".join(names.ids(s.describe()) for s in settings) + "." for tier, settings in a.possible.deciders.items()]


#: the determinations the placement table reads, in the order the law takes them
DETERMINATIONS = ("fully_complies", "significant_efforts", "policy_or_pattern", "watch_list.victims", "watch_list.no_increasing_efforts", "watch_list.commitments")


def decided_lines(a: Assessment, names: Names | None = None) -> list[str]:
    """For an open case: the determinations a rule decided (value and rule), then those no rule
    decided, named as such: a second reader took a default for a finding."""
    from tierengine.render.outline import value_text

    names = names or Names(a)
    decided, open_ = [], []
    for fid in DETERMINATIONS:
        if fid not in a.findings:
            continue
        rule = a.decided_by.get(fid, f"{fid}.default")
        if rule.endswith(".default"):
            open_.append(names(fid))
        else:
            decided.append(f"{names(fid)} = {value_text(a.findings[fid])}, decided by {names(rule)}")
    if open_:
        decided.append(f"no rule decided {', '.join(open_)} on this evidence")
    return decided
