"""Issue 13 §4: each provision as the text in force in a report year reads it.

Each test builds a small fact table (everything else missing), evaluates it on the real
engine (durable_rules, checked against the rule text by the explainer) and names the
provision and the report year it tests.
"""

from __future__ import annotations

import pytest

from tierengine.assessment.explain import Explainer
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import shared_engine
from tierengine.evidence.facts import MISSING, NOT_REPORTED, REPORTED, FactEntry, fact_schema
from tierengine.evidence.history import derive

SCHEMA = fact_schema()


def _table(**facts) -> dict[str, FactEntry]:
    """``prosecution__convictions=3`` -> a reported count; ``...=NOT_REPORTED``; dicts for several fields."""
    table = {p: FactEntry(p, k, MISSING) for p, k in SCHEMA.items()}
    for key, value in facts.items():
        path = key.replace("__", ".")
        if value == NOT_REPORTED:
            table[path] = FactEntry(path, SCHEMA[path], NOT_REPORTED, {}, ("q",))
        else:
            values = value if isinstance(value, dict) else {"value": value}
            table[path] = FactEntry(path, SCHEMA[path], REPORTED, values, ("q",))
    return table


def _history(tiers: dict, waivers, year: int) -> dict[str, FactEntry]:
    h = derive(tiers, waivers, year)
    out = {}
    for path, value in (("history.prior_tier", h.prior_tier), ("history.consecutive_watch_list_years", h.consecutive_watch_list_years),
                        ("history.waiver_years_in_run", h.waiver_years_in_run), ("history.downgraded_after_full_run", h.downgraded_after_full_run)):
        out[path] = FactEntry(path, SCHEMA[path], MISSING) if value is None else FactEntry(path, SCHEMA[path], REPORTED, {"value": value}, derived=h.basis)
    return out


def _evaluate(rules, year, table):
    compiled = compile_year(rules, year)
    ev = shared_engine().evaluate(compiled, table)
    Explainer(rules, compiled, table, ev)
    return ev


# 1. 7106(b)(1) data presumption, per category -------------------------------------------

def test_b1_2020_a_direction_shows_the_data_was_provided(rules):
    """22 U.S.C. 7106(b)(1), 2020: convictions not reported, investigations and prosecutions
    increased (directions only): the presumption covers convictions alone."""
    ev = _evaluate(rules, 2020, _table(prosecution__convictions=NOT_REPORTED, prosecution__investigations_trend="increased",
                                       prosecution__prosecutions_trend="increased"))
    assert ev.values["presumption.b1.convictions"] is True
    assert ev.values["presumption.b1.investigations"] is False and ev.values["presumption.b1.prosecutions"] is False
    assert ev.chosen["presumption.b1.convictions"] == "presumption.b1.convictions.increasing_capacity"


def test_b1_2012_capacity_wording_and_2005_good_faith_proviso(rules):
    """22 U.S.C. 7106(b)(1): 2012 uses the "capacity" wording; in 2005 the Secretary could
    disregard the presumption where some data were provided in good faith."""
    facts = dict(prosecution__convictions=NOT_REPORTED, prosecution__investigations=12)
    assert _evaluate(rules, 2012, _table(**facts)).chosen["presumption.b1.convictions"] == "presumption.b1.convictions.capacity"
    ev2005 = _evaluate(rules, 2005, _table(**facts))
    assert ev2005.values["presumption.b1.convictions"] is False
    assert ev2005.chosen["presumption.b1.convictions"] == "presumption.b1.convictions.good_faith"
    assert _evaluate(rules, 2005, _table(prosecution__convictions=NOT_REPORTED)).values["presumption.b1.convictions"] is True


def test_b7_2019_demonstrably_increasing_capacity(rules):
    """22 U.S.C. 7106(b)(7), 2019 (Pub. L. 115-425)."""
    ev = _evaluate(rules, 2019, _table(complicity__investigations=NOT_REPORTED))
    assert ev.chosen["presumption.b7"] == "presumption.b7.increasing_capacity" and ev.values["C-7"] == "not_met"


# 3. Waiver counting, 7107(b)(2)(D) ------------------------------------------------------

WL = "Tier 2 Watch List"


