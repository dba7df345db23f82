"""`tierengine path`: minimal, verified change sets; checked against brute force.

The pair-wise brute force through the real engine takes tens of seconds; it runs when
TIERENGINE_SLOW_TESTS=1 is set.
"""

from __future__ import annotations

import itertools
import os
import shlex

import pytest

from conftest import BELARUS, run_cli


@pytest.fixture(scope="module")
def to_tier2():
    run = run_cli("path", str(BELARUS), "--to", "Tier 2", "--format", "json")
    assert run.code == 0, run.err
    return run.json()


def test_belarus_to_tier2_finds_minimal_sets_smallest_first(to_tier2):
    data = to_tier2
    assert data["tier"] == "Tier 3" and data["target"] == "Tier 2" and data["cut"] is None
    assert data["exhaustive_up_to"] == 3
    sets = data["sets"]
    assert sets, "Belarus can reach Tier 2 with three changes"
    sizes = [s["size"] for s in sets]
    assert sizes == sorted(sizes)
    keys = [frozenset(c["set"] for c in s["changes"]) for s in sets]
    for a, b in itertools.permutations(keys, 2):
        assert not a < b, f"{sorted(b)} is not minimal: it contains {sorted(a)}"
    for s in sets:
        assert s["verified"] is True and s["tier"] in ("Tier 1", "Tier 2")
        for change in s["changes"]:
            assert change["now_fires"] or change["stops_firing"], f"{change['set']} is not tied to any rule"
            for rule in change["now_fires"] + change["stops_firing"]:
                assert rule["citation"].startswith(("22 U.S.C.", "TIP Report"))
    # every minimal set lifts the policy or pattern of forced labour
    assert all("state.forced_labor=false" in k for k in keys)


def test_every_set_reaches_the_tier_through_the_real_whatif_command(to_tier2):
    for s in to_tier2["sets"][:1]:
        run = run_cli("whatif", str(BELARUS), *shlex.split(s["whatif"]), "--format", "json")
        assert run.code == 0, run.err
        assert run.json()["after"]["tier"] == "Tier 2"


def _single_changes():
    """Every fact of the schema set to every value of a generic domain, independent of the rules."""
    from tierengine.evidence.model import evidence_schema
    from tierengine.analyses.whatif import Change, settable_fields

    domain = {
        "bool": [True, False],
        "count": [0, 1, 2, 1000],
        "trend": ["increased", "maintained", "decreased"],
    }
    for path, cls in evidence_schema().items():
        yield Change(path, None, "not_reported")
        yield Change(path, None, "missing")
        if cls.kind == "penalty":
            for y in (0, 3, 4, 5, 20):
                yield Change(path, "max_years", y)
            for v in (True, False):
                yield Change(path, "fine_alternative", v)
            continue
        for v in domain[cls.kind]:
            yield Change(path, "value", v)
        if "prior" in settable_fields(cls):
            for v in (0, 100):
                yield Change(path, "prior", v)


def test_no_single_change_reaches_tier2_by_brute_force(to_tier2, rules, belarus):
    """Exhaustive over every fact and a generic value domain, through the real engine."""
    from tierengine.assessment.assess import assess_loaded
    from tierengine.errors import InputError
    from tierengine.analyses.path import reaches
    from tierengine.analyses.whatif import apply_changes

    tried = 0
    for change in _single_changes():
        try:
            changed = apply_changes(belarus, [change])
        except InputError:  # invalid evidence (e.g. contradicts another fact) is not a possible change
            continue
        tried += 1
        tier = assess_loaded(changed, rules).tier
        assert not reaches(tier, "Tier 2"), f"{change.as_set()} alone reaches {tier}; the path search missed it"
    assert tried > 200
    assert min(s["size"] for s in to_tier2["sets"]) > 1


