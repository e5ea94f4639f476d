"""One read-only SQLite connection per server thread.

FastAPI runs plain ``def`` endpoints in a thread pool; SQLite connections are
cheap to keep but must not be shared between threads mid-query, so each worker
thread opens its own, read-only (``mode=ro``: the web layer never writes the
store except through the explicit edit routes).
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..store.schema import connect
from .cache import ResultCache


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.cache = ResultCache(self.path)
        # Fail at start-up, with the store's own message, rather than on the first request.
        connect(self.path, readonly=True).close()

    def reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, readonly=True)
            # A larger page cache keeps the FTS and index pages of a big store in memory.
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn

    def dedicated(self) -> sqlite3.Connection:
        """A connection of its own for a streamed download (closed when the stream ends)."""
        return connect(self.path, readonly=True)

    @contextmanager
    def writer(self) -> Iterator[sqlite3.Connection]:
        """A short-lived read-write connection, only used by the edit routes."""
        conn = connect(self.path, readonly=False)
        try:
            yield conn
        finally:
            conn.close()
