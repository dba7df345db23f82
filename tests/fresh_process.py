"""Evaluate fact tables in a fresh process: the baseline a long-lived engine must match.

Reads ``[[year, {path: [kind, status, values]}], ...]`` as JSON on stdin and prints
``[[values, chosen, sorted fired], ...]``, one engine for the process as the CLI has.
Used by tests/engine/test_engine_scale.py and bench/scale.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tierengine.evidence.facts import FactEntry


def encode(year: int, table: dict[str, FactEntry]) -> list:
    return [year, {p: [e.kind, e.status, e.values] for p, e in table.items()}]


def decode(item: list) -> tuple[int, dict[str, FactEntry]]:
    year, raw = item
    return year, {p: FactEntry(p, kind, status, values) for p, (kind, status, values) in raw.items()}


def result(evaluation) -> list:
    return [evaluation.values, evaluation.chosen, sorted(evaluation.fired)]


def main() -> None:
    from tierengine.engine.compile import compile_year
    from tierengine.engine.durable import DurableEngine
    from tierengine.rules.ruleset import load_rules

    rules = load_rules(Path(sys.argv[1]))
    engine = DurableEngine()
    out = []
    for item in json.load(sys.stdin):
        year, table = decode(item)
        out.append(result(engine.evaluate(compile_year(rules, year), table)))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
