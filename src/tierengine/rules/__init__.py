"""Stage 2, the rule language: conditions, loading the declarative rule set from rules/,
and which provisions are in force in a report year. Reads evidence's fact vocabulary only."""
