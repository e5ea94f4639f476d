"""The SQL the pages need beyond store/queries.py: exact-id search with facets,
speaker timelines and outlets, and linking tables when link/ has created them.

Read-only and parameterised throughout; rows are turned into the store's own
quote records (``store.queries.quote_record``) so the JSON API prints quotes
exactly as ``quotegraph quotes --format json`` does.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..store.queries import KINDS, add_published_range, quote_record, resolve_speakers
from ..store.search import QueryError, fts_expression

# Pages never ask for more than this many rows at once (the API's limit ≤ 200).
MAX_PAGE = 200
# Counting and facets look at no more than this many matches, so a search for a
# common word over a million quotes stays a bounded amount of work.
# FACET_SAMPLE: 1,000 keeps facets of a common word at ~10-20 ms on the 1,000,000-quote
# bench store (`quotegraph bench store`, loaded machine), where 5,000 cost 40-60 ms of row lookups.
COUNT_CAP = 10_000
FACET_SAMPLE = 1_000
FACET_TOP = 12


QUOTE_COLUMNS = (
    "q.pk, q.id, q.doc_id, q.kind, q.contents, q.cue, q.sources, q.speaker_id, q.speaker_name,"
    " q.speaker_type, q.speaker_role, q.addressee, q.type, q.confidence, q.extra, q.published, q.outlet,"
    " s.name AS canonical_name, s.type AS canonical_type, d.url AS url, d.title AS title"
)
_JOINS = " LEFT JOIN speakers s ON s.id = q.speaker_id JOIN documents d ON d.id = q.doc_id"


@dataclass(frozen=True, slots=True)
class Filters:
    q: str | None = None
    speaker: str | None = None  # a speaker id, or a name resolved through the aliases
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None

    def active(self) -> dict[str, str]:
        return {k: v for k, v in (("q", self.q), ("speaker", self.speaker), ("outlet", self.outlet),
                                  ("kind", self.kind), ("since", self.since), ("until", self.until)) if v}


@dataclass(frozen=True, slots=True)
class _Plan:
    from_sql: str
    where: list[str]
    params: list[Any]
    order: str
    empty: bool = False
    # Words plus a speaker: the FTS expression and the other conditions, kept apart for matching_keys.
    expression: str | None = None
    rest_where: tuple[str, ...] = ()
    rest_params: tuple[Any, ...] = ()


def _plan(conn: sqlite3.Connection, f: Filters) -> _Plan:
    where: list[str] = []
    params: list[Any] = []
    if f.kind:
        if f.kind not in KINDS:
            raise QueryError(f"kind must be one of {', '.join(KINDS)}, got {f.kind!r}")
        where.append("q.kind = ?")
        params.append(f.kind)
    add_published_range(where, params, f.since, f.until)
    if f.outlet:
        where.append("q.outlet = ?")
        params.append(f.outlet)
    empty = False
    if f.speaker and linked_canonical(conn, f.speaker):
        # A canonical speaker from link/: its quotes are the reports linked to it, found through
        # link_reports' speaker index (a correlated EXISTS would test every quote in turn).
        where.append("q.pk IN (SELECT lq.pk FROM link_reports r JOIN quotes lq ON lq.doc_id = r.doc_id"
                     " AND lq.id = r.quote_id WHERE r.speaker_id = ?)")
        params.append(f.speaker)
    elif f.speaker:
        exact = conn.execute("SELECT 1 FROM speakers WHERE id = ?", (f.speaker,)).fetchone()
        ids = [f.speaker] if exact else resolve_speakers(conn, f.speaker)
        empty = not ids
        where.append(f"q.speaker_id IN ({','.join('?' * max(len(ids), 1))})")
        params.extend(ids or [""])
    if f.q and f.speaker:
        # Words and a speaker: collect the words' matches once (FTS5 reads its doclist) and
        # intersect with the speaker's quotes. Left to itself SQLite may drive from the speaker
        # index and probe FTS5 once per quote (~0.1 ms each: 1 s for a speaker with 10,000 quotes
        # on the 1,000,000-quote bench store). The unary + keeps SQLite from driving from the
        # words' rowid list instead (ORDER BY pk tempts it), which looks up every match.
        expression = fts_expression(f.q)
        return _Plan("quotes q", [*where, "+q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"],
                     [*params, expression], "q.pk DESC", empty, expression, tuple(where), tuple(params))
    if f.q:
        expression = fts_expression(f.q)
        # CROSS JOIN keeps FTS5 as the outer loop: newest matches first, stop at LIMIT.
        return _Plan("quotes_fts f CROSS JOIN quotes q ON q.pk = f.rowid", ["quotes_fts MATCH ?", *where],
                     [expression, *params], "f.rowid DESC", empty)
    return _Plan("quotes q", where, params, "q.published DESC, q.pk DESC", empty)


def linked_canonical(conn: sqlite3.Connection, speaker_id: str) -> bool:
    return table_exists(conn, "link_speakers") and table_exists(conn, "link_reports") and conn.execute(
        "SELECT 1 FROM link_speakers WHERE id = ?", (speaker_id,)).fetchone() is not None


def _linked(conn: sqlite3.Connection) -> bool:
    """Canonical speakers exist (link/ has run and found some): facets count those."""
    return table_exists(conn, "link_reports") and table_exists(conn, "link_speakers") and conn.execute(
        "SELECT 1 FROM link_speakers LIMIT 1").fetchone() is not None


def _run(conn: sqlite3.Connection, sql: str, params: list[Any], f: Filters) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        # fts_expression accepts only well-formed input; this is a last guard.
        if f.q and ("fts5" in str(exc) or "syntax" in str(exc)):
            raise QueryError(f"search {f.q!r} is not understood: {exc}") from None
        raise


def _where(plan: _Plan) -> str:
    return (" WHERE " + " AND ".join(plan.where)) if plan.where else ""


@dataclass(frozen=True, slots=True)
class Matches:
    """Keys (quotes.pk) of the matches of a words-plus-speaker search, newest first."""
    keys: list[int]
    # The scan reached the oldest quote, or found more than COUNT_CAP matches: ``keys`` holds
    # every match (up to the cap). Otherwise they are the matches among the newest quotes only.
    complete: bool


def search_quotes(conn: sqlite3.Connection, f: Filters, limit: int, offset: int,
                  matches: Matches | None = None) -> list[dict[str, Any]]:
    """A page of matches; ``matches`` (from matching_keys) spares running the search again."""
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, got {offset}")
    if matches is not None and (offset + limit <= len(matches.keys) or matches.complete):
        page = matches.keys[offset:offset + limit]
        sql = (f"SELECT {QUOTE_COLUMNS} FROM quotes q{_JOINS} WHERE q.pk IN ({','.join('?' * len(page))})"
               " ORDER BY q.pk DESC")
        return [record_from_row(r) for r in conn.execute(sql, page)] if page else []
    plan = _plan(conn, f)
    if plan.empty:
        return []
    sql = (f"SELECT {QUOTE_COLUMNS} FROM {plan.from_sql}{_JOINS}{_where(plan)}"
           f" ORDER BY {plan.order} LIMIT ? OFFSET ?")
    return [record_from_row(r) for r in _run(conn, sql, [*plan.params, limit, offset], f)]


def needs_keys(f: Filters) -> bool:
    """Words plus a speaker: worth collecting the matching keys once for page, count and facets."""
    return bool(f.q and f.speaker)


# Words plus a speaker scan the newest SCAN_WINDOW quotes first, then windows four times larger,
# until the page is full (or every quote is scanned). On the 1,000,000-quote bench store
# (`quotegraph bench store`, machine shared with other jobs) a common word matches ~190,000
# quotes; intersecting all of them with a speaker's quotes took 26-92 ms whoever the speaker
# (71,000 quotes or 600). Over 15 word x speaker pairs (3 words, speakers of rank 1-200), page
# keys plus facets took 2.9-3.5 ms on average with windows of 32,768, 3.9 with 16,384 and 65,536.
SCAN_WINDOW = 32_768


def matching_keys(conn: sqlite3.Connection, f: Filters, need: int, cap: int = COUNT_CAP + 1) -> Matches:
    """Keys of at least ``need`` matches (all of them if fewer), newest first, at most ``cap``.

    Each window asks FTS5 for the word's matches within a range of keys (it seeks to the
    range instead of reading the whole doclist) that are among the speaker's quotes in the
    same range. Past the first window it stops as soon as ``need`` matches are found, so
    count and facets then cover the newest quotes only (``Matches.complete`` is false).
    """
    plan = _plan(conn, f)
    if plan.empty:
        return Matches([], True)
    if plan.expression is None:
        sql = f"SELECT q.pk FROM {plan.from_sql}{_where(plan)} ORDER BY {plan.order} LIMIT ?"
        return Matches([r[0] for r in _run(conn, sql, [*plan.params, cap], f)], True)
    top = conn.execute("SELECT max(pk) FROM quotes").fetchone()[0] or 0
    rest = "".join(f" AND {w}" for w in plan.rest_where)
    # The unary + keeps the key range out of the speaker's lookup: the speaker index drives it.
    sql = ("SELECT f.rowid FROM quotes_fts f WHERE quotes_fts MATCH ? AND f.rowid > ? AND f.rowid <= ?"
           f" AND +f.rowid IN (SELECT q.pk FROM quotes q WHERE +q.pk > ? AND +q.pk <= ?{rest})"
           " ORDER BY f.rowid DESC LIMIT ?")
    keys: list[int] = []
    high, window = top, SCAN_WINDOW
    while high > 0:
        low = max(high - window, 0)
        found = _run(conn, sql, [plan.expression, low, high, low, high, *plan.rest_params, cap - len(keys)], f)
        keys.extend(r[0] for r in found)
        high = low
        if len(keys) >= cap:
            return Matches(keys, True)
        if len(keys) >= need:
            break
        window *= 4
    return Matches(keys, high <= 0)


def record_from_row(row: sqlite3.Row) -> dict[str, Any]:
    record = quote_record(row)
    record["document"]["title"] = row["title"]
    return record


def count_quotes(conn: sqlite3.Connection, f: Filters, cap: int = COUNT_CAP,
                 matches: Matches | None = None) -> tuple[int, bool]:
    """(count, capped): counts at most ``cap + 1`` matches so it stays fast on big stores.

    ``capped`` means the count is a lower bound: more than ``cap`` matches, or ``matches``
    came from a scan of the newest quotes only."""
    if matches is not None:
        n = len(matches.keys)
        return (cap, True) if n > cap else (n, not matches.complete)
    plan = _plan(conn, f)
    if plan.empty:
        return 0, False
    if f.q and plan.where == ["quotes_fts MATCH ?"]:
        # Words only: the FTS index alone knows how many rows match; no lookup into quotes per match.
        sql = "SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {plan.from_sql}{_where(plan)} LIMIT ?)"
    n = int(_run(conn, sql, [*plan.params, cap + 1], f)[0][0])
    return (cap, True) if n > cap else (n, False)


def facets(conn: sqlite3.Connection, f: Filters, sample: int = FACET_SAMPLE,
           matches: Matches | None = None) -> dict[str, list[dict[str, Any]]]:
    """Counts by speaker, outlet, kind and month over the first ``sample`` matches (result order)."""
    plan = _plan(conn, f)
    out: dict[str, list[dict[str, Any]]] = {"speaker": [], "outlet": [], "kind": [], "month": []}
    if plan.empty:
        return out
    columns = ("SELECT q.doc_id AS doc_id, q.id AS quote_id, q.speaker_id AS speaker_id, q.outlet AS outlet,"
               " q.kind AS kind, substr(q.published, 1, 7) AS month")
    if matches is not None:
        hits = f"{columns} FROM quotes q WHERE q.pk IN (SELECT value FROM json_each(?)) LIMIT ?"
        params: list[Any] = [json.dumps(matches.keys[:sample])]
    else:
        hits = f"{columns} FROM {plan.from_sql}{_where(plan)} ORDER BY {plan.order} LIMIT ?"
        params = list(plan.params)
    if _linked(conn):
        # Count canonical speakers (link/) where a quote is linked, the store's name-key id otherwise.
        by_speaker = (
            "SELECT 'speaker', coalesce(r.speaker_id, h.speaker_id) AS sid, coalesce(ls.name, s.name, h.speaker_id),"
            " count(*) FROM hits h LEFT JOIN link_reports r ON r.doc_id = h.doc_id AND r.quote_id = h.quote_id"
            " LEFT JOIN link_speakers ls ON ls.id = r.speaker_id LEFT JOIN speakers s ON s.id = h.speaker_id"
            " WHERE coalesce(r.speaker_id, h.speaker_id) IS NOT NULL GROUP BY sid")
    else:
        by_speaker = (
            "SELECT 'speaker', h.speaker_id, coalesce(s.name, h.speaker_id), count(*) AS n FROM hits h"
            " LEFT JOIN speakers s ON s.id = h.speaker_id WHERE h.speaker_id IS NOT NULL GROUP BY h.speaker_id")
    sql = (
        f"WITH hits AS MATERIALIZED ({hits}) " + by_speaker +
        " UNION ALL SELECT 'outlet', outlet, outlet, count(*) FROM hits WHERE outlet IS NOT NULL GROUP BY outlet"
        " UNION ALL SELECT 'kind', kind, kind, count(*) FROM hits GROUP BY kind"
        " UNION ALL SELECT 'month', month, month, count(*) FROM hits WHERE month IS NOT NULL GROUP BY month"
    )
    for facet, value, label, n in _run(conn, sql, [*params, sample], f):
        out[facet].append({"value": value, "label": label, "count": n})
    for facet, items in out.items():
        if facet == "month":
            items.sort(key=lambda i: i["value"])
        else:
            items.sort(key=lambda i: (-i["count"], str(i["label"])))
            del items[FACET_TOP:]
    return out


def outlets(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet LIMIT 500")]


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


def speaker_quotes(conn: sqlite3.Connection, speaker_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The speaker's quotes in date order (for the timeline; the newest ``limit``)."""
    rows = conn.execute(
        f"SELECT {QUOTE_COLUMNS} FROM quotes q{_JOINS} WHERE q.speaker_id = ?"
        " ORDER BY q.published DESC, q.pk DESC LIMIT ?", (speaker_id, limit)).fetchall()
    return [record_from_row(r) for r in reversed(rows)]


def quotes_by_key(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Quote records for (doc_id, quote_id) pairs, skipping pairs no longer stored."""
    out = []
    for doc_id, quote_id in keys:
        row = conn.execute(f"SELECT {QUOTE_COLUMNS} FROM quotes q{_JOINS} WHERE q.doc_id = ? AND q.id = ?",
                           (doc_id, quote_id)).fetchone()
        if row is not None:
            out.append(record_from_row(row))
    return out


def document_row(conn: sqlite3.Connection, doc_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT id, title, outlet, published, url FROM documents WHERE id = ?", (doc_id,)).fetchone()


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                        (name,)).fetchone() is not None
