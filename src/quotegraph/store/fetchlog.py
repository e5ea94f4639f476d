"""The fetch log and watch list: what was found where, fetched when, archived
where and stored as which document. A separate ``fetch`` component of the
schema, in the same SQLite file as the articles, so a resumed ``watch`` knows
what it has done: a URL is fetched once, and a page fetched but not yet stored
is read again from its WARC file, not from the network.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from .schema import migrate_component

FETCH_COMPONENT = "fetch"

_V1 = """
CREATE TABLE IF NOT EXISTS fetch_urls (
    url TEXT PRIMARY KEY,                    -- canonical URL (tracking parameters and fragment dropped)
    requested_url TEXT NOT NULL,             -- as named or found
    found_on TEXT,                           -- the feed or sitemap it came from; NULL: named by the user
    state TEXT NOT NULL CHECK (state IN ('pending', 'fetched', 'stored', 'failed', 'not_modified')),
    final_url TEXT,                          -- after redirects
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    warc_path TEXT,                          -- the WARC file holding the exchange
    warc_offset INTEGER,                     -- byte offset of its response record
    warc_record_id TEXT,
    doc_id TEXT,                             -- the stored document
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    found_at TEXT NOT NULL,
    fetched_at TEXT
);
CREATE INDEX IF NOT EXISTS fetch_urls_state ON fetch_urls(state);

CREATE TABLE IF NOT EXISTS watch_listings (  -- feeds and sitemaps followed by `quotegraph watch`
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('feed', 'sitemap')),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,                  -- 'file' or 'web'
    etag TEXT,
    last_modified TEXT,
    polled_at TEXT,
    error TEXT
);

