"""`tierengine schema`: print or write the evidence JSON Schema for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tierengine.cli.app import app, stderr


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the schema to this file instead of stdout (- is stdout); missing directories are created.", show_default=False),
) -> None:
    """Print the JSON Schema of the evidence format (generated from the models).

    Point your editor at it with a first line
    '# yaml-language-server: $schema=../schemas/evidence.schema.json'.

    Example:

      tierengine schema --output schemas/evidence.schema.json
    """
    from tierengine.cli.output import is_stdout, write_output
    from tierengine.evidence.schema import schema_text

    text = schema_text()
    if output is None or is_stdout(output):
        print(text, end="")
        return
    write_output(output, text, parents=True)
    stderr(f"wrote {output}")
