"""The command line: wires commands to the library, nothing more.

Exit codes: 0 success; 1 a recommendation differs from the published tier and the
command was asked to fail on that; 2 invalid evidence or rules (one
``file:line:col: message`` per problem on stderr); 3 an internal engine error.
"""

from __future__ import annotations

import contextlib
import enum
import sys
from pathlib import Path
from typing import Optional

import typer

from tierengine import __version__

app = typer.Typer(
    name="tierengine",
    help=(
        "Derive a TIP Report tier from a government's recorded actions, with the chain of "
        "rules, statutory citations and source quotes behind it.\n\n"
        "Example: tierengine assess evidence/belarus_2025.yaml"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"  # GitHub Actions annotations (see annotations.py)
    html = "html"  # one self-contained page (render/html.py), for assess -o FILE


class Detail(str, enum.Enum):
    """How much of the chain text and Markdown show (render/text.py)."""

    summary = "summary"  # the deciding rules and each better tier's first failed conditions
    full = "full"  # every concurring rule and every failed condition


class TrainerFormat(str, enum.Enum):
    """Formats of the trainer commands (criteria, whatif, path): no html or github there."""

    text = "text"
    json = "json"
    markdown = "markdown"


EXIT_OK, EXIT_MISMATCH, EXIT_INVALID, EXIT_ENGINE = 0, 1, 2, 3

RulesOption = typer.Option(None, "--rules", help="Rule-set directory (default: the rules shipped with tierengine).", show_default=False)


def stderr(line: str) -> None:
    """Messages go to stderr so stdout stays clean for JSON; one line, no control characters
    (they name files and options as given on the command line)."""
    from tierengine.errors import printable

    print(printable(line), file=sys.stderr)


def console(stderr: bool = False):
    """A rich Console that writes no ANSI escapes at all when NO_COLOR is set.

    rich already drops colour when the stream is not a terminal, but with NO_COLOR it
    keeps bold/italic escapes; people who set NO_COLOR usually want plain text.
    """
    import os

    from rich.console import Console

    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(stderr=stderr, color_system=None if plain else "auto")


def report_problems(problems, format_=None) -> None:
    """Invalid-input problems: ``file:line:col: message`` on stderr, or error annotations.

    ``format_`` is any command's format enum; its value ``github`` selects annotations.
    """
    if getattr(format_, "value", format_) == "github":
        from tierengine.render.github import problem

        for p in problems:
            print(problem(p))
    else:
        for p in problems:
            stderr(str(p))


@contextlib.contextmanager
def exit_on_errors(file: object = "tierengine"):
    """Turn bad input into exit 2 (one located line per problem) and engine errors into exit 3."""
    from tierengine.errors import EngineError, InputError

    try:
        yield
    except InputError as exc:
        for problem in exc.problems:
            stderr(str(problem))
        raise typer.Exit(EXIT_INVALID) from None
    except EngineError as exc:
        stderr(f"{file}:1:1: engine error: {exc}")
        raise typer.Exit(EXIT_ENGINE) from None


def load_rules_or_exit(rules_dir: Optional[Path]):
    from tierengine.rules.cached import load_rules_cached

    with exit_on_errors(rules_dir or "rules"):
        return load_rules_cached(rules_dir)


def _version(value: bool) -> None:
    if value:
        print(f"tierengine {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the start-up cache (also TIERENGINE_NO_CACHE=1; see README, Performance)."),
) -> None:
    """tierengine: TVPA minimum-standards assessment."""
    import os

    from tierengine.evidence.files import forget_reads

    forget_reads()  # a new command has read nothing yet (cli/output.py refuses to overwrite inputs)
    if no_cache:
        os.environ["TIERENGINE_NO_CACHE"] = "1"


def emit(assessments, format_: Format, many: bool, detail: Detail = Detail.summary) -> None:
    """Print assessments on stdout in the chosen format."""
    if not assessments:
        return
    if format_ is Format.json:
        from tierengine.render.jsonout import render

        print(render(assessments, many))
    elif format_ is Format.markdown:
        from tierengine.render.markdown import render

        print(render(assessments, detail.value))
    elif format_ is Format.github:
        from tierengine.render.github import summary_lines

        for line in summary_lines(assessments):
            print(line)
    else:
        from tierengine.render.text import renderable

        out = console()
        for a in assessments:
            out.print(renderable(a, detail.value))


def rendered(assessments, format_: Format, many: bool, rules, detail: Detail = Detail.summary) -> str:
    """The report as one string in any format (HTML included), for ``assess -o FILE``."""
    if format_ is Format.html:
        from tierengine.render.html import render

        return render(assessments, rules)
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        emit(assessments, format_, many, detail)
    return buffer.getvalue()


def main() -> None:
    """Entry point: never lets a traceback reach the user."""
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, not at exit, so a full disk behind `>` is reported
    except Exception as exc:
        if _output_failed(exc):
            raise SystemExit(EXIT_INVALID) from None
        # a bug in tierengine, not bad input: say so in one line
        stderr(f"tierengine: internal error: {type(exc).__name__}: {exc}")
        raise SystemExit(EXIT_ENGINE) from None


def _output_failed(exc: Exception) -> bool:
    """Standard output could not be written (full disk, closed pipe): one line, not "internal error"."""
    import errno
    import os

    if not isinstance(exc, OSError) or exc.errno not in (errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EBADF):
        return False
    if exc.errno != errno.EPIPE:  # a reader that stopped (`| head`) needs no message
        stderr(f"-:1:1: cannot write the output: {exc.strerror}")
    with contextlib.suppress(OSError):  # what is still buffered goes nowhere, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return True


def _register_commands() -> None:
    """Import every module in tierengine.cli.commands; each adds its command(s) to ``app``.

    One module per command keeps this file free of command logic (as OPA's cmd/ does).
    """
    import importlib
    import pkgutil

    from tierengine.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}")


_register_commands()

if __name__ == "__main__":  # python -m tierengine.cli.app
    main()
