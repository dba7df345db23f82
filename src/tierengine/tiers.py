"""The tier lattice: names, their order, and what 'better' means."""

from __future__ import annotations

from typing import Literal

TierName = Literal["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"]

# Better tiers first. Special Case sits outside the order (no tier is assigned).
TIER_ORDER: tuple[str, ...] = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3")
SPECIAL_CASE = "Special Case"
ALL_TIERS: tuple[str, ...] = TIER_ORDER + (SPECIAL_CASE,)
#: finding values that mean "the evidence does not decide"
UNDECIDED = frozenset({"not_determinable", "undetermined"})

# Short forms used by tier_history.csv and people.
_ALIASES = {
    "1": "Tier 1", "2": "Tier 2", "2wl": "Tier 2 Watch List", "3": "Tier 3",
    "special": "Special Case", "tier 1": "Tier 1", "tier 2": "Tier 2",
    "tier 2 watch list": "Tier 2 Watch List", "tier 2wl": "Tier 2 Watch List",
    "tier 3": "Tier 3", "special case": "Special Case", "t1": "Tier 1", "t2": "Tier 2",
    "t2wl": "Tier 2 Watch List", "t3": "Tier 3",
}


def normalise_tier(text: str) -> str:
    """Accept 'Tier 2 Watch List', '2WL', 't3', ...; raise ValueError otherwise."""
    key = " ".join(str(text).strip().lower().split())
    if key in _ALIASES:
        return _ALIASES[key]
    raise ValueError(f"unknown tier {text!r} (use one of: {', '.join(ALL_TIERS)})")


def rank(tier: str) -> int | None:
    """0 for Tier 1 ... 3 for Tier 3; None for Special Case."""
    return TIER_ORDER.index(tier) if tier in TIER_ORDER else None


def better_tiers(tier: str) -> list[str]:
    """Tiers strictly better than ``tier`` (all four for Special Case)."""
    r = rank(tier)
    return list(TIER_ORDER if r is None else TIER_ORDER[:r])
