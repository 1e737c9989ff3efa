"""Who may ask, who may upload, and how often: allow-lists from settings, a per-user sliding window."""

from __future__ import annotations

import time
from collections import defaultdict, deque

from retrieval.errors import ConfigError
from retrieval.settings import TelegramSettings


class Access:
    """Allowed users may ask; admins may also upload and remove (admins are always allowed); groups are listed."""

    def __init__(self, settings: TelegramSettings) -> None:
        try:
            self.admins = settings.admin_ids
            self.allowed = settings.allowed_ids | self.admins
            self.groups = settings.allowed_chat_ids
        except ValueError as exc:
            raise ConfigError("JIANCHA_ALLOWED_USERS, JIANCHA_ADMINS and JIANCHA_ALLOWED_CHATS take numeric "
                              "Telegram ids, comma-separated, e.g. 12345,67890 or -1001234567890") from exc

    def may_ask(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.allowed

    def may_serve_chat(self, chat_id: int, private: bool) -> bool:
        """Private chats always; a group only when listed, since every member reads the answers there."""
        return private or chat_id in self.groups

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


class RateLimiter:
    """At most `per_minute` events per user in any 60 seconds; `check` says how long to wait."""

    def __init__(self, per_minute: int, window_s: float = 60.0, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self.window_s = window_s
        self.clock = clock
        self._events: dict[int, deque[float]] = defaultdict(deque)

    def check(self, user_id: int) -> float:
        """0 and the event counted if allowed; else the seconds until the user may ask again."""
        if self.per_minute <= 0:
            return 0.0
        now = self.clock()
        events = self._events[user_id]
        while events and events[0] <= now - self.window_s:
            events.popleft()
        if len(events) >= self.per_minute:
            return max(1.0, events[0] + self.window_s - now)
        events.append(now)
        return 0.0
