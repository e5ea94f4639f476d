"""Read linked results from the store: statements, reactions, canonical speakers."""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store.links import ensure_link_schema, select_in
from ..names import parse_person, strip_diacritics


def find_speaker_ids(conn: sqlite3.Connection, name: str) -> set[str]:
    """Canonical ids a user-written name refers to: an id, an alias, or any spelling of one."""
    ensure_link_schema(conn)
    if conn.execute("SELECT 1 FROM link_speakers WHERE id = ?", (name,)).fetchone():
        return {name}
    key = " ".join(strip_diacritics(name).lower().split())
    ids = {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias_key = ?", (key,))}
    if ids:
        return ids
    person = parse_person(name)
    if person is None:
        return set()
    out = set()
    # Mentions keep their own block, also when a correction merged them into a speaker of another block.
    for sid, in conn.execute("SELECT DISTINCT speaker_id FROM link_mentions WHERE block = ?", ("P:" + person.surname,)):
        aliases = [a for a, in conn.execute("SELECT alias FROM link_aliases WHERE speaker_id = ?", (sid,))]
        parsed = [p for p in map(parse_person, aliases) if p]
        if not person.has_given or any(p.given[:1] == person.given[:1] for p in parsed if p.has_given):
            out.add(sid)
    return out


def list_statements(conn: sqlite3.Connection, speaker_ids: set[str] | None = None, min_reports: int = 1,
                    limit: int | None = None, statement_type: str = "speech") -> list[dict[str, Any]]:
    """Statements by how often they were reported; of the given type (that of their first
    report), speech unless asked otherwise ("all": every type)."""
    ensure_link_schema(conn)
    sql = ("SELECT st.id, st.speaker_id, sp.name, st.text, st.report_count, st.first_doc_id, st.first_quote_id,"
           " st.first_published FROM link_statements st LEFT JOIN link_speakers sp ON sp.id = st.speaker_id"
           " WHERE st.report_count >= ?")
    args: list[Any] = [min_reports]
    if statement_type != "all":
        sql += (" AND EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = st.first_doc_id AND q.id = st.first_quote_id"
                " AND q.type = ?)")
        args.append(statement_type)
    if speaker_ids is not None:
        if not speaker_ids:
            return []
        sql += f" AND st.speaker_id IN ({','.join('?' * len(speaker_ids))})"
        args += sorted(speaker_ids)
    sql += " ORDER BY st.report_count DESC, st.first_published, st.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = conn.execute(sql, args).fetchall()
    reports: dict[str, list[dict]] = {r[0]: [] for r in rows}
    for r in select_in(conn,
            'SELECT statement_id, doc_id, quote_id, outlet, published, start, "end", kind, reused FROM link_reports'
            " WHERE statement_id IN ({marks}) ORDER BY published IS NULL, published, doc_id, start", list(reports)):
        reports[r[0]].append({"document": r[1], "quote_id": r[2], "outlet": r[3], "published": r[4],
                              "start": r[5], "end": r[6], "kind": r[7], "reused": bool(r[8])})
    out = []
    for r in rows:
        out.append({
            "id": r[0], "speaker": {"id": r[1], "name": r[2]}, "text": r[3], "report_count": r[4],
            "reports": reports[r[0]],
            "first_report": {"document": r[5], "quote_id": r[6], "published": r[7]},
        })
    return out


def list_reactions(conn: sqlite3.Connection, speaker_ids: set[str] | None = None) -> list[dict[str, Any]]:
    ensure_link_schema(conn)
    sql = ('SELECT r.doc_id, r.from_speaker, f.name, r.from_name, r.to_speaker, t.name, r.to_name, r.verb, r.start,'
           ' r."end", r.evidence, r.from_statement, r.to_statement FROM link_reactions r'
           " LEFT JOIN link_speakers f ON f.id = r.from_speaker LEFT JOIN link_speakers t ON t.id = r.to_speaker")
    args: list[Any] = []
    if speaker_ids is not None:
        marks = ",".join("?" * len(speaker_ids)) or "NULL"
        sql += f" WHERE r.from_speaker IN ({marks}) OR r.to_speaker IN ({marks})"
        args = sorted(speaker_ids) * 2
    sql += " ORDER BY r.doc_id, r.start"
    return [{
        "document": r[0],
        "from": {"id": r[1], "name": r[2] or r[3], "as_written": r[3], "statement": r[11]},
        "to": {"id": r[4], "name": r[5] or r[6], "as_written": r[6], "statement": r[12]},
        "verb": r[7], "evidence": {"start": r[8], "end": r[9], "text": r[10]},
    } for r in conn.execute(sql, args)]


def list_speakers(conn: sqlite3.Connection, speaker_ids: set[str] | None = None) -> list[dict[str, Any]]:
    """Canonical speakers with aliases and roles over time (each with date and document)."""
    ensure_link_schema(conn)
    sql = "SELECT id, name, type FROM link_speakers"
    args: list[Any] = []
    if speaker_ids is not None:
        sql += f" WHERE id IN ({','.join('?' * len(speaker_ids)) or 'NULL'})"
        args = sorted(speaker_ids)
    out = []
    for sid, name, typ in conn.execute(sql + " ORDER BY name", args).fetchall():
        aliases = [a for a, in conn.execute("SELECT alias FROM link_aliases WHERE speaker_id = ? ORDER BY alias", (sid,))]
        roles = [{"role": r, "date": d, "document": doc} for r, d, doc in conn.execute(
            "SELECT role, date, doc_id FROM link_roles WHERE speaker_id = ? ORDER BY date IS NULL, date, doc_id", (sid,))]
        docs = conn.execute("SELECT COUNT(*) FROM link_mentions WHERE speaker_id = ?", (sid,)).fetchone()[0]
        out.append({"id": sid, "name": name, "type": typ, "aliases": aliases, "roles": roles, "documents": docs})
    return out
