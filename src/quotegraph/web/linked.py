"""Reads of the linking tables (statements, reports, reactions), when present.

link/ creates these tables when ``quotegraph link`` runs; a store that has
never been linked has none, and every function here then returns empty
results so pages say "not linked yet" instead of failing.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .queries import table_exists

STATEMENTS = "statements"
REPORTS = "statement_reports"
REACTIONS = "reactions"


def has_statements(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, STATEMENTS) and table_exists(conn, REPORTS)


def has_reactions(conn: sqlite3.Connection) -> bool:
    return table_exists(conn, REACTIONS)


def _summaries(conn: sqlite3.Connection, where: str, params: list[Any], limit: int, offset: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT s.id, s.speaker_id, s.text,"
        " (SELECT count(*) FROM statement_reports r WHERE r.statement_id = s.id) AS reports,"
        " (SELECT min(q.published) FROM statement_reports r JOIN quotes q ON q.doc_id = r.doc_id AND q.id = r.quote_id"
        "  WHERE r.statement_id = s.id) AS first_published"
        f" FROM statements s {where} ORDER BY reports DESC, first_published, s.id LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return [dict(r) | {"first_outlet": None} for r in rows]


def statements(conn: sqlite3.Connection, limit: int, offset: int) -> list[dict[str, Any]]:
    if not has_statements(conn):
        return []
    return _summaries(conn, "", [], limit, offset)


def speaker_statements(conn: sqlite3.Connection, speaker_id: str, limit: int = 200) -> list[dict[str, Any]]:
    if not has_statements(conn):
        return []
    return _summaries(conn, "WHERE s.speaker_id = ?", [speaker_id], limit, 0)


def statement(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any] | None:
    if not has_statements(conn):
        return None
    row = conn.execute("SELECT id, speaker_id, text FROM statements WHERE id = ?", (statement_id,)).fetchone()
    if row is None:
        return None
    reports = [dict(r) for r in conn.execute(
        "SELECT doc_id, quote_id, reused FROM statement_reports WHERE statement_id = ? LIMIT 500", (statement_id,))]
    return dict(row) | {"reports": reports}


def statement_ids(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(doc_id, quote_id) -> statement id, for the "all reports" link on quote cards."""
    if not keys or not has_statements(conn):
        return {}
    found: dict[tuple[str, str], str] = {}
    for i in range(0, len(keys), 200):
        chunk = keys[i:i + 200]
        clause = " OR ".join("(doc_id = ? AND quote_id = ?)" for _ in chunk)
        params = [v for k in chunk for v in k]
        for doc_id, quote_id, sid in conn.execute(
                f"SELECT doc_id, quote_id, statement_id FROM statement_reports WHERE {clause}", params):
            found[(doc_id, quote_id)] = sid
    return found


def reactions(conn: sqlite3.Connection, speaker_id: str, limit: int = 200) -> tuple[list[dict], list[dict]]:
    """(this speaker reacting to others, others reacting to this speaker)."""
    if not has_reactions(conn):
        return [], []
    cols = ("r.doc_id, r.from_speaker, r.to_speaker, r.from_name, r.to_name, r.verb, r.start, r.\"end\","
            " r.evidence, d.published, d.outlet")

    def fetch(column: str) -> list[dict]:
        rows = conn.execute(
            f"SELECT {cols} FROM reactions r JOIN documents d ON d.id = r.doc_id WHERE r.{column} = ?"
            " ORDER BY d.published, r.doc_id LIMIT ?", (speaker_id, limit)).fetchall()
        return [_reaction(r) for r in rows]

    return fetch("from_speaker"), fetch("to_speaker")


def _reaction(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"], "from_speaker": row["from_speaker"], "to_speaker": row["to_speaker"],
        "from_name": row["from_name"], "to_name": row["to_name"], "verb": row["verb"],
        "evidence": {"start": row["start"], "end": row["end"], "text": row["evidence"]},
        "published": row["published"], "outlet": row["outlet"],
    }