@pytest.mark.parametrize("waivers", [[], None])
def test_d_2016_no_eighth_watch_list_year_whether_waivers_are_none_or_unknown(rules, waivers):
    """22 U.S.C. 7107(b)(2)(D), 2016: after 7 Watch List years (2009-2015) the waiver years
    are at least 5, beyond the 2 allowed, so no waiver can keep the country there."""
    tiers = {y: WL for y in range(2009, 2016)}
    table = {**_table(protection__victims_identified={"value": 5, "prior": 5, "change": 0}, prosecution__convictions=3,
                      protection__victim_services=True, waiver__written_plan=True, waiver__plan_significant=True,
                      waiver__sufficient_resources=True), **_history(tiers, waivers, 2016)}
    assert table["history.waiver_years_in_run"].value == 5
    ev = _evaluate(rules, 2016, table)
    assert ev.values["tier.base"] == WL
    assert ev.values["tier"] == "Tier 3" and ev.chosen["tier"] == "tier.auto_downgrade"


# 4. A gap in the history -------------------------------------------------------------------

def test_d_2022_a_missing_year_makes_the_downgrade_not_determinable_in_the_chain(rules):
    """22 U.S.C. 7107(b)(2)(D)(i), 2022: 2020 on the Watch List, 2021 missing."""
    h = derive({2020: WL}, [], 2022)
    assert h.consecutive_watch_list_years is None and "2021 is missing" in h.basis and "not determinable" in h.basis
    table = {**_table(protection__victims_identified={"value": 5, "prior": 5, "change": 0}, prosecution__convictions=3,
                      protection__victim_services=True), **_history({2020: WL}, [], 2022)}
    ev = _evaluate(rules, 2022, table)
    assert ev.values["tier.base"] == WL and ev.chosen["tier"] == "tier.history_gap"


# 6. C-1 sentencing clauses, 7106(b)(1) ----------------------------------------------------

def test_c1_2015_suspended_sentences_and_imprisonment_are_read(rules):
    """22 U.S.C. 7106(b)(1), 2015: "requiring incarceration"; suspended or reduced sentences."""
    lenient = _evaluate(rules, 2015, _table(prosecution__convictions=4, prosecution__lenient_sentences=True))
    assert lenient.values["C-1"] == "not_met" and lenient.chosen["C-1"] == "C-1.lenient_sentences"
    jailed = _evaluate(rules, 2015, _table(prosecution__convictions=4, prosecution__sentences_imprisonment=True))
    assert jailed.values["C-1"] == "met" and jailed.chosen["C-1"] == "C-1.imprisoned"
    assert _evaluate(rules, 2003, _table(prosecution__convictions=4, prosecution__lenient_sentences=True)).chosen["C-1"] == "C-1.convictions"


# 7. C-2, C-3, C-7 clauses dated; no invented (b)(2) presumption; no double counting -------

def test_c2_2021_no_presumption_from_unreported_identification(rules):
    """22 U.S.C. 7106(b)(2), 2021: the statute has no data presumption for victims."""
    ev = _evaluate(rules, 2021, _table(protection__victims_identified=NOT_REPORTED))
    assert ev.values["C-2"] == "not_determinable" and "C-2.no_identification" not in rules.rules


def test_c2_2005_non_penalisation_clause_not_yet_law(rules):
    """22 U.S.C. 7106(b)(2): the non-penalisation clause is dated from 2009 (Pub. L. 110-457)."""
    assert _evaluate(rules, 2005, _table(protection__victims_penalized=True)).values["C-2"] == "not_determinable"
    assert _evaluate(rules, 2009, _table(protection__victims_penalized=True)).values["C-2"] == "not_met"


def test_c3_2021_state_forced_labour_counted_once_under_b3b(rules):
    """22 U.S.C. 7106(b)(3) and 7107(b)(3)(B), 2021: state forced labour is proof of failure
    under (b)(3)(B); C-3 does not count it again. In 2015 C-3 reads it (no (b)(3)(B) yet)."""
    ev = _evaluate(rules, 2021, _table(state__forced_labor=True))
    assert ev.values["policy_or_pattern"] is True and ev.values["C-3"] == "not_determinable"
    ev2015 = _evaluate(rules, 2015, _table(state__forced_labor=True))
    assert ev2015.values["policy_or_pattern"] is False and ev2015.values["C-3"] == "not_met"


