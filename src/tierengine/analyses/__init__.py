"""Stage 5, analyses over assessments and rule sets: review, history check, what-if, path,
coverage and the rule-set checker. They call the pipeline; the pipeline never calls them."""
