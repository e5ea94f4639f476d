"""The SQLite schema: tables, FTS5 indexes, triggers and ordered migrations.

One file holds the whole corpus so it opens as it is in Datasette, the sqlite3
shell, pandas or DuckDB. Every component that owns tables (the store itself,
link/ later) keeps its own version row in ``schema_version`` and upgrades by
running its ordered migrations, each in one transaction.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

# A migration is either a script of SQL statements or a function of the connection.
Migration = str | Callable[[sqlite3.Connection], None]

STORE_COMPONENT = "store"

# Version 1: the core tables. Kept exactly as first released so old files migrate.
_V1_CORE = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,             -- stable integer key used by the FTS index
    id TEXT NOT NULL UNIQUE,            -- the document id of the JSON record
    source TEXT NOT NULL,               -- path (and line / record) it was read from
    url TEXT,
    outlet TEXT,
    published TEXT,                     -- YYYY-MM-DD
    language TEXT,
    title TEXT,
    text TEXT NOT NULL,                 -- every offset indexes this text
    hash TEXT NOT NULL,                 -- sha256 of text: idempotent re-ingest
    format TEXT,
    ingested_at TEXT NOT NULL,
    quote_count INTEGER NOT NULL,       -- rows written with the document: crash-safety marker
    boilerplate_count INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    meta TEXT,                          -- JSON: reader-specific extras
    extra TEXT                          -- JSON: DocResult.extra (later stages' fields)
);

CREATE TABLE boilerplate (
    pk INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX boilerplate_doc ON boilerplate(doc_id);

CREATE TABLE speakers (
    id TEXT PRIMARY KEY,                -- stable: derived from the normalised name key
    name TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'UNKNOWN',
    quote_count INTEGER NOT NULL DEFAULT 0   -- kept by triggers on quotes
);

CREATE TABLE speaker_aliases (
    pk INTEGER PRIMARY KEY,
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,            -- normalised: casefolded, no diacritics or punctuation
    UNIQUE (speaker_id, alias_key)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);

CREATE TABLE doc_speakers (             -- per-document speakers as extraction resolved them
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,             -- the speaker id inside the DocResult
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    role TEXT,
    speaker_id TEXT REFERENCES speakers(id),
    PRIMARY KEY (doc_id, local_id)
);
CREATE INDEX doc_speakers_speaker ON doc_speakers(speaker_id);

CREATE TABLE speaker_roles (
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT,                          -- the document's publication date
    PRIMARY KEY (speaker_id, role, doc_id)
);
CREATE INDEX speaker_roles_doc ON speaker_roles(doc_id);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    local_speaker_id TEXT NOT NULL,
    speaker_id TEXT REFERENCES speakers(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_speaker ON mentions(speaker_id);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,             -- stable integer key used by the FTS index
    id TEXT NOT NULL,                   -- the quote id of the JSON record
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    content TEXT NOT NULL,              -- content spans' text joined by ' … '
    content_start INTEGER,              -- first content span
    content_end INTEGER,
    contents TEXT NOT NULL,             -- JSON [span]
    cue TEXT,                           -- JSON span
    sources TEXT NOT NULL,              -- JSON [span]
    speaker_id TEXT REFERENCES speakers(id),
    local_speaker_id TEXT,
    speaker_name TEXT,                  -- as resolved in this document
    speaker_type TEXT,
    speaker_role TEXT,
    addressee TEXT,                     -- JSON span
    confidence REAL NOT NULL,
    published TEXT,                     -- copy of documents.published, for indexed filters
    outlet TEXT,                        -- copy of documents.outlet
    extra TEXT,                         -- JSON: Quote.extra (said_on, ...)
    UNIQUE (doc_id, id)
);
-- (speaker_id, published, outlet): a speaker's newest quotes and outlets from the index alone.
CREATE INDEX quotes_speaker_published ON quotes(speaker_id, published, outlet);
CREATE INDEX quotes_published ON quotes(published);
CREATE INDEX quotes_outlet_published ON quotes(outlet, published);
CREATE INDEX documents_outlet_published ON documents(outlet, published);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX speakers_quote_count ON speakers(quote_count DESC);

-- speakers.quote_count follows the quotes table, also when link/ re-assigns speaker ids.
CREATE TRIGGER quotes_count_ai AFTER INSERT ON quotes WHEN new.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET quote_count = quote_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER quotes_count_ad AFTER DELETE ON quotes WHEN old.speaker_id IS NOT NULL BEGIN
    UPDATE speakers SET quote_count = quote_count - 1 WHERE id = old.speaker_id;
END;
CREATE TRIGGER quotes_count_au AFTER UPDATE OF speaker_id ON quotes
WHEN old.speaker_id IS NOT new.speaker_id BEGIN
    UPDATE speakers SET quote_count = quote_count - 1 WHERE id = old.speaker_id;
    UPDATE speakers SET quote_count = quote_count + 1 WHERE id = new.speaker_id;
END;
"""

