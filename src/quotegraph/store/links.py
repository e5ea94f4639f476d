"""The linking stage's tables: canonical speakers, statements, reused passages,
reactions, the embedding cache and the state that makes linking incremental.

Owned by link/ (issue 5) and kept in the store folder because it is SQL. The
tables are a separate ``link`` component in ``schema_version`` and reference
``documents(id)`` with ON DELETE CASCADE, so a replaced or deleted document
takes its link rows with it and the next ``quotegraph link`` relinks it.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, MutableMapping

import numpy as np

from .schema import component_version, migrate_component

LINK_COMPONENT = "link"

_V1 = """
CREATE TABLE IF NOT EXISTS link_state (          -- documents already linked, with the text hash linked
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    linked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS link_meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE IF NOT EXISTS link_speakers (       -- canonical speakers across documents
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    block TEXT NOT NULL                          -- blocking key (folded surname / org key / role)
);
CREATE INDEX IF NOT EXISTS link_speakers_block ON link_speakers(block);

CREATE TABLE IF NOT EXISTS link_mentions (       -- per-document speaker -> canonical speaker
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    block TEXT NOT NULL,
    speaker_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX IF NOT EXISTS link_mentions_block ON link_mentions(block);
CREATE INDEX IF NOT EXISTS link_mentions_speaker ON link_mentions(speaker_id);

CREATE TABLE IF NOT EXISTS link_aliases (
    speaker_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,                     -- lower-cased, no diacritics
    PRIMARY KEY (speaker_id, alias)
);
CREATE INDEX IF NOT EXISTS link_aliases_key ON link_aliases(alias_key);

CREATE TABLE IF NOT EXISTS link_roles (          -- each role with the date and document stating it
    speaker_id TEXT NOT NULL,
    role TEXT NOT NULL,
    role_key TEXT NOT NULL,
    date TEXT,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (speaker_id, role, doc_id)
);
CREATE INDEX IF NOT EXISTS link_roles_key ON link_roles(role_key);

CREATE TABLE IF NOT EXISTS link_statements (
    id TEXT PRIMARY KEY,
    speaker_id TEXT,
    text TEXT NOT NULL,                          -- representative wording
    report_count INTEGER NOT NULL,               -- reports that are not reused background
    first_doc_id TEXT,
    first_quote_id TEXT,
    first_published TEXT
);
CREATE INDEX IF NOT EXISTS link_statements_speaker ON link_statements(speaker_id, first_published);

CREATE TABLE IF NOT EXISTS link_reports (        -- one quote = one report of one statement
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    speaker_id TEXT,
    outlet TEXT,
    published TEXT,
    start INTEGER,
    "end" INTEGER,
    kind TEXT,
    reused INTEGER NOT NULL DEFAULT 0,           -- inside a passage copied from an earlier document
    PRIMARY KEY (doc_id, quote_id)
);
CREATE INDEX IF NOT EXISTS link_reports_statement ON link_reports(statement_id);
CREATE INDEX IF NOT EXISTS link_reports_speaker ON link_reports(speaker_id);

CREATE TABLE IF NOT EXISTS link_passage_bands (  -- persisted LSH buckets of sentence passages
    band_key INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS link_passage_bands_key ON link_passage_bands(band_key);
CREATE INDEX IF NOT EXISTS link_passage_bands_doc ON link_passage_bands(doc_id);

CREATE TABLE IF NOT EXISTS link_reused (         -- passages that copy an earlier document
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    source_doc_id TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (doc_id, start)
);

CREATE TABLE IF NOT EXISTS link_reactions (
    pk INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    from_speaker TEXT,
    to_speaker TEXT,
    from_name TEXT NOT NULL,
    to_name TEXT NOT NULL,
    verb TEXT NOT NULL,
    start INTEGER NOT NULL,                      -- evidence span in documents.text
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    from_statement TEXT,
    to_statement TEXT
);
CREATE INDEX IF NOT EXISTS link_reactions_doc ON link_reactions(doc_id);
CREATE INDEX IF NOT EXISTS link_reactions_from ON link_reactions(from_speaker);
CREATE INDEX IF NOT EXISTS link_reactions_to ON link_reactions(to_speaker);

CREATE TABLE IF NOT EXISTS link_embeddings (     -- MiniLM vectors by text hash (float32 blobs)
    hash TEXT PRIMARY KEY,
    vec BLOB NOT NULL
);
"""

LINK_MIGRATIONS = (_V1,)
LINK_VERSION = len(LINK_MIGRATIONS)
# Tables a full re-link empties (the embedding cache is kept: it only depends on text).
RESULT_TABLES = (
    "link_state", "link_speakers", "link_mentions", "link_aliases", "link_roles", "link_statements",
    "link_reports", "link_passage_bands", "link_reused", "link_reactions",
)


def ensure_link_schema(conn: sqlite3.Connection) -> None:
    """Create or upgrade the link tables (idempotent)."""
    migrate_component(conn, LINK_COMPONENT, LINK_MIGRATIONS)


def has_run(conn: sqlite3.Connection) -> bool:
    """Linking has run on this store: its tables exist and it has recorded a linked document.

    The one test of "is there linking to show?" (pages, listings, timeline, facets); a store
    that was never linked reads as unlinked, never as an error."""
    return component_version(conn, LINK_COMPONENT) > 0 and conn.execute(
        "SELECT 1 FROM link_state LIMIT 1").fetchone() is not None


def canonical_speaker_exists(conn: sqlite3.Connection, speaker_id: str) -> bool:
    """``speaker_id`` is one of link/'s canonical speakers."""
    return has_run(conn) and conn.execute(
        "SELECT 1 FROM link_speakers WHERE id = ?", (speaker_id,)).fetchone() is not None


def clear_results(conn: sqlite3.Connection) -> None:
    for table in RESULT_TABLES:
        conn.execute(f"DELETE FROM {table}")


def chunked(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def select_in(conn: sqlite3.Connection, sql: str, values: Iterable, extra: tuple = ()) -> Iterator[sqlite3.Row]:
    """Run ``sql`` (with one ``{marks}`` placeholder) over values in chunks."""
    for chunk in chunked(list(values)):
        yield from conn.execute(sql.format(marks=",".join("?" * len(chunk))), (*extra, *chunk))


class EmbeddingCache(MutableMapping):
    """A text-hash -> vector mapping kept in ``link_embeddings`` (with a memory front)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.memory: dict[str, np.ndarray] = {}
        self.pending: dict[str, np.ndarray] = {}

    def __getitem__(self, key: str) -> np.ndarray:
        if key in self.memory:
            return self.memory[key]
        row = self.conn.execute("SELECT vec FROM link_embeddings WHERE hash = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        vec = np.frombuffer(row[0], dtype=np.float32)
        self.memory[key] = vec
        return vec

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]
            return True
        except KeyError:
            return False

    def __setitem__(self, key: str, vec: np.ndarray) -> None:
        self.memory[key] = vec
        self.pending[key] = vec

    def __delitem__(self, key: str) -> None:
        self.memory.pop(key, None)
        self.conn.execute("DELETE FROM link_embeddings WHERE hash = ?", (key,))

    def __iter__(self):
        return iter(self.memory)

    def __len__(self) -> int:
        return len(self.memory)

    def flush(self) -> None:
        """Write new vectors (inside the caller's transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO link_embeddings(hash, vec) VALUES (?, ?)",
            [(k, v.astype(np.float32).tobytes()) for k, v in self.pending.items()],
        )
        self.pending.clear()
