"""Opening the bot's SQLite files: a corrupt one is moved aside, named in the log, and started afresh."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from retrieval.errors import StoreError

log = logging.getLogger(__name__)

_CORRUPT = {11, 26}  # SQLITE_CORRUPT ("malformed"), SQLITE_NOTADB ("file is not a database")


def _open(path: Path, schema: str, pragmas: tuple[str, ...]) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    try:
        for pragma in pragmas:
            db.execute(pragma)
        db.executescript(schema)
    except BaseException:
        db.close()
        raise
    return db


def open_sqlite(path: Path, schema: str, pragmas: tuple[str, ...], lost: str) -> sqlite3.Connection:
    """The database at `path`; if it is corrupt, move it (and its -wal/-shm) to `.corrupt-<time>`, log that
    `lost` is gone, and start an empty one. Any other failure is a StoreError naming the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open(path, schema, pragmas)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in _CORRUPT:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            for suffix in ("-wal", "-shm"):
                extra = path.with_name(path.name + suffix)
                if extra.exists():
                    extra.rename(aside.with_name(aside.name + suffix))
            path.rename(aside)
        except OSError as move_error:
            raise StoreError(f"{path} is corrupt ({exc}) and could not be moved aside ({move_error}); "
                             "move or delete it, then start again") from exc
        log.error("%s is corrupt (%s): moved to %s and started afresh; %s was lost", path, exc, aside, lost)
        return _open(path, schema, pragmas)
