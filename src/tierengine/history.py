"""Facts derived from a country's published tier history.

The statute's history rules (automatic downgrade, waiver limits, the one-year rule)
read counts such as "consecutive years on the Watch List before this report". Those
counts are derived here from ``history.tiers`` so the rules stay declarative; the
rules themselves live in ``rules/``.
"""

from __future__ import annotations

from dataclasses import dataclass

WATCH_LIST = "Tier 2 Watch List"
# 22 U.S.C. 7107(b)(2)(D)(i): only years "after December 23, 2008" count.
FIRST_COUNTED_YEAR = 2009


@dataclass(frozen=True)
class HistoryFacts:
    """Derived values; None means the table lacks a year needed to decide."""

    prior_tier: str | None
    consecutive_watch_list_years: int | None
    waiver_years_in_run: int | None
    downgraded_after_full_run: bool | None
    basis: str


def _run_before(tiers: dict[int, str], year: int) -> tuple[int | None, list[int]]:
    """Length and years of the unbroken Watch List run ending in ``year - 1``.

    None when a counted year is missing from the table, since the run might go on.
    """
    years: list[int] = []
    y = year - 1
    while y >= FIRST_COUNTED_YEAR:
        tier = tiers.get(y)
        if tier is None:
            return None, years
        if tier != WATCH_LIST:
            break
        years.append(y)
        y -= 1
    return len(years), years


def derive(tiers: dict[int, str], waivers: list[int], year: int) -> HistoryFacts:
    prior = tiers.get(year - 1)
    run, run_years = _run_before(tiers, year)
    waived = None if run is None else sum(1 for y in run_years if y in set(waivers))
    # a run of at least 2 Watch List years (known even if a gap hides its start) then Tier 3
    downgraded = any(d < year and tiers[d] == "Tier 3" and len(_run_before(tiers, d)[1]) >= 2 for d in tiers)
    listed = ", ".join(f"{y}: {tiers[y]}" for y in sorted(tiers) if y >= year - 6) or "none"
    waiver_text = ", ".join(str(y) for y in sorted(waivers)) or "none"
    basis = f"published tiers ({listed}); waiver years: {waiver_text}"
    return HistoryFacts(prior, run, waived, downgraded, basis)