# Version 2: full-text search. External-content FTS5 tables kept in step by
# triggers, so replacing or deleting a document also updates the indexes.
# content="..." is written with double quotes because that is the form
# Datasette looks for when it detects a table's full-text index.
_V2_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, content="quotes", content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content) VALUES (new.pk, new.content);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.pk, old.content);
END;
CREATE TRIGGER quotes_fts_au AFTER UPDATE OF content ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.pk, old.content);
    INSERT INTO quotes_fts(rowid, content) VALUES (new.pk, new.content);
END;

CREATE VIRTUAL TABLE speaker_aliases_fts USING fts5(
    alias, content="speaker_aliases", content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER speaker_aliases_fts_ai AFTER INSERT ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(rowid, alias) VALUES (new.pk, new.alias);
END;
CREATE TRIGGER speaker_aliases_fts_ad AFTER DELETE ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(speaker_aliases_fts, rowid, alias) VALUES ('delete', old.pk, old.alias);
END;
CREATE TRIGGER speaker_aliases_fts_au AFTER UPDATE OF alias ON speaker_aliases BEGIN
    INSERT INTO speaker_aliases_fts(speaker_aliases_fts, rowid, alias) VALUES ('delete', old.pk, old.alias);
    INSERT INTO speaker_aliases_fts(rowid, alias) VALUES (new.pk, new.alias);
END;

-- Rows written before this version get indexed too.
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
INSERT INTO speaker_aliases_fts(speaker_aliases_fts) VALUES ('rebuild');
"""

# Version 3: boilerplate spans carry their text, so a row can be checked on its own.
_V3_BOILERPLATE_TEXT = """
ALTER TABLE boilerplate ADD COLUMN text TEXT;
UPDATE boilerplate SET text = (
    SELECT substr(d.text, boilerplate.start + 1, boilerplate."end" - boilerplate.start)
    FROM documents d WHERE d.id = boilerplate.doc_id
);
"""

# Version 4: what an attribution reports (records.STATEMENT_TYPES; DESIGN.md "Statement types").
# Rows stored before extraction typed statements were all speech. The CHECK is fixed here as
# released (a test ties it to STATEMENT_TYPES). Listings show speech unless asked: (type,
# published) serves "newest of a type"; with a speaker, outlet or document the query keeps
# their own index (store/filters.py writes the type test as +q.type there).
_V4_STATEMENT_TYPE = """
ALTER TABLE quotes ADD COLUMN type TEXT NOT NULL DEFAULT 'speech'
    CHECK (type IN ('speech', 'belief', 'finding', 'headline'));
CREATE INDEX quotes_type_published ON quotes(type, published);
"""

# Version 5: honest statement dates (quotegraph/said_on.py). An undated statement was
# stored as precision 'before_publication' with start = end = the publication day, a
# day its article never gave; it becomes 'on_or_before_publication' with an open
# (null) start and end = the publication day. Readers also accept the old form.
_V5_SAID_ON_BOUND = """
UPDATE quotes SET extra = json_set(extra,
    '$.said_on.start', NULL,
    '$.said_on.end', COALESCE(json_extract(extra, '$.said_on.end'), json_extract(extra, '$.said_on.start'), published),
    '$.said_on.precision', 'on_or_before_publication',
    '$.said_on.rule', CASE json_extract(extra, '$.said_on.rule')
        WHEN 'before_publication' THEN 'on_or_before_publication' ELSE json_extract(extra, '$.said_on.rule') END)
WHERE json_valid(extra) AND json_extract(extra, '$.said_on.precision') = 'before_publication';
"""

STORE_MIGRATIONS: tuple[Migration, ...] = (
    _V1_CORE, _V2_FTS, _V3_BOILERPLATE_TEXT, _V4_STATEMENT_TYPE, _V5_SAID_ON_BOUND,
)
STORE_VERSION = len(STORE_MIGRATIONS)


class SchemaError(RuntimeError):
    """The database file is newer than this code, or otherwise unusable."""


def connect(path: Path | str, *, readonly: bool = False, migrate: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) the store.

    Connections run in autocommit mode (``isolation_level=None``): the writer
    opens explicit ``BEGIN IMMEDIATE`` transactions so a document is written
    completely or not at all.
    """
    path = Path(path)
    if readonly:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such database (run `quotegraph ingest` first)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    # Wait for a writer's transaction instead of failing at once.
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB: keeps index pages of a large corpus in memory
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode: a killed process never loses a committed transaction
        # (only a power cut could drop the last ones), at far lower cost than FULL.
        conn.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            migrate_component(conn, STORE_COMPONENT, STORE_MIGRATIONS)
    else:
        try:
            check_readable(conn, path)
        except BaseException:
            conn.close()
            raise
    return conn


def check_readable(conn: sqlite3.Connection, path: Path) -> None:
    """A read-only connection never migrates: a file older or newer than this code is refused,
    naming the command that upgrades it (ingest for the store's tables, link for link/'s)."""
    from .links import LINK_COMPONENT, LINK_VERSION  # links builds on this module

    upgrade = {STORE_COMPONENT: f"`quotegraph ingest --db {path} INPUT...` or `quotegraph link --db {path}`",
               LINK_COMPONENT: f"`quotegraph link --db {path}`"}
    for component, wanted in ((STORE_COMPONENT, STORE_VERSION), (LINK_COMPONENT, LINK_VERSION)):
        current = component_version(conn, component)
        if current > wanted:
            raise SchemaError(f"{path}: {component} schema version {current} is newer than this code's {wanted}:"
                              " upgrade quotegraph")
        if component == LINK_COMPONENT and current == 0:
            continue  # never linked: read as unlinked
        if current < wanted:
            raise SchemaError(
                f"{path}: {component} schema version {current} is older than this code's {wanted}; read-only commands"
                f" never change the file: run {upgrade[component]} once to upgrade it")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """The file has table ``name`` (a part's tables appear once that part first wrote)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def component_version(conn: sqlite3.Connection, component: str) -> int:
    if not table_exists(conn, "schema_version"):
        return 0
    row = conn.execute("SELECT version FROM schema_version WHERE component = ?", (component,)).fetchone()
    return int(row[0]) if row else 0


def migrate_component(conn: sqlite3.Connection, component: str, migrations: Sequence[Migration]) -> int:
    """Bring ``component``'s tables up to ``len(migrations)``; returns the new version.

    link/ (and any later part that owns tables) calls this with its own
    component name and migration list; its tables should reference documents
    or quotes with ``ON DELETE CASCADE`` so replacing a document stays clean.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " component TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TEXT NOT NULL)"
    )
    current = component_version(conn, component)
    if current > len(migrations):
        raise SchemaError(f"database has {component} schema version {current}, "
                          f"newer than this code's {len(migrations)}: upgrade quotegraph")
    for version in range(current + 1, len(migrations) + 1):
        step = migrations[version - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if component_version(conn, component) >= version:
                conn.execute("ROLLBACK")
                continue
            if callable(step):
                step(conn)
            else:
                for statement in split_sql(step):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version(component, version, applied_at) VALUES (?, ?, ?) "
                "ON CONFLICT(component) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at",
                (component, version, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(migrations)


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies contain ';')."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    statements: list[str] = []
    buffer = ""
    for piece in "\n".join(lines).split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \n;"):
        statements.append(buffer.strip())
    return statements
