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
# 22 U.S.C. 7107(b)(2)(D)(i): "for 2 consecutive years" on the Watch List without a waiver;
# every further consecutive year of a run could only stand by a waiver (D)(ii).
YEARS_WITHOUT_WAIVER = 2


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


def _stay_follows_downgrade(tiers: dict[int, str], year: int) -> bool | None:
    """Whether, before the Watch List stay that ends in ``year - 1`` (possibly empty), the
    country had a full run (2 consecutive Watch List years from 2009) and was subsequently
    placed on Tier 3 (22 U.S.C. 7107(b)(2)(F)(i)-(ii)).

    Read as the text reads: "subsequently" asks for a Tier 3 placement at any time after
    the run, not right after it, and nothing in (F) lets a return to Tier 2 reset it. Where
    published placements differ, `tierengine history` lists them for a reviewer. None when
    a missing year hides the answer.
    """
    y = year - 1
    while tiers.get(y) == WATCH_LIST:  # the current stay
        y -= 1
    run, had_full_run, unknown = 0, False, False
    full_run_then_tier3 = False
    for z in range(FIRST_COUNTED_YEAR, y + 1):  # oldest first, up to the year before the stay
        tier = tiers.get(z)
        if tier is None:
            unknown, run = True, 0
            continue
        if tier == WATCH_LIST:
            run += 1
            if run >= YEARS_WITHOUT_WAIVER:
                had_full_run = True  # a full run: now wait for a Tier 3 placement
            continue
        run = 0
        if tier == "Tier 3" and had_full_run:
            full_run_then_tier3 = True
    if full_run_then_tier3:
        return True
    return None if unknown else False


def _gap(tiers: dict[int, str], year: int) -> int | None:
    """The latest missing year that hides how far the Watch List run before ``year`` reaches."""
    y = year - 1
    while y >= FIRST_COUNTED_YEAR and tiers.get(y) == WATCH_LIST:
        y -= 1
    return y if y >= FIRST_COUNTED_YEAR and y not in tiers else None


def derive(tiers: dict[int, str], waivers: list[int] | None, year: int) -> HistoryFacts:
    """History facts for ``year``. ``waivers`` None means the waiver years are unknown.

    Waiver years in a run are at least its years beyond the two the statute allows without
    one, whether or not they are recorded, so "no waivers" and "unknown" give the same
    count unless a recorded waiver falls outside that floor.
    """
    prior = tiers.get(year - 1)
    run, run_years = _run_before(tiers, year)
    recorded = sum(1 for y in run_years if y in set(waivers or ()))
    waived = None if run is None else max(recorded, run - YEARS_WITHOUT_WAIVER, 0)
    downgraded = _stay_follows_downgrade(tiers, year)
    listed = ", ".join(f"{y}: {tiers[y]}" for y in sorted(tiers) if y >= year - 6) or "none"
    waiver_text = "unknown" if waivers is None else (", ".join(str(y) for y in sorted(waivers)) or "none")
    basis = f"published tiers ({listed}); waiver years: {waiver_text}"
    if run is not None and run > YEARS_WITHOUT_WAIVER:
        basis += f"; at least {run - YEARS_WITHOUT_WAIVER} waiver year(s) in the {run}-year Watch List run"
    gap = _gap(tiers, year)
    if gap is not None:
        basis += f"; {gap} is missing, which hides whether the Watch List run goes on: the downgrade is not determinable"
    return HistoryFacts(prior, run, waived, downgraded, basis)
