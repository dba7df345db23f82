"""`tierengine whatif`: change facts, re-assess, and show what moved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import RulesOption, TrainerFormat, app, exit_on_errors, load_rules_or_exit


@app.command()
def whatif(
    file: Path = typer.Argument(..., help="Evidence file.", show_default=False),
    sets: list[str] = typer.Option(..., "--set", "-s", help="PATH=VALUE, e.g. prosecution.convictions=3, state.forced_labor=false, protection.victims_identified=not_reported, prosecution.penalties.max_years=8. Repeatable.", show_default=False),
    format_: TrainerFormat = typer.Option(TrainerFormat.text, "--format", "-f", help="text, json or markdown."),
    chain: bool = typer.Option(False, "--chain", help="Also print the full assessment after the changes."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """Re-assess with hypothetical changes and show the tier before and after.

    Changed facts are validated like any evidence and labelled hypothetical (they carry
    no source quote). VALUE is true/false, a whole number, a trend
    (increased/maintained/decreased), or not_reported / missing for the reporting status.

    Examples:

      tierengine whatif evidence/belarus_2025.yaml --set state.forced_labor=false

      tierengine whatif evidence/belarus_2025.yaml --set prosecution.convictions=3 --set prosecution.trend=maintained
    """
    from tierengine.evidence.load import load_evidence
    from tierengine.render import whatif_out
    from tierengine.analyses.whatif import parse_sets
    from tierengine.analyses.whatif import whatif as run_whatif

    ruleset = load_rules_or_exit(rules)
    with exit_on_errors(file):
        changes = parse_sets(sets)
        result = run_whatif(load_evidence(file, str(file)), ruleset, changes)
    if format_ is TrainerFormat.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    print(whatif_out.markdown(result) if format_ is TrainerFormat.markdown else whatif_out.text(result))
    if chain:
        from tierengine.cli.app import Detail, Format, emit

        print()
        emit([result.after.assessment], Format.markdown if format_ is TrainerFormat.markdown else Format.text, many=False, detail=Detail.full)
