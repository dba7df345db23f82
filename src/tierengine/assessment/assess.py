"""The pipeline for one evidence file: load -> validate -> compile -> evaluate -> explain."""

from __future__ import annotations

from pathlib import Path

from tierengine.engine.compile import compile_year
from tierengine.engine.durable import DurableEngine, shared_engine
from tierengine.errors import EngineError, InputError, Problem
from tierengine.assessment.explain import Explainer, Node, deciding_rule, justification, not_reached
from tierengine.assessment.possible import possible_tiers
from tierengine.assessment.previous import with_previous_findings
from tierengine.evidence.cached import load_evidence_cached
from tierengine.evidence.loaded import LoadedEvidence
from tierengine.evidence.validate import drafted_facts
from tierengine.assessment.result import Assessment
from tierengine.rules.ruleset import RuleSet
from tierengine.tiers import better_tiers


def assess_loaded(loaded: LoadedEvidence, rules: RuleSet, engine: DurableEngine | None = None) -> Assessment:
    """Assess already-validated evidence with ``rules``."""
    year = loaded.report_year
    if not rules.covers(year):
        cov = rules.manifest.coverage
        raise InputError([loaded.doc.problem(("report_year",), f"report year {year} is outside the years the rules cover ({cov})")])
    compiled = compile_year(rules, year)
    engine = engine or shared_engine()
    facts = with_previous_findings(loaded, rules, engine)
    evaluation = engine.evaluate(compiled, facts)
    explainer = Explainer(rules, compiled, facts, evaluation)
    tier_id = rules.manifest.tier_finding
    tier = evaluation.values[tier_id]
    chain = justification(explainer, tier_id)
    decider = deciding_rule(rules, evaluation.chosen, tier_id)
    possible = possible_tiers(rules, compiled, facts, tier, not decider.endswith(".default"), engine)
    published = loaded.comparison
    return Assessment(
        country=loaded.country,
        report_year=year,
        tier=tier,
        published_tier=published.tier,
        published_determination=published.determination,
        justification=chain,
        not_reached=not_reached(explainer, tier_id, better_tiers(tier)),
        findings=dict(evaluation.values),
        decided_by={fid: rule or f"{fid}.default" for fid, rule in evaluation.chosen.items()},
        deciding_rule=decider,
        rules_digest=rules.digest,
        rules_version=rules.manifest.version,
        evidence_file=loaded.path,
        source_file=loaded.source_display,
        possible=possible,
        published_increasing_efforts=published.increasing_efforts,
        unencoded=len(loaded.doc.data.get("unencoded") or ()),
        unconfirmed=unconfirmed(chain, drafted_facts(loaded.doc.data)) if possible.decided else sorted(drafted_facts(loaded.doc.data)),
        tier_history=dict(published.tier_history),
        waiver_years=published.waiver_years,
        labels=rules.labels,
        considered=tuple(fid for fid in rules.recorded_considerations if evaluation.chosen.get(fid)),
    )


def unconfirmed(chain: Node, drafted: dict[str, str]) -> list[str]:
    """The drafted facts the tier rests on: its chain reads them, and no person has confirmed them.
    (An open case rests on all of them: which tiers stay possible depends on every fact.)"""
    found: list[str] = []
    stack = [chain]
    while stack:
        node = stack.pop()
        path = getattr(node, "evidence", None)
        if path in drafted and path not in found:
            found.append(path)
        stack.extend(getattr(node, "children", ()))
    return sorted(found)


def assess_file(path: Path, rules: RuleSet, engine: DurableEngine | None = None, display: str | None = None) -> Assessment:
    """Load, validate and assess one evidence file; raise InputError on bad input."""
    from tierengine.evidence.load import load_evidence

    return assess_loaded(load_evidence(path, display), rules, engine)


def assess_paths(paths: list[Path], rules: RuleSet, engine: DurableEngine | None = None, progress=None, warn=None) -> tuple[list[Assessment], list[Problem]]:
    """Assess every file, continuing past bad ones; problems of all bad files are returned.

    Files are loaded through the start-up cache (evidence/cached.py). ``progress``
    (optional) is called once per file after it is done; ``warn`` (optional)
    once per warning of a file that is assessed anyway (consistency.py).
    """
    assessments: list[Assessment] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            loaded = load_evidence_cached(path, str(path))
            for warning in loaded.warnings if warn else ():
                warn(warning)
            assessments.append(assess_loaded(loaded, rules, engine))
        except InputError as exc:
            problems.extend(exc.problems)
        except EngineError as exc:
            problems.append(Problem(str(path), 1, 1, f"engine error: {exc}"))
        if progress:
            progress(path)
    return assessments, problems
