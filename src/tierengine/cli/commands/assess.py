"""`tierengine assess`: evidence files -> tier, chain and why-not."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.output import STDOUT, write_output
from tierengine.cli.app import EXIT_ENGINE, EXIT_INVALID, EXIT_MISMATCH, Detail, Format, RulesOption, app, emit, load_rules_or_exit, rendered, report_problems


@app.command()
def assess(
    files: list[Path] = typer.Argument(..., help="Evidence files (evidence/<country>_<year>.yaml).", show_default=False),
    format_: Format = typer.Option(Format.text, "--format", "-f", help="text for people, json for machines, markdown for review comments, github for workflow annotations."),
    rules: Optional[Path] = RulesOption,
    fail_on_mismatch: bool = typer.Option(False, "--fail-on-mismatch", help="Exit 1 when a recommendation differs from the published tier."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout (e.g. --format html -o report.html; - is stdout). The file is replaced only once completely written; an input file is never overwritten.", show_default=False),
    detail: Detail = typer.Option(Detail.summary, "--detail", help="text and markdown: summary (the deciding rules, each better tier's first failed conditions) or full (every rule and condition)."),
) -> None:
    """Assess evidence files and explain the recommended tier.

    The tier is derived from the recorded government actions only; the published tier
    is shown for comparison. Several files give a JSON array with --format json.

    Examples:

      tierengine assess evidence/belarus_2025.yaml

      tierengine assess evidence/*.yaml --format json --fail-on-mismatch

      tierengine assess evidence/belarus_2025.yaml --format html -o report.html
    """
    from tierengine.assessment.assess import assess_paths

    ruleset = load_rules_or_exit(rules)
    assessments, problems = assess_paths(files, ruleset, warn=lambda p: print(p, file=sys.stderr))
    if output is None and format_ is not Format.html:
        emit(assessments, format_, many=len(files) > 1, detail=detail)
    elif assessments:
        write_output(output or Path(STDOUT), rendered(assessments, format_, len(files) > 1, ruleset, detail))
    report_problems(problems, format_)
    if problems:
        engine_only = all("engine error" in p.message for p in problems)
        raise typer.Exit(EXIT_ENGINE if engine_only else EXIT_INVALID)
    if fail_on_mismatch and any(a.agrees is False for a in assessments):
        raise typer.Exit(EXIT_MISMATCH)


