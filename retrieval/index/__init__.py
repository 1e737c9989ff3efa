"""Stage 2: the catalog, vectors and BM25 kept in step; the embedders."""
