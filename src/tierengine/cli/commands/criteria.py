"""`tierengine criteria`: the standards, criteria and tier provisions in force in a report year."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import TrainerFormat, EXIT_INVALID, RulesOption, app, load_rules_or_exit, stderr


@app.command()
def criteria(
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Report year (default: the current year).", show_default=False),
    id_: Optional[str] = typer.Option(None, "--id", help="Show one provision in detail: C-1, MS-4, 'Tier 2', waiver ...", show_default=False),
    format_: TrainerFormat = typer.Option(TrainerFormat.text, "--format", "-f", help="text, json or markdown."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """The minimum standards, criteria, tiers and Watch List provisions in force in a year.

    Each provision comes with its citation, a plain-language paraphrase and the ids of
    the rules that implement it (read from the rule set, so they follow the rules).

    Examples:

      tierengine criteria --year 2025

      tierengine criteria --year 2025 --id C-1
    """
    import datetime

    from tierengine.rules.criteria import criteria as build
    from tierengine.render import criteria_out

    ruleset = load_rules_or_exit(rules)
    year = year or datetime.date.today().year
    if not ruleset.covers(year):
        stderr(f"--year:1:1: report year {year} is outside the years the rules cover ({ruleset.manifest.coverage})")
        raise typer.Exit(EXIT_INVALID)
    result = build(ruleset, year)
    only = None
    if id_ is not None:
        only = result.find(id_)
        if only is None:
            known = ", ".join(p.id for s in result.sections for p in s.provisions)
            stderr(f"--id:1:1: no provision '{id_}' in force in {year}; known: {known}")
            raise typer.Exit(EXIT_INVALID)
    if format_ is TrainerFormat.json:
        print(json.dumps(only.to_dict() if only else result.to_dict(), indent=2, ensure_ascii=False, default=str))
    elif format_ is TrainerFormat.markdown:
        print(criteria_out.markdown(result, only))
    else:
        print(criteria_out.text(result, only))
