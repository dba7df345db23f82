"""Output of `tierengine history`: rich text, Markdown and JSON of a HistoryReport."""

from __future__ import annotations

import json

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tierengine.analyses.history_check import HistoryReport
from tierengine.render.review_text import SHORT

TITLES = {
    "violation": "Sequences the statute forbids",
    "waiver": "Years where a waiver must have been granted",
    "gap": "Gaps: a year needed to decide is missing",
}


def _summary(report: HistoryReport) -> str:
    c = report.counts()
    return (
        f"{report.rows} rows, {report.countries} countries, {report.checked} country-years checked: "
        f"{c['violation']} violation(s), {c['waiver']} waiver(s) needed, {c['gap']} gap(s)."
    )


def render_json(report: HistoryReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def render_markdown(report: HistoryReport) -> str:
    out = [f"## History check: {report.source}", "", _summary(report)]
    for kind in ("violation", "waiver", "gap"):
        flags = report.of(kind)
        out += ["", f"### {TITLES[kind]} ({len(flags)})", ""]
        if not flags:
            out.append("None.")
        for f in flags:
            rule = f" — `{f.rule}` [{f.citation}]" if f.rule else ""
            out.append(f"- {f.message}{rule} (line {f.line})")
    return "\n".join(out) + "\n"


def renderable(report: HistoryReport):
    parts: list = [Text(_summary(report), style="bold")]
    for kind in ("violation", "waiver", "gap"):
        flags = report.of(kind)
        if not flags:
            parts.append(Text(f"{TITLES[kind]}: none.", style="dim"))
            continue
        # narrow columns (short tiers, the rule's citation once below) leave the detail room
        cited = {f.rule: f.citation for f in flags if f.rule}
        caption = "; ".join(f"{rule} [{citation}]" for rule, citation in cited.items())
        table = Table(title=f"{TITLES[kind]} ({len(flags)})", title_justify="left", box=box.SIMPLE_HEAD, caption=caption or None, caption_justify="left")
        table.add_column("country", max_width=16)
        table.add_column("year", no_wrap=True)
        table.add_column("published", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("detail", ratio=1)
        for f in flags:
            table.add_row(f.country, str(f.year), SHORT.get(f.tier, f.tier), f.rule or "—", f.message.removeprefix(f"{f.country} {f.year}: "))
        parts.append(table)
    return Group(*parts)
