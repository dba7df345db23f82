"""`tierengine new`: scaffold an evidence file with every fact as a commented skeleton."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import EXIT_INVALID, RulesOption, app, exit_on_errors, load_rules_or_exit, stderr
from tierengine.cli.output import write_output


@app.command()
def new(
    country: str = typer.Argument(..., help="Country name as the report writes it.", show_default=False),
    year: int = typer.Argument(..., help="Report year (the year of publication).", show_default=False, min=2001, max=2100),
    source: Path = typer.Option(..., "--source", "-s", help="The country narrative (plain text) the quotes will come from.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Evidence file to write (default: evidence/<country>_<year>.yaml).", show_default=False),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing evidence file."),
    rules: Optional[Path] = RulesOption,
    history: Optional[Path] = typer.Option(None, "--history", help="A tier table (country,year,tier CSV, e.g. shared/data/tier_history.csv) to fill in history.tiers from.", show_default=False),
) -> None:
    """Write a new evidence file to fill in from a source narrative.

    Every fact is listed, commented out (absent means the source is silent), grouped
    by pillar with its codebook definition. A source outside the evidence directory is
    copied to sources/<year>/. The file validates as written.

    Example:

      tierengine new Moldova 2025 --source ~/narratives/moldova.txt --history ../shared/data/tier_history.csv
    """
    from tierengine.authoring.scaffold import history_from_table, plan, slug

    problem = _argument_problem(country, source)
    if problem:
        stderr(str(problem))
        raise typer.Exit(EXIT_INVALID)
    ruleset = load_rules_or_exit(rules)  # the years a history table may hold are the rules' coverage
    tiers = None
    if history is not None:
        with exit_on_errors(history):
            tiers = history_from_table(history, country, ruleset.manifest.coverage)
        if not any(y < year for y in tiers):
            stderr(f"note: {history} has no earlier tiers for {country!r}; history is left as a commented example")
    target = output or Path("evidence") / f"{slug(country)}_{year}.yaml"
    try:
        todo = plan(country, year, source, target, force=force, history=tiers, history_source=history)
    except FileExistsError as exc:
        stderr(f"{target}:1:1: {exc}")
        raise typer.Exit(EXIT_INVALID)
    _write(todo)
    stderr(f"wrote {target}")
    if todo.copy_from:
        stderr(f"copied the source to {todo.source}")
    if not todo.schema_found:
        stderr("note: schemas/evidence.schema.json not found above the file; create it with `tierengine schema -o schemas/evidence.schema.json`")
    stderr(f"next: fill it in, then `tierengine validate {target}`")


def _argument_problem(country: str, source: Path):
    """Why the arguments cannot make a valid file (checked before anything is written), or None."""
    from tierengine.errors import Problem
    from tierengine.evidence.files import read_regular
    from tierengine.evidence.quotes import MAX_SOURCE_BYTES
    from tierengine.evidence.yamlsource import KEY_CONTROL

    if not country.strip() or KEY_CONTROL.search(country):
        return Problem("COUNTRY", 1, 1, f"country {country!r} must be one line of text without control characters")
    try:
        raw = read_regular(source, MAX_SOURCE_BYTES)
    except FileNotFoundError:
        return Problem(str(source), 1, 1, "source file not found")
    except OSError as exc:
        return Problem(str(source), 1, 1, f"cannot read the source: {exc.strerror or exc}")
    if len(raw) > MAX_SOURCE_BYTES:
        return Problem(str(source), 1, 1, f"the source is larger than the {MAX_SOURCE_BYTES:,}-byte limit")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(str(source), 1, 1, f"the source is not valid UTF-8 (byte {exc.start})")
    return None


def _write(todo) -> None:
    """Copy the source, write the evidence file and check it loads; on any failure remove
    what was written, so a failed ``new`` leaves nothing behind."""
    from tierengine.errors import InputError
    from tierengine.evidence.load import load_evidence

    written: list[Path] = []
    created = [d for d in (*reversed(todo.evidence.parents), *reversed(todo.source.parents)) if not d.exists()]
    try:
        if todo.copy_from:
            write_output(todo.source, todo.copy_from.read_text(encoding="utf-8"), parents=True)
            written.append(todo.source)
        write_output(todo.evidence, todo.text, parents=True)
        written.append(todo.evidence)
        load_evidence(todo.evidence, str(todo.evidence))
    except InputError as exc:  # a bug in the template, not in the user's input
        _undo(written, created)
        raise RuntimeError(f"scaffolded file does not validate: {exc}") from None
    except BaseException:
        _undo(written, created)
        raise


def _undo(written: list[Path], created: list[Path]) -> None:
    import contextlib

    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    for directory in sorted(set(created), key=lambda d: len(d.parts), reverse=True):
        with contextlib.suppress(OSError):
            directory.rmdir()