def test_c7_2006_allegations_clause_not_yet_law(rules):
    """22 U.S.C. 7106(b)(7): "shall be considered inaction" is dated from 2009."""
    facts = dict(complicity__concerns=True, complicity__investigations={"value": 0})
    assert _evaluate(rules, 2006, _table(**facts)).chosen["C-7"] != "C-7.unaddressed"
    assert _evaluate(rules, 2010, _table(**facts)).chosen["C-7"] == "C-7.unaddressed"


# §2: the (iii)(II) trigger is derived -------------------------------------------------

def test_iii_ii_2018_derived_from_the_listed_indicators(rules):
    """22 U.S.C. 7107(b)(2)(A)(iii)(II), 2018: counts against prior figures decide; none known
    leaves it not determinable; indicators pointing both ways too."""
    up = _evaluate(rules, 2018, _table(prosecution__convictions={"value": 9, "prior": 4, "change": 5}))
    assert up.values["watch_list.no_increasing_efforts"] is False
    flat = _evaluate(rules, 2018, _table(prosecution__convictions={"value": 4, "prior": 4, "change": 0}))
    assert flat.values["watch_list.no_increasing_efforts"] is True
    assert _evaluate(rules, 2018, _table()).values["watch_list.no_increasing_efforts"] == "not_determinable"
    mixed = _evaluate(rules, 2018, _table(prosecution__convictions={"value": 9, "prior": 4, "change": 5}, protection__trend="decreased"))
    assert mixed.values["watch_list.no_increasing_efforts"] == "not_determinable"


def test_iii_ii_2019_concrete_actions_count_from_the_amended_definitions(rules):
    """22 U.S.C. 7107(b)(2)(A)(iii)(II) with 7102 "concrete actions" (Pub. L. 115-425): more
    money committed is evidence of increasing efforts from 2019, not in 2018."""
    facts = dict(overall__funding_trend="increased", prosecution__trend="maintained")
    assert _evaluate(rules, 2019, _table(**facts)).values["watch_list.no_increasing_efforts"] is False
    assert _evaluate(rules, 2018, _table(**facts)).values["watch_list.no_increasing_efforts"] is True


# 2. 7107(b)(2)(A)(iii)(I): wording by year ------------------------------------------------

def test_iii_i_2012_absolute_number_and_2020_proportional_actions(rules):
    """22 U.S.C. 7107(b)(2)(A)(iii)(I): "absolute number ... very significant or significantly
    increasing" 2004-2018; "estimated number ... not taking proportional concrete actions" from 2019."""
    table = _table(overall__victims_significant_without_proportional_action=True)
    assert _evaluate(rules, 2012, table).chosen["watch_list.victims"] == "watch_list.victims.absolute_number"
    assert _evaluate(rules, 2020, table).chosen["watch_list.victims"] == "watch_list.victims.trigger"


def test_citations_read_as_the_code_was_numbered_in_the_report_year(rules):
    """Issue 13 §4 item 8: 7106(b)(9)-(11) were renumbered in 2013 and 7107(b)(3)(B) meant the
    complicity consideration before 2019; a chain for an earlier year cites the number then in force."""
    citation = "22 U.S.C. 7106(b)(11); 7107(b)(3)(A)(ii); 7106(b)(1)"
    assert rules.cited_in(citation, 2012) == "22 U.S.C. 7106(b)(10) (now 7106(b)(11)); 7107(b)(3)(B) (now 7107(b)(3)(A)(ii)); 7106(b)(1)"
    assert rules.cited_in(citation, 2018) == "22 U.S.C. 7106(b)(11); 7107(b)(3)(B) (now 7107(b)(3)(A)(ii)); 7106(b)(1)"
    assert rules.cited_in(citation, 2019) == citation


def test_a_short_form_after_a_full_reference_is_renumbered_and_stays_short(rules):
    """"7106(b)(1)-(3), (11)": the (11) is 7106(b)(11), which before 2013 was (10)."""
    citation = "22 U.S.C. 7106(a)(4); 7106(b)(1)-(3), (11)"
    assert rules.cited_in(citation, 2012) == "22 U.S.C. 7106(a)(4); 7106(b)(1)-(3), (10) (now (11))"
    assert rules.cited_in(citation, 2013) == citation
    # a sibling renumbered under another parent is written in full
    assert rules.cited_in("22 U.S.C. 7107(b)(3)(A)(i), (ii)", 2018) == "22 U.S.C. 7107(b)(3)(A) (now 7107(b)(3)(A)(i)), 7107(b)(3)(B) (now 7107(b)(3)(A)(ii))"


