"""Per-chat conversation state in SQLite (history, language, answers' citations), written as it changes."""

from __future__ import annotations

import json
import secrets
import threading
from pathlib import Path

from bot.telegram.sqlite import open_sqlite
from retrieval.types import Attachment, Citation, Turn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (chat_id INTEGER PRIMARY KEY, language TEXT NOT NULL DEFAULT 'zh');
CREATE TABLE IF NOT EXISTS turns (
  id INTEGER PRIMARY KEY AUTOINCREMENT, chat_id INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE INDEX IF NOT EXISTS turns_chat ON turns(chat_id, id);
CREATE TABLE IF NOT EXISTS answers (
  answer_id TEXT PRIMARY KEY, chat_id INTEGER NOT NULL, citations TEXT NOT NULL,
  attachment_name TEXT, attachment BLOB, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS uploads (name TEXT PRIMARY KEY, display TEXT NOT NULL);
"""


class ChatState:
    """One SQLite file (WAL) shared by every chat; each write commits at once, under a lock."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = open_sqlite(path, _SCHEMA, ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"),
                               lost="every chat's history, language and answer buttons")
        if "sources" not in {row[1] for row in self._db.execute("PRAGMA table_info(turns)")}:
            with self._db:  # a state file from before answers' cited documents were kept
                self._db.execute("ALTER TABLE turns ADD COLUMN sources TEXT")

    def _run(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- language ------------------------------------------------------------------------
    def language(self, chat_id: int) -> str:
        rows = self._run("SELECT language FROM chats WHERE chat_id=?", (chat_id,))
        return rows[0][0] if rows else "zh"

    def set_language(self, chat_id: int, language: str) -> None:
        self._run("INSERT INTO chats(chat_id, language) VALUES(?, ?) "
                  "ON CONFLICT(chat_id) DO UPDATE SET language=excluded.language", (chat_id, language))

    # -- history -------------------------------------------------------------------------
    def history(self, chat_id: int, limit: int) -> list[Turn]:
        rows = self._run("SELECT role, text, sources FROM turns WHERE chat_id=? ORDER BY id DESC LIMIT ?",
                         (chat_id, limit))
        return [Turn(role=role, text=text, sources=json.loads(sources or "[]"))
                for role, text, sources in reversed(rows)]

    def add_exchange(self, chat_id: int, question: str, answer: str, sources: list[str] = ()) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO turns(chat_id, role, text, sources) VALUES(?, ?, ?, ?)",
                                 [(chat_id, "user", question, "[]"),
                                  (chat_id, "assistant", answer, json.dumps(list(sources), ensure_ascii=False))])
            self._db.execute("COMMIT")

    def forget(self, chat_id: int) -> None:
        self._run("DELETE FROM turns WHERE chat_id=?", (chat_id,))

    # -- answers (what the buttons under an answer refer to) -----------------------------
    def save_answer(self, chat_id: int, citations: list[Citation], attachment: Attachment | None = None) -> str:
        answer_id = secrets.token_hex(5)
        self._run("INSERT INTO answers(answer_id, chat_id, citations, attachment_name, attachment) "
                  "VALUES(?, ?, ?, ?, ?)",
                  (answer_id, chat_id, json.dumps([c.model_dump() for c in citations], ensure_ascii=False),
                   attachment.filename if attachment else None, attachment.data if attachment else None))
        return answer_id

    def owns(self, chat_id: int, answer_id: str) -> bool:
        """Whether this answer was given in this chat (buttons of other chats' answers are refused)."""
        return bool(self._run("SELECT 1 FROM answers WHERE answer_id=? AND chat_id=?", (answer_id, chat_id)))

    def citation(self, chat_id: int, answer_id: str, n: int) -> Citation | None:
        rows = self._run("SELECT citations FROM answers WHERE answer_id=? AND chat_id=?", (answer_id, chat_id))
        if not rows:
            return None
        found = [c for c in json.loads(rows[0][0]) if c.get("n") == n]
        return Citation.model_validate(found[0]) if found else None

    def attachment(self, chat_id: int, answer_id: str) -> Attachment | None:
        rows = self._run("SELECT attachment_name, attachment FROM answers WHERE answer_id=? AND chat_id=?",
                         (answer_id, chat_id))
        if not rows or rows[0][1] is None:
            return None
        return Attachment(filename=rows[0][0], data=bytes(rows[0][1]))

    # -- uploads (the name a file was sent under, when it is stored under a safe one) -----
    def set_display_name(self, name: str, display: str) -> None:
        self._run("INSERT OR REPLACE INTO uploads(name, display) VALUES(?, ?)", (name, display))

    def display_names(self) -> dict[str, str]:
        return dict(self._run("SELECT name, display FROM uploads"))

    def close(self) -> None:
        with self._lock:
            self._db.close()
