"""A country's tier history as a small inline SVG: one cell per report year.

Static markup only (no script, no fonts, no network), so it reads the same in a mailed or
printed page. Watch List runs are bracketed with their length (the automatic downgrade of
22 U.S.C. 7107(b)(2)(D) counts them) and waiver years are marked; the assessed year shows
the derived tier, outlined, and years the table lacks are left empty.
"""

from __future__ import annotations

import html

WATCH_LIST = "Tier 2 Watch List"
FILL = {"Tier 1": "#1a7f37", "Tier 2": "#0969da", WATCH_LIST: "#bf8700", "Tier 3": "#b42318", "Special Case": "#8250df"}
SHORT = {"Tier 1": "1", "Tier 2": "2", WATCH_LIST: "WL", "Tier 3": "3", "Special Case": "SC", "not determinable": "?"}
CELL, GAP, TOP, HEIGHT = 30, 2, 30, 26


def runs(tiers: dict[int, str]) -> list[tuple[int, int]]:
    """(first, last) year of each unbroken Watch List run."""
    out: list[tuple[int, int]] = []
    for year in sorted(tiers):
        if tiers[year] != WATCH_LIST:
            continue
        if out and out[-1][1] == year - 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def svg(history: dict[int, str], waivers: tuple[int, ...] | list[int], year: int, tier: str) -> str:
    """The timeline from the first recorded year to ``year`` (whose cell is the derived ``tier``)."""
    tiers = {y: t for y, t in history.items() if y < year}
    first = min(tiers, default=year)
    years = list(range(first, year + 1))
    width = len(years) * (CELL + GAP) + 2
    x = {y: 1 + i * (CELL + GAP) for i, y in enumerate(years)}
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    parts = []
    for y in years:
        t = tier if y == year else tiers.get(y)
        label = f"{y}: {t} (this assessment)" if y == year else f"{y}: {t or 'not in the table'}" + (" · waiver" if y in waivers else "")
        if t is None:
            parts.append(f'<rect x="{x[y]}" y="{TOP}" width="{CELL}" height="{HEIGHT}" fill="#fff" stroke="#d1d9e0" stroke-dasharray="3 2"><title>{e(label)}</title></rect>')
        else:
            outline = ' stroke="#1f2328" stroke-width="2.5"' if y == year else ""
            parts.append(f'<rect x="{x[y]}" y="{TOP}" width="{CELL}" height="{HEIGHT}" rx="3" fill="{FILL.get(t, "#59636e")}"{outline}><title>{e(label)}</title></rect>')
            parts.append(f'<text x="{x[y] + CELL / 2}" y="{TOP + 17}" text-anchor="middle" font-size="11" font-weight="700" fill="#fff">{e(SHORT.get(t, "?"))}</text>')
        if y in waivers:
            parts.append(f'<text x="{x[y] + CELL / 2}" y="{TOP + HEIGHT + 24}" text-anchor="middle" font-size="10" font-weight="700" fill="#8250df">W<title>{y}: waiver of the automatic downgrade</title></text>')
        parts.append(f'<text x="{x[y] + CELL / 2}" y="{TOP + HEIGHT + 12}" text-anchor="middle" font-size="9" fill="#59636e">{y if y % 5 == 0 or y in (first, year) else f"’{y % 100:02d}"}</text>')
    for start, end in runs(tiers):
        left, right = x[start] + 2, x[end] + CELL - 2
        n = end - start + 1
        parts.append(f'<path d="M{left} {TOP - 4} V{TOP - 10} H{right} V{TOP - 4}" fill="none" stroke="#bf8700" stroke-width="1.5"/>')
        parts.append(f'<text x="{(left + right) / 2}" y="{TOP - 14}" text-anchor="middle" font-size="10" fill="#7d4e00">WL {n} yr{"s" if n > 1 else ""}</text>')
    summary = f"Tier history {first}–{year}: " + ", ".join(f"{y} {SHORT.get(tiers.get(y) or '', '–') if y != year else SHORT.get(tier, '?')}" for y in years)
    return (
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{e(summary)}" '
        f'width="{width}" height="{TOP + HEIGHT + 30}" viewBox="0 0 {width} {TOP + HEIGHT + 30}" font-family="system-ui, sans-serif">'
        f"<title>{e(summary)}</title>{''.join(parts)}</svg>"
    )


LEGEND = (
    '<p class="legend timeline-legend">'
    + "".join(f'<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="{FILL[t]}"/></svg> {html.escape(t)}</span>' for t in FILL)
    + '<span>cells: published tiers of earlier years</span><span>dashed: year missing from the tier table</span><span>outlined: the result of this assessment (? = not determinable)</span><span>W: waiver</span><span>bracket: Watch List run</span></p>'
)