def test_the_criteria_of_a_year_cite_its_numbering(rules):
    from tierengine.rules.criteria import criteria

    cited = {p.id: p.citation for s in criteria(rules, 2012).sections for p in s.provisions}
    assert cited["C-11"] == "22 U.S.C. 7106(b)(10) (now 7106(b)(11))"
    assert {p.id: p.citation for s in criteria(rules, 2025).sections for p in s.provisions}["C-11"] == "22 U.S.C. 7106(b)(11)"


def test_the_chain_uses_the_report_years_numbering(rules, belarus):
    compiled = compile_year(rules, 2012)
    explainer = Explainer(rules, compiled, belarus.facts, shared_engine().evaluate(compiled, belarus.facts))
    nodes = explainer.finding_nodes("C-11")
    assert nodes and all("7106(b)(10) (now 7106(b)(11))" in n.citation for n in nodes)


# 9. The other considerations of 7107(b)(3): recorded, weighed by no rule -------------------

CONSIDERATIONS = dict(overall__country_of_origin=True, overall__country_of_destination=True, overall__resource_constraints=True,
                      prosecution__budget_sufficient=False, protection__budget_sufficient=True, prevention__budget_sufficient=False)


def _explained(rules, year, table):
    compiled = compile_year(rules, year)
    return Explainer(rules, compiled, table, shared_engine().evaluate(compiled, table))


def test_b3_considerations_2020_are_in_the_chain_with_every_concurring_role(rules):
    """22 U.S.C. 7107(b)(3)(A)(i), (A)(iii), (D), (E), 2020: each consideration is a finding the
    chain shows, one node per stated role or shortfall; a shortfall outranks a sufficient budget."""
    explainer = _explained(rules, 2020, _table(**CONSIDERATIONS))
    nodes = {fid: {(n.rule, n.role) for n in explainer.finding_nodes(fid)}
             for fid in ("country_role", "resources_capabilities", "budget.law_enforcement", "budget.victims_and_prevention")}
    assert nodes["country_role"] == {("country_role.origin", "decided"), ("country_role.destination", "concurring")}
    assert nodes["resources_capabilities"] == {("resources_capabilities.constrained", "decided")}
    assert nodes["budget.law_enforcement"] == {("budget.law_enforcement.insufficient", "decided")}
    assert nodes["budget.victims_and_prevention"] == {("budget.victims_and_prevention.prevention_insufficient", "decided")}
    assert _evaluate(rules, 2020, _table(protection__budget_sufficient=True)).values["budget.victims_and_prevention"] == "sufficient"


def test_b3_2018_budget_considerations_not_yet_law_and_role_and_resources_always(rules):
    """22 U.S.C. 7107(b)(3)(D)-(E) are law from the 2019 report (Jan 2019 amendments); in 2018
    they keep their default while (A)(i) and (A)(iii) (law since 2000, then numbered (A), (C)) decide."""
    ev = _evaluate(rules, 2018, _table(**CONSIDERATIONS))
    assert ev.values["budget.law_enforcement"] == ev.values["budget.victims_and_prevention"] == "not_determinable"
    assert ev.values["country_role"] == "stated" and ev.values["resources_capabilities"] == "constrained"
    assert rules.cited_in("22 U.S.C. 7107(b)(3)(A)(iii)", 2018) == "22 U.S.C. 7107(b)(3)(C) (now 7107(b)(3)(A)(iii))"


@pytest.mark.parametrize("year", [2018, 2020])
def test_b3_considerations_decide_nothing_else(rules, year):
    """The statute sets no threshold for these considerations: adding them to a file moves no
    other finding, in a year before the budget clauses are law and in one after."""
    base = dict(prosecution__convictions=5, protection__victim_services=True, complicity__concerns=True)
    without = _evaluate(rules, year, _table(**base)).values
    with_them = _evaluate(rules, year, _table(**base, **CONSIDERATIONS)).values
    own = {"country_role", "resources_capabilities", "budget.law_enforcement", "budget.victims_and_prevention"}
    assert {f: v for f, v in with_them.items() if f not in own} == {f: v for f, v in without.items() if f not in own}


