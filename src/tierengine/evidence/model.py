"""The evidence format: what a government did in one reporting period, with quotes.

Each fact is typed (bool, count, trend, penalty range) and carries at least one
verbatim quote from the source narrative. Three states are kept apart because the
law treats them differently:

* reported: the source states a value (``value: 0`` is a reported zero);
* ``reported: false``: the source says the government did *not* report it (the
  data presumptions of 22 U.S.C. 7106(b)(1) and (b)(7) read this);
* absent: the source is silent (an excerpt, say); criteria fed only by silence
  are *not determinable*.

``published`` holds the report's own conclusion and tier for comparison only; the
rule compiler rejects any rule that reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tierengine.tiers import TierName, normalise_tier

#: bounds that keep every number inside what durable_rules' C engine compares exactly
#: (it rejects inf and 1e308; docs/limits.md). A life sentence is written as 99 years.
MAX_COUNT = 1_000_000_000
MAX_PENALTY_YEARS = 1000

Quotes = Annotated[list[Annotated[str, Field(min_length=3)]], Field(min_length=1)]

#: how firmly the source states a fact: as its own finding, attributed to someone
#: ("observers reported", "reportedly"), or as an allegation or possibility
#: ("allegedly", "may have"). Absent means stated.
Certainty = Literal["stated", "reported", "alleged"]
#: the direction of a count or a trend
Trend = Literal["increased", "maintained", "decreased"]


def _as_list(v):
    """A single quote string is a list of one (authors write either)."""
    return [v] if isinstance(v, str) else v


class _Strict(BaseModel):
    #: strict: YAML already gives ints, bools and dates their types, so `value: true` for a
    #: count or `report_year: "2019"` is a transcription slip to report, never to coerce
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Fact(_Strict):
    """Common part of every fact: whether it was reported, and where the source says so."""

    kind: ClassVar[str] = ""
    #: comparable fields of this kind and the Python types they hold
    fields: ClassVar[dict[str, tuple[type, ...]]] = {}
    required: ClassVar[tuple[str, ...]] = ("value",)

    #: qualifiers any fact may carry; comparable, so rules can read them later
    common: ClassVar[dict[str, tuple[type, ...]]] = {"certainty": (str,), "scope": (str,), "consecutive_years": (int,)}

    reported: bool = True
    quote: Quotes
    note: str | None = None
    certainty: Certainty | None = None
    scope: Annotated[str, Field(min_length=2)] | None = None  # part of the country or population, when less than all
    consecutive_years: Annotated[int, Field(ge=1, le=100)] | None = None  # "for the Nth consecutive year"
    drafted: str | None = None  # phrasebook entries that proposed it (`tierengine draft`); `confirm` removes it

    _one_or_many = field_validator("quote", mode="before")(_as_list)

    @model_validator(mode="after")
    def _reported_has_value(self):
        values = {name: getattr(self, name, None) for name in self.required}
        if self.reported and any(v is None for v in values.values()):
            missing = [k for k, v in values.items() if v is None]
            raise ValueError(f"a reported fact needs {', '.join(missing)} (or set reported: false)")
        if not self.reported and any(v is not None for v in values.values()):
            raise ValueError("a fact with reported: false must not carry a value")
        return self

    def comparable(self) -> dict[str, object]:
        """The fields rules may compare, present only when known."""
        out = {}
        for name in (*self.fields, *self.common):
            v = getattr(self, name, None)
            if v is not None:
                out[name] = v
        return out


class BoolFact(Fact):
    kind: ClassVar[str] = "bool"
    fields: ClassVar = {"value": (bool,)}
    value: bool | None = None


class CountFact(Fact):
    """A count as reports give it: a figure, or only "some" or "more", perhaps incomplete.

    A reported count needs a figure (``value``), ``some: true`` (known non-zero, no
    figure) or a ``direction`` ("more", "fewer"). ``prior``/``prior_year`` hold the
    comparison the report makes; ``complete: false`` marks data the report calls
    partial; ``includes_other_crimes`` marks figures that mix in non-trafficking offences.
    """

    kind: ClassVar[str] = "count"
    required: ClassVar = ()
    fields: ClassVar = {
        "value": (int,), "prior": (int,), "change": (int,), "prior_year": (int,), "direction": (str,),
        "some": (bool,), "complete": (bool,), "includes_other_crimes": (bool,),
    }
    value: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    prior: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    prior_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    direction: Trend | None = None
    some: bool | None = None
    complete: bool | None = None
    includes_other_crimes: bool | None = None

    @model_validator(mode="after")
    def _reported_has_value(self):
        known = self.value is not None or self.some is not None or self.direction is not None
        if self.reported and not known:
            raise ValueError("a reported count needs value (a figure), some: true (non-zero, no figure) or direction (or set reported: false)")
        if not self.reported and known:
            raise ValueError("a fact with reported: false must not carry a value (nor some or direction)")
        if self.some is False and self.value not in (None, 0):
            raise ValueError(f"some: false means none, but value is {self.value}")
        if self.some is True and self.value == 0:
            raise ValueError("some: true means at least one, but value is 0")
        return self

    @property
    def change(self) -> int | None:
        return None if self.value is None or self.prior is None else self.value - self.prior

    def comparable(self) -> dict[str, object]:
        out = super().comparable()
        if self.some is None and self.value is not None:
            out["some"] = self.value > 0  # a figure decides "some"
        return out


class TrendFact(Fact):
    """A pillar's trend sentence: 'The government increased/maintained/decreased ...'."""

    kind: ClassVar[str] = "trend"
    fields: ClassVar = {"value": (str,)}
    value: Trend | None = None


