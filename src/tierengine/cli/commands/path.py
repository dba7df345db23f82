"""`tierengine path`: the smallest evidence changes that reach a better tier."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import TrainerFormat, EXIT_INVALID, RulesOption, app, exit_on_errors, load_rules_or_exit, stderr


@app.command()
def path(
    file: Path = typer.Argument(..., help="Evidence file.", show_default=False),
    to: str = typer.Option(..., "--to", help="Target tier: 'Tier 1', 'Tier 2', '2WL', 't2' ...", show_default=False),
    max_changes: int = typer.Option(3, "--max-changes", "-n", min=1, max=8, help="Largest change set to search."),
    time_limit: float = typer.Option(10.0, "--time-limit", help="Seconds before the search is cut (the output says so); 0.1 to 600.", show_default=True),
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
    from tierengine.analyses.path import MAX_TIME_LIMIT, find_paths
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
    if not 0.1 <= time_limit <= MAX_TIME_LIMIT:  # also refuses inf and nan
        stderr(f"--time-limit:1:1: {time_limit:g} s is not within 0.1-{MAX_TIME_LIMIT:g} s")
        raise typer.Exit(EXIT_INVALID)
    ruleset = load_rules_or_exit(rules)
    with exit_on_errors(file), _progress() as progress:
        result = find_paths(load_evidence(file, str(file)), ruleset, target, max_changes, time_limit, progress)
    if format_ is TrainerFormat.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(path_out.markdown(result) if format_ is TrainerFormat.markdown else path_out.text(result))


@contextlib.contextmanager
def _progress():
    """A one-line counter on stderr for searches past a second, only on a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    shown = [False]

    def show(size: int, examined: int, seconds: float) -> None:
        if seconds >= 1.0:
            shown[0] = True
            sys.stderr.write(f"\rsearching sets of {size} change(s): {examined:,} examined, {seconds:.0f} s")
            sys.stderr.flush()

    try:
        yield show
    finally:
        if shown[0]:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