@pytest.mark.skipif(not os.environ.get("TIERENGINE_SLOW_TESTS"), reason="slow: set TIERENGINE_SLOW_TESTS=1")
def test_no_pair_of_candidate_changes_reaches_tier2(to_tier2, rules, belarus):
    """Every pair of the candidates the rules give, through the real engine: the smallest set has three."""
    from tierengine.assessment.assess import assess_loaded
    from tierengine.analyses.path import Searcher, reaches
    from tierengine.analyses.whatif import apply_changes

    searcher = Searcher(belarus, rules)
    cands = [c.change for c in searcher.candidates()]
    assert len(cands) == to_tier2["candidates"]
    for a, b in itertools.combinations(cands, 2):
        if a.path == b.path:
            continue
        extra = searcher.followups([a, b])
        if extra is None:
            continue
        tier = assess_loaded(apply_changes(belarus, [a, b, *extra]), rules).tier
        assert not reaches(tier, "Tier 2"), f"{a.as_set()} + {b.as_set()} reaches {tier}"
    assert all(s["size"] == 3 for s in to_tier2["sets"])


def test_text_output_names_rules_citations_and_a_whatif_line():
    run = run_cli("path", str(BELARUS), "--to", "2")
    assert run.code == 0, run.err
    assert "exhaustive up to 3 changes" in run.out
    assert "no longer   policy_or_pattern.found [22 U.S.C. 7107(b)(3)(B)" in run.out
    assert "try: tierengine whatif" in run.out and "--set state.forced_labor=false" in run.out


def test_time_bound_says_where_it_cut():
    run = run_cli("path", str(BELARUS), "--to", "Tier 1", "--max-changes", "6", "--time-limit", "0.2", "--format", "json")
    assert run.code == 0, run.err
    data = run.json()
    assert data["cut"] and "time limit" in data["cut"]
    assert data["exhaustive_up_to"] < 6


def test_target_already_reached():
    data = run_cli("path", str(BELARUS), "--to", "Tier 3", "--format", "json").json()
    assert data["already_reached"] is True and data["sets"] == []


@pytest.mark.parametrize("target", ["Tier 9", "Special Case"])
def test_bad_target_is_exit_2(target):
    run = run_cli("path", str(BELARUS), "--to", target)
    assert run.code == 2 and run.err.startswith("--to:1:1:") and "Traceback" not in run.err


def test_rule_on_a_count_change_yields_a_candidate(tmp_path, belarus):
    """Candidates follow the rules: a new rule on value-minus-prior adds a change of the value."""
    import shutil

    from conftest import RULES
    from tierengine.analyses.path import Searcher
    from tierengine.rules.ruleset import load_rules

    shutil.copytree(RULES, tmp_path / "rules")
    criteria = tmp_path / "rules" / "20_criteria.yaml"
    extra = """      - id: C-2.ngo_drop
        citation: 22 U.S.C. 7106(b)(2)
        effective: {from: 2001}
        when: {fact: protection.ngo_victims_identified, field: change, lt: -10}
        then: not_met
        statement: NGO-identified victims fell sharply.
      - id: C-2.identified_and_assisted
"""
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("      - id: C-2.identified_and_assisted\n", extra, 1), encoding="utf-8")
    changes = [c.change.as_set() for c in Searcher(belarus, load_rules(tmp_path / "rules")).candidates()]
    # Belarus: 56 now, 85 before (change -29); 75 is the smallest value that is no longer a drop of more than 10
    assert "protection.ngo_victims_identified=75" in changes


@pytest.mark.parametrize("limit", ["inf", "nan", "601", "0", "-1"])
def test_the_time_limit_is_bounded(limit):
    """Issue 11 item 13: --time-limit inf was accepted (and nan would never cut)."""
    run = run_cli("path", str(BELARUS), "--to", "2", "--time-limit", limit, timeout=30)
    assert run.code == 2 and run.err.startswith("--time-limit:1:1: ") and "within 0.1-600 s" in run.err


def test_find_paths_refuses_an_unbounded_limit(belarus, rules):
    from tierengine.analyses.path import find_paths

    for limit in (float("inf"), float("nan"), 0.0):
        with pytest.raises(ValueError):
            find_paths(belarus, rules, "Tier 2", 1, limit)


def test_progress_shows_on_a_terminal_only_for_searches_past_a_second():
    import pty
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).parent / "tierengine")
    args = [exe, "path", str(BELARUS), "--to", "1", "-n", "8", "--time-limit", "1.6"]
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=slave, timeout=60)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert b"\rsearching sets of " in shown and b" examined, 1 s" in shown and shown.endswith(b"\r\x1b[K")
    plain = subprocess.run(args, capture_output=True, timeout=60)  # stderr is a pipe: no progress
    assert b"searching" not in plain.stderr
