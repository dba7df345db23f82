"""Possible tiers: the search equals brute force over the silent facts, and its deciders hold."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from strategies import SCHEMA, fact_entry
from tierengine.assessment.explain import deciding_rule
from tierengine.assessment.possible import FIXED_FACTS, FIXED_PREFIXES, NO_PLACEMENT, NODE_BUDGET, QUICK, Space, domain, possible_tiers
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import shared_engine
from tierengine.evidence.facts import MISSING, REPORTED, FactEntry
from tierengine.rules.conditions import evaluate, evaluate_atom


def _exact(compiled, facts: dict, placement: set) -> dict:
    """Every finding by plain first-match evaluation; a placement table's default is no placement."""
    values: dict = {}
    for group in compiled.strata:
        for fid in group:
            value = NO_PLACEMENT if fid in placement else compiled.default_of[fid]
            for rule in compiled.rules_by_finding[fid]:
                if evaluate(rule.when, facts, values, compiled.params):
                    value = rule.spec.then
                    break
            values[fid] = value
    return values


@st.composite
def cases(draw, rules):
    """A fact table in which every fact the tier reads is stated, except at most four silent ones."""
    year = draw(st.sampled_from([2012, 2018, 2025]))
    compiled = compile_year(rules, year)
    probe = Space(rules, compiled, {p: FactEntry(p, k, MISSING) for p, k in SCHEMA.items()})
    variable = sorted(p for p in probe.read if not p.startswith(FIXED_PREFIXES) and p not in FIXED_FACTS)
    silent = set(draw(st.lists(st.sampled_from(variable), max_size=4, unique=True)))
    quiet = draw(st.booleans())  # most stated facts read as silence would: the tier turns on the silent ones
    table = {}
    for path, kind in SCHEMA.items():
        if path in silent:
            table[path] = FactEntry(path, kind, MISSING)
        elif path in variable:
            spoken = [e for e in domain(path, kind, probe.read[path], compiled.params) if e.status != MISSING]
            if quiet and spoken and draw(st.integers(0, 4)):
                spoken = spoken[:1]
            table[path] = draw(st.sampled_from(spoken)) if spoken else FactEntry(path, kind, MISSING)
        else:
            table[path] = draw(fact_entry(path, kind))
    return compiled, table


