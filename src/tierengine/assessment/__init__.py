"""Stage 4, explanation and results: run the pipeline for one evidence file and turn the
evaluation into a justification chain, a why-not and an Assessment (data, not text)."""
