"""`tierengine diff OLD_RULES NEW_RULES EVIDENCE...`: what a change to the rules changes."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from tierengine.cli.app import EXIT_INVALID, EXIT_MISMATCH, app, load_rules_or_exit, report_problems


class DiffFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"


@app.command()
def diff(
    old_rules: Path = typer.Argument(..., help="The rule-set directory before the change.", show_default=False),
    new_rules: Path = typer.Argument(..., help="The rule-set directory after the change.", show_default=False),
    paths: list[Path] = typer.Argument(..., help="Evidence files or directories (searched recursively for *.yaml; sources/ skipped).", show_default=False),
    format_: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="text, json, markdown (a pull-request comment) or github (workflow annotations)."),
    fail_on_change: bool = typer.Option(False, "--fail-on-change", help="Exit 1 when any assessment changes."),
) -> None:
    """Assess every evidence file with both rule sets and list the assessments that change.

    For each: the tier before and after, the first finding that differs (evidence upwards)
    and the rule deciding it on each side, with its citation. Summary line: N assessments,
    M changed, by tier transition. Exits 0 even when assessments change (unless
    --fail-on-change), 2 on invalid rules or evidence.

    Example:

      tierengine diff main-rules/ rules/ evidence/ --format markdown
    """
    from tierengine.analyses.diff import diff_paths
    from tierengine.render import diff_out

    old = load_rules_or_exit(old_rules)
    new = load_rules_or_exit(new_rules)
    result = diff_paths(paths, old, new, str(old_rules), str(new_rules))
    render = {DiffFormat.json: diff_out.as_json, DiffFormat.markdown: diff_out.markdown, DiffFormat.github: diff_out.github}.get(format_, diff_out.text)
    sys.stdout.write(render(result))
    report_problems(result.problems, format_)
    if result.problems:
        raise typer.Exit(EXIT_INVALID)
    if fail_on_change and result.changes:
        raise typer.Exit(EXIT_MISMATCH)
