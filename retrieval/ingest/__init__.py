"""Stage 1: from files to cleaned documents and passages."""