CREATE TABLE IF NOT EXISTS watch_rounds (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    found INTEGER NOT NULL DEFAULT 0,
    fetched INTEGER NOT NULL DEFAULT 0,
    stored INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
"""

FETCH_MIGRATIONS = (_V1,)


def ensure_fetch_tables(conn: sqlite3.Connection) -> None:
    migrate_component(conn, FETCH_COMPONENT, FETCH_MIGRATIONS)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FetchRow:
    url: str
    requested_url: str
    found_on: str | None
    state: str
    final_url: str | None
    etag: str | None
    last_modified: str | None
    warc_path: str | None
    doc_id: str | None
    error: str | None
    attempts: int


def _row(r: sqlite3.Row | None) -> FetchRow | None:
    if r is None:
        return None
    return FetchRow(r["url"], r["requested_url"], r["found_on"], r["state"], r["final_url"], r["etag"],
                    r["last_modified"], r["warc_path"], r["doc_id"], r["error"], r["attempts"])


def add_found(conn: sqlite3.Connection, url: str, requested_url: str, found_on: str | None) -> bool:
    """Record a URL to fetch; False when it is already known (fetched once, never twice)."""
    cur = conn.execute(
        "INSERT INTO fetch_urls(url, requested_url, found_on, state, found_at) VALUES (?, ?, ?, 'pending', ?) "
        "ON CONFLICT(url) DO NOTHING", (url, requested_url, found_on, now()))
    return cur.rowcount == 1


def requeue(conn: sqlite3.Connection, url: str) -> None:
    """A URL the user names again is fetched again (conditionally, with its validators)."""
    conn.execute("UPDATE fetch_urls SET state = 'pending' WHERE url = ? AND state != 'pending'", (url,))


def pending(conn: sqlite3.Connection) -> list[FetchRow]:
    return [_row(r) for r in conn.execute("SELECT * FROM fetch_urls WHERE state = 'pending' ORDER BY found_at, url")]


def fetched_not_stored(conn: sqlite3.Connection) -> list[FetchRow]:
    return [_row(r) for r in conn.execute("SELECT * FROM fetch_urls WHERE state = 'fetched' ORDER BY fetched_at, url")]


def mark_fetched(conn: sqlite3.Connection, url: str, *, final_url: str, status: int, etag: str | None,
                 last_modified: str | None, warc_path: str, warc_offset: int, warc_record_id: str) -> None:
    conn.execute(
        "UPDATE fetch_urls SET state = 'fetched', final_url = ?, status = ?, etag = ?, last_modified = ?, "
        "warc_path = ?, warc_offset = ?, warc_record_id = ?, error = NULL, attempts = attempts + 1, "
        "fetched_at = ? WHERE url = ?",
        (final_url, status, etag, last_modified, warc_path, warc_offset, warc_record_id, now(), url))


def mark_not_modified(conn: sqlite3.Connection, url: str) -> None:
    conn.execute("UPDATE fetch_urls SET state = 'not_modified', attempts = attempts + 1, fetched_at = ?, "
                 "error = NULL WHERE url = ?", (now(), url))


# A timeout, a refused connection, 429 or 5xx may pass: such a URL is tried again in
# later rounds, up to this many fetches in all; any other failure is final.
MAX_ATTEMPTS = 3


def is_transient(status: int | None) -> bool:
    return status is None or status == 429 or status >= 500


def mark_failed(conn: sqlite3.Connection, url: str, error: str, status: int | None = None,
                warc_path: str | None = None, *, transient: bool = False) -> None:
    conn.execute(
        "UPDATE fetch_urls SET state = CASE WHEN ? AND attempts + 1 < ? THEN 'pending' ELSE 'failed' END, "
        "error = ?, status = ?, warc_path = COALESCE(?, warc_path), attempts = attempts + 1, fetched_at = ? "
        "WHERE url = ?", (transient, MAX_ATTEMPTS, error, status, warc_path, now(), url))


def mark_stored(conn: sqlite3.Connection, url: str, doc_id: str | None, error: str | None = None) -> None:
    if error:
        conn.execute("UPDATE fetch_urls SET state = 'failed', error = ? WHERE url = ?", (error, url))
    else:
        conn.execute("UPDATE fetch_urls SET state = 'stored', doc_id = ?, error = NULL WHERE url = ?", (doc_id, url))


def add_listing(conn: sqlite3.Connection, url: str, kind: str, added_by: str) -> bool:
    cur = conn.execute("INSERT INTO watch_listings(url, kind, added_at, added_by) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(url) DO NOTHING", (url, kind, now(), added_by))
    return cur.rowcount == 1


def listing(conn: sqlite3.Connection, url: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM watch_listings WHERE url = ?", (url,)).fetchone()


def listings(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM watch_listings ORDER BY added_at, url").fetchall()


def mark_polled(conn: sqlite3.Connection, url: str, *, etag: str | None = None, last_modified: str | None = None,
                error: str | None = None) -> None:
    conn.execute("UPDATE watch_listings SET polled_at = ?, error = ?, etag = COALESCE(?, etag), "
                 "last_modified = COALESCE(?, last_modified) WHERE url = ?",
                 (now(), error, etag, last_modified, url))


def start_round(conn: sqlite3.Connection) -> int:
    return int(conn.execute("INSERT INTO watch_rounds(started_at) VALUES (?)", (now(),)).lastrowid)


def finish_round(conn: sqlite3.Connection, round_id: int, *, found: int, fetched: int, stored: int, failed: int) -> None:
    conn.execute("UPDATE watch_rounds SET finished_at = ?, found = ?, fetched = ?, stored = ?, failed = ? WHERE id = ?",
                 (now(), found, fetched, stored, failed, round_id))


def url_states(conn: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT state, count(*) FROM fetch_urls GROUP BY state")}


def recent(conn: sqlite3.Connection, limit: int = 50) -> list[sqlite3.Row]:
    """The latest URLs found or fetched, newest first (the web's watch page)."""
    return conn.execute(
        "SELECT url, state, final_url, status, doc_id, error, fetched_at FROM fetch_urls "
        "ORDER BY COALESCE(fetched_at, found_at) DESC LIMIT ?", (limit,)).fetchall()
