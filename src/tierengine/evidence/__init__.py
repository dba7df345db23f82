"""Stage 1, evidence: read an evidence file safely, validate it, check its quotes, and build
the flat fact table the rules read. Nothing here knows about rules or durable_rules."""
