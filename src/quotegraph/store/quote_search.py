"""The one quote search: pages of quote records, counts, matching keys and facets for a QuoteFilter.

Used by ``quotegraph quotes``, the web search page and its JSON twin, exports and
``bench store``. Quotes come newest publication first (undated last); with a
search, most recently stored first (the FTS index's own order, which keeps
common words fast on a large corpus). Records are DESIGN.md's quote record plus
``document`` (id, outlet, published, url; ``title`` when asked for).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from .filters import SAID_START, Compiled, QuoteFilter, compile_filter
from .links import has_run
from .search import QueryError

MAX_LIMIT = 10_000
# Counting and facets look at no more than this many matches, so a search for a
# common word over a million quotes stays a bounded amount of work.
# FACET_SAMPLE: 1,000 keeps facets of a common word at ~10-20 ms on the 1,000,000-quote
# bench store (`quotegraph bench store`, loaded machine), where 5,000 cost 40-60 ms of row lookups.
COUNT_CAP = 10_000
FACET_SAMPLE = 1_000
FACET_TOP = 12
FACETS = ("speaker", "outlet", "kind", "month")

QUOTE_COLUMNS = (
    "q.pk, q.id, q.doc_id, q.kind, q.contents, q.cue, q.sources, q.speaker_id, q.speaker_name,"
    " q.speaker_type, q.speaker_role, q.addressee, q.type, q.confidence, q.extra, q.published, q.outlet,"
    " s.name AS canonical_name, s.type AS canonical_type, d.url AS url, d.title AS title"
)
JOINS = " LEFT JOIN speakers s ON s.id = q.speaker_id JOIN documents d ON d.id = q.doc_id"


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def quote_record(row: sqlite3.Row, with_document: bool = True, with_title: bool = False) -> dict[str, Any]:
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
        if with_title:
            record["document"]["title"] = row["title"]
    return record


@dataclass(frozen=True, slots=True)
class Matches:
    """Keys (quotes.pk) of the matches of a words-plus-speaker search, newest first."""
    keys: list[int]
    # The scan reached the oldest quote, or found more than COUNT_CAP matches: ``keys`` holds
    # every match (up to the cap). Otherwise they are the matches among the newest quotes only.
    complete: bool


def needs_keys(f: QuoteFilter) -> bool:
    """Words plus a speaker: worth collecting the matching keys once for page, count and facets."""
    return f.search is not None and f.speaker is not None


def _run(conn: sqlite3.Connection, sql: str, params: list[Any], f: QuoteFilter) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        # fts_expression accepts only well-formed input; this is a last guard.
        if f.search is not None and ("fts5" in str(exc) or "syntax" in str(exc)):
            raise QueryError(f"search {f.search!r} is not understood: {exc}") from None
        raise


def _records(conn: sqlite3.Connection, keys: list[int], order: str, with_title: bool) -> list[dict[str, Any]]:
    if not keys:
        return []
    rows = conn.execute(f"SELECT {QUOTE_COLUMNS} FROM quotes q{JOINS} WHERE q.pk IN ({','.join('?' * len(keys))})"
                        f" ORDER BY {order}", keys).fetchall()
    return [quote_record(r, with_title=with_title) for r in rows]


def _source(c: Compiled) -> tuple[str, list[str], list[Any], str]:
    """(FROM clause, conditions, parameters, ORDER BY) of the plain one-query plan."""
    where, params = c.all_where()
    if c.expression is not None and c.has_speaker:
        # Words and a speaker: collect the words' matches once (FTS5 reads its doclist) and
        # intersect with the speaker's quotes. Left to itself SQLite may drive from the speaker
        # index and probe FTS5 once per quote (~0.1 ms each: 1 s for a speaker with 10,000 quotes
        # on the 1,000,000-quote bench store). The unary + keeps SQLite from driving from the
        # words' rowid list instead (ORDER BY pk tempts it), which looks up every match.
        return ("quotes q", [*where, "+q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"],
                [*params, c.expression], "q.pk DESC")
    if c.expression is not None:
        # CROSS JOIN keeps FTS5 as the outer loop: newest matches first, stop at LIMIT.
        return ("quotes_fts f CROSS JOIN quotes q ON q.pk = f.rowid", ["quotes_fts MATCH ?", *where],
                [c.expression, *params], "f.rowid DESC")
    return "quotes q", where, params, "q.published DESC, q.pk DESC"


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def search(conn: sqlite3.Connection, f: QuoteFilter, *, limit: int = 20, offset: int = 0, prefix: str = "--",
           matches: Matches | None = None, with_title: bool = False) -> list[dict[str, Any]]:
    """A page of the quotes matching ``f``; ``matches`` (from matching_keys) spares running the search again."""
    if not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"{prefix}limit must be between 0 and {MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise QueryError(f"{prefix}offset must be 0 or more, got {offset}")
    if matches is not None and (offset + limit <= len(matches.keys) or matches.complete):
        return _records(conn, matches.keys[offset:offset + limit], "q.pk DESC", with_title)
    c = compile_filter(conn, f, prefix)
    if c.empty or limit == 0:
        return []
    if c.expression is not None and c.has_speaker and offset + limit <= COUNT_CAP:
        found = matching_keys(conn, f, offset + limit, prefix=prefix, compiled=c)
        return _records(conn, found.keys[offset:offset + limit], "q.pk DESC", with_title)
    if c.expression is None and c.speaker_ids is not None and len(c.speaker_ids) > 1:
        keys = _newest_per_speaker(conn, c, limit + offset)[offset:]
        return _records(conn, keys, "q.published DESC, q.pk DESC", with_title)
    source, where, params, order = _source(c)
    sql = f"SELECT {QUOTE_COLUMNS} FROM {source}{JOINS}{_where(where)} ORDER BY {order} LIMIT ? OFFSET ?"
    return [quote_record(r, with_title=with_title) for r in _run(conn, sql, [*params, limit, offset], f)]


def _newest_per_speaker(conn: sqlite3.Connection, c: Compiled, wanted: int) -> list[int]:
    """Newest ``wanted`` quote keys over several speakers, merged from one index walk per speaker.

    ``speaker_id IN (...) ORDER BY published`` would sort every quote of every
    matching speaker (a surname can match dozens of speakers with thousands of
    quotes each); each speaker's newest rows come straight off the
    (speaker_id, published) index instead.
    """
    sql = ("SELECT q.pk, q.published FROM quotes q WHERE q.speaker_id = ?"
           + "".join(" AND " + w for w in c.where) + " ORDER BY q.published DESC, q.pk DESC LIMIT ?")
    candidates: list[tuple[bool, str, int]] = []
    for speaker_id in c.speaker_ids or ():
        for pk, published in conn.execute(sql, [speaker_id, *c.params, wanted]):
            candidates.append((published is not None, published or "", pk))
    candidates.sort(reverse=True)  # undated last, as SQLite orders NULLs in DESC
    return [pk for _, _, pk in candidates[:wanted]]


# Words plus a speaker scan the newest SCAN_WINDOW quotes first, then windows four times larger,
# until the page is full (or every quote is scanned). On the 1,000,000-quote bench store
# (`quotegraph bench store`, machine shared with other jobs) a common word matches ~190,000
# quotes; intersecting all of them with a speaker's quotes took 26-92 ms whoever the speaker
# (71,000 quotes or 600). Over 15 word x speaker pairs (3 words, speakers of rank 1-200), page
# keys plus facets took 2.9-3.5 ms on average with windows of 32,768, 3.9 with 16,384 and 65,536.
SCAN_WINDOW = 32_768


def matching_keys(conn: sqlite3.Connection, f: QuoteFilter, need: int, cap: int = COUNT_CAP + 1, *,
                  prefix: str = "--", compiled: Compiled | None = None) -> Matches:
    """Keys of at least ``need`` matches (all of them if fewer), newest first, at most ``cap``.

    Each window asks FTS5 for the word's matches within a range of keys (it seeks to the
    range instead of reading the whole doclist) that are among the speaker's quotes in the
    same range. Past the first window it stops as soon as ``need`` matches are found, so
    count and facets then cover the newest quotes only (``Matches.complete`` is false).
    """
    c = compiled or compile_filter(conn, f, prefix)
    if c.empty:
        return Matches([], True)
    if c.expression is None:
        source, where, params, order = _source(c)
        sql = f"SELECT q.pk FROM {source}{_where(where)} ORDER BY {order} LIMIT ?"
        return Matches([r[0] for r in _run(conn, sql, [*params, cap], f)], True)
    rest_where, rest_params = c.all_where()
    top = conn.execute("SELECT max(pk) FROM quotes").fetchone()[0] or 0
    rest = "".join(f" AND {w}" for w in rest_where)
    # The unary + keeps the key range out of the speaker's lookup: the speaker index drives it.
    sql = ("SELECT f.rowid FROM quotes_fts f WHERE quotes_fts MATCH ? AND f.rowid > ? AND f.rowid <= ?"
           f" AND +f.rowid IN (SELECT q.pk FROM quotes q WHERE +q.pk > ? AND +q.pk <= ?{rest})"
           " ORDER BY f.rowid DESC LIMIT ?")
    keys: list[int] = []
    high, window = top, SCAN_WINDOW
    while high > 0:
        low = max(high - window, 0)
        found = _run(conn, sql, [c.expression, low, high, low, high, *rest_params, cap - len(keys)], f)
        keys.extend(r[0] for r in found)
        high = low
        if len(keys) >= cap:
            return Matches(keys, True)
        if len(keys) >= need:
            break
        window *= 4
    return Matches(keys, high <= 0)


def count(conn: sqlite3.Connection, f: QuoteFilter, cap: int | None = COUNT_CAP, *, prefix: str = "--",
          matches: Matches | None = None) -> tuple[int, bool]:
    """(count, capped): with a ``cap`` it counts at most ``cap + 1`` matches, so it stays fast on
    big stores. ``capped`` means the count is a lower bound: more than ``cap`` matches, or
    ``matches`` came from a scan of the newest quotes only."""
    if matches is not None:
        n = len(matches.keys)
        return (cap, True) if cap is not None and n > cap else (n, not matches.complete)
    c = compile_filter(conn, f, prefix)
    if c.empty:
        return 0, False
    source, where, params, _ = _source(c)
    limit = "" if cap is None else " LIMIT ?"
    if where == ["quotes_fts MATCH ?"]:
        # Words only: the FTS index alone knows how many rows match; no lookup into quotes per match.
        sql = f"SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ?{limit})"
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {source}{_where(where)}{limit})"
    n = int(_run(conn, sql, [*params, *([] if cap is None else [cap + 1])], f)[0][0])
    return (cap, True) if cap is not None and n > cap else (n, False)


def _hits(conn: sqlite3.Connection, f: QuoteFilter, sample: int, matches: Matches | None,
          prefix: str) -> tuple[str, list[Any]] | None:
    """The first ``sample`` matches as a subquery (in result order), or None when nothing matches."""
    columns = ("SELECT q.doc_id AS doc_id, q.id AS quote_id, q.speaker_id AS speaker_id, q.outlet AS outlet,"
               " q.kind AS kind, q.type AS type, substr(q.published, 1, 7) AS month")
    if matches is not None:
        return (f"{columns} FROM quotes q WHERE q.pk IN (SELECT value FROM json_each(?)) LIMIT ?",
                [json.dumps(matches.keys[:sample]), sample])
    c = compile_filter(conn, f, prefix)
    if c.empty:
        return None
    source, where, params, order = _source(c)
    return f"{columns} FROM {source}{_where(where)} ORDER BY {order} LIMIT ?", [*params, sample]


def facets(conn: sqlite3.Connection, f: QuoteFilter, sample: int = FACET_SAMPLE, *, prefix: str = "--",
           matches: Matches | None = None, type_matches: Matches | None = None) -> dict[str, list[dict[str, Any]]]:
    """Counts by speaker, outlet, kind and month over the first ``sample`` matches (result order),
    and by statement type over the first ``sample`` matches of every type (``type_matches``:
    the keys of ``f`` without its type, when words and a speaker were searched by keys)."""
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in (*FACETS, "type")}
    hits = _hits(conn, f, sample, matches, prefix)
    if hits is not None:
        if has_run(conn):
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
            f"WITH hits AS MATERIALIZED ({hits[0]}) " + by_speaker +
            " UNION ALL SELECT 'outlet', outlet, outlet, count(*) FROM hits WHERE outlet IS NOT NULL GROUP BY outlet"
            " UNION ALL SELECT 'kind', kind, kind, count(*) FROM hits GROUP BY kind"
            " UNION ALL SELECT 'month', month, month, count(*) FROM hits WHERE month IS NOT NULL GROUP BY month"
        )
        for facet, value, label, n in _run(conn, sql, hits[1], f):
            out[facet].append({"value": value, "label": label, "count": n})
    # The type facet lifts the type filter: it offers the other types, not only the one shown.
    every_type = _hits(conn, replace(f, type=None), sample, type_matches, prefix)
    if every_type is not None:
        for value, n in _run(conn, f"SELECT type, count(*) FROM ({every_type[0]}) GROUP BY type", every_type[1], f):
            out["type"].append({"value": value, "label": value, "count": n})
    for facet, items in out.items():
        if facet == "month":
            items.sort(key=lambda i: i["value"])
        else:
            items.sort(key=lambda i: (-i["count"], str(i["label"])))
            del items[FACET_TOP:]
    return out


def quotes_by_key(conn: sqlite3.Connection, keys: list[tuple[str, str]], with_title: bool = True) -> list[dict[str, Any]]:
    """Quote records for (doc_id, quote_id) pairs, in that order, skipping pairs no longer stored."""
    out = []
    for doc_id, quote_id in keys:
        row = conn.execute(f"SELECT {QUOTE_COLUMNS} FROM quotes q{JOINS} WHERE q.doc_id = ? AND q.id = ?",
                           (doc_id, quote_id)).fetchone()
        if row is not None:
            out.append(quote_record(row, with_title=with_title))
    return out


def document_quotes(conn: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """Every quote of one document (all types), in text order, without the document reference."""
    rows = conn.execute(f"SELECT {QUOTE_COLUMNS} FROM quotes q{JOINS} WHERE q.doc_id = ?"
                        " ORDER BY q.content_start, q.pk", (doc_id,)).fetchall()
    return [quote_record(r, with_document=False) for r in rows]


def iter_records(conn: sqlite3.Connection, f: QuoteFilter | None = None, chunk: int = 5_000):
    """Every quote record matching ``f`` (all by default) in storage order, ``chunk`` rows at a time
    (exports stream a million quotes in constant memory)."""
    where: list[str] = []
    params: list[Any] = []
    if f is not None:
        c = compile_filter(conn, f)
        if c.empty:
            return
        where, params = c.with_search_in()
    cursor = conn.execute(f"SELECT {QUOTE_COLUMNS} FROM quotes q{JOINS}{_where(where)} ORDER BY q.pk", params)
    while rows := cursor.fetchmany(chunk):
        yield [quote_record(r) for r in rows]


def said_on_rows(conn: sqlite3.Connection, f: QuoteFilter, limit: int = 5000) -> list[sqlite3.Row]:
    """The timeline's rows: quotes with a speaker matching ``f``, ordered by the date they were said
    (undated last), then publication. Once linked, each carries its statement and the statement's
    canonical speaker, and reused copies of a passage are left out.

    Columns: id, doc_id, speaker_id, speaker, content, extra, published, outlet, statement_id."""
    c = compile_filter(conn, f)
    if c.empty:
        return []
    where, params = c.with_search_in()
    if has_run(conn):
        speaker, statement = "COALESCE(ls.name, q.speaker_name)", "r.statement_id"
        joins = (" LEFT JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id"
                 " LEFT JOIN link_statements st ON st.id = r.statement_id"
                 " LEFT JOIN link_speakers ls ON ls.id = st.speaker_id")
        where = ["COALESCE(r.reused, 0) = 0", *where]
    else:
        speaker, statement, joins = "q.speaker_name", "NULL", ""
    sql = (f"SELECT q.id, q.doc_id, q.speaker_id, {speaker} AS speaker, q.content, q.extra, q.published, q.outlet,"
           f" {statement} AS statement_id"
           f" FROM quotes q{joins}{_where(['q.speaker_name IS NOT NULL', *where])}"
           f" ORDER BY {SAID_START} IS NULL, {SAID_START}, q.published, q.doc_id, q.content_start LIMIT ?")
    return _run(conn, sql, [*params, limit], f)
