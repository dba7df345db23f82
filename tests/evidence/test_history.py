"""Derived history facts: Watch List runs counted from the 2009 report, waivers, gaps."""

from tierengine.evidence.history import derive

WL = "Tier 2 Watch List"


def test_consecutive_watch_list_years_and_waivers():
    h = derive({2010: "Tier 2", 2011: WL, 2012: WL, 2013: WL}, [2013], 2014)
    assert (h.prior_tier, h.consecutive_watch_list_years, h.waiver_years_in_run) == (WL, 3, 1)


def test_years_before_2009_do_not_count():
    assert derive({2007: WL, 2008: WL}, [], 2009).consecutive_watch_list_years == 0


def test_a_gap_makes_the_run_undecidable():
    assert derive({2020: WL}, [], 2022).consecutive_watch_list_years is None


def test_downgrade_after_a_full_run_is_remembered():
    h = derive({2019: WL, 2020: WL, 2021: "Tier 3", 2022: WL}, [], 2023)
    assert h.downgraded_after_full_run is True and h.consecutive_watch_list_years == 1
