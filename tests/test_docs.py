"""Examples in docs/ run: YAML examples validate, shell examples exit 0."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import ROOT, run_cli

DOCS = ROOT / "docs"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _blocks(name: str, lang: str):
    return [body for kind, body in BLOCK.findall((DOCS / name).read_text()) if kind == lang]


def _tagged(name: str, tag: str) -> str:
    (body,) = [b for b in _blocks(name, "yaml") if b.startswith(f"# doc-example: {tag}")]
    return body


def test_evidence_example_is_valid_evidence(tmp_path):
    from tierengine.evidence.load import load_evidence

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "2025").mkdir()
    (tmp_path / "sources" / "2025" / "belarus.txt").write_bytes((ROOT / "evidence/sources/2025/belarus.txt").read_bytes())
    path = tmp_path / "example.yaml"
    path.write_text(_tagged("evidence.md", "evidence"))
    loaded = load_evidence(path)
    assert loaded.facts["state.forced_labor"].values == {"value": True}
    path.write_text(_tagged("evidence.md", "count"))
    loaded = load_evidence(path)
    assert loaded.facts["prosecution.convictions"].values == {"consecutive_years": 4}
    assert loaded.evidence.unencoded[0].topic == "labor therapy centers"


def test_evidence_doc_names_every_fact():
    from tierengine.evidence.model import evidence_schema

    text = (DOCS / "evidence.md").read_text()
    for path in evidence_schema():
        group, name = path.split(".")
        row = next(line for line in text.splitlines() if line.startswith(f"| `{group}` |"))
        assert f"`{name}`" in row, path


def test_rule_language_examples_load_as_a_rule_set(tmp_path):
    from tierengine.rules.ruleset import load_rules
    from tierengine.tiers import ALL_TIERS

    tier = {"id": "tier", "title": "Tier", "citation": "22 U.S.C. 7107(b)(1)", "layer": "history", "values": list(ALL_TIERS),
            "default": "Tier 3", "default_statement": "The examples decide no tier (the tier finding takes only tiers)."}
    manifest = {"manifest": {"name": "doc", "version": "1", "coverage": {"from": 2001, "to": 2030}}, "findings": [tier]}
    (tmp_path / "00.yaml").write_text(yaml.safe_dump(manifest))
    (tmp_path / "10.yaml").write_text(_tagged("rules.md", "rules"))
    (tmp_path / "20.yaml").write_text(_tagged("rules.md", "parameters"))
    rules = load_rules(tmp_path)
    assert rules.rules["C-12.reduces"].spec.effective.from_ == 2006
    assert rules.parameters["max_waiver_years"].at(2019) == 1


@pytest.mark.parametrize("command", [c for c in _blocks("../README.md", "sh")[2:] for c in c.splitlines() if c.startswith("tierengine ")])
def test_readme_usage_commands_run(command):
    args = shlex.split(command.split("#")[0])[1:]
    args = [str(p) for a in args for p in (sorted(ROOT.glob(a)) if "*" in a else [a])]
    run = run_cli(*args)
    allowed = (0, 1) if "--fail-on-mismatch" in args else (0,)  # 1 = a documented disagreement
    assert run.code in allowed and not re.search(r":\d+:\d+: ", run.err), run.err  # no located problem


def test_readme_puts_tierengine_on_the_path_before_using_it():
    readme = (ROOT / "README.md").read_text()
    use = readme[readme.index("## Use"):]
    assert use.index(". .venv/bin/activate") < use.index("tierengine assess")
