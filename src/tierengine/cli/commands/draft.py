"""`tierengine draft`: propose an evidence file from a narrative (authoring/draft.py)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, app, exit_on_errors, load_rules_or_exit, stderr


class DraftFormat(str, enum.Enum):
    yaml = "yaml"
    json = "json"


@app.command()
def draft(
    narrative: Path = typer.Argument(..., help="The country narrative (plain text), complete or an excerpt.", show_default=False),
    country: str = typer.Option(..., "--country", "-c", help="Country name as the report writes it.", show_default=False),
    year: int = typer.Option(..., "--year", "-y", help="Report year (the year of publication).", show_default=False, min=2001, max=2100),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Evidence file to write (default: evidence/<country>_<year>.yaml, or .json).", show_default=False),
    history: Optional[Path] = typer.Option(None, "--history", help="A tier table (country,year,tier CSV, e.g. shared/data/tier_history.csv) to fill in history.tiers from.", show_default=False),
    format_: DraftFormat = typer.Option(DraftFormat.yaml, "--format", "-f", help="yaml keeps comments and is what `confirm` edits line by line; json for tools."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing evidence file."),
) -> None:
    """Draft an evidence file from a narrative: every fact proposed by the phrasebook, to confirm.

    Each proposed fact has its value, the sentence that supports it (verbatim, so
    `validate` passes) and `drafted: <phrasebook entry>`; `validate` warns about it and
    `assess` says when a tier rests on it until `tierengine confirm` removes the mark.
    Facts the phrasebook does not know are absent: read the source for them.

    Example:

      tierengine draft ../shared/reports/2025/belarus.txt --country Belarus --year 2025 --history ../shared/data/tier_history.csv
    """
    from tierengine.authoring.draft import write_draft
    from tierengine.authoring.scaffold import history_from_table, slug
    from tierengine.errors import InputError, Problem
    from tierengine.evidence.load import load_evidence

    if not narrative.is_file():
        stderr(str(Problem(str(narrative), 1, 1, "narrative file not found")))
        raise typer.Exit(EXIT_INVALID)
    tiers = None
    if history is not None:
        with exit_on_errors(history):
            tiers = history_from_table(history, country, load_rules_or_exit(None).manifest.coverage)
    target = output or Path("evidence") / f"{slug(country)}_{year}.{format_.value}"
    try:
        done = write_draft(country, year, narrative, target, fmt=format_.value, force=force, history=tiers, history_source=str(history) if history else None)
    except FileExistsError as exc:
        stderr(f"{target}:1:1: {exc}")
        raise typer.Exit(EXIT_INVALID)
    except UnicodeDecodeError as exc:
        stderr(f"{narrative}:1:1: not a UTF-8 text file: {exc.reason}")
        raise typer.Exit(EXIT_INVALID)
    try:
        load_evidence(target, str(target))
    except InputError as exc:  # a bug in the drafter or the phrasebook, not in the user's input
        raise RuntimeError(f"drafted file does not validate: {exc}") from None
    n = len(done.draft.facts)
    stderr(f"wrote {target}: {n} drafted fact{'s' if n != 1 else ''} to confirm")
    if done.copied:
        stderr(f"copied the source to {done.source}")
    for dropped in done.draft.dropped:
        stderr(f"note: dropped {dropped}")
    stderr(f"next: check each fact against its quote, then `tierengine confirm {target} --fact <path>` (or --all)")
