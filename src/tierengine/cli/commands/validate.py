"""`tierengine validate`: schema and quote checks only, fast enough for pre-commit."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from tierengine.cli.app import EXIT_INVALID, app, stderr


class ValidateFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: list[Path] = typer.Argument(..., help="Evidence files or directories (searched recursively for *.yaml, skipping sources/).", show_default=False),
    format_: ValidateFormat = typer.Option(ValidateFormat.text, "--format", "-f", help="text: problems on stderr; json: a report on stdout; github: workflow annotations."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line when everything is valid."),
) -> None:
    """Check evidence files against the schema and their quotes against the sources.

    No rules are evaluated. Problems are printed as file:line:col: message and the exit
    code is 2 when there is any, as with assess.

    Examples:

      tierengine validate evidence/

      tierengine validate evidence/belarus_2025.yaml --format github
    """
    from tierengine.evidence.validate import validate_paths

    report = validate_paths(paths)
    if format_ is ValidateFormat.json:
        import json

        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    if format_ is ValidateFormat.github:
        from tierengine.render.github import problem, warning

        for p in report.problems:
            print(problem(p))
        for w in report.warnings:
            print(warning(w))
    else:
        for p in report.problems + report.warnings:
            stderr(str(p))
    n = len(report.files)
    files = f"{n} evidence file{'s' if n != 1 else ''}"
    if not report.files:
        stderr("no evidence files found")
    elif report.ok:
        if not quiet:
            stderr(f"{files} valid")
    else:
        bad = n - len(report.valid)
        stderr(f"{bad} of {files} invalid ({len(report.problems)} problem{'s' if len(report.problems) != 1 else ''})")
    if not report.ok:
        raise typer.Exit(EXIT_INVALID)