class PenaltyFact(Fact):
    """Prescribed penalty range in years of imprisonment (adult victims)."""

    kind: ClassVar[str] = "penalty"
    fields: ClassVar = {"min_years": (int, float), "max_years": (int, float), "fine_alternative": (bool,)}
    required: ClassVar = ("max_years",)
    min_years: Annotated[float, Field(ge=0, le=MAX_PENALTY_YEARS)] | None = None
    max_years: Annotated[float, Field(ge=0, le=MAX_PENALTY_YEARS)] | None = None
    fine_alternative: bool | None = None

    @model_validator(mode="after")
    def _ordered(self):
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError("min_years is greater than max_years")
        return self


B = BoolFact | None
C = CountFact | None


class Prosecution(_Strict):
    """22 U.S.C. 7106(a)(1)-(3), (b)(1): laws, penalties, law enforcement; 7107(b)(3)(D): its budget."""

    trend: TrendFact | None = None
    criminalizes_sex_trafficking: B = None
    criminalizes_labor_trafficking: B = None
    penalties: PenaltyFact | None = None
    penalties_commensurate: B = None
    investigations: C = None
    prosecutions: C = None
    convictions: C = None
    investigations_trend: TrendFact | None = None  # "investigated more/fewer cases" without (or besides) figures
    prosecutions_trend: TrendFact | None = None  # "prosecuted more/fewer traffickers"
    convictions_trend: TrendFact | None = None  # "convicted more/fewer traffickers"
    years_without_convictions: C = None
    sentences_imprisonment: B = None
    lenient_sentences: B = None  # most convicted traffickers got suspended sentences, fines or short terms
    acquittals: C = None
    charged_under_other_laws: B = None
    law_amended: B = None
    law_gaps: B = None
    law_enforcement_training: B = None
    judicial_training: B = None
    budget_sufficient: B = None  # 7107(b)(3)(D): budget to investigate, prosecute, convict and obtain restitution


