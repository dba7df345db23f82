"""Facts that contradict each other within one evidence file.

Each fact is validated on its own in evidence.py; this module reads facts together.
Only combinations that cannot both be true of one reporting period are errors (the
file is rejected, exit 2). Combinations that are unusual but possible — convictions
in a year can come from prosecutions begun in earlier years — are warnings: printed
as ``file:line:col: warning: ...`` on stderr while the assessment goes on (exit 0).
The list, with the reason for each severity, is in docs/limits.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tierengine.evidence.model import Evidence
from tierengine.evidence.facts import REPORTED, FactEntry

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Contradiction:
    """One finding of this module: where (an evidence path), how bad, and why."""

    severity: str
    loc: tuple  # path into the evidence document, for a located message
    message: str


def _value(facts: dict[str, FactEntry], path: str):
    entry = facts.get(path)
    if entry is None or entry.status != REPORTED:
        return None
    return entry.values.get("value")


def _loc(path: str) -> tuple:
    group, name = path.split(".", 1)
    return ("facts", group, name)


Check = Callable[[Evidence, dict[str, FactEntry]], list[Contradiction]]


def _years_without(count_path: str, years_path: str, what: str) -> Check:
    """A count (or yes/no) of this period against 'N consecutive years without it'."""

    def check(_evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
        done, years = _value(facts, count_path), _value(facts, years_path)
        if done is None or years is None:
            return []
        happened = done is True or (not isinstance(done, bool) and done >= 1)
        if happened and years >= 1:
            return [Contradiction(ERROR, _loc(years_path), f"{years_path} is {years} but {count_path} is {done!r}: {what} in this period ends the run of years without")]
        if not happened and years == 0:
            return [Contradiction(ERROR, _loc(years_path), f"{years_path} is 0 but {count_path} is {done!r}: a period without {what} is at least one year without")]
        return []

    return check


def _funnel(smaller: str, larger: str) -> Check:
    """Later stages of a case rarely outnumber earlier ones in one period; possible, so a warning."""

    def check(_evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
        a, b = _value(facts, smaller), _value(facts, larger)
        if a is not None and b is not None and a > b:
            return [Contradiction(WARNING, _loc(smaller), f"{smaller} ({a}) exceeds {larger} ({b}); check the figures (cases begun in earlier periods can explain it)")]
        return []

    return check


def _sentences_without_convictions(_evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    if _value(facts, "prosecution.sentences_imprisonment") is True and _value(facts, "prosecution.convictions") == 0:
        return [Contradiction(WARNING, _loc("prosecution.sentences_imprisonment"), "prosecution.sentences_imprisonment is true but prosecution.convictions is 0; sentences need convictions (perhaps from an earlier period)")]
    return []


def _state_policy_without_complicity(_evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    if _value(facts, "complicity.concerns") is not False:
        return []
    state = [p for p in facts if p.startswith("state.") and _value(facts, p) is True]
    if state:
        return [Contradiction(WARNING, _loc("complicity.concerns"), f"complicity.concerns is false but {state[0]} is true: a government policy or pattern of trafficking involves officials")]
    return []


def _increasing_while_all_decreased(evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    trends = [_value(facts, f"{pillar}.trend") for pillar in ("prosecution", "protection", "prevention")]
    stated = evidence.published.increasing_efforts
    if stated is not None and stated.value is True and trends == ["decreased"] * 3:
        return [Contradiction(WARNING, ("published", "increasing_efforts"), "published.increasing_efforts is true but all three pillar trends decreased")]
    return []


def _count_prior_years(evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    """A count's ``prior_year`` is an earlier period than the report's."""
    out = []
    for group in ("prosecution", "protection", "prevention", "complicity"):
        model = getattr(evidence.facts, group)
        for name in type(model).model_fields:
            fact = getattr(model, name)
            prior_year = getattr(fact, "prior_year", None)
            if prior_year is not None and prior_year >= evidence.report_year:
                out.append(Contradiction(ERROR, ("facts", group, name, "prior_year"), f"{group}.{name}.prior_year {prior_year} is not before report year {evidence.report_year}"))
    return out


def _period(evidence: Evidence, _facts: dict[str, FactEntry]) -> list[Contradiction]:
    period = evidence.reporting_period
    if period is not None and period.start > period.end:
        return [Contradiction(ERROR, ("reporting_period", "end"), f"reporting_period ends ({period.end}) before it starts ({period.start})")]
    return []


def _waiver_years(evidence: Evidence, _facts: dict[str, FactEntry]) -> list[Contradiction]:
    """A waiver keeps a country on the Watch List, so a waiver year is an earlier Watch List year."""
    out = []
    tiers = evidence.history.tiers
    for i, year in enumerate(evidence.history.waivers):
        if year >= evidence.report_year:
            out.append(Contradiction(ERROR, ("history", "waivers", i), f"history.waivers holds {year}, which is not an earlier report year"))
        elif year in tiers and tiers[year] != "Tier 2 Watch List":
            out.append(Contradiction(ERROR, ("history", "waivers", i), f"history.waivers holds {year}, but history.tiers puts that year on {tiers[year]}; a waived year is a Watch List year"))
    return out


CHECKS: tuple[Check, ...] = (
    _years_without("prosecution.convictions", "prosecution.years_without_convictions", "a conviction"),
    _years_without("prevention.recruitment_enforcement", "prevention.years_without_recruitment_enforcement", "enforcement against fraudulent recruitment"),
    _count_prior_years,
    _period,
    _waiver_years,
    _funnel("prosecution.convictions", "prosecution.prosecutions"),
    _funnel("prosecution.prosecutions", "prosecution.investigations"),
    _sentences_without_convictions,
    _state_policy_without_complicity,
    _increasing_while_all_decreased,
)


def contradictions(evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    """Every contradiction between facts of one evidence file, errors and warnings."""
    return [c for check in CHECKS for c in check(evidence, facts)]
