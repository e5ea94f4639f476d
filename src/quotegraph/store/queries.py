"""Read-only queries over the store, returning plain JSON-ready dicts.

The quote dict is DESIGN.md's quote record plus ``document`` (id, outlet,
published, url); ``speaker.id`` is the store's stable speaker id. Bad filters
raise QueryError with the reason: the CLI prints it, the web layer maps it to 400.
"""
from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from typing import Any

from .keys import name_key
from .search import QueryError, fts_expression

__all__ = ["QueryError", "date_bound", "add_published_range", "quotes", "count_quotes", "speakers", "speaker", "document", "stats", "resolve_speakers"]

KINDS = ("direct", "indirect", "mixed")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
MAX_LIMIT = 10_000


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def date_bound(value: str, label: str, upper: bool) -> str:
    """'2024' / '2024-02' / '2024-02-07' -> a YYYY-MM-DD bound (inclusive).

    ``label`` names the filter in the error ('--since' on the CLI, 'since' on the web)."""
    match = _DATE.match(value.strip())
    if not match:
        raise QueryError(f"{label} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise QueryError(f"{label} {value!r} is not a valid date: {exc}") from None
    if day:
        return f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-{'31' if upper else '01'}"
    return f"{year}-{'12-31' if upper else '01-01'}"


def add_published_range(where: list[str], params: list, since: str | None, until: str | None,
                        *, prefix: str = "") -> None:
    """Append ``q.published`` bounds for since/until (inclusive); ``prefix`` names the
    filters in errors as the caller's user knows them ('--since' on the CLI, 'since' on the web)."""
    low = date_bound(since, f"{prefix}since", upper=False) if since else None
    high = date_bound(until, f"{prefix}until", upper=True) if until else None
    if low and high and low > high:
        raise QueryError(f"{prefix}since {since} is after {prefix}until {until}")
    if low:
        where.append("q.published >= ?")
        params.append(low)
    if high:
        where.append("q.published <= ?")
        params.append(high)


def resolve_speakers(conn: sqlite3.Connection, name: str) -> list[str]:
    """Speaker ids whose name or an alias matches ``name``.

    An exact alias (case, accents and punctuation ignored) wins; otherwise every
    speaker with an alias containing all the words ("Zakharova" finds
    "Maria Zakharova").
    """
    key = name_key(name)
    if not key:
        raise QueryError(f"--speaker {name!r} has no letters or digits to match")
    exact = [r[0] for r in conn.execute(
        "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ?", (key,))]
    if exact:
        return exact
    expression = " ".join('"' + word + '"' for word in key.split())
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT a.speaker_id FROM speaker_aliases_fts f JOIN speaker_aliases a ON a.pk = f.rowid"
        " WHERE speaker_aliases_fts MATCH ? LIMIT 1000", (expression,))]


def _resolve_outlets(conn: sqlite3.Connection, outlet: str) -> list[str]:
    """Stored outlet names equal to ``outlet`` ignoring case (outlets are few: an index scan)."""
    wanted = outlet.strip().casefold()
    return [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
            if r[0].casefold() == wanted]


def _quote_filters(
    conn: sqlite3.Connection,
    *,
    speaker: str | None,
    search: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    doc_id: str | None,
) -> tuple[list[str], list[Any], str | None, list[str] | None] | None:
    """WHERE clauses, parameters, FTS expression and speaker ids; None when a filter can match nothing.

    The speaker condition is not among the WHERE clauses: callers add it as
    ``q.speaker_id IN (...)`` or, for a fast newest-first list, query per speaker.
    """
    where: list[str] = []
    params: list[Any] = []
    expression = None
    if kind is not None:
        if kind not in KINDS:
            raise QueryError(f"--kind must be one of {', '.join(KINDS)}, got {kind!r}")
        where.append("q.kind = ?")
        params.append(kind)
    add_published_range(where, params, since, until, prefix="--")
    if search is not None:
        expression = fts_expression(search)
    if outlet is not None:
        outlets = _resolve_outlets(conn, outlet)
        if not outlets:
            return None
        where.append(f"q.outlet IN ({','.join('?' * len(outlets))})")
        params.extend(outlets)
    speaker_ids = None
    if speaker is not None:
        speaker_ids = resolve_speakers(conn, speaker)
        if not speaker_ids:
            return None
    if doc_id is not None:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    return where, params, expression, speaker_ids


