"""JSON and CSV for `tierengine review`: machine-readable, one contract each."""

from __future__ import annotations

import csv
import io
import json

from tierengine.analyses.review import STEPS, Review

CSV_COLUMNS = ("country", "year", "published", "recommended", "agrees", "within_one", "deciding_rule", "file", "decided", "possible", "sound", *(f"step_{s}" for s in STEPS))


def render_json(review: Review) -> str:
    """``{"assessments": [assess contract...], "summary": {...}, "consistency": [...], "problems": [...], "unencoded": {file: n}}``."""
    data = {
        "assessments": [a.to_dict() for a in review.assessments],
        "summary": review.summary.to_dict(),
        "consistency": [c.to_dict() for c in review.consistency],
        "problems": [p.to_dict() for p in review.problems],
        "unencoded": review.unencoded,
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_csv(review: Review) -> str:
    """One row per assessment; ``agrees``, ``within_one`` and ``sound`` are empty without a published tier;
    ``possible`` lists the tiers the evidence leaves possible (``;``-separated); ``step_*`` are
    agree, differ or undecided per step of the chain (empty where the report publishes nothing for it)."""
    from tierengine.analyses.review import within_one

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in review.rows:
        near = "" if r.published is None else str(within_one(r.published, r.recommended)).lower()
        agrees = "" if r.agrees is None else str(r.agrees).lower()
        sound = "" if r.sound is None else str(r.sound).lower()
        decided = str(r.possible == (r.recommended,)).lower()
        steps = dict(r.steps)
        writer.writerow([r.country, r.year, r.published or "", r.recommended, agrees, near, r.deciding_rule, r.file, decided, "; ".join(r.possible), sound,
                         *(steps.get(s, "") for s in STEPS)])
    return buf.getvalue()
