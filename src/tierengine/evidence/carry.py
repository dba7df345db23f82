"""Facts carried forward from the previous year's evidence file of the same country.

A law and its prescribed penalties stay in force from one reporting period to the next,
and a narrative often states them only in the year they change. So where this year's
file is silent on such a lasting fact, the previous year's file (``<country>_<year-1>.yaml``
beside it) supplies it, shown in the chain as "carried from <file>" with its quote and
line. Only the legal framework carries (the standards of 22 U.S.C. 7106(a)(1)-(3) are
about what the law prohibits and prescribes). Institutions and plans (a coordinating
body, an action plan) do not: the criteria they feed count as efforts, and Tier 1 and
Tier 2 rest "only on concrete actions ... recorded during the reporting period"
(7107(b)(1)(A)-(B)). Activity (counts, trends, services, trainings) never carries.

A count that lacks its prior figure takes the previous file's count as ``prior``, so the
comparisons with the previous year (22 U.S.C. 7106(b)(11), 7107(b)(2)(A)(iii)(II)) can be
made; the count itself is still this year's. In the same way a silent ``complicity.trend``
(the "decreasing evidence of complicity" of (iii)(II)) is derived from ``complicity.concerns``
of both years.

The previous file is ``history.previous_evidence`` when the file names one (load.py checks
it), else the one beside it.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from tierengine.evidence.facts import MISSING, REPORTED, FactEntry

#: facts that last until the record shows otherwise: the law and its prescribed penalties
LASTING = (
    "prosecution.criminalizes_sex_trafficking",
    "prosecution.criminalizes_labor_trafficking",
    "prosecution.penalties",
    "prosecution.penalties_commensurate",
)

_NAME = re.compile(r"(?P<country>.+)_(?P<year>\d{4})")


def previous_file(path: Path, report_year: int) -> Path | None:
    """``<country>_<year-1>.<ext>`` beside ``path`` when ``path`` is named ``<country>_<year>``."""
    path = Path(path)
    m = _NAME.fullmatch(path.stem)
    if m is None or int(m["year"]) != report_year:
        return None
    prev = path.with_name(f"{m['country']}_{report_year - 1}{path.suffix}")
    return prev if prev.is_file() else None


#: complicity.concerns (previous year, this year) -> direction of the evidence of complicity;
#: two years without concerns say nothing about a decrease, so they derive nothing
COMPLICITY_DIRECTION = {(True, True): "maintained", (True, False): "decreased", (False, True): "increased"}


def _complicity_direction(facts: dict[str, FactEntry], previous: dict[str, FactEntry], previous_path: str) -> FactEntry | None:
    """complicity.trend from both years' complicity.concerns, when this file does not state it."""
    trend, here, there = facts.get("complicity.trend"), facts.get("complicity.concerns"), previous.get("complicity.concerns")
    if trend is None or trend.status != MISSING or here is None or there is None:
        return None
    if here.status != REPORTED or there.status != REPORTED or there.derived is not None:
        return None
    direction = COMPLICITY_DIRECTION.get((there.value, here.value))
    if direction is None:
        return None
    how = (f"derived: complicity.concerns {str(there.value).lower()} in {previous_path} (line {there.evidence_line}), "
           f"{str(here.value).lower()} here (line {here.evidence_line})")
    return dataclasses.replace(trend, status=REPORTED, values={"value": direction}, quotes=here.quotes, source=here.source,
                               quote_lines=here.quote_lines, evidence_line=here.evidence_line, derived=how)


def carry_forward(facts: dict[str, FactEntry], previous: dict[str, FactEntry], previous_path: str, keep: frozenset[str] = frozenset()) -> dict[str, FactEntry]:
    """This year's facts with lasting facts and prior counts taken from the previous file.

    Only facts the previous file itself states are used (nothing carried twice); paths in
    ``keep`` (changed by a what-if) are left as they are.
    """
    out = dict(facts)
    for path in LASTING:
        here, there = facts.get(path), previous.get(path)
        if path in keep or here is None or there is None:
            continue
        if here.status == MISSING and there.status == REPORTED and there.derived is None:
            out[path] = dataclasses.replace(there, derived=f"carried from {previous_path} (line {there.evidence_line}): a law lasts until the record shows otherwise")
    for path, here in facts.items():
        there = previous.get(path)
        if path in keep or here.kind != "count" or here.status != REPORTED or "prior" in here.values:
            continue
        if there is None or there.status != REPORTED or there.derived is not None:
            continue
        prior = there.values["value"]
        values = {**here.values, "prior": prior, "change": here.values["value"] - prior}
        out[path] = dataclasses.replace(here, values=values, derived=f"prior figure {prior} from {previous_path} (line {there.evidence_line})")
    complicity = None if "complicity.trend" in keep else _complicity_direction(facts, previous, previous_path)
    if complicity is not None:
        out["complicity.trend"] = complicity
    return out
