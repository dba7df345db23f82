"""One module per CLI command; cli.py imports them all to register them."""
