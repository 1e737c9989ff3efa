"""Stage 3: hybrid search, places, English-to-Chinese query terms."""
