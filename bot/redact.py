"""One redaction for every printed or logged text: bot tokens and registered secrets become <token>."""

from __future__ import annotations

import re

# A Telegram bot token: the bot's numeric id, a colon, then ~35 URL-safe characters.
_TOKEN = re.compile(r"\b\d{3,}:[A-Za-z0-9_-]{20,}")
_SECRETS: set[str] = set()


def remember(*secrets: str | None) -> None:
    """Register secrets (token, webhook secret, API keys) that must never be printed or logged."""
    _SECRETS.update(s for s in secrets if s and len(s) >= 6)


def redact(text: str) -> str:
    """The text with every registered secret and anything shaped like a bot token replaced."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "<token>")
    return _TOKEN.sub("<token>", text)
