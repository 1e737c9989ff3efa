"""The catalog (SQLite): documents and passages, the source of truth every other index follows.

Each ingest commits in one transaction and bumps a generation number, so a reader sees the old
catalog or the new one, never a mix, even after kill -9.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from retrieval.types import Document, Passage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  name TEXT PRIMARY KEY, raw_hash TEXT, content_hash TEXT, title TEXT, date TEXT, issuer TEXT,
  regions TEXT, text TEXT, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP, origin TEXT);
CREATE TABLE IF NOT EXISTS passages (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL, ordinal INTEGER, start INTEGER, end_ INTEGER, section TEXT,
  text TEXT, index_text TEXT, regions TEXT, tokens TEXT, flags TEXT);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc, ordinal);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
_DOC_FIELDS = "name, raw_hash, content_hash, title, date, issuer, regions, text, origin"


def _document(row: tuple) -> Document:
    name, raw_hash, content_hash, title, date, issuer, regions, text, origin = row
    return Document(name=name, raw_hash=raw_hash, content_hash=content_hash, title=title, date=date,
                    issuer=issuer, regions=json.loads(regions), text=text, origin=origin or "")


def _passage(row: tuple) -> Passage:
    pid, doc, ordinal, start, end, section, text, index_text, regions, flags = row
    return Passage(id=pid, doc=doc, ordinal=ordinal, start=start, end=end, section=section, text=text,
                   index_text=index_text, regions=json.loads(regions), flags=json.loads(flags or "[]"))


_PASSAGE_FIELDS = "id, doc, ordinal, start, end_, section, text, index_text, regions, flags"


class Catalog:
    """Documents and passages in one SQLite file (WAL, so readers never wait for an ingest)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(passages)")}
        if "flags" not in columns:  # a catalog from before instruction-like sentences were flagged
            with self._db:
                self._db.execute("ALTER TABLE passages ADD COLUMN flags TEXT")
        if "origin" not in {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}:
            with self._db:  # a catalog from before the file a document came from was kept
                self._db.execute("ALTER TABLE documents ADD COLUMN origin TEXT")

    def close(self) -> None:
        self._db.close()

    def generation(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[Document]:
        rows = self._db.execute(f"SELECT {_DOC_FIELDS} FROM documents ORDER BY name").fetchall()
        return [_document(row) for row in rows]

    def document(self, name: str) -> Document | None:
        row = self._db.execute(f"SELECT {_DOC_FIELDS} FROM documents WHERE name=?", (name,)).fetchone()
        return _document(row) if row else None

    def hashes(self) -> dict[str, tuple[str, str]]:
        """Every document's (raw file hash, cleaned text hash) by name, in one read, without the texts."""
        return {name: (raw, content) for name, raw, content
                in self._db.execute("SELECT name, raw_hash, content_hash FROM documents")}

    def origins(self) -> dict[str, str]:
        """The file each document was ingested from, by name (documents from uploads or older catalogs have none)."""
        return {name: origin for name, origin in self._db.execute("SELECT name, origin FROM documents") if origin}

    def name_with_content(self, content_hash: str) -> str | None:
        """The document already holding this cleaned text, if any."""
        row = self._db.execute("SELECT name FROM documents WHERE content_hash=? LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def passage_counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT doc, COUNT(*) FROM passages GROUP BY doc").fetchall())

    def passages_of(self, name: str) -> list[Passage]:
        rows = self._db.execute(f"SELECT {_PASSAGE_FIELDS} FROM passages WHERE doc=? ORDER BY ordinal",
                                (name,)).fetchall()
        return [_passage(row) for row in rows]

    def passages(self, ids: list[str]) -> dict[str, Passage]:
        found: dict[str, Passage] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT {_PASSAGE_FIELDS} FROM passages WHERE id IN ({marks})", chunk)
            found.update((row[0], _passage(row)) for row in rows)
        return found

    def around(self, doc: str, first: int, last: int) -> list[Passage]:
        """Passages of a document with ordinals first..last, in order (a hit's reading window)."""
        rows = self._db.execute(f"SELECT {_PASSAGE_FIELDS} FROM passages WHERE doc=? AND ordinal BETWEEN ? AND ? "
                                "ORDER BY ordinal", (doc, first, last)).fetchall()
        return [_passage(row) for row in rows]

    def flagged(self) -> list[Passage]:
        """Passages with instruction-like sentences, in document order."""
        rows = self._db.execute(f"SELECT {_PASSAGE_FIELDS} FROM passages WHERE flags IS NOT NULL AND flags != '[]' "
                                "ORDER BY doc, ordinal").fetchall()
        return [_passage(row) for row in rows]

    def passage_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM passages ORDER BY rowid")]

    def tokens(self) -> tuple[list[str], list[list[str]]]:
        ids, tokens = [], []
        for pid, joined in self._db.execute("SELECT id, tokens FROM passages ORDER BY rowid"):
            ids.append(pid)
            tokens.append(joined.split(" ") if joined else [])
        return ids, tokens

    def embedder(self) -> str | None:
        """Name of the embedder the stored vectors came from (None for an index older than this record)."""
        row = self._db.execute("SELECT value FROM meta WHERE key='embedder'").fetchone()
        return row[0] if row else None

    def _record_embedder(self, name: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES ('embedder', ?) "
                         "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (name,))

    def record_embedder(self, name: str) -> None:
        with self._db:
            self._record_embedder(name)

    def identity(self) -> str:
        """This index's own id, made once: which vectors on a shared Chroma server are its own."""
        row = self._db.execute("SELECT value FROM meta WHERE key='identity'").fetchone()
        if row:
            return row[0]
        import uuid

        with self._db:
            self._db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('identity', ?)", (uuid.uuid4().hex,))
        return self._db.execute("SELECT value FROM meta WHERE key='identity'").fetchone()[0]

    def ingest_rules(self) -> str | None:
        """The version of the ingest rules every document was last read under (None: older than this record)."""
        row = self._db.execute("SELECT value FROM meta WHERE key='ingest_rules'").fetchone()
        return row[0] if row else None

    def commit(self, replace: list[tuple[Document, list[Passage], list[list[str]]]], remove: list[str],
               embedder: str | None = None, rules: str | None = None) -> None:
        """Replace and remove documents in one transaction, bumping the generation (and noting the embedder and,
        when every document has been read under them, the ingest rules)."""
        with self._db:
            if embedder:
                self._record_embedder(embedder)
            if rules:
                self._db.execute("INSERT INTO meta (key, value) VALUES ('ingest_rules', ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (rules,))
            for name in [*remove, *(doc.name for doc, _, _ in replace)]:
                self._db.execute("DELETE FROM passages WHERE doc=?", (name,))
                self._db.execute("DELETE FROM documents WHERE name=?", (name,))
            for doc, passages, token_lists in replace:
                self._db.execute(
                    f"INSERT INTO documents ({_DOC_FIELDS}) VALUES (?,?,?,?,?,?,?,?,?)",
                    (doc.name, doc.raw_hash, doc.content_hash, doc.title, doc.date, doc.issuer,
                     json.dumps(doc.regions, ensure_ascii=False), doc.text, doc.origin))
                self._db.executemany(
                    "INSERT INTO passages (id, doc, ordinal, start, end_, section, text, index_text, regions, tokens,"
                    " flags) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [(p.id, p.doc, p.ordinal, p.start, p.end, p.section, p.text, p.index_text,
                      json.dumps(p.regions, ensure_ascii=False), " ".join(tokens),
                      json.dumps(p.flags, ensure_ascii=False))
                     for p, tokens in zip(passages, token_lists)])
            self._db.execute("INSERT INTO meta (key, value) VALUES ('generation', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(self.generation() + 1),))

    def update_raw_hash(self, name: str, raw_hash: str) -> None:
        with self._db:
            self._db.execute("UPDATE documents SET raw_hash=? WHERE name=?", (raw_hash, name))
