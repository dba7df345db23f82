"""``python -m tierengine`` runs the command line."""

from .cli import main

main()
