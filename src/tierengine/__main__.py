"""``python -m tierengine`` runs the command line."""

from tierengine.cli.app import main

main()
