"""The audit log (SQLite): who asked what, which passages they were shown, their 👍/👎; kept for a set time."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from bot.telegram.sqlite import open_sqlite

MAX_TEXT = 4000  # characters of any one event's text kept (questions are shorter; the rest is clipped)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  user_id INTEGER, username TEXT, chat_id INTEGER, kind TEXT NOT NULL, text TEXT, answer_id TEXT,
  passages TEXT, value TEXT);
CREATE INDEX IF NOT EXISTS events_at ON events(at);
CREATE INDEX IF NOT EXISTS events_answer ON events(answer_id);
"""


class AuditLog:
    """Append-only events; `kind` is question, summary, report, passage, feedback, upload, remove or refused."""

    def __init__(self, path: Path, retention_days: int) -> None:
        self.retention_days = retention_days
        self._lock = threading.Lock()
        self._db = open_sqlite(path, _SCHEMA, ("PRAGMA journal_mode=WAL",), lost="the audit log so far")

    def record(self, kind: str, *, user_id: int | None, username: str | None, chat_id: int | None,
               text: str | None = None, answer_id: str | None = None, passages: list[str] | None = None,
               value: str | None = None) -> None:
        if text is not None and len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + "…"
        with self._lock:
            self._db.execute(
                "INSERT INTO events(user_id, username, chat_id, kind, text, answer_id, passages, value) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                (user_id, username, chat_id, kind, text, answer_id,
                 json.dumps(passages, ensure_ascii=False) if passages is not None else None, value))

    def events(self, kind: str | None = None) -> list[dict]:
        sql = "SELECT id, at, user_id, username, chat_id, kind, text, answer_id, passages, value FROM events"
        params: tuple = ()
        if kind:
            sql, params = sql + " WHERE kind=?", (kind,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        keys = ("id", "at", "user_id", "username", "chat_id", "kind", "text", "answer_id", "passages", "value")
        out = []
        for row in rows:
            event = dict(zip(keys, row))
            event["passages"] = json.loads(event["passages"]) if event["passages"] else []
            out.append(event)
        return out

    def purge(self) -> int:
        """Delete events older than the retention period; return how many went."""
        if self.retention_days <= 0:
            return 0
        with self._lock:
            cursor = self._db.execute("DELETE FROM events WHERE at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)",
                                      (f"-{self.retention_days} days",))
            return cursor.rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()
