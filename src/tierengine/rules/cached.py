"""A checked rule set from the start-up cache (evidence/cache.py), or loaded and stored.

The entry is keyed by the rule files' names and bytes (and tierengine's code), so any
edit makes it stale. A warm load skips YAML parsing, validation and every check; it
rebuilds the stored specs (spec.py, without pydantic) and parses the same conditions, so
the RuleSet is equal to a cold one (tests/rules/test_cached.py). Problems are never cached:
rule files that fail to load are loaded cold each time, with the same messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tierengine.evidence import cache
from tierengine.evidence.files import read_regular
from tierengine.evidence.yamlsource import MAX_BYTES
from tierengine.rules.conditions import parse
from tierengine.rules.ruleset import Finding, Rule, RuleSet, default_rules_dir, load_rules, rule_files
from tierengine.rules.spec import RuleFile, from_data, to_data

KIND = "rules"


def load_rules_cached(directory: Path | None = None) -> RuleSet:
    """:func:`load_rules`, served from the cache when the rule files have not changed."""
    directory = Path(directory) if directory else default_rules_dir()
    name = _name(directory)
    if name is None:
        return load_rules(directory)
    entry = cache.read(KIND, name)
    if entry is not None:
        try:
            return _from_entry(entry)
        except Exception:  # a corrupt or foreign entry: rebuilt below
            pass
    rules = load_rules(directory)
    try:
        if _name(directory) == name:  # not edited while loading
            cache.write(KIND, name, _to_entry(rules))
    except (TypeError, ValueError):  # a condition JSON cannot hold: loaded cold each time
        pass
    return rules


def _name(directory: Path) -> str | None:
    """The entry's name: the directory as given and every rule file's name and bytes
    (None when caching is off or a file cannot be read; the cold load then reports it)."""
    if cache.directory() is None:
        return None
    parts = [str(directory)]
    try:
        for path in rule_files(directory):
            parts.append(f"{path}\0{hashlib.sha256(read_regular(path, MAX_BYTES)).hexdigest()}")
    except OSError:
        return None
    return cache.key(KIND, *parts) if len(parts) > 1 else None


def _to_entry(rules: RuleSet) -> dict:
    specs = RuleFile(
        manifest=rules.manifest,
        parameters=list(rules.parameters.values()),
        findings=[f.spec for f in rules.findings.values()],
        provisions=rules.provisions,
    )
    return {
        "specs": to_data(specs),
        "places": [[f.file, f.line, [[r.file, r.line] for r in f.rules]] for f in rules.findings.values()],
        "digest": rules.digest,
        "directory": rules.directory,
        "files": rules.files,
    }


def _from_entry(entry: dict) -> RuleSet:
    specs = from_data(RuleFile, entry["specs"])
    findings = {}
    for spec, (file, line, places) in zip(specs.findings, entry["places"], strict=True):
        rules = tuple(Rule(r, spec.id, parse(r.when, ()), rfile, rline) for r, (rfile, rline) in zip(spec.rules, places, strict=True))
        findings[spec.id] = Finding(spec, rules, file, line)
    if specs.manifest is None or len(findings) != len(specs.findings):
        raise ValueError("incomplete entry")
    return RuleSet(specs.manifest, {p.id: p for p in specs.parameters}, findings, entry["digest"], entry["directory"],
                   list(entry["files"]), list(specs.provisions))
