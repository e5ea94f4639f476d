"""One read-only SQLite connection per server thread.

FastAPI runs plain ``def`` endpoints in a thread pool; SQLite connections are
cheap to keep but must not be shared between threads mid-query, so each worker
thread opens its own, read-only (``mode=ro``: the web layer never writes the
store except through the explicit edit routes).
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..store.schema import connect
from .cache import ResultCache


# SQLite caps this at its compile-time SQLITE_MAX_MMAP_SIZE (2 GB by default); larger files
# are read through the mapping up to that size and with ordinary reads beyond it.
MMAP_BYTES = 1 << 31


class ThreadReader:
    """Stands in for a connection: each ``execute`` runs on the calling thread's own reader.

    FastAPI resolves a plain ``def`` dependency and runs the ``def`` endpoint as two separate
    thread-pool calls, which can land on different threads: a connection handed over by the
    dependency would then be used by one thread while its owner serves another request with it.
    Looking the connection up at each call keeps one connection to one thread.
    """

    __slots__ = ("_db",)

    def __init__(self, db: "Database") -> None:
        self._db = db

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self._db.reader().execute(sql, params)


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.cache = ResultCache(self.path)
        self.thread_reader = ThreadReader(self)
        # Fail at start-up, with the store's own message, rather than on the first request.
        connect(self.path, readonly=True).close()

    def reader(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, readonly=True)
            # A larger page cache keeps the FTS and index pages of a big store in memory.
            conn.execute("PRAGMA cache_size = -65536")
            # Memory-mapped reads: every thread's (and worker process's) connection reads pages
            # straight from the OS page cache instead of copying each into its own page cache.
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
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
