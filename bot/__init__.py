"""Front-ends on the retrieval engine: the CLI, the terminal chat and (later) Telegram."""
