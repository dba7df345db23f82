"""The previous year's assessment, as the facts C-11 compares this year's with.

22 U.S.C. 7106(b)(11) asks for "appreciable progress ... when compared to the assessment in
the previous year". Where the previous year's evidence file of the country is known (beside
this one or named in ``history.previous_evidence``), it is evaluated with the same rules for
its own report year, and each criterion's finding becomes the fact ``previous.C-n``, labelled
with that file and the rule that decided it. It never recurses: the previous file is loaded
without its own previous file (evidence/load.py), so its ``previous.*`` facts stay missing. It
is one engine evaluation, without explanation or possible-tier search.
"""

from __future__ import annotations

import dataclasses

from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine
from tierengine.evidence.facts import PREVIOUS_PATHS, REPORTED, FactEntry
from tierengine.evidence.loaded import LoadedEvidence
from tierengine.rules.ruleset import RuleSet


def with_previous_findings(loaded: LoadedEvidence, rules: RuleSet, engine: DurableEngine) -> dict[str, FactEntry]:
    """``loaded.facts`` with ``previous.C-n`` from the previous year's file, when there is one the rules cover."""
    previous = loaded.previous
    if previous is None or not rules.covers(previous.report_year):
        return loaded.facts
    year = previous.report_year
    evaluation = engine.evaluate(compile_year(rules, year), previous.facts)
    facts = dict(loaded.facts)
    for path in PREVIOUS_PATHS:
        criterion = path.split(".", 1)[1]
        value = evaluation.values[criterion]
        rule = evaluation.chosen.get(criterion) or f"{criterion}.default"
        how = f"assessed from {previous.path} with the same rules for {year}: {criterion} {value} ({rule})"
        facts[path] = dataclasses.replace(facts[path], status=REPORTED, values={"value": value}, source=previous.path, derived=how)
    return facts