def _with_speakers(where: list[str], params: list[Any], speaker_ids: list[str] | None) -> tuple[list[str], list[Any]]:
    if speaker_ids is None:
        return where, params
    return ([*where, f"q.speaker_id IN ({','.join('?' * len(speaker_ids))})"], [*params, *speaker_ids])


# Search + speaker: below this many quotes by the speaker(s), check each of
# their quotes against the index instead of walking the word's matches. On the
# 1,000,000-quote bench store a rare speaker with a common word took 1.3-1.8 s
# walking the matches and 1-17 ms checking the speaker's 40 quotes (~0.4 ms per
# check for the commonest word), so 1,000 checks stay under ~0.4 s at worst.
FEW_QUOTES = 1_000


def _speaker_quote_total(conn: sqlite3.Connection, speaker_ids: list[str]) -> int:
    marks = ",".join("?" * len(speaker_ids))
    return int(conn.execute(f"SELECT coalesce(sum(quote_count), 0) FROM speakers WHERE id IN ({marks})",
                            speaker_ids).fetchone()[0])


def _matching_among_speakers(conn: sqlite3.Connection, where: list[str], params: list[Any],
                             speaker_ids: list[str], expression: str, search: str | None) -> list[int]:
    """Keys of the speakers' quotes (other filters applied) that match the search, newest stored first."""
    where, params = _with_speakers(where, params, speaker_ids)
    candidates = [r[0] for r in conn.execute(
        "SELECT q.pk FROM quotes q WHERE " + " AND ".join(where), params)]
    matched: list[int] = []
    try:
        for i in range(0, len(candidates), 500):
            chunk = candidates[i:i + 500]
            matched.extend(r[0] for r in conn.execute(
                f"SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid IN ({','.join('?' * len(chunk))})",
                [expression, *chunk]))
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search {search!r} is not understood: {exc}") from None
    return sorted(matched, reverse=True)


def _newest_pks_per_speaker(conn: sqlite3.Connection, where: list[str], params: list[Any],
                            speaker_ids: list[str], wanted: int) -> list[int]:
    """Newest ``wanted`` quote keys over several speakers, merged from one index walk per speaker.

    ``speaker_id IN (...) ORDER BY published`` would sort every quote of every
    matching speaker (a surname can match dozens of speakers with thousands of
    quotes each); each speaker's newest rows come straight off the
    (speaker_id, published) index instead.
    """
    sql = ("SELECT q.pk, q.published FROM quotes q WHERE q.speaker_id = ?"
           + "".join(" AND " + w for w in where) + " ORDER BY q.published DESC, q.pk DESC LIMIT ?")
    candidates: list[tuple[bool, str, int]] = []
    for speaker_id in speaker_ids:
        for pk, published in conn.execute(sql, [speaker_id, *params, wanted]):
            candidates.append((published is not None, published or "", pk))
    candidates.sort(reverse=True)  # undated last, as SQLite orders NULLs in DESC
    return [pk for _, _, pk in candidates[:wanted]]


_QUOTE_COLUMNS = (
    "q.pk, q.id, q.doc_id, q.kind, q.contents, q.cue, q.sources, q.speaker_id, q.speaker_name,"
    " q.speaker_type, q.speaker_role, q.addressee, q.type, q.confidence, q.extra, q.published, q.outlet,"
    " s.name AS canonical_name, s.type AS canonical_type, d.url AS url"
)


def quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    search: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    doc_id: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes matching every given filter, newest publication first.

    With ``search`` the newest-first order is by the order quotes were stored
    (the FTS index's own order), which keeps common words fast on a large corpus.
    """
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"--offset must be 0 or more, got {offset}")
    filters = _quote_filters(conn, speaker=speaker, search=search, outlet=outlet, since=since,
                             until=until, kind=kind, doc_id=doc_id)
    if filters is None:
        return []
    where, params, expression, speaker_ids = filters
    joins = " LEFT JOIN speakers s ON s.id = q.speaker_id JOIN documents d ON d.id = q.doc_id"
    if expression is None and speaker_ids is not None and len(speaker_ids) > 1:
        pks = _newest_pks_per_speaker(conn, where, params, speaker_ids, limit + offset)[offset:]
        if not pks:
            return []
        rows = conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q{joins} WHERE q.pk IN ({','.join('?' * len(pks))})"
            " ORDER BY q.published DESC, q.pk DESC", pks).fetchall()
        return [quote_record(row) for row in rows]
    if expression is not None and speaker_ids is not None and _speaker_quote_total(conn, speaker_ids) <= FEW_QUOTES:
        pks = _matching_among_speakers(conn, where, params, speaker_ids, expression, search)[offset:offset + limit]
        if not pks:
            return []
        rows = conn.execute(f"SELECT {_QUOTE_COLUMNS} FROM quotes q{joins} WHERE q.pk IN"
                            f" ({','.join('?' * len(pks))}) ORDER BY q.pk DESC", pks).fetchall()
        return [quote_record(row) for row in rows]
    where, params = _with_speakers(where, params, speaker_ids)
    if expression is not None:
        sql = (f"SELECT {_QUOTE_COLUMNS} FROM quotes_fts f JOIN quotes q ON q.pk = f.rowid{joins}"
               f" WHERE quotes_fts MATCH ?{''.join(' AND ' + w for w in where)}"
               " ORDER BY f.rowid DESC LIMIT ? OFFSET ?")
        params = [expression, *params]
    else:
        sql = (f"SELECT {_QUOTE_COLUMNS} FROM quotes q{joins}"
               f"{' WHERE ' + ' AND '.join(where) if where else ''}"
               " ORDER BY q.published DESC, q.pk DESC LIMIT ? OFFSET ?")
    try:
        rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError as exc:
        if expression is not None and ("fts5" in str(exc) or "syntax" in str(exc)):
            raise QueryError(f"search {search!r} is not understood: {exc}") from None
        raise
    return [quote_record(row) for row in rows]


def count_quotes(conn: sqlite3.Connection, **filters: Any) -> int:
    """How many quotes match (same filters as ``quotes``, without limit/offset)."""
    found = _quote_filters(conn, **{k: filters.get(k) for k in
                                    ("speaker", "search", "outlet", "since", "until", "kind", "doc_id")})
    if found is None:
        return 0
    where, params, expression, speaker_ids = found
    where, params = _with_speakers(where, params, speaker_ids)
    if expression is not None:
        sql = ("SELECT count(*) FROM quotes_fts f JOIN quotes q ON q.pk = f.rowid WHERE quotes_fts MATCH ?"
               + "".join(" AND " + w for w in where))
        params = [expression, *params]
    else:
        sql = "SELECT count(*) FROM quotes q" + (" WHERE " + " AND ".join(where) if where else "")
    return int(conn.execute(sql, params).fetchone()[0])


def quote_record(row: sqlite3.Row, with_document: bool = True) -> dict[str, Any]:
    speaker = None
    if row["speaker_id"] or row["speaker_name"]:
        speaker = {
            "id": row["speaker_id"],
            "name": row["canonical_name"] or row["speaker_name"],
            "type": row["canonical_type"] or row["speaker_type"] or "UNKNOWN",
            "role": row["speaker_role"],
        }
    record: dict[str, Any] = {
        "id": row["id"],
        "kind": row["kind"],
        "contents": _loads(row["contents"]) or [],
        "cue": _loads(row["cue"]),
        "sources": _loads(row["sources"]) or [],
        "speaker": speaker,
        "addressee": _loads(row["addressee"]),
        "type": row["type"],
        "confidence": row["confidence"],
    }
    record.update(_loads(row["extra"]) or {})
    if with_document:
        record["document"] = {"id": row["doc_id"], "outlet": row["outlet"],
                              "published": row["published"], "url": row["url"]}
    return record


def _speaker_details(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
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


def speakers(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Speakers with at least one quote, most quoted first: id, name, type, aliases, roles, quotes, outlets."""
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"--offset must be 0 or more, got {offset}")
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
    return _speaker_details(conn, rows)


def speaker(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    rows = conn.execute("SELECT id, name, type, quote_count FROM speakers WHERE id = ?", (speaker_id,)).fetchall()
    found = _speaker_details(conn, rows)
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
    quote_rows = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
        " JOIN documents d ON d.id = q.doc_id WHERE q.doc_id = ? ORDER BY q.content_start, q.pk", (doc_id,)).fetchall()
    record["quotes"] = [quote_record(r, with_document=False) for r in quote_rows]
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
    top_outlets = [{"outlet": o, "documents": n} for o, n in conn.execute(
        "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY n DESC, outlet LIMIT 10")]
    versions = {c: v for c, v in conn.execute("SELECT component, version FROM schema_version")}
    page_size, page_count = one("PRAGMA page_size"), one("PRAGMA page_count")
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "quotes": sum(by_kind.values()),
        "quotes_by_kind": {k: by_kind.get(k, 0) for k in KINDS},
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
