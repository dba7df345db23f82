"""`tierengine history`: a country,year,tier table checked against the Watch List limits."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, Format, RulesOption, app, console, exit_on_errors, load_rules_or_exit, stderr


@app.command()
def history(
    table: Path = typer.Argument(..., help="CSV with a 'country,year,tier' header; lines starting with # are comments.", show_default=False),
    format_: Format = typer.Option(Format.text, "--format", "-f", help="text, json or markdown."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """Apply the engine's history rules (automatic downgrade, waiver limits, one-year rule) to every country-year.

    Reports each year where a waiver must have been granted, each sequence the statute
    forbids (with the rule and its citation) and each gap where the table lacks a year
    needed to decide. Tiers: 1, 2, 2WL, 3, special (or their full names).

    Example:

      tierengine history ../shared/data/tier_history.csv
    """
    from tierengine.analyses.history_check import check_table
    from tierengine.render.history_out import render_json, render_markdown, renderable

    if format_ in (Format.github, Format.html):  # the shared Format has them for assess
        stderr(f"tierengine history: --format {format_.value} is not supported; use text, json or markdown")
        raise typer.Exit(EXIT_INVALID)
    ruleset = load_rules_or_exit(rules)
    with exit_on_errors(table):
        report = check_table(table, ruleset, str(table))
    if format_ is Format.json:
        print(render_json(report))
    elif format_ is Format.markdown:
        print(render_markdown(report))
    else:
        console().print(renderable(report))
