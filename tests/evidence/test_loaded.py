"""What the pipeline reads of a loaded file without the models equals what the models say (evidence/loaded.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tierengine.evidence.cached import load_evidence_cached
from tierengine.evidence.load import load_evidence
from tierengine.evidence.loaded import Comparison

EVIDENCE = sorted((Path(__file__).resolve().parents[2] / "evidence").glob("*.yaml"))


@pytest.mark.parametrize("path", EVIDENCE, ids=lambda p: p.stem)
def test_the_comparison_read_from_data_is_the_models(path):
    loaded = load_evidence(path)
    ev = loaded.evidence
    increasing = ev.published.increasing_efforts
    assert loaded.comparison == Comparison(
        ev.published.tier, ev.published.determination, None if increasing is None else increasing.value,
        dict(ev.history.tiers), tuple(ev.history.waivers),
    )
    assert (loaded.country, loaded.report_year) == (ev.country, ev.report_year)


def test_a_cached_file_builds_its_model_only_when_asked_and_it_is_the_cold_one(tmp_path, monkeypatch):
    monkeypatch.setenv("TIERENGINE_CACHE", str(tmp_path))
    path = next(p for p in EVIDENCE if p.name == "belarus_2025.yaml")
    cold = load_evidence_cached(path)
    warm = load_evidence_cached(path)
    assert cold.validated is not None and warm.validated is None  # served from the cache
    assert warm == cold and warm.evidence == cold.evidence
