"""A small exception hierarchy; every message is one line that says how to fix the problem."""


class JianchaError(Exception):
    """Base of every error the product reports to a user as one line."""


class ConfigError(JianchaError):
    """A setting is missing or invalid."""


class BadRequest(JianchaError):
    """A command argument or filter is malformed (e.g. a date that is not YYYY[-MM[-DD]])."""


class RefusedDocument(JianchaError):
    """A file cannot be ingested (unreadable, empty, encrypted, oversized, unsupported)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class StoreError(JianchaError):
    """The index is missing, locked or unusable."""


class DiskFull(StoreError):
    """Too little free space in the data folder for an ingest; refused before any index is written."""


class EmbedderMismatch(StoreError):
    """The index was embedded by another embedder than the one configured; its vectors cannot be searched."""

    def __init__(self, built_with: str, current: str, setting: str) -> None:
        super().__init__(f"index built with {built_with}, but the embedder is {current}; "
                         f"run `jiancha ingest --reembed` or set JIANCHA_EMBEDDER={setting}")
        self.built_with = built_with
        self.current = current


class NotFound(JianchaError):
    """A named document or passage does not exist."""


class NoMatch(NotFound):
    """No document matches a name, title fragment or place; `query` is what was asked for."""

    def __init__(self, message: str, query: str) -> None:
        super().__init__(message)
        self.query = query


class Ambiguous(NotFound):
    """A name or fragment matches several documents; the message lists them, one a line."""

    def __init__(self, query: str, matches: list[tuple[str, str]], hint: str) -> None:
        lines = [f"several documents match {query!r}:"]
        lines += [f"{n}) {title} ({name})" for n, (name, title) in enumerate(matches, start=1)]
        lines.append(hint)
        super().__init__("\n".join(lines))
        self.query = query
        self.matches = matches
