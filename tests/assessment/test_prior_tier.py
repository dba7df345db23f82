"""Last year's published tier decides nothing outside the statute's history provisions.

Issue 13: flipping only last year's tier between Tier 1 and Tier 2 moved 11 of 43
recommendations while full compliance was "sustained" from it. No rule may read it now
except the downgrade, waiver, one-year and special watch list provisions, for which Tier 1
and Tier 2 alike end a Watch List run, so no recommendation may move.
"""

from __future__ import annotations

import dataclasses

from conftest import ROOT
from tierengine.assessment.assess import assess_loaded
from tierengine.evidence.facts import HISTORY_PATHS, build_fact_table
from tierengine.evidence.files import evidence_files
from tierengine.evidence.load import load_evidence


def _with_prior_tier(loaded, tier):
    tiers = {**loaded.evidence.history.tiers, loaded.evidence.report_year - 1: tier}
    history = loaded.evidence.history.model_copy(update={"tiers": tiers})
    table = build_fact_table(loaded.evidence.model_copy(update={"history": history}))
    return dataclasses.replace(loaded, facts={**loaded.facts, **{p: table[p] for p in HISTORY_PATHS}})


def test_flipping_last_years_tier_between_tier_1_and_tier_2_moves_no_recommendation(rules):
    moved = []
    for path in evidence_files([ROOT / "evidence"]):
        loaded = load_evidence(path, str(path))
        one, two = (assess_loaded(_with_prior_tier(loaded, t), rules).tier for t in ("Tier 1", "Tier 2"))
        if one != two:
            moved.append(f"{path.name}: {one} / {two}")
    assert moved == []
