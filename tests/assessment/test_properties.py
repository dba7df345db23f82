"""Properties of the whole pipeline the doctrine promises, checked on generated evidence."""

from __future__ import annotations

import random
import shutil

import yaml
from pathlib import Path
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BELARUS, ROOT
from strategies import SCHEMA, fact_tables
from tierengine.assessment.assess import assess_file
from tierengine.engine.compile import compile_year
from tierengine.engine.durable import shared_engine
from tierengine.assessment.explain import Explainer
from tierengine.evidence.facts import FactEntry, REPORTED
from tierengine.evidence.quotes import load_source
from tierengine.tiers import rank

STATE_KINDS = [p for p in SCHEMA if p.startswith("state.")]


def _tier(rules, year, table):
    compiled = compile_year(rules, year)
    ev = shared_engine().evaluate(compiled, table)
    Explainer(rules, compiled, table, ev)  # verifies durable_rules against the rule text
    return ev.values["tier"]


@settings(max_examples=150, deadline=None)
@given(data=st.data(), year=st.integers(2020, 2030))
def test_policy_or_pattern_never_better_than_tier_3_from_2020(rules, data, year):
    kind = data.draw(st.sampled_from(STATE_KINDS))
    table = data.draw(fact_tables(**{kind: FactEntry(kind, "bool", REPORTED, {"value": True})}))
    tier = _tier(rules, year, table)
    assert tier in ("Tier 3", "Special Case")


# facts whose "worse" direction the doctrine fixes: True is worse for these...
WORSE_WHEN_TRUE = {
    *STATE_KINDS, "protection.victims_penalized", "protection.services_conditioned_on_cooperation", "prosecution.lenient_sentences",
    "complicity.concerns", "complicity.facilitated_vulnerability", "partnership.civil_society_restricted",
    "overall.victims_significant_without_proportional_action", "overall.commitments_basis",
}
# ...and False is worse for every other reported bool except the special-case marker and history
WORSE_WHEN_FALSE = {p for p, k in SCHEMA.items() if k == "bool" and p not in WORSE_WHEN_TRUE
                    and not p.startswith("history.") and p != "overall.special_case"}


def _worsen(entry: FactEntry, rnd: random.Random) -> FactEntry | None:
    if entry.status != REPORTED or entry.path.startswith("history.") or entry.path == "overall.special_case":
        return None
    v = entry.values.get("value")
    if entry.path in WORSE_WHEN_TRUE and v is False:
        return FactEntry(entry.path, "bool", REPORTED, {"value": True})
    if entry.path in WORSE_WHEN_FALSE and v is True:
        return FactEntry(entry.path, "bool", REPORTED, {"value": False})
    if entry.kind == "trend" and v != "decreased":
        return FactEntry(entry.path, "trend", REPORTED, {"value": "decreased"})
    if entry.kind == "count" and entry.path.startswith(("prosecution.", "protection.")) and "years" not in entry.path and v:
        lower = rnd.randrange(v)  # a lower count against the same prior figure (worse, not less known)
        prior = {"prior": entry.values["prior"], "change": lower - entry.values["prior"]} if "prior" in entry.values else {}
        return FactEntry(entry.path, "count", REPORTED, {"value": lower, **prior})
    return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=fact_tables(), year=st.integers(2001, 2030), seed=st.integers(0, 10**6))
def test_making_one_fact_worse_never_improves_the_tier(rules, table, year, seed):
    rnd = random.Random(seed)
    if table["overall.special_case"].values.get("value") is True:
        return
    candidates = [(p, w) for p, e in table.items() if (w := _worsen(e, rnd)) is not None]
    if not candidates:
        return
    path, worse = rnd.choice(candidates)
    before = _tier(rules, year, table)
    after = _tier(rules, year, {**table, path: worse})
    assert rank(after) >= rank(before), f"{path} -> {worse.values} improved {before} to {after}"


def _leaves(node):
    if "evidence" in node:
        yield node
    for child in node.get("children", []):
        yield from _leaves(child)


def _shuffled(value, rnd):
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: _shuffled(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


BELARUS_DATA = yaml.safe_load(BELARUS.read_text())


def _write(tmp_path, data, name="belarus_2025.yaml"):
    target = tmp_path / name
    if not (tmp_path / "sources").exists():  # a copy: symlinks out of the evidence tree are refused
        shutil.copytree(ROOT / "evidence" / "sources" / "2025", tmp_path / "sources" / "2025")
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return target


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6))
def test_result_does_not_depend_on_order_of_facts_or_keys(rules, tmp_path, seed):
    reference = assess_file(BELARUS, rules).to_dict()
    shuffled = assess_file(_write(tmp_path, _shuffled(BELARUS_DATA, random.Random(seed))), rules).to_dict()
    for key in ("tier", "findings", "justification", "not_reached", "deciding_rule"):
        assert _without_paths(shuffled[key]) == _without_paths(reference[key])


def _without_paths(value):
    """The same result read from another directory differs only in file paths."""
    if isinstance(value, dict):
        return {k: _without_paths(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    return value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.sets(st.sampled_from([f"{g}.{n}" for g, facts in BELARUS_DATA["facts"].items() for n in facts])))
def test_every_justification_leaf_is_a_fact_whose_quote_occurs_in_its_source(rules, tmp_path, drop):
    data = yaml.safe_load(BELARUS.read_text())
    for path in drop:
        group, name = path.split(".")
        del data["facts"][group][name]
    result = assess_file(_write(tmp_path, data), rules).to_dict()
    for leaf in _leaves(result["justification"]):
        if leaf["status"] == "missing" or leaf["evidence"].startswith("history."):
            assert leaf["quote"] is None
            continue
        source = Path(leaf["source"])
        text = load_source(source if source.is_absolute() else ROOT / source)
        assert text.find(leaf["quote"]) == leaf["line"]
