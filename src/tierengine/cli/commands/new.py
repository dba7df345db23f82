"""`tierengine new`: scaffold an evidence file with every fact as a commented skeleton."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, app, stderr


@app.command()
def new(
    country: str = typer.Argument(..., help="Country name as the report writes it.", show_default=False),
    year: int = typer.Argument(..., help="Report year (the year of publication).", show_default=False, min=2001, max=2100),
    source: Path = typer.Option(..., "--source", "-s", help="The country narrative (plain text) the quotes will come from.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Evidence file to write (default: evidence/<country>_<year>.yaml).", show_default=False),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing evidence file."),
    history: Optional[Path] = typer.Option(None, "--history", help="A tier table (country,year,tier CSV, e.g. shared/data/tier_history.csv) to fill in history.tiers from.", show_default=False),
) -> None:
    """Write a new evidence file to fill in from a source narrative.

    Every fact is listed, commented out (absent means the source is silent), grouped
    by pillar with its codebook definition. A source outside the evidence directory is
    copied to sources/<year>/. The file validates as written.

    Example:

      tierengine new Moldova 2025 --source ~/narratives/moldova.txt --history ../shared/data/tier_history.csv
    """
    from tierengine.errors import InputError, Problem
    from tierengine.evidence.load import load_evidence
    from tierengine.authoring.scaffold import scaffold, slug

    if not source.is_file():
        stderr(str(Problem(str(source), 1, 1, "source file not found")))
        raise typer.Exit(EXIT_INVALID)
    tiers = None
    if history is not None:
        from tierengine.analyses.history_check import read_table

        try:
            table, _ = read_table(history, str(history))
        except InputError as exc:
            for problem in exc.problems:
                stderr(str(problem))
            raise typer.Exit(EXIT_INVALID)
        key = {slug(name): name for name in table}.get(slug(country))  # "Côte d'Ivoire" finds "Cote d'Ivoire"
        tiers = {y: t for y, (t, _line) in table[key].items()} if key else {}
        if not any(y < year for y in tiers):
            stderr(f"note: {history} has no earlier tiers for {country!r}; history is left as a commented example")
    target = output or Path("evidence") / f"{slug(country)}_{year}.yaml"
    try:
        done = scaffold(country, year, source, target, force=force, history=tiers, history_source=history)
    except FileExistsError as exc:
        stderr(f"{target}:1:1: {exc}")
        raise typer.Exit(EXIT_INVALID)
    try:
        load_evidence(target, str(target))
    except InputError as exc:  # a bug in the template, not in the user's input
        raise RuntimeError(f"scaffolded file does not validate: {exc}") from None
    stderr(f"wrote {target}")
    if done.copied:
        stderr(f"copied the source to {done.source}")
    if not done.schema_found:
        stderr("note: schemas/evidence.schema.json not found above the file; create it with `tierengine schema -o schemas/evidence.schema.json`")
    stderr(f"next: fill it in, then `tierengine validate {target}`")
