"""Reads of link/'s tables (store/links.py): canonical speakers, statements
(reports grouped across outlets) and reactions.

A store that ``quotegraph link`` has never run on has none of these tables (or
empty ones); every function then returns empty results and pages say "not
linked yet" instead of failing. All SQL is parameterised.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .queries import table_exists

_REPORT_CAP = 500


def available(conn: sqlite3.Connection) -> bool:
    """Linking has run: its tables exist and it has recorded at least one linked document."""
    if not all(table_exists(conn, t) for t in
               ("link_state", "link_speakers", "link_aliases", "link_roles", "link_reports", "link_statements",
                "link_reactions")):
        return False
    return conn.execute("SELECT 1 FROM link_state LIMIT 1").fetchone() is not None


def quote_links(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(doc_id, quote_id) -> {statement_id, speaker_id, speaker_name} for linked quotes."""
    if not keys or not available(conn):
        return {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for i in range(0, len(keys), 200):
        chunk = keys[i:i + 200]
        clause = " OR ".join("(r.doc_id = ? AND r.quote_id = ?)" for _ in chunk)
        params = [v for k in chunk for v in k]
        for row in conn.execute(
                "SELECT r.doc_id, r.quote_id, r.statement_id, r.speaker_id, s.name FROM link_reports r"
                f" LEFT JOIN link_speakers s ON s.id = r.speaker_id WHERE {clause}", params):
            found[(row[0], row[1])] = {"statement_id": row[2], "speaker_id": row[3], "speaker_name": row[4]}
    return found


def _statement_rows(conn: sqlite3.Connection, where: str, params: list[Any], limit: int, offset: int) -> list[dict]:
    rows = conn.execute(
        "SELECT st.id, st.speaker_id, sp.name AS speaker_name, st.text, st.report_count AS reports,"
        " st.first_published, (SELECT r.outlet FROM link_reports r WHERE r.doc_id = st.first_doc_id"
        "  AND r.quote_id = st.first_quote_id) AS first_outlet"
        f" FROM link_statements st LEFT JOIN link_speakers sp ON sp.id = st.speaker_id {where}"
        " ORDER BY st.report_count DESC, st.first_published, st.id LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return [dict(r) for r in rows]


def statements(conn: sqlite3.Connection, limit: int, offset: int) -> list[dict[str, Any]]:
    return _statement_rows(conn, "", [], limit, offset) if available(conn) else []


def speaker_statements(conn: sqlite3.Connection, speaker_id: str, limit: int = 200) -> list[dict[str, Any]]:
    if not available(conn):
        return []
    rows = _statement_rows(conn, "WHERE st.speaker_id = ?", [speaker_id], limit, 0)
    return sorted(rows, key=lambda r: (r["first_published"] is None, r["first_published"] or ""))


def statement(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any] | None:
    if not available(conn):
        return None
    row = conn.execute("SELECT id, speaker_id, text FROM link_statements WHERE id = ?", (statement_id,)).fetchone()
    if row is None:
        return None
    reports = [dict(r) for r in conn.execute(
        "SELECT doc_id, quote_id, reused FROM link_reports WHERE statement_id = ?"
        " ORDER BY published IS NULL, published, doc_id, start LIMIT ?", (statement_id, _REPORT_CAP))]
    return dict(row) | {"reports": reports}


def speaker(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    """A canonical speaker in the shape of store.queries.speaker, plus roles over time and outlets."""
    if not available(conn):
        return None
    row = conn.execute("SELECT id, name, type FROM link_speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return None
    aliases = [a for (a,) in conn.execute(
        "SELECT alias FROM link_aliases WHERE speaker_id = ? ORDER BY alias LIMIT 200", (speaker_id,))]
    roles_over_time = [dict(r) for r in conn.execute(
        "SELECT role, min(date) AS first, max(date) AS last, count(*) AS documents FROM link_roles"
        " WHERE speaker_id = ? GROUP BY role ORDER BY first IS NULL, first, role LIMIT 100", (speaker_id,))]
    outlet_counts = [dict(r) for r in conn.execute(
        "SELECT outlet, count(*) AS quotes, min(published) AS first, max(published) AS last FROM link_reports"
        " WHERE speaker_id = ? AND outlet IS NOT NULL GROUP BY outlet ORDER BY quotes DESC, outlet LIMIT 100",
        (speaker_id,))]
    n_quotes = conn.execute("SELECT count(*) FROM link_reports WHERE speaker_id = ?", (speaker_id,)).fetchone()[0]
    return {
        "id": row["id"], "name": row["name"], "type": row["type"], "aliases": aliases,
        "roles": [r["role"] for r in roles_over_time], "quotes": n_quotes,
        "outlets": [o["outlet"] for o in outlet_counts],
        "roles_over_time": roles_over_time, "outlet_counts": outlet_counts,
    }


def speaker_quote_keys(conn: sqlite3.Connection, speaker_id: str, limit: int = 100) -> list[tuple[str, str]]:
    """The newest ``limit`` quotes of a canonical speaker, oldest first."""
    rows = conn.execute(
        "SELECT doc_id, quote_id FROM link_reports WHERE speaker_id = ?"
        " ORDER BY published DESC, doc_id DESC, start DESC LIMIT ?", (speaker_id, limit)).fetchall()
    return [(r[0], r[1]) for r in reversed(rows)]


def speakers(conn: sqlite3.Connection, name: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Canonical speakers, most reported first (same keys as store.queries.speakers)."""
    where, params = "", []
    if name:
        where = ("WHERE s.id IN (SELECT speaker_id FROM link_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
                 " OR s.id = ?")
        escaped = name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params = [f"%{escaped}%", name.strip()]
    rows = conn.execute(
        "SELECT s.id, s.name, s.type, (SELECT count(*) FROM link_reports r WHERE r.speaker_id = s.id) AS quotes"
        f" FROM link_speakers s {where} ORDER BY quotes DESC, s.id LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    out = []
    for r in rows:
        aliases = [a for (a,) in conn.execute(
            "SELECT alias FROM link_aliases WHERE speaker_id = ? ORDER BY alias LIMIT 20", (r["id"],))]
        roles = [x for (x,) in conn.execute(
            "SELECT role FROM link_roles WHERE speaker_id = ? GROUP BY role ORDER BY count(*) DESC LIMIT 5",
            (r["id"],))]
        outlets = [x for (x,) in conn.execute(
            "SELECT outlet FROM link_reports WHERE speaker_id = ? AND outlet IS NOT NULL GROUP BY outlet"
            " ORDER BY count(*) DESC LIMIT 5", (r["id"],))]
        out.append({"id": r["id"], "name": r["name"], "type": r["type"], "aliases": aliases, "roles": roles,
                    "quotes": r["quotes"], "outlets": outlets})
    return out


def canonical_ids_for_store_speaker(conn: sqlite3.Connection, store_id: str) -> list[dict[str, Any]]:
    """Canonical speakers that a store (name-key) speaker id was linked to."""
    if not available(conn):
        return []
    return [dict(r) for r in conn.execute(
        "SELECT m.speaker_id AS id, ls.name AS name, count(*) AS documents FROM doc_speakers d"
        " JOIN link_mentions m ON m.doc_id = d.doc_id AND m.local_id = d.local_id"
        " LEFT JOIN link_speakers ls ON ls.id = m.speaker_id WHERE d.speaker_id = ?"
        " GROUP BY m.speaker_id ORDER BY documents DESC LIMIT 20", (store_id,))]


def reactions(conn: sqlite3.Connection, speaker_id: str, limit: int = 200) -> tuple[list[dict], list[dict]]:
    """(this speaker reacting to others, others reacting to this speaker)."""
    if not available(conn):
        return [], []

    def fetch(column: str) -> list[dict]:
        rows = conn.execute(
            "SELECT r.doc_id, r.from_speaker, r.to_speaker, coalesce(f.name, r.from_name) AS from_name,"
            " coalesce(t.name, r.to_name) AS to_name, r.verb, r.start, r.\"end\", r.evidence,"
            " d.published, d.outlet FROM link_reactions r JOIN documents d ON d.id = r.doc_id"
            " LEFT JOIN link_speakers f ON f.id = r.from_speaker LEFT JOIN link_speakers t ON t.id = r.to_speaker"
            f" WHERE r.{column} = ? ORDER BY d.published, r.doc_id, r.start LIMIT ?", (speaker_id, limit)).fetchall()
        return [{
            "doc_id": r["doc_id"], "from_speaker": r["from_speaker"], "to_speaker": r["to_speaker"],
            "from_name": r["from_name"], "to_name": r["to_name"], "verb": r["verb"],
            "evidence": {"start": r["start"], "end": r["end"], "text": r["evidence"]},
            "published": r["published"], "outlet": r["outlet"],
        } for r in rows]

    return fetch("from_speaker"), fetch("to_speaker")
