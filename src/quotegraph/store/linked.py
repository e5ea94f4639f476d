"""Reads of link/'s tables (store/links.py): canonical speakers, statements (reports grouped
across outlets) and reactions, for the CLI listings and the web pages.

A store that ``quotegraph link`` never ran on (``links.has_run`` is false) gives empty
results; callers say "not linked yet" instead of failing. Nothing here writes, so
read-only connections do. A statement's type is that of its first report (the
listings, the timeline's reactions and the narratives read it through ``of_types``); a
reaction has the type of the reacting statement, speech when it has none (the
reaction sentence reports the speaker speaking).
"""
from __future__ import annotations

import sqlite3
from typing import Any

from .links import has_run, select_in
from .queries import check_page, speakers as name_key_speakers

_REPORT_CAP = 500


def of_types(statement: str, n: int = 1) -> str:
    """A condition: the statement whose id is the SQL expression ``statement`` is of one of ``n``
    types (``n`` parameters follow): the type of its first report."""
    return ("EXISTS (SELECT 1 FROM link_statements ts JOIN quotes tq ON tq.doc_id = ts.first_doc_id"
            f" AND tq.id = ts.first_quote_id WHERE ts.id = {statement} AND tq.type IN ({','.join('?' * n)}))")


def statements(conn: sqlite3.Connection, *, speaker_ids: set[str] | None = None, min_reports: int = 1,
               type: str | None = "speech", limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Statements, most reported first: id, speaker_id, speaker_name, text, report_count,
    first_doc_id, first_quote_id, first_published, first_outlet."""
    if not has_run(conn) or (speaker_ids is not None and not speaker_ids):
        return []
    where, params = ["st.report_count >= ?"], [min_reports]
    if speaker_ids is not None:
        where.append(f"st.speaker_id IN ({','.join('?' * len(speaker_ids))})")
        params.extend(sorted(speaker_ids))
    if type is not None:
        where.append(of_types("st.id"))
        params.append(type)
    rows = conn.execute(
        "SELECT st.id, st.speaker_id, sp.name AS speaker_name, st.text, st.report_count, st.first_doc_id,"
        " st.first_quote_id, st.first_published, (SELECT r.outlet FROM link_reports r WHERE r.doc_id = st.first_doc_id"
        "  AND r.quote_id = st.first_quote_id) AS first_outlet"
        f" FROM link_statements st LEFT JOIN link_speakers sp ON sp.id = st.speaker_id WHERE {' AND '.join(where)}"
        " ORDER BY st.report_count DESC, st.first_published, st.id LIMIT ? OFFSET ?",
        [*params, -1 if limit is None else limit, offset]).fetchall()
    return [dict(r) for r in rows]


def statement_reports(conn: sqlite3.Connection, statement_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each statement's reports, earliest first: doc_id, quote_id, outlet, published, start, end, kind, reused."""
    reports: dict[str, list[dict[str, Any]]] = {sid: [] for sid in statement_ids}
    for r in select_in(conn,
            'SELECT statement_id, doc_id, quote_id, outlet, published, start, "end", kind, reused FROM link_reports'
            " WHERE statement_id IN ({marks}) ORDER BY published IS NULL, published, doc_id, start", statement_ids):
        reports[r[0]].append({"doc_id": r[1], "quote_id": r[2], "outlet": r[3], "published": r[4], "start": r[5],
                              "end": r[6], "kind": r[7], "reused": bool(r[8])})
    return reports


def statement(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any] | None:
    if not has_run(conn):
        return None
    row = conn.execute("SELECT id, speaker_id, text FROM link_statements WHERE id = ?", (statement_id,)).fetchone()
    if row is None:
        return None
    reports = [dict(r) for r in conn.execute(
        "SELECT doc_id, quote_id, reused FROM link_reports WHERE statement_id = ?"
        " ORDER BY published IS NULL, published, doc_id, start LIMIT ?", (statement_id, _REPORT_CAP))]
    return dict(row) | {"reports": reports}


def quote_links(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(doc_id, quote_id) -> {statement_id, speaker_id, speaker_name} for linked quotes."""
    if not keys or not has_run(conn):
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


def reactions(conn: sqlite3.Connection, *, speaker_ids: set[str] | None = None, direction: str = "either",
              type: str | None = "speech", limit: int = -1) -> list[dict[str, Any]]:
    """Reaction edges (from, to, verb, evidence span, statements), with the reacting document's date and
    outlet; ``direction`` says whether ``speaker_ids`` react ('from'), are reacted to ('to') or 'either'."""
    if not has_run(conn) or (speaker_ids is not None and not speaker_ids):
        return []
    where: list[str] = []
    params: list[Any] = []
    if speaker_ids is not None:
        marks = ",".join("?" * len(speaker_ids))
        sides = {"from": ["from_speaker"], "to": ["to_speaker"], "either": ["from_speaker", "to_speaker"]}[direction]
        where.append("(" + " OR ".join(f"r.{side} IN ({marks})" for side in sides) + ")")
        params.extend(sorted(speaker_ids) * len(sides))
    if type is not None:
        where.append(f"((r.from_statement IS NULL AND ? = 'speech') OR {of_types('r.from_statement')})")
        params.extend([type, type])
    rows = conn.execute(
        "SELECT r.doc_id, r.from_speaker, r.to_speaker, coalesce(f.name, r.from_name) AS from_name,"
        " coalesce(t.name, r.to_name) AS to_name, r.from_name AS from_written, r.to_name AS to_written, r.verb,"
        ' r.start, r."end", r.evidence, r.from_statement, r.to_statement, d.published, d.outlet'
        " FROM link_reactions r JOIN documents d ON d.id = r.doc_id"
        " LEFT JOIN link_speakers f ON f.id = r.from_speaker LEFT JOIN link_speakers t ON t.id = r.to_speaker"
        + ("" if not where else " WHERE " + " AND ".join(where))
        + " ORDER BY d.published, r.doc_id, r.start LIMIT ?", [*params, limit]).fetchall()
    return [dict(r) for r in rows]


def speaker(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    """A canonical speaker in the shape of store.queries.speaker, plus roles over time and outlets."""
    if not has_run(conn):
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


def speakers(conn: sqlite3.Connection, name: str | None, limit: int, offset: int,
             type: str | None = None) -> list[dict[str, Any]]:
    """Canonical speakers, most reported first (same keys as store.queries.speakers)."""
    if not has_run(conn):
        return []
    where, params = [], []
    if name:
        where.append("(s.id IN (SELECT speaker_id FROM link_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
                     " OR s.id = ?)")
        escaped = name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [f"%{escaped}%", name.strip()]
    if type:
        where.append("s.type = ?")
        params.append(type.upper())
    rows = conn.execute(
        "SELECT s.id, s.name, s.type, (SELECT count(*) FROM link_reports r WHERE r.speaker_id = s.id) AS quotes"
        f" FROM link_speakers s {'WHERE ' + ' AND '.join(where) if where else ''}"
        " ORDER BY quotes DESC, s.id LIMIT ? OFFSET ?",
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


def speakers_with_history(conn: sqlite3.Connection, speaker_ids: set[str] | None = None) -> list[dict[str, Any]]:
    """Canonical speakers by name with every alias, each role with its date and document, and the
    number of documents they are mentioned in (``quotegraph speakers list``)."""
    if not has_run(conn):
        return []
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


def canonical_ids_for_store_speaker(conn: sqlite3.Connection, store_id: str) -> list[dict[str, Any]]:
    """Canonical speakers that a store (name-key) speaker id was linked to."""
    if not has_run(conn):
        return []
    return [dict(r) for r in conn.execute(
        "SELECT m.speaker_id AS id, ls.name AS name, count(*) AS documents FROM doc_speakers d"
        " JOIN link_mentions m ON m.doc_id = d.doc_id AND m.local_id = d.local_id"
        " LEFT JOIN link_speakers ls ON ls.id = m.speaker_id WHERE d.speaker_id = ?"
        " GROUP BY m.speaker_id ORDER BY documents DESC LIMIT 20", (store_id,))]


# ----------------------------------------------------------------- name lookups (link/queries.py)

def ids_by_alias_key(conn: sqlite3.Connection, key: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT speaker_id FROM link_aliases WHERE alias_key = ?", (key,))}


def ids_mentioned_in_block(conn: sqlite3.Connection, block: str) -> list[str]:
    """Speakers with a mention of this block (mentions keep their own block, also when a
    correction merged them into a speaker of another block)."""
    return [r[0] for r in conn.execute("SELECT DISTINCT speaker_id FROM link_mentions WHERE block = ?", (block,))]


def aliases_of(conn: sqlite3.Connection, speaker_id: str) -> list[str]:
    return [a for a, in conn.execute("SELECT alias FROM link_aliases WHERE speaker_id = ?", (speaker_id,))]


def speaker_listing(conn: sqlite3.Connection, *, name: str | None = None, type: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The speakers a reader asks for: the canonical ones once link/ has run (one per person
    across documents and spellings, an unnamed group per article), the store's name-key
    speakers before. The CLI's `speakers` and the web's speaker list both show this."""
    if not has_run(conn):
        return name_key_speakers(conn, name=name, type=type, limit=limit, offset=offset)
    check_page(limit, offset)
    return speakers(conn, name or None, limit, offset, type=type)