class Protection(_Strict):
    """22 U.S.C. 7106(b)(2), (b)(8): identifying, protecting and not penalising victims; 7107(b)(3)(E)(i): its budget."""

    trend: TrendFact | None = None
    victims_identified: C = None
    victims_identified_trend: TrendFact | None = None  # "identified more/fewer victims" without (or besides) figures
    ngo_victims_identified: C = None
    identification_procedures: B = None
    screening_vulnerable_populations: B = None
    victim_services: B = None
    services_adequate: B = None  # "services remained limited / inadequate / insufficient" (services may still exist)
    ngo_funding: B = None
    victims_penalized: B = None
    alternatives_to_removal: B = None
    services_conditioned_on_cooperation: B = None
    restitution: B = None
    state_compensation: B = None
    identification_training: B = None
    foreign_victims_insignificant: B = None
    budget_sufficient: B = None  # 7107(b)(3)(E)(i): budget to protect and support victims


class Prevention(_Strict):
    """22 U.S.C. 7106(b)(3), (b)(6), (b)(10), (b)(12): prevention and demand; 7107(b)(3)(E)(ii): its budget."""

    trend: TrendFact | None = None
    coordinating_body: B = None
    interagency_coordination: B = None
    action_plan: B = None
    awareness_campaigns: B = None
    hotline: B = None
    recruitment_enforcement: B = None
    years_without_recruitment_enforcement: C = None
    labor_inspections: B = None
    demand_reduction: B = None
    supply_chain_measures: B = None
    peacekeeper_training: B = None
    migration_screening: B = None
    self_assessment: B = None
    budget_sufficient: B = None  # 7107(b)(3)(E)(ii): budget to prevent trafficking


class Partnership(_Strict):
    """22 U.S.C. 7106(b)(4), (b)(5), (b)(9); 7107(b)(3)(F) civil society."""

    international_cooperation: B = None
    extradition: B = None
    civil_society_partnerships: B = None
    civil_society_restricted: B = None
    survivor_engagement: B = None  # survivors consulted / survivor advisory council


class Complicity(_Strict):
    """22 U.S.C. 7106(b)(7) and 7107(b)(3)(A)(ii): officials' involvement."""

    investigations: C = None
    prosecutions: C = None
    convictions: C = None
    concerns: B = None
    trend: TrendFact | None = None  # "decreasing evidence of complicity" (7107(b)(2)(A)(iii)(II)), as the report states it
    facilitated_vulnerability: B = None
    affiliated_armed_groups: B = None


class StateSponsored(_Strict):
    """22 U.S.C. 7107(b)(3)(B): a government policy or pattern of ... (one fact per kind)."""

    trafficking: B = None
    government_funded_programs: B = None
    forced_labor: B = None
    sexual_slavery: B = None
    child_soldiers: B = None


class Overall(_Strict):
    """Report-level findings that are statutory inputs, not conclusions; 7107(b)(3)(A)(i), (iii)."""

    victims_significant_without_proportional_action: B = None
    commitments_basis: B = None
    special_case: B = None
    de_facto_authority: B = None
    funding_trend: TrendFact | None = None  # anti-trafficking funding or resources increased/decreased
    efforts_disproportionate_to_scale: B = None  # "inadequate / disproportionately low compared to the scale of the problem"
    # 7107(b)(3)(A)(i): the country's role, as the narrative states where victims are exploited
    country_of_origin: B = None  # victims from the country exploited abroad
    country_of_transit: B = None  # victims moved through the country to exploitation elsewhere
    country_of_destination: B = None  # foreign victims exploited in the country
    resource_constraints: B = None  # 7107(b)(3)(A)(iii): limited resources or capacity held efforts back


class Waiver(_Strict):
    """22 U.S.C. 7107(b)(2)(D)(ii): the three waiver conditions."""

    written_plan: B = None
    plan_significant: B = None
    sufficient_resources: B = None


class Facts(_Strict):
    prosecution: Prosecution = Prosecution()
    protection: Protection = Protection()
    prevention: Prevention = Prevention()
    partnership: Partnership = Partnership()
    complicity: Complicity = Complicity()
    state: StateSponsored = StateSponsored()
    overall: Overall = Overall()
    waiver: Waiver = Waiver()


def _tier(v):
    return normalise_tier(v) if isinstance(v, str) else v


