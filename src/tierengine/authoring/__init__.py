"""Writing evidence files: the scaffold for a new file (and, later, drafting from a narrative)."""
