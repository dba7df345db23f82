"""Markdown for `tierengine review` (review comments, CI summaries)."""

from __future__ import annotations

from tierengine.analyses.review import Review
from tierengine.render.review_text import SHORT, confusion_rows, summary_lines


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(review: Review) -> str:
    out = ["## Review: recommended vs published tier", "",
           "| country | year | published | recommended | agrees | deciding rule |",
           "|---|---|---|---|---|---|"]
    for r in review.rows:
        mark = "—" if r.agrees is None else ("✓" if r.agrees else "≠")  # ✗ marks a failed condition (render/outline.py)
        out.append(f"| {_cell(r.country)} | {r.year} | {_cell(r.published or '—')} | {_cell(r.recommended)} | {mark} | `{_cell(r.deciding_rule)}` |")
    out += ["", "### Agreement", ""]
    out += [f"- {line}" for line in summary_lines(review)]
    cols, rows = confusion_rows(review)
    if rows:
        out += ["", "### Confusion matrix (rows: published, columns: recommended)", "",
                "| published \\\\ recommended | " + " | ".join(SHORT[c] for c in cols) + " |",
                "|---|" + "---:|" * len(cols)]
        for p, counts in rows:
            out.append(f"| {p} | " + " | ".join(str(n) for n in counts) + " |")
    out += ["", "### Consistency findings", ""]
    out += [f"- **{f.kind}**: {_cell(f.message)}" for f in review.consistency] or ["None."]
    return "\n".join(out) + "\n"
