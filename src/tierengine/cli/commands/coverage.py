"""`tierengine coverage`: which rules and decision-table rows the evidence exercised."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, EXIT_MISMATCH, RulesOption, app, stderr


class CoverageFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def coverage(
    paths: list[Path] = typer.Argument(..., help="Evidence files or directories (searched for *.yaml, skipping sources/).", show_default=False),
    threshold: Optional[float] = typer.Option(None, "--threshold", min=0, max=100, help="Exit 1 when fewer than this percentage of the rules in force were fired."),
    format_: CoverageFormat = typer.Option(CoverageFormat.text, "--format", "-f", help="text for people, json for machines."),
    rules: Optional[Path] = RulesOption,
) -> None:
    """Report the rules the evidence fired and the decision-table rows it decided, and
    name those it never did.

    The percentage counts rules in force in at least one assessed report year. Invalid
    files are reported as file:line:col: message and give exit 2.

    Examples:

      tierengine coverage evidence/

      tierengine coverage evidence/ tests/fixtures/hostile/valid.yaml --threshold 60
    """
    from tierengine.cli.app import load_rules_or_exit
    from tierengine.analyses.coverage import measure

    ruleset = load_rules_or_exit(rules)
    cov, problems = measure(paths, ruleset)
    report = cov.to_dict()
    if format_ is CoverageFormat.json:
        import json

        print(json.dumps(report, indent=2))
    else:
        _print_text(report)
    for problem in problems:
        stderr(str(problem))
    if problems or not cov.files:
        if not cov.files and not problems:
            stderr("no evidence files found")
        raise typer.Exit(EXIT_INVALID)
    if threshold is not None and report["rules"]["percent"] < threshold:
        stderr(f"rule coverage {report['rules']['percent']}% is below the threshold of {threshold:g}%")
        raise typer.Exit(EXIT_MISMATCH)


def _print_text(report: dict) -> None:
    r = report["rules"]
    print(f"{report['files']} evidence file(s), report years {', '.join(map(str, report['report_years'])) or 'none'}")
    print(f"rules fired: {r['fired']} of {r['in_force']} in force in those years ({r['percent']}%); {r['total']} rules in all")
    for fid, table in report["tables"].items():
        done = table["rows"] - len(table["never_decided"])
        print(f"decision table {fid}: {done} of {table['rows']} rows decided")
        for row in table["never_decided"]:
            print(f"  never decided: {row}")
    if report["never_fired"]:
        print("never fired:")
        for item in report["never_fired"]:
            print(f"  {item['file']}:{item['line']}: {item['rule']} ({item['finding']}, in force {item['effective']})")
    if report["not_in_force"]:
        print("not in force in any assessed year: " + ", ".join(i["rule"] for i in report["not_in_force"]))
