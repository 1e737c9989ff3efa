"""A small exception hierarchy; every message is one line that says how to fix the problem."""


class JianchaError(Exception):
    """Base of every error the product reports to a user as one line."""


class ConfigError(JianchaError):
    """A setting is missing or invalid."""


class RefusedDocument(JianchaError):
    """A file cannot be ingested (unreadable, empty, encrypted, oversized, unsupported)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class StoreError(JianchaError):
    """The index is missing, locked or unusable."""


class NotFound(JianchaError):
    """A named document or passage does not exist."""
