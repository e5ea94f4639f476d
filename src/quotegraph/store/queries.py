"""Reads of the store beyond the quote search (store/quote_search.py): speakers, documents,
corpus figures. Plain JSON-ready dicts; bad filters raise QueryError with the reason."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..records import QUOTE_KINDS, STATEMENT_TYPES
from .filters import resolve_speakers
from .quote_search import MAX_LIMIT, document_quotes
from .search import QueryError

__all__ = ["QueryError", "speakers", "speaker", "speaker_details", "speaker_summary", "speaker_roles", "speaker_outlets", "outlets",
           "document", "stats"]


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def speaker_details(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    aliases: dict[str, list[str]] = {i: [] for i in ids}
    for sid, alias in conn.execute(
            f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN ({marks}) ORDER BY pk", ids):
        aliases[sid].append(alias)
    roles: dict[str, list[str]] = {i: [] for i in ids}
    for sid, role, _ in conn.execute(
            f"SELECT speaker_id, role, count(*) AS n FROM speaker_roles WHERE speaker_id IN ({marks})"
            " GROUP BY speaker_id, role ORDER BY speaker_id, n DESC, role", ids):
        roles[sid].append(role)
    outlets: dict[str, list[str]] = {i: [] for i in ids}
    for sid, outlet, _ in conn.execute(
            f"SELECT speaker_id, outlet, count(*) AS n FROM quotes WHERE speaker_id IN ({marks})"
            " AND outlet IS NOT NULL GROUP BY speaker_id, outlet ORDER BY speaker_id, n DESC, outlet", ids):
        outlets[sid].append(outlet)
    return [
        {"id": r["id"], "name": r["name"], "type": r["type"], "aliases": aliases[r["id"]],
         "roles": roles[r["id"]], "quotes": r["quote_count"], "outlets": outlets[r["id"]]}
        for r in rows
    ]


def check_page(limit: int, offset: int) -> None:
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"--offset must be 0 or more, got {offset}")


def speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Speakers with at least one quote, most quoted first: id, name, type, aliases, roles, quotes, outlets."""
    check_page(limit, offset)
    where = ["quote_count > 0"]
    params: list[Any] = []
    if name is not None:
        ids = resolve_speakers(conn, name)
        if not ids:
            return []
        where.append(f"id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    if type is not None:
        where.append("type = ?")
        params.append(type.upper())
    rows = conn.execute(
        f"SELECT id, name, type, quote_count FROM speakers WHERE {' AND '.join(where)}"
        " ORDER BY quote_count DESC, id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return speaker_details(conn, rows)


def speaker(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    rows = conn.execute("SELECT id, name, type, quote_count FROM speakers WHERE id = ?", (speaker_id,)).fetchall()
    found = speaker_details(conn, rows)
    return found[0] if found else None


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """DESIGN.md's document record (text, boilerplate, quotes) plus stored speakers and mentions."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = {k: row[k] for k in
                              ("id", "source", "url", "outlet", "published", "language", "title", "text")}
    record["format"] = row["format"]
    record["hash"] = row["hash"]
    record["ingested_at"] = row["ingested_at"]
    record["boilerplate"] = [
        {"start": s, "end": e, "text": t} for s, e, t in conn.execute(
            'SELECT start, "end", text FROM boilerplate WHERE doc_id = ? ORDER BY start', (doc_id,))]
    record["quotes"] = document_quotes(conn, doc_id)
    record["speakers"] = [dict(r) for r in conn.execute(
        "SELECT local_id, name, type, role, speaker_id FROM doc_speakers WHERE doc_id = ? ORDER BY local_id", (doc_id,))]
    record["mentions"] = [dict(r) for r in conn.execute(
        'SELECT local_speaker_id, speaker_id, start, "end", text FROM mentions WHERE doc_id = ? ORDER BY start',
        (doc_id,))]
    record.update(_loads(row["extra"]) or {})
    return record


def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Corpus size and shape in one small dict."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    by_kind = {k: n for k, n in conn.execute("SELECT kind, count(*) FROM quotes GROUP BY kind")}
    by_type = {t: n for t, n in conn.execute("SELECT type, count(*) FROM quotes GROUP BY type")}
    top_outlets = [{"outlet": o, "documents": n} for o, n in conn.execute(
        "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY n DESC, outlet LIMIT 10")]
    versions = {c: v for c, v in conn.execute("SELECT component, version FROM schema_version")}
    page_size, page_count = one("PRAGMA page_size"), one("PRAGMA page_count")
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "quotes": sum(by_kind.values()),
        "quotes_by_kind": {k: by_kind.get(k, 0) for k in QUOTE_KINDS},
        "quotes_by_type": {t: by_type.get(t, 0) for t in STATEMENT_TYPES},
        "speakers": one("SELECT count(*) FROM speakers WHERE quote_count > 0"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "boilerplate_spans": one("SELECT count(*) FROM boilerplate"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM documents"),
        "top_outlets": top_outlets,
        "first_published": one("SELECT min(published) FROM documents"),
        "last_published": one("SELECT max(published) FROM documents"),
        "database_bytes": page_size * page_count,
        "schema_version": versions,
    }


def speaker_summary(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    """The store's speaker (name-key id) with aliases; roles and outlets come from the two functions below."""
    row = conn.execute("SELECT id, name, type, quote_count FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return None
    aliases = [a for (a,) in conn.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY pk LIMIT 200", (speaker_id,))]
    return {"id": row["id"], "name": row["name"], "type": row["type"], "aliases": aliases,
            "quotes": row["quote_count"]}


def speaker_roles(conn: sqlite3.Connection, speaker_id: str) -> list[dict[str, Any]]:
    """Each role with the first and last date a document gave it."""
    return [dict(r) for r in conn.execute(
        "SELECT role, min(date) AS first, max(date) AS last, count(*) AS documents FROM speaker_roles"
        " WHERE speaker_id = ? GROUP BY role ORDER BY first IS NULL, first, role LIMIT 100", (speaker_id,))]


# Outlet counts of a speaker look at their newest quotes only: the most quoted speaker of the
# 1,000,000-quote bench store has ~150,000, and counting all of them took ~100 ms.
OUTLET_WINDOW = 5_000


def speaker_outlets(conn: sqlite3.Connection, speaker_id: str) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(
        "SELECT outlet, count(*) AS quotes, min(published) AS first, max(published) AS last FROM"
        " (SELECT outlet, published FROM quotes WHERE speaker_id = ? ORDER BY published DESC LIMIT ?)"
        " WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY quotes DESC, outlet LIMIT 100",
        (speaker_id, OUTLET_WINDOW))]


def outlets(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet LIMIT 500")]


def documents_with_events(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """(id, published, outlet, extra JSON) of the documents naming dated events, oldest first."""
    return conn.execute(
        "SELECT id, published, outlet, extra FROM documents"
        " WHERE extra IS NOT NULL AND json_extract(extra, '$.events[0]') IS NOT NULL ORDER BY published, id")