class History(_Strict):
    """Published tiers of earlier report years and the years a waiver was granted."""

    tiers: dict[int, TierName] = {}
    waivers: list[int] = []  # omitted: unknown (see facts.py); a written [] : none granted
    source: str | None = None
    #: the previous report year's evidence file of this country, relative to this file, when it
    #: is not beside it as <country>_<year-1>.yaml (carry.py reads it; load.py checks it)
    previous_evidence: Annotated[str, Field(min_length=1)] | None = None

    @field_validator("tiers", mode="before")
    @classmethod
    def _tiers(cls, v):
        return {k: _tier(t) for k, t in v.items()} if isinstance(v, dict) else v


class Published(_Strict):
    """The report's own conclusion. For comparison only: no rule may read it.

    ``increasing_efforts`` is the report's Watch List judgement ("did not demonstrate
    overall increasing efforts"); the rules derive that trigger from the indicators the
    statute lists instead (22 U.S.C. 7107(b)(2)(A)(iii)(II)).
    """

    tier: TierName | None = None
    determination: Literal["fully_meets", "significant_efforts", "not_significant_efforts"] | None = None
    waiver: bool | None = None  # this report year's tier rests on a waiver (7107(b)(2)(D)(ii))
    quote: Quotes | None = None
    increasing_efforts: BoolFact | None = None

    @field_validator("tier", mode="before")
    @classmethod
    def _t(cls, v):
        return _tier(v)

    _one_or_many = field_validator("quote", mode="before")(_as_list)


class Unencoded(_Strict):
    """A statement the format has no field for: kept, quote-checked, read by no rule."""

    quote: Quotes
    topic: Annotated[str, Field(min_length=2)] | None = None
    note: str | None = None

    _one_or_many = field_validator("quote", mode="before")(_as_list)


class Period(_Strict):
    start: dt.date
    end: dt.date

    @field_validator("start", "end", mode="before")
    @classmethod
    def _iso(cls, v):
        """YAML gives an unquoted 2024-04-01 as a date; a quoted one is the same date, written
        YYYY-MM-DD (strict mode would refuse the string, and no other form is accepted)."""
        if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                return v  # an impossible date: refused as not a valid date
        return v


class Evidence(_Strict):
    """One country, one report year."""

    country: Annotated[str, Field(min_length=1)]
    report_year: Annotated[int, Field(ge=2001, le=2100)]
    reporting_period: Period | None = None
    source: Annotated[str, Field(min_length=1)]
    history: History = History()
    published: Published = Published()
    facts: Facts = Facts()
    unencoded: list[Unencoded] = []

    @field_validator("country")
    @classmethod
    def _one_line(cls, v: str) -> str:
        if "\n" in v or "\t" in v:  # it heads reports, table rows and CSV lines
            raise ValueError("the country name must be one line (no line break or tab)")
        return v

    @model_validator(mode="after")
    def _history_before_report(self):
        late = [y for y in self.history.tiers if y >= self.report_year]
        if late:
            raise ValueError(f"history.tiers may only hold earlier report years, not {late}")
        return self


GROUPS: dict[str, type[_Strict]] = {
    name: info.annotation for name, info in Facts.model_fields.items()  # type: ignore[misc]
}


def fact_kind(annotation) -> type[Fact]:
    """The Fact subclass inside an ``X | None`` annotation."""
    for arg in getattr(annotation, "__args__", (annotation,)):
        if isinstance(arg, type) and issubclass(arg, Fact):
            return arg
    raise TypeError(annotation)


def evidence_schema() -> dict[str, type[Fact]]:
    """Every fact path ('prosecution.convictions') and its kind, from the models."""
    return {
        f"{group}.{name}": fact_kind(info.annotation)
        for group, model in GROUPS.items()
        for name, info in model.model_fields.items()
    }


__all__ = ["Evidence", "Fact", "BoolFact", "CountFact", "TrendFact", "PenaltyFact", "evidence_schema", "GROUPS"]
