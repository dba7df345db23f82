"""bench/intercoder.py computes Krippendorff's alpha correctly and pairs encodings by file."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, bench_module


def _module():
    return bench_module("intercoder")


def test_alpha_matches_krippendorffs_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units,
    # missing values; nominal alpha = 0.743.
    rows = [
        "1 2 3 3 2 1 4 1 2 . . .",
        "1 2 3 3 2 2 4 1 2 5 . 3",
        ". 3 3 3 2 3 4 2 2 5 1 .",
        "1 2 3 3 2 4 4 1 2 5 1 .",
    ]
    table = [r.split() for r in rows]
    units = [[row[i] for row in table if row[i] != "."] for i in range(12)]
    assert _module().alpha(units) == pytest.approx(0.743, abs=0.001)


def test_alpha_is_one_for_identical_codings_and_undefined_without_variation():
    alpha = _module().alpha
    assert alpha([["a", "a"], ["b", "b"], ["a", "a"]]) == pytest.approx(1.0)
    assert alpha([["a", "a"], ["a", "a"]]) is None
    assert alpha([["a", "b"], ["b", "a"]]) < 0  # systematic disagreement is worse than chance


def test_compare_pairs_files_and_counts_disagreements(tmp_path):
    import yaml

    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
    shutil.copy(ROOT / "evidence" / "belarus_2025.yaml", a / "belarus_2025.yaml")
    shutil.copy(ROOT / "evidence" / "kenya_2022.yaml", a / "unpaired_2022.yaml")
    data = yaml.safe_load((ROOT / "evidence" / "belarus_2025.yaml").read_text(encoding="utf-8"))
    data["facts"]["state"]["forced_labor"]["value"] = False  # coder B reads one fact differently
    del data["facts"]["prosecution"]["convictions"]  # and leaves another silent
    (b / "belarus_2025.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = _module().compare(a, b, with_tier=False)
    assert result["narratives"] == ["belarus_2025"]
    assert dict(result["most_disagreed"]) == {"state.forced_labor": 1, "prosecution.convictions": 1}
    assert result["raw_agreement"] == pytest.approx((result["units"] - 2) / result["units"])
    assert result["alpha_coded"] < 1.0


def test_reading_is_the_main_value_of_a_fact():
    reading = _module().reading
    assert reading({"reported": False, "quote": "x"}) == "not reported"
    assert reading({"value": 3, "quote": "x"}) == "3"
    assert reading({"value": True, "quote": "x", "scope": "one state"}) == "true"
    assert reading({"max_years": 15, "min_years": 5, "quote": "x"}) == "15"
    assert reading({"some": True, "quote": "x"}) == "some"


@pytest.mark.parametrize("round_", ["round1", "round2"])
def test_the_study_numbers_in_the_codebook_come_from_the_committed_encodings(round_):
    """docs/codebook.md reports each round's alpha; recomputing it from bench/intercoder/ must
    give the same figures (a stale table is a bug, not a threshold: nothing asserts a level)."""
    data = ROOT / "bench" / "intercoder" / round_
    result = _module().compare(data / "coderA", data / "coderB", with_tier=False)
    doc = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith(f"| {round_[-1]} |"))
    assert f"{result['alpha_all']:.3f}" in row and f"{result['alpha_coded']:.3f}" in row
    assert f"{result['units']} / {result['coded_units']}" in row
