"""`tierengine confirm`: mark drafted facts as checked by a person (authoring/confirm.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, app, exit_on_errors, stderr


@app.command()
def confirm(
    file: Path = typer.Argument(..., help="A drafted evidence file.", show_default=False),
    fact: Optional[list[str]] = typer.Option(None, "--fact", help="A drafted fact path to confirm (repeatable), e.g. prosecution.convictions.", show_default=False),
    all_: bool = typer.Option(False, "--all", help="Confirm every drafted fact of the file."),
) -> None:
    """Confirm drafted facts: remove their `drafted:` lines, keeping everything else as it is.

    Confirm a fact only after checking its value against its quote (and correcting it).
    The file is rewritten atomically and must still validate.

    Examples:

      tierengine confirm evidence/belarus_2025.yaml --fact prosecution.convictions

      tierengine confirm evidence/belarus_2025.yaml --all
    """
    from tierengine.authoring.confirm import confirm as confirm_facts
    from tierengine.errors import Problem

    if not file.is_file():
        stderr(str(Problem(str(file), 1, 1, "evidence file not found")))
        raise typer.Exit(EXIT_INVALID)
    if not fact and not all_:
        stderr(f"{file}:1:1: name the facts to confirm with --fact PATH, or confirm all with --all")
        raise typer.Exit(EXIT_INVALID)
    with exit_on_errors(file):
        done = confirm_facts(file, fact, everything=all_)
    stderr(f"confirmed {len(done)} fact{'s' if len(done) != 1 else ''} in {file}" + (f": {', '.join(done)}" if done else ""))