# §2: decreasing evidence of complicity, and C-11 against the previous year's assessment ----

def test_iii_ii_2018_decreasing_evidence_of_complicity_is_a_listed_indicator(rules):
    """22 U.S.C. 7107(b)(2)(A)(iii)(II), 2018: "... and decreasing evidence of complicity in
    severe forms of trafficking by government officials"."""
    def trigger(**facts):
        return _evaluate(rules, 2018, _table(**facts)).values["watch_list.no_increasing_efforts"]

    assert trigger(complicity__trend="decreased") is False
    assert trigger(complicity__trend="maintained") is True
    assert trigger(complicity__trend="increased") is True
    assert trigger(complicity__trend="increased", prosecution__convictions={"value": 9, "prior": 4, "change": 5}) == "not_determinable"


def test_iii_ii_2021_complicity_counts_with_the_concrete_actions(rules):
    """22 U.S.C. 7107(b)(2)(A)(iii)(II) as read from 2019: less complicity weighs against less money."""
    table = _table(complicity__trend="decreased", overall__funding_trend="decreased")
    assert _evaluate(rules, 2021, table).values["watch_list.no_increasing_efforts"] == "not_determinable"
    assert _evaluate(rules, 2021, _table(complicity__trend="decreased")).chosen["watch_list.no_increasing_efforts"] == "watch_list.no_increasing_efforts.shown_concrete_actions"


def _previous(**criteria) -> dict:
    """previous.C-n facts, as assessment/previous.py writes them from the previous year's file."""
    return {f"previous__{c.replace('_', '-')}": v for c, v in criteria.items()}


def test_c11_2020_a_criterion_gained_against_the_previous_assessment_is_progress(rules):
    """22 U.S.C. 7106(b)(11), 2020: "appreciable progress ... when compared to the assessment in
    the previous year": no convictions last year (C-1 not met), a sentenced conviction now (met)."""
    now = dict(prosecution__convictions={"value": 3, "some": True}, prosecution__sentences_imprisonment=True)
    this_year = _evaluate(rules, 2020, _table(**now))
    assert this_year.values["C-1"] == "met" and this_year.values["C-11"] == "not_determinable"  # no previous file
    gained = _evaluate(rules, 2020, _table(**now, **_previous(C_1="not_met")))
    assert gained.chosen["progress.criteria_gained"] == "progress.criteria_gained.C-1"
    assert gained.values["C-11"] == "met" and gained.chosen["C-11"] == "C-11.criteria_gained"
    lost = _evaluate(rules, 2020, _table(prosecution__convictions=0, **_previous(C_1="met")))
    assert lost.values["C-11"] == "not_met" and lost.chosen["C-11"] == "C-11.criteria_lost"
    same = _evaluate(rules, 2020, _table(**now, **_previous(C_1="met")))
    assert same.values["progress.criteria_gained"] is False and same.values["C-11"] == "not_determinable"
    both = _evaluate(rules, 2020, _table(**now, protection__victims_penalized=True, **_previous(C_1="not_met", C_2="met")))
    assert both.values["C-2"] == "not_met"  # victims penalised
    assert both.values["progress.criteria_lost"] is True and both.values["C-11"] == "not_determinable"  # one gained, one lost


def test_c11_2020_the_pillar_trend_lines_decide_before_the_comparison(rules):
    """7106(b)(11) with 7107(b)(1) "trend lines": the narrative's own comparison comes first."""
    table = _table(prosecution__convictions=0, prosecution__trend="increased", **_previous(C_1="met"))
    assert _evaluate(rules, 2020, table).chosen["C-11"] == "C-11.progress"


def test_c11_2016_counts_progress_needs_complicity_not_to_have_increased(rules):
    """7106(b)(11) with (b)(7): law enforcement counts rose, but evidence of complicity increased."""
    rose = dict(prosecution__convictions={"value": 9, "prior": 4, "change": 5})
    assert _evaluate(rules, 2016, _table(**rose)).values["C-11"] == "met"
    assert _evaluate(rules, 2016, _table(**rose, complicity__trend="increased")).values["C-11"] == "not_determinable"
