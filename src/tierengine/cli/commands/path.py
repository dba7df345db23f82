"""`tierengine path`: the smallest evidence changes that reach a better tier."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import TrainerFormat, EXIT_INVALID, RulesOption, app, exit_on_errors, load_rules_or_exit, stderr


@app.command()
def path(
    file: Path = typer.Argument(..., help="Evidence file.", show_default=False),
    to: str = typer.Option(..., "--to", help="Target tier: 'Tier 1', 'Tier 2', '2WL', 't2' ...", show_default=False),
    max_changes: int = typer.Option(3, "--max-changes", "-n", min=1, max=8, help="Largest change set to search."),
    time_limit: float = typer.Option(10.0, "--time-limit", min=0.1, help="Seconds before the search is cut (the output says so)."),
    format_: TrainerFormat = typer.Option(TrainerFormat.text, "--format", "-f", help="text, json or markdown."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """Minimal sets of evidence changes under which the rules reach TIER or better.

    Candidate changes come from the rules in force (flip a fact, report unreported data,
    move a trend, cross a threshold). Smallest sets first; supersets of a set found are
    not shown; every set is verified by a real assessment.

    Example:

      tierengine path evidence/belarus_2025.yaml --to "Tier 2"
    """
    from tierengine.evidence.load import load_evidence
    from tierengine.analyses.path import find_paths
    from tierengine.render import path_out
    from tierengine.tiers import SPECIAL_CASE, normalise_tier

    try:
        target = normalise_tier(to)
    except ValueError as exc:
        stderr(f"--to:1:1: {exc}")
        raise typer.Exit(EXIT_INVALID)
    if target == SPECIAL_CASE:
        stderr("--to:1:1: Special Case is not a tier a government can work towards; choose Tier 1, Tier 2 or Tier 2 Watch List")
        raise typer.Exit(EXIT_INVALID)
    ruleset = load_rules_or_exit(rules)
    with exit_on_errors(file):
        result = find_paths(load_evidence(file, str(file)), ruleset, target, max_changes, time_limit)
    if format_ is TrainerFormat.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(path_out.markdown(result) if format_ is TrainerFormat.markdown else path_out.text(result))
