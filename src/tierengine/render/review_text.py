"""Rich text for `tierengine review`: the agreement table, summary, confusion matrix, consistency."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from tierengine.analyses.review import Review
from tierengine.assessment.result import NOT_DETERMINABLE
from tierengine.tiers import ALL_TIERS
from tierengine.render.text import TIER_STYLE

SHORT = {"Tier 1": "1", "Tier 2": "2", "Tier 2 Watch List": "2WL", "Tier 3": "3", "Special Case": "SC", NOT_DETERMINABLE: "n.d."}


def _tier(t: str | None, short: bool = False) -> Text:
    return Text((SHORT.get(t, t) if short else t) or "—", style=TIER_STYLE.get(t or "", "dim"))


def summary_lines(review: Review) -> list[str]:
    """The agreement summary as plain sentences (shared with the Markdown renderer)."""
    s = review.summary
    lines = [
        f"{s.n} assessments with a published tier; {s.invalid} invalid file(s).",
        f"Exact agreement: {s.exact}/{s.n} ({s.exact_rate:.1%}); within one step: {s.within_one}/{s.n} ({s.within_one_rate:.1%}).",
    ]
    for tier, t in s.per_tier.items():
        lines.append(f"{tier}: recall {t['exact']}/{t['n']} ({t['recall']:.1%})")
    if review.unencoded:
        lines.append(f"Unencoded statements (no field holds them): {sum(review.unencoded.values())} in {len(review.unencoded)} file(s).")
    return lines + decided_lines(review)


#: the steps of the chain, in the order the law takes them
STEP_NAMES = {
    "full_compliance": "full compliance (published determination)",
    "significant_efforts": "significant efforts (published determination)",
    "increasing_efforts": "increasing efforts (published sentence)",
    "watch_list": "Watch List step (published Tier 2 or Watch List)",
    "tier": "tier (published tier)",
}


def decided_lines(review: Review) -> list[str]:
    """Decided share, agreement among decided, soundness, and agreement per step."""
    s = review.summary
    lines = [
        f"Decided by the evidence: {s.decided}/{s.n} ({s.decided_rate:.1%}); exact among decided: {s.exact}/{s.decided} ({s.exact_among_decided_rate:.1%}); "
        f"sound (published tier among the possible tiers): {s.sound}/{s.n} ({s.sound_rate:.1%}).",
    ]
    for key, step in s.steps.items():
        if step.n:
            lines.append(f"Step {STEP_NAMES.get(key, key)}: agree {step.agree}/{step.n} ({step.agree / step.n:.1%}), undecided {step.undecided}.")
    return lines


def confusion_rows(review: Review) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Columns (recommended tiers that occur) and rows (published tiers that occur) of the matrix."""
    c = review.summary.confusion
    rows_used = [p for p in ALL_TIERS if sum(c[p].values())]
    columns = (*ALL_TIERS, NOT_DETERMINABLE)
    cols_used = [r for r in columns if any(c[p][r] for p in ALL_TIERS)]
    cols = [t for t in columns if t in cols_used or t in rows_used]
    return cols, [(p, [c[p][r] for r in cols]) for p in rows_used]


def renderable(review: Review):
    # short tier names and light rules keep the deciding rule readable at 80 columns
    table = Table(title="Recommended vs published tier", box=box.SIMPLE_HEAD, caption="tiers: 1, 2, 2WL (Tier 2 Watch List), 3, SC (Special Case)")
    for col in ("country", "year", "published", "recommended", "agrees"):
        table.add_column(col, no_wrap=True)
    table.add_column("deciding rule", overflow="fold", min_width=22)
    for r in review.rows:
        mark = Text("—", style="dim") if r.agrees is None else (Text("✓", style="green") if r.agrees else Text("≠", style="red"))  # ✗ marks a failed condition (render/outline.py)
        table.add_row(r.country, str(r.year), _tier(r.published, True), _tier(r.recommended, True), mark, r.deciding_rule)
    parts: list = [table, Text("\n".join(summary_lines(review)))]
    cols, rows = confusion_rows(review)
    if rows:
        matrix = Table(title="Confusion matrix (rows: published, columns: recommended)")
        matrix.add_column("published \\ recommended")
        for col in cols:
            matrix.add_column(SHORT[col], justify="right")
        for p, counts in rows:
            matrix.add_row(_tier(p), *[Text(str(n), style="bold" if col == p else ("" if n else "dim")) for col, n in zip(cols, counts)])
        parts.append(matrix)
    if review.consistency:
        parts.append(Text("Consistency findings", style="bold underline"))
        for f in review.consistency:
            parts.append(Text(f"• [{f.kind}] {f.message}"))
    else:
        parts.append(Text("No consistency findings.", style="dim"))
    return Group(*parts)
