"""The narrative layer's tables and reads: topics of statements (a separate
``narrative`` schema component) and the speech quotes the analyses read."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .fetchlog import now
from .linked import of_types
from .schema import migrate_component, table_exists

NARRATIVE_COMPONENT = "narrative"

_V1 = """
CREATE TABLE IF NOT EXISTS narrative_topics (
    id INTEGER PRIMARY KEY,                 -- BERTopic's topic number; -1 collects statements of no topic
    label TEXT NOT NULL,                    -- readable: the top words
    words TEXT NOT NULL,                    -- JSON [[word, weight], ...] (c-TF-IDF)
    size INTEGER NOT NULL,
    fitted_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS narrative_statement_topics (
    statement_id TEXT PRIMARY KEY,
    topic_id INTEGER NOT NULL,
    how TEXT NOT NULL CHECK (how IN ('fit', 'assigned'))   -- fitted with the model, or assigned later
);
CREATE INDEX IF NOT EXISTS narrative_statement_topics_topic ON narrative_statement_topics(topic_id);
CREATE TABLE IF NOT EXISTS narrative_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def ensure_narrative_tables(conn: sqlite3.Connection) -> None:
    migrate_component(conn, NARRATIVE_COMPONENT, (_V1,))


@dataclass(frozen=True)
class StatementRow:
    id: str
    text: str
    speaker_id: str | None
    published: str | None


def statements(conn: sqlite3.Connection, types: tuple[str, ...] = ("speech",), *, unassigned: bool = False
               ) -> list[StatementRow]:
    """Linked statements of one of ``types`` (store/linked.py: their first report's; oldest first)."""
    extra = (" AND NOT EXISTS (SELECT 1 FROM narrative_statement_topics t WHERE t.statement_id = s.id)"
             if unassigned else "")
    rows = conn.execute(
        "SELECT s.id, s.text, s.speaker_id, s.first_published FROM link_statements s "
        f"WHERE {of_types('s.id', len(types))}{extra} ORDER BY s.first_published, s.id", types).fetchall()
    return [StatementRow(*row) for row in rows]


def replace_topics(conn: sqlite3.Connection, topics: list[tuple[int, str, str, int]],
                   assignments: list[tuple[str, int]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM narrative_topics")
        conn.execute("DELETE FROM narrative_statement_topics")
        stamp = now()
        conn.executemany("INSERT INTO narrative_topics(id, label, words, size, fitted_at) VALUES (?, ?, ?, ?, ?)",
                         [(t, label, words, size, stamp) for t, label, words, size in topics])
        conn.executemany("INSERT INTO narrative_statement_topics(statement_id, topic_id, how) VALUES (?, ?, 'fit')",
                         assignments)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def add_assignments(conn: sqlite3.Connection, assignments: list[tuple[str, int]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("INSERT OR REPLACE INTO narrative_statement_topics(statement_id, topic_id, how) "
                         "VALUES (?, ?, 'assigned')", assignments)
        conn.execute("UPDATE narrative_topics SET size = (SELECT count(*) FROM narrative_statement_topics t "
                     "WHERE t.topic_id = narrative_topics.id)")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def has_topics(conn: sqlite3.Connection) -> bool:
    """`quotegraph topics` has stored topics in this file."""
    return table_exists(conn, "narrative_topics")


def topics(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT id, label, words, size, fitted_at FROM narrative_topics ORDER BY size DESC, id").fetchall()


@dataclass(frozen=True)
class QuoteRow:
    doc_id: str
    quote_id: str
    content: str
    contents: str           # JSON spans (offsets into the article)
    speaker_id: str | None
    speaker: str | None
    role: str | None
    published: str | None
    outlet: str | None
    statement_id: str | None
    topic_id: int | None


def speech_quotes(conn: sqlite3.Connection, types: tuple[str, ...] = ("speech",)) -> list[QuoteRow]:
    """Every quote of ``types`` with its canonical speaker, statement and topic (oldest first)."""
    marks = ",".join("?" * len(types))
    topic = ("(SELECT t.topic_id FROM narrative_statement_topics t WHERE t.statement_id = r.statement_id)"
             if table_exists(conn, "narrative_statement_topics") else "NULL")
    rows = conn.execute(
        "SELECT q.doc_id, q.id, q.content, q.contents, q.speaker_id, COALESCE(s.name, q.speaker_name), "
        f"q.speaker_role, q.published, q.outlet, r.statement_id, {topic} "
        "FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id "
        "LEFT JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id "
        f"WHERE q.type IN ({marks}) ORDER BY q.published, q.doc_id, q.pk", types).fetchall()
    return [QuoteRow(*row) for row in rows]


def speaker_roles(conn: sqlite3.Connection) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for speaker_id, role in conn.execute("SELECT speaker_id, role FROM speaker_roles ORDER BY date"):
        out.setdefault(speaker_id, []).append(role)
    return out



def speaker_types(conn: sqlite3.Connection) -> dict[str, str]:
    """Store speaker id -> PERSON / ORG / ... (the actor groups tell people from bodies)."""
    return dict(conn.execute("SELECT id, type FROM speakers").fetchall())
