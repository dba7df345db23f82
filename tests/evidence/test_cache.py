"""The start-up cache: warm loads equal cold ones, stale and corrupt entries are rebuilt,
and a cache that cannot be written changes nothing (evidence/cache.py, evidence/cached.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from tierengine.evidence import cache
from tierengine.evidence.cached import load_evidence_cached
from tierengine.evidence.load import load_evidence

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "evidence").glob("*.yaml"))


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache of this test only."""
    monkeypatch.setenv("TIERENGINE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def entries(directory: Path, kind: str) -> list[Path]:
    return sorted(directory.glob(f"{kind}-*.json"))


def test_yaml_data_survives_the_json_codec():
    data = {"a": [1, 2.5, True, None, "x"], 3: {dt.date(2024, 1, 2): dt.datetime(2024, 1, 2, 3, 4)}, False: ()}
    back = cache.decode(json.loads(json.dumps(cache.encode(data))))
    assert back == {**data, False: []}
    assert type(next(iter(back[3]))) is dt.date


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_warm_load_equals_the_cold_load(path, fresh_cache):
    display = f"evidence/{path.name}"
    cold = load_evidence_cached(path, display)
    assert len(entries(fresh_cache, "evidence")) == 1
    warm = load_evidence_cached(path, display)
    assert warm == cold == load_evidence(path, display)
    assert warm.doc.positions == cold.doc.positions and warm.warnings == cold.warnings


@pytest.fixture
def pair(tmp_path):
    """A two-year pair whose later file carries the law from the earlier one."""
    (tmp_path / "sources").mkdir()
    texts = {2024: "The law criminalized sex trafficking.\n", 2025: "The government convicted 15 traffickers.\n"}
    facts = {2024: "criminalizes_sex_trafficking:\n      value: true\n      quote: The law criminalized sex trafficking.",
             2025: "convictions:\n      value: 15\n      quote: The government convicted 15 traffickers."}
    for year in (2024, 2025):
        (tmp_path / "sources" / f"testland_{year}.txt").write_text(texts[year])
        (tmp_path / f"testland_{year}.yaml").write_text(
            f"country: Testland\nreport_year: {year}\nsource: sources/testland_{year}.txt\nfacts:\n  prosecution:\n    {facts[year]}\n"
        )
    return tmp_path


def test_an_edited_input_makes_the_entry_stale(pair, fresh_cache):
    path = pair / "testland_2025.yaml"
    law = "prosecution.criminalizes_sex_trafficking"
    assert load_evidence_cached(path).facts[law].status == "reported"  # carried from 2024
    # the previous year's file changes: the carried fact follows it
    prev = pair / "testland_2024.yaml"
    prev.write_text(prev.read_text().replace("value: true", "value: false"))
    assert load_evidence_cached(path).facts[law].value is False
    # the previous year's file goes away: nothing is carried
    prev.unlink()
    assert load_evidence_cached(path).facts[law].status == "missing"
    # the narrative changes: the quote's line follows it
    source = pair / "sources" / "testland_2025.txt"
    source.write_text("Preamble.\n" + source.read_text())
    assert load_evidence_cached(path).facts["prosecution.convictions"].quote_lines == (2,)
    # the evidence file changes
    path.write_text(path.read_text().replace("value: 15", "value: 16").replace("convicted 15", "convicted 16"))
    source.write_text("The government convicted 16 traffickers.\n")
    assert load_evidence_cached(path).facts["prosecution.convictions"].value == 16


def test_an_edited_named_previous_file_makes_the_entry_stale(pair, fresh_cache):
    """history.previous_evidence names the previous year's file elsewhere: the cache checks that file."""
    archive = pair / "archive"
    archive.mkdir()
    (pair / "testland_2024.yaml").rename(archive / "testland_2024.yaml")
    (archive / "sources").mkdir()
    (pair / "sources" / "testland_2024.txt").rename(archive / "sources" / "testland_2024.txt")
    path = pair / "testland_2025.yaml"
    path.write_text(path.read_text().replace("facts:", "history:\n  previous_evidence: archive/testland_2024.yaml\nfacts:"))
    law = "prosecution.criminalizes_sex_trafficking"
    assert load_evidence_cached(path).facts[law].value is True  # carried from the named file
    assert load_evidence_cached(path).facts[law].value is True  # warm
    prev = archive / "testland_2024.yaml"
    prev.write_text(prev.read_text().replace("value: true", "value: false"))
    assert load_evidence_cached(path).facts[law].value is False


def test_a_corrupt_entry_is_ignored_and_rebuilt(pair, fresh_cache):
    path = pair / "testland_2025.yaml"
    cold = load_evidence_cached(path)
    for garbage in (b"\x00garbage{", b"[]", json.dumps({"format": cache.FORMAT, "loaded": 1}).encode(),
                    json.dumps({"format": cache.FORMAT, "source": ["x", "y"], "source_digest": "0"}).encode()):
        (entry,) = entries(fresh_cache, "evidence")
        entry.write_bytes(garbage)
        assert load_evidence_cached(path) == cold
        assert entry.read_bytes() != garbage  # rewritten


def test_an_unwritable_cache_changes_nothing(pair, tmp_path, monkeypatch):
    path = pair / "testland_2025.yaml"
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    monkeypatch.setenv("TIERENGINE_CACHE", str(blocked / "cache"))
    assert load_evidence_cached(path) == load_evidence(path)
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    os.chmod(readonly, 0o555)
    monkeypatch.setenv("TIERENGINE_CACHE", str(readonly))
    try:
        assert load_evidence_cached(path) == load_evidence(path)
    finally:
        os.chmod(readonly, 0o755)


def test_disabled_cache_reads_and_writes_nothing(pair, fresh_cache, monkeypatch):
    monkeypatch.setenv("TIERENGINE_NO_CACHE", "1")
    load_evidence_cached(pair / "testland_2025.yaml")
    assert not fresh_cache.exists()


def test_bad_evidence_is_never_cached(pair, fresh_cache):
    from tierengine.errors import InputError

    path = pair / "testland_2025.yaml"
    path.write_text(path.read_text().replace("convicted 15", "convicted 14"))
    for _ in range(2):
        with pytest.raises(InputError, match="quote not found"):
            load_evidence_cached(path)
    assert not entries(fresh_cache, "evidence")


def test_a_source_link_pointing_elsewhere_makes_the_entry_stale(pair, fresh_cache):
    from tierengine.errors import InputError

    path = pair / "testland_2025.yaml"
    real = pair / "sources" / "testland_2025.txt"
    (pair / "sources" / "real.txt").write_bytes(real.read_bytes())
    real.unlink()
    real.symlink_to(pair / "sources" / "real.txt")
    load_evidence_cached(path)
    outside = pair.parent / f"{pair.name}-outside.txt"
    outside.write_bytes((pair / "sources" / "real.txt").read_bytes())
    real.unlink()
    real.symlink_to(outside)  # same bytes, but now outside the evidence directory
    with pytest.raises(InputError, match="points outside the evidence directory"):
        load_evidence_cached(path)


def test_the_cache_keeps_only_the_newest_entries(fresh_cache, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(5):
        cache.write("evidence", f"n{i}", {"i": i})
        os.utime(fresh_cache / f"evidence-n{i}.json", ns=(i * 10**9, i * 10**9))
    assert sorted(p.name for p in fresh_cache.iterdir()) == ["evidence-n2.json", "evidence-n3.json", "evidence-n4.json"]
    assert cache.read("evidence", "n4")["i"] == 4 and cache.read("evidence", "n0") is None
