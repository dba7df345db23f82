"""Not determinable, in words: one source for text, Markdown and HTML (a block of its own)."""

from __future__ import annotations

from tierengine.assessment.result import Assessment


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def headline(a: Assessment) -> str | None:
    """One sentence when the evidence does not decide the tier, else None."""
    if a.decided:
        return None
    tiers = a.possible.tiers
    cut = "" if not a.possible.cut else " (the search was cut short: other tiers may be possible too)"
    if not tiers:
        return f"Not determinable: no placement row applies on this evidence{cut}."
    return f"Not determinable: the evidence leaves {_or(tiers)} possible; the source is silent on facts that would decide{cut}."


def decider_lines(a: Assessment) -> list[str]:
    """Per possible tier, the silent facts whose values would decide it (verified through durable_rules)."""
    return [f"{tier} if " + "; ".join(s.describe() for s in settings) + "." for tier, settings in a.possible.deciders.items()]
