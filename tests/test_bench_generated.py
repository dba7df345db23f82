"""The benchmark's generated evidence is valid and every file assesses through the real CLI.

bench/generate.py varies every fact at random (absent, not reported, any valid value), so
it reaches explanation paths the hand-written corpus does not: it found that a status test
(``is: unknown``) on a reported fact crashed the why-not explanation.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT, bench_module, run_cli


def _generate():
    return bench_module("generate").generate


def test_generated_files_review_cleanly_with_a_justification_each(tmp_path):
    paths = _generate()(30, tmp_path, seed=7)
    result = run_cli("review", str(tmp_path), "--format", "json")
    assert result.code == 0, result.err
    assert "internal error" not in result.err
    data = json.loads(result.out)
    assert data["problems"] == []
    assert len(data["assessments"]) == len(paths) == 30
    assert len({a["country"] for a in data["assessments"]}) == 30


def test_why_not_reports_the_status_of_a_reported_fact_under_a_status_test(tmp_path):
    # a status test failing on a reported fact is rare in random evidence (the format has
    # many facts); 80 files reach it
    paths = _generate()(80, tmp_path, seed=7)
    result = run_cli("assess", *map(str, paths), "--format", "json")
    assert result.code == 0, result.err
    text = json.dumps(result.json())
    assert re.search(r'"condition": "[a-z_.]+ is [a-z ]+", "actual": "reported"', text)
