"""The engine: ingestion, indexes, hybrid search and (later) the answer chain. Never imports `bot`."""
