"""The compiled-rules cache: same results with or without it, and a bad cache is only rebuilt."""

from __future__ import annotations

import pickle
import shutil

from tests.conftest import BELARUS, RULES, run_cli
from tierengine.engine.cache import cache_key, load_rules_cached
from tierengine.engine.compile import compile_year


def test_cached_rules_compile_like_fresh_ones(tmp_path, monkeypatch, rules):
    monkeypatch.setenv("TIERENGINE_CACHE_DIR", str(tmp_path))
    first = load_rules_cached(RULES)
    cached = load_rules_cached(RULES)  # now read back from the pickle
    assert cached is not first and cached.digest == rules.digest
    assert compile_year(cached, 2025).durable == compile_year(rules, 2025).durable
    assert list(cached.rules) == list(rules.rules)


def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    env = {"TIERENGINE_CACHE_DIR": str(tmp_path)}
    fresh = run_cli("assess", str(BELARUS), "--format", "json", env=env)
    assert fresh.code == 0, fresh.err
    files = list(tmp_path.glob("rules-*.pickle"))
    assert len(files) == 1
    files[0].write_bytes(b"\x80\x05 not a pickle")
    again = run_cli("assess", str(BELARUS), "--format", "json", env=env)
    assert (again.code, again.out, again.err) == (0, fresh.out, "")
    assert pickle.loads(files[0].read_bytes()).compiled  # rebuilt, with the year it compiled


def test_an_unwritable_cache_dir_costs_only_speed(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    run = run_cli("assess", str(BELARUS), "--format", "json", env={"TIERENGINE_CACHE_DIR": str(blocker / "sub")})
    assert run.code == 0 and run.err == ""


def test_a_changed_rule_file_is_a_new_key(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    before = cache_key(copy)
    target = sorted(copy.rglob("*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key(copy) != before
