"""`tierengine check`: the rule-set checker CI runs before any rule decides anything."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, app, stderr


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    rules_dir: Optional[Path] = typer.Argument(None, help="Rule-set directory (default: the rules shipped with tierengine).", show_default=False),
    format_: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text: file:line:col: severity: message on stderr; json: a report on stdout."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> None:
    """Check a rule set: citations, unknown facts and findings, operators, reads of
    `published`, cycles, every year compiling, one version of each provision per report
    year (2001-2030), overlapping rules, findings nothing concludes, and gaps in the tier
    decision tables.

    Exit 2 when there is an error (or, with --strict, a warning); 0 otherwise.

    Examples:

      tierengine check rules/

      tierengine check rules/ --format json
    """
    from tierengine.analyses.check import ERROR, check_rules

    issues = check_rules(rules_dir)
    errors = sum(i.severity == ERROR for i in issues)
    warnings = len(issues) - errors
    failed = errors > 0 or (strict and warnings > 0)
    if format_ is CheckFormat.json:
        import json

        print(json.dumps({"ok": not failed, "errors": errors, "warnings": warnings, "issues": [i.to_dict() for i in issues]}, indent=2))
    else:
        for issue in issues:
            stderr(str(issue))
        stderr(f"{errors} error(s), {warnings} warning(s)")
    if failed:
        raise typer.Exit(EXIT_INVALID)
