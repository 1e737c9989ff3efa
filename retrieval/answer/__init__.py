"""Stage 4: cited answers (model or extractive) and the grounding checks."""
