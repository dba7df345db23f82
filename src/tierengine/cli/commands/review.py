"""`tierengine review`: many evidence files -> agreement table, summary, consistency findings."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, EXIT_MISMATCH, RulesOption, app, console, load_rules_or_exit, report_problems, stderr


class ReviewFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    github = "github"


def _progress_factory():
    """A rich progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)

    def factory(total: int):
        task = bar.add_task("assessing", total=total)
        return lambda path: bar.update(task, advance=1, description=f"assessing {Path(path).name}")

    return bar, factory


@app.command()
def review(
    paths: list[Path] = typer.Argument(..., help="Evidence files or directories (searched recursively for *.yaml; sources/ skipped).", show_default=False),
    format_: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f", help="text, json, markdown, csv (one row per assessment) or github (workflow annotations)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any recommendation differs from its published tier."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """Assess a set of evidence files and compare every recommendation with its published tier.

    Prints a table (country, year, published, recommended, agrees, deciding rule), exact and
    within-one-step agreement, per-tier recall, the confusion matrix, and consistency findings
    (same findings but different published tiers in one year; a country whose published tier
    moved while its findings did not, or the reverse). Bad files are reported as
    file:line:col: message and the batch goes on (exit 2).

    Examples:

      tierengine review evidence/

      tierengine review evidence/ --format csv > review.csv
    """
    from tierengine.analyses.review import review_paths

    ruleset = load_rules_or_exit(rules)
    bar, factory = _progress_factory()
    warn = lambda p: print(p, file=sys.stderr)  # noqa: E731 - warnings: file:line:col: warning: ...
    if bar is not None:
        with bar:
            result = review_paths(paths, ruleset, factory, warn)
    else:
        result = review_paths(paths, ruleset, warn=warn)
    if not result.assessments and not result.problems:
        stderr(f"{paths[0]}:1:1: no evidence files (*.yaml) found")
        raise typer.Exit(EXIT_INVALID)
    if format_ is ReviewFormat.json:
        from tierengine.render.review_data import render_json

        print(render_json(result))
    elif format_ is ReviewFormat.csv:
        from tierengine.render.review_data import render_csv

        sys.stdout.write(render_csv(result))
    elif format_ is ReviewFormat.markdown:
        from tierengine.render.review_markdown import render

        print(render(result))
    elif format_ is ReviewFormat.github:
        from tierengine.render.github import review_lines

        print("\n".join(review_lines(result)))
    else:
        from tierengine.render.review_text import renderable

        console().print(renderable(result))
    report_problems(result.problems, format_)
    if result.problems:
        raise typer.Exit(EXIT_INVALID)
    if strict and result.disagreements:
        raise typer.Exit(EXIT_MISMATCH)
