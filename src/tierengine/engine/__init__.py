"""Stage 3, evaluation: compile a rule set to durable_rules JSON for one report year and
evaluate it on a fact table. The only package that imports durable_rules."""