@pytest.mark.parametrize("quick", [QUICK, 0], ids=["both passes", "second pass alone"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_possible_tiers_equal_brute_force_over_the_silent_facts(rules, data, quick):
    """With ``quick=0`` every case goes through the second pass (splits, expanded tables), which
    the small cases rarely reach otherwise."""
    compiled, table = data.draw(cases(rules))
    space = Space(rules, compiled, table)
    outcomes = set()
    for combo in itertools.product(*(space.domains[p] for p in space.silent)):
        facts = {**table, **dict(zip(space.silent, combo))}
        outcomes.add(_exact(compiled, facts, space.placement)[space.tier_id])
    event(f"{len(outcomes)} outcome(s)")
    engine = shared_engine()
    evaluation = engine.evaluate(compiled, table)
    tier = evaluation.values["tier"]
    placed = not deciding_rule(rules, evaluation.chosen, "tier").endswith(".default")
    result = possible_tiers(rules, compiled, table, tier, placed, engine, quick=quick)
    assert not result.cut
    assert set(result.tiers) == outcomes - {NO_PLACEMENT}
    assert result.decided == (outcomes == {tier} and placed)
    assert set(result.deciders) == (set() if result.decided else set(result.tiers))


def test_a_decided_and_an_open_file_through_the_cli():
    belarus = run_cli("assess", str(ROOT / "evidence" / "belarus_2025.yaml"), "--format", "json").json()
    assert belarus["decided"] is True and belarus["possible_tiers"] == ["Tier 3"] and belarus["tier"] == "Tier 3"
    run = run_cli("assess", str(ROOT / "evidence" / "lebanon_2021.yaml"), "--format", "json")
    lebanon = run.json()
    assert lebanon["schema_version"] == 2 and lebanon["decided"] is False and lebanon["tier"] is None
    assert len(lebanon["possible_tiers"]) > 1 and set(lebanon["deciders"]) == set(lebanon["possible_tiers"])
    assert lebanon["agrees"] is False and lebanon["possible_search"]["complete"] is True
    text = run_cli("assess", str(ROOT / "evidence" / "lebanon_2021.yaml")).out
    assert "not determinable" in text and "tier is not determinable: the evidence leaves" in text and "What would decide it" in text
    assert "Why not a better tier" not in text and "tier = Tier 3" not in text  # no default placement read as a tier
    assert "chiefly " in text and "What the evidence decides" in text


def test_each_decider_gives_its_tier_through_durable_rules(rules):
    from tierengine.evidence.load import load_evidence

    loaded = load_evidence(ROOT / "evidence" / "lebanon_2021.yaml", "evidence/lebanon_2021.yaml")
    compiled = compile_year(rules, loaded.evidence.report_year)
    engine = shared_engine()
    result = possible_tiers(rules, compiled, loaded.facts, "Tier 3", False, engine)
    assert not result.decided and result.deciders
    for tier, settings_ in result.deciders.items():
        changed = {**loaded.facts, **{s.path: s.entry for s in settings_}}
        assert all(loaded.facts[s.path].status == MISSING for s in settings_)  # only silent facts are set
        assert engine.evaluate(compiled, changed).values["tier"] == tier


@settings(max_examples=150, deadline=None)
@given(data=st.data(), year=st.sampled_from([2005, 2012, 2018, 2025]))
def test_every_value_the_source_could_state_reads_like_a_domain_entry(rules, data, year):
    """The domains are complete: any fact entry, read by the rules' atoms, matches some entry of its domain."""
    compiled = compile_year(rules, year)
    probe = Space(rules, compiled, {p: FactEntry(p, k, MISSING) for p, k in SCHEMA.items()})
    path = data.draw(st.sampled_from(sorted(probe.read)))
    read = probe.read[path]
    entry = data.draw(fact_entry(path, SCHEMA[path]))

    def reading(e):
        return tuple(evaluate_atom(a, {path: e}, {}, compiled.params) for a in read)

    assert reading(entry) in {reading(e) for e in domain(path, SCHEMA[path], read, compiled.params)}


def _stated_decrease_table() -> dict:
    """Every fact silent but three: law enforcement and identification fell, complicity held.

    The pattern that blew the search up (issue 13 §3): a direction table reads "up" in its
    first row together with "down" ("mixed") and alone in the next ("increased"); with "down"
    stated, "increased" is unreachable, but reading each row alone says it is possible until
    every "up" fact is set, so the search walked the product of their domains, and the Watch
    List trigger (no increasing efforts: nothing can rise, complicity did not decrease), hence
    Tier 2, stayed open behind it.
    """
    table = {p: FactEntry(p, k, MISSING) for p, k in SCHEMA.items()}
    for path, value in {"prosecution.trend": "decreased", "protection.victims_identified_trend": "decreased", "complicity.trend": "maintained"}.items():
        table[path] = FactEntry(path, SCHEMA[path], REPORTED, {"value": value})
    return table


def test_a_stated_decrease_keeps_increased_out_once_the_tables_are_expanded(rules):
    compiled = compile_year(rules, 2018)
    space = Space(rules, compiled, _stated_decrease_table())
    unknown = frozenset(space.silent)
    plain = space.sets(dict(space.facts), unknown)[0]
    assert "increased" in plain["efforts.law_enforcement"]  # the row-by-row reading loses the correlation
    space.expand()
    expanded = space.sets(dict(space.facts), unknown)[0]
    assert expanded["efforts.law_enforcement"] == {"not_determinable", "decreased"}
    assert expanded["efforts.victim_assistance"] == {"not_determinable", "decreased"}
    assert expanded["watch_list.no_increasing_efforts"] == {True}
    assert "Tier 2" not in expanded["tier"]


def test_the_search_proves_tier_2_unreachable_within_budget_and_misses_no_sampled_tier(rules):
    compiled = compile_year(rules, 2018)
    table = _stated_decrease_table()
    result = possible_tiers(rules, compiled, table, "Tier 3", False, shared_engine())
    assert not result.cut and result.branches < NODE_BUDGET // 20
    assert "Tier 2" not in result.tiers and result.tiers and set(result.deciders) == set(result.tiers)
    space = Space(rules, compiled, table)
    draw = random.Random(13)
    for _ in range(300):  # completeness, sampled: brute force over 40 silent facts is out of reach
        facts = {**table, **{p: draw.choice(space.domains[p]) for p in space.silent}}
        outcome = _exact(compiled, facts, space.placement)[space.tier_id]
        assert outcome == NO_PLACEMENT or outcome in result.tiers
