"""Fuzzing: arbitrary YAML and mutations of the Belarus file never crash the tool.

Whatever the input, loading and assessing either succeed or fail with problems that
print as one ``file:line:col: message`` line each; the real command exits 0 or 2 and
never shows a traceback. About 200 examples by default; set TIERENGINE_FUZZ_EXAMPLES
(e.g. 5000) for a longer run.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BELARUS, ROOT, run_cli
from tierengine.assessment.assess import assess_loaded
from tierengine.errors import InputError
from tierengine.evidence.load import load_evidence

EXAMPLES = int(os.environ.get("TIERENGINE_FUZZ_EXAMPLES", "200"))
LINE = re.compile(r"^.+:\d+:\d+: .+$")
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
BELARUS_DATA = yaml.safe_load(BELARUS.read_text())

scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats() | st.text(max_size=20) | st.dates()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A directory with the Belarus sources, where each example writes its evidence file."""
    d = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "evidence" / "sources", d / "sources")
    return d


def _paths(data, prefix=()):
    """Every key / index path inside ``data``."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for k, v in items:
        yield prefix + (k,)
        yield from _paths(v, prefix + (k,))


def _parent(data, path):
    for k in path[:-1]:
        data = data[k]
    return data


@st.composite
def mutated_belarus(draw):
    """The Belarus evidence with 1-3 values replaced by random ones, keys deleted or added."""
    import copy

    data = copy.deepcopy(BELARUS_DATA)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(values)
        else:
            parent.append(draw(values))
    return data


def _load_and_assess(path, rules) -> list[str]:
    """Problems as printed, or [] when the file was assessed."""
    try:
        assess_loaded(load_evidence(path, str(path)), rules)
    except InputError as exc:
        return [str(p) for p in exc.problems]
    return []


def _assert_located(lines: list[str]) -> None:
    for line in lines:
        assert "\n" not in line and LINE.match(line), line


@settings(max_examples=max(1, EXAMPLES // 2), **SETTINGS)
@given(text=st.text(max_size=300) | values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)))
def test_arbitrary_yaml_text_is_refused_cleanly(rules, workdir, text):
    path = workdir / "arbitrary.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    problems = _load_and_assess(path, rules)
    assert problems  # nothing random is valid evidence
    _assert_located(problems)


@settings(max_examples=max(1, EXAMPLES // 2), **SETTINGS)
@given(data=mutated_belarus())
def test_mutations_of_belarus_load_or_fail_with_located_problems(rules, workdir, data):
    path = workdir / "mutated.yaml"
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:  # pragma: no cover - unrepresentable keys
        return
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_located(_load_and_assess(path, rules))


@settings(max_examples=max(1, EXAMPLES // 40), **SETTINGS)
@given(data=mutated_belarus())
def test_the_real_command_exits_0_or_2_without_traceback(workdir, data):
    path = workdir / "cli.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8", errors="surrogatepass")
    run = run_cli("assess", str(path), "--format", "json")
    assert run.code in (0, 2), run.err
    assert "Traceback" not in run.err
    _assert_located([line for line in run.err.splitlines() if " warning: " not in line] or [])
    assert all(LINE.match(line) for line in run.err.splitlines())
