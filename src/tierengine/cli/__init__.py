"""Stage 7, the command line: a thin typer layer over the library (app.py wires it; one
module per command under commands/)."""
