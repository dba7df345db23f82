"""`tierengine codebook [FACT]`: what a fact means, from the codebook (the one source)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import app, stderr


@app.command()
def codebook(
    fact: Optional[str] = typer.Argument(None, help="A fact path (prosecution.convictions) or its last part (convictions). Omit to list every fact.", show_default=False),
    markdown: bool = typer.Option(False, "--markdown", help="Print the whole codebook as Markdown (docs/codebook.md)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="With --markdown: write to this file instead of stdout.", show_default=False),
) -> None:
    """Look up what an evidence fact means: definition, what counts, examples.

    Examples:

      tierengine codebook convictions

      tierengine codebook --markdown -o docs/codebook.md
    """
    from tierengine.evidence.codebook import codebook as book, entry_text, lookup, markdown as render_markdown

    if markdown:
        text = render_markdown()
        if output is None:
            print(text, end="")
        else:
            output.write_text(text, encoding="utf-8")
            stderr(f"wrote {output}")
        return
    if fact is None:
        for entry in book().facts.values():
            print(f"{entry.path:55} {entry.kind:8} {entry.definition}")
        return
    found = lookup(fact)
    if not found:
        paths = list(book().facts)
        names = difflib.get_close_matches(fact.rsplit(".", 1)[-1], [p.split(".")[1] for p in paths], n=3, cutoff=0.6)
        close = [p for p in paths if p in difflib.get_close_matches(fact, paths, n=3, cutoff=0.5) or p.split(".")[1] in names]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `tierengine codebook` lists every fact"
        stderr(f"{fact}: no such fact{hint}")
        raise typer.Exit(2)
    print("\n\n".join(entry_text(e) for e in found))
