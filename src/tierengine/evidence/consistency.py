"""Facts that contradict each other within one evidence file.

Each fact is validated on its own in evidence.py; this module reads facts together.
Only combinations that cannot both be true of one reporting period are errors (the
file is rejected, exit 2). Combinations that are unusual but possible — convictions
in a year can come from prosecutions begun in earlier years — are warnings: printed
as ``file:line:col: warning: ...`` on stderr while the assessment goes on (exit 0).
The list, with the reason for each severity, is in docs/limits.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from tierengine.evidence.facts import REPORTED, FactEntry, iter_facts
from tierengine.evidence.model import CountFact, Evidence
from tierengine.tiers import normalise_tier

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
            out.append(Contradiction(ERROR, ("history", "waivers", i), f"history.waivers holds {year}, which is not an earlier report year (this year's waiver goes in published.waiver)"))
        elif year in tiers and tiers[year] != "Tier 2 Watch List":
            out.append(Contradiction(ERROR, ("history", "waivers", i), f"history.waivers holds {year}, but history.tiers puts that year on {tiers[year]}; a waived year is a Watch List year"))
    return out


def _direction_of(value: int, prior: int) -> str:
    return "increased" if value > prior else "decreased" if value < prior else "maintained"


def _count_directions(evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    """A count's figure against its prior figure against the direction stated (its own, or its ``_trend`` fact)."""
    out = []
    for path, fact in iter_facts(evidence):
        if not isinstance(fact, CountFact) or fact.value is None or fact.prior is None:
            continue
        actual = _direction_of(fact.value, fact.prior)
        stated = [(_loc(path) + ("direction",), f"{path}.direction", fact.direction)]
        stated.append((_loc(path + "_trend"), f"{path}_trend", _value(facts, path + "_trend")))
        for loc, where, direction in stated:
            if direction is not None and direction != actual:
                out.append(Contradiction(ERROR, loc, f"{where} is {direction}, but {path} went from {fact.prior} to {fact.value} ({actual})"))
    return out


def _prior_without_year(evidence: Evidence, _facts: dict[str, FactEntry]) -> list[Contradiction]:
    """A prior figure means nothing without the year it is from."""
    return [
        Contradiction(ERROR, _loc(path) + ("prior",), f"{path} has prior {fact.prior} but no prior_year (the year the report compares with)")
        for path, fact in iter_facts(evidence)
        if isinstance(fact, CountFact) and fact.prior is not None and fact.prior_year is None
    ]


#: the report's conclusion, which belongs under ``published``, never in a fact's quote
_CONCLUSION = re.compile(
    r"fully meets? the minimum standards|(?:is|was|are) (?:not )?making significant efforts|remained on tier|"
    r"(?:upgraded|downgraded) to tier|(?:placed|remained) on (?:the )?tier 2 watch list|demonstrated (?:overall )?increasing efforts",
    re.I,
)


def _conclusion_quoted(evidence: Evidence, _facts: dict[str, FactEntry]) -> list[Contradiction]:
    out = []
    for path, fact in iter_facts(evidence):
        for i, quote in enumerate(fact.quote if fact is not None else ()):
            if _CONCLUSION.search(quote):
                out.append(Contradiction(ERROR, _loc(path) + ("quote", i), f"{path}: the quote is the report's conclusion (\"{_CONCLUSION.search(quote).group(0)}\"); it belongs under published, quote the government's actions instead"))
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
    _count_directions,
    _prior_without_year,
    _conclusion_quoted,
)

_TIER_HEADING = (
    re.compile(r"^TIER:\s*(.+?)\s*$", re.M),  # excerpts: line 2
    re.compile(r"^[A-Z][A-Z ,'’().-]+\((Tier [^)]+|Special Case)\)\s*$", re.M),  # "BELARUS (Tier 3)"
    re.compile(r"^(TIER [123](?: WATCH LIST)?|SPECIAL CASE)\s*$", re.M),  # "TIER 3"
)


def source_tier(text: str) -> str | None:
    """The tier the narrative's own heading gives, when it has one in its first lines."""
    head = "\n".join(text.splitlines()[:12])
    for pattern in _TIER_HEADING:
        match = pattern.search(head)
        if match:
            try:
                return normalise_tier(match.group(1).replace("WATCH LIST", "Watch List"))
            except ValueError:
                continue
    return None


def against_source(evidence: Evidence, text: str) -> list[Contradiction]:
    """``published.tier`` against the tier heading of the source narrative."""
    heading = source_tier(text)
    if heading is None or evidence.published.tier is None or heading == evidence.published.tier:
        return []
    return [Contradiction(WARNING, ("published", "tier"), f"published.tier is {evidence.published.tier}, but the source's heading says {heading}")]


def contradictions(evidence: Evidence, facts: dict[str, FactEntry]) -> list[Contradiction]:
    """Every contradiction between facts of one evidence file, errors and warnings."""
    return [c for check in CHECKS for c in check(evidence, facts)]
