"""What each page shows, as plain JSON-ready dicts: the JSON API returns these
as they are, the HTML pages render the same dicts. One source of truth per page.
Every read goes through the store's read layer (store/quote_search.py, store/queries.py,
store/linked.py); errors name the filters as the web spells them (``prefix=""``).
"""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

from ..store import linked, queries
from ..store import quote_search as search
from ..store.filters import QuoteFilter, type_option
from ..store.links import has_run
from .cache import ResultCache
from .version_diff import diff_words, similarity

WEB = ""  # error messages name the filters as query parameters ('since', not '--since')
# A speaker page shows this many latest quotes (timeline and cards); the rest via search.
RECENT_QUOTES = 60


def add_links(conn: sqlite3.Connection, quotes: list[dict[str, Any]], doc_id: str | None = None) -> list[dict[str, Any]]:
    """Add ``statement_id`` and ``linked_speaker`` (link/'s canonical speaker) to linked quotes."""
    keys = [((q.get("document") or {}).get("id") or doc_id, q["id"]) for q in quotes]
    links = linked.quote_links(conn, keys)
    for q, key in zip(quotes, keys):
        found = links.get(key)
        if found:
            q["statement_id"] = found["statement_id"]
            q["linked_speaker"] = {"id": found["speaker_id"], "name": found["speaker_name"]}
    return quotes


def quote_results(conn: sqlite3.Connection, f: QuoteFilter, limit: int, offset: int,
                  matches: search.Matches | None = None) -> list[dict[str, Any]]:
    """A page of quote records with titles and link/'s statements (the search page, the API, exports)."""
    return add_links(conn, search.search(conn, f, limit=limit, offset=offset, prefix=WEB, matches=matches,
                                         with_title=True))


def _keys(conn: sqlite3.Connection, f: QuoteFilter, need: int, cache: ResultCache | None) -> search.Matches:
    """The matching keys of a words-plus-speaker search, reaching at least ``need`` (cached)."""
    cached = cache.get if cache is not None else (lambda key, compute: compute())
    matches = cached(("keys", f), lambda: search.matching_keys(conn, f, need, prefix=WEB))
    if len(matches.keys) < need and not matches.complete:
        # A later page than the cached scan reached: scan further (and keep that instead).
        matches = search.matching_keys(conn, f, need, prefix=WEB)
        if cache is not None:
            cache.put(("keys", f), matches)
    return matches


def quote_page(conn: sqlite3.Connection, f: QuoteFilter, limit: int, offset: int, with_facets: bool,
               cache: ResultCache | None = None) -> dict[str, Any]:
    cached = cache.get if cache is not None else (lambda key, compute: compute())
    matches = _keys(conn, f, offset + limit, cache) if search.needs_keys(f) else None
    items = quote_results(conn, f, limit, offset, matches)
    if matches is not None:
        total, capped = search.count(conn, f, matches=matches)
    else:
        total, capped = cached(("count", f), lambda: search.count(conn, f, prefix=WEB))
    page: dict[str, Any] = {
        "items": items, "total": total, "total_capped": capped, "limit": limit, "offset": offset,
        "filters": active_filters(f), "type": type_option(f.type), "facets": None,
    }
    if with_facets:
        counted = min(total, search.FACET_SAMPLE) if matches is not None else None
        every_type = replace(f, type=None)
        type_matches = _keys(conn, every_type, offset + limit, cache) if matches is not None else None
        page["facets"] = cached(("facets", f, counted), lambda: search.facets(
            conn, f, prefix=WEB, matches=matches, type_matches=type_matches)) | {"sample": search.FACET_SAMPLE}
    return page


def active_filters(f: QuoteFilter) -> dict[str, str]:
    """The filters set, as the search page's query parameters (the statement type only when not speech)."""
    pairs = (("q", f.search), ("speaker", f.speaker), ("outlet", f.outlet), ("kind", f.kind), ("since", f.since),
             ("until", f.until), ("type", None if f.type == "speech" else type_option(f.type)), ("to", f.to),
             ("at", f.at))
    return {k: v for k, v in pairs if v}


def speaker_list(conn: sqlite3.Connection, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Canonical speakers once link/ has run, the store's name-key speakers before."""
    items = linked.speaker_listing(conn, name=name or None, limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


def _statement_summaries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = ("id", "speaker_id", "speaker_name", "text", "first_published", "first_outlet")
    return [{k: r[k] for k in keys} | {"reports": r["report_count"]} for r in rows]


def speaker_detail(conn: sqlite3.Connection, speaker_id: str, cache: ResultCache | None = None) -> dict[str, Any] | None:
    cached = cache.get if cache is not None else (lambda key, compute: compute())
    # The aggregates (roles, outlets) scan all of a speaker's quotes: a frequent speaker's are cached.
    canonical = cached(("canonical", speaker_id), lambda: linked.speaker(conn, speaker_id))
    if canonical is not None:
        base = canonical
        linked_as: list[dict[str, Any]] = []
    else:
        found = queries.speaker_summary(conn, speaker_id)
        if found is None:
            return None
        roles = cached(("roles", speaker_id), lambda: queries.speaker_roles(conn, speaker_id))
        outlet_counts = cached(("outlets", speaker_id), lambda: queries.speaker_outlets(conn, speaker_id))
        base = found | {"roles": [r["role"] for r in roles], "outlets": [o["outlet"] for o in outlet_counts],
                        "roles_over_time": roles, "outlet_counts": outlet_counts}
        linked_as = linked.canonical_ids_for_store_speaker(conn, speaker_id)
    # The newest statements of speech (the UI's default type), oldest first for the timeline.
    recent = quote_results(conn, QuoteFilter(speaker=speaker_id), RECENT_QUOTES, 0)[::-1]
    statements = _statement_summaries(linked.statements(conn, speaker_ids={speaker_id}, limit=200))
    statements.sort(key=lambda r: (r["first_published"] is None, r["first_published"] or ""))
    return base | {
        "recent_quotes": recent,
        "statements": statements,
        "reactions_from": _reactions(linked.reactions(conn, speaker_ids={speaker_id}, direction="from", limit=200)),
        "reactions_to": _reactions(linked.reactions(conn, speaker_ids={speaker_id}, direction="to", limit=200)),
        "linked": has_run(conn),
        "canonical": canonical is not None,
        "linked_as": linked_as,
    }


def _reactions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{
        "doc_id": r["doc_id"], "from_speaker": r["from_speaker"], "to_speaker": r["to_speaker"],
        "from_name": r["from_name"], "to_name": r["to_name"], "verb": r["verb"],
        "evidence": {"start": r["start"], "end": r["end"], "text": r["evidence"]},
        "published": r["published"], "outlet": r["outlet"],
    } for r in rows]


def _report_order(q: dict[str, Any]) -> tuple:
    doc = q.get("document") or {}
    start = q["contents"][0]["start"] if q["contents"] else 0
    return (doc.get("published") is None, doc.get("published") or "", doc.get("id") or "", start, q["id"])


def content_text(q: dict[str, Any]) -> str:
    return " … ".join(s["text"] for s in q["contents"])


def statement_detail(conn: sqlite3.Connection, statement_id: str) -> dict[str, Any] | None:
    found = linked.statement(conn, statement_id)
    if found is None:
        return None
    reused = {(r["doc_id"], r["quote_id"]): bool(r.get("reused")) for r in found["reports"]}
    quotes = add_links(conn, search.quotes_by_key(conn, list(reused)))
    ordered = sorted(quotes, key=_report_order)
    reports = []
    first_text = content_text(ordered[0]) if ordered else ""
    for i, q in enumerate(ordered):
        text = content_text(q)
        reports.append({
            "quote": q, "first": i == 0, "reused": reused.get((q["document"]["id"], q["id"]), False),
            "similarity": round(similarity(first_text, text), 3),
            "diff": [{"op": p.op, "text": p.text} for p in diff_words(first_text, text)],
        })
    speaker = None
    if found["speaker_id"]:
        s = linked.speaker(conn, found["speaker_id"])
        speaker = {"id": found["speaker_id"], "name": s["name"] if s else found["speaker_id"],
                   "type": s["type"] if s else "UNKNOWN", "role": (s["roles"] or [None])[-1] if s else None}
    return {"id": found["id"], "speaker": speaker, "text": found["text"], "reports": reports}


def statement_list(conn: sqlite3.Connection, limit: int, offset: int, statement_type: str | None = "speech") -> dict[str, Any]:
    rows = linked.statements(conn, type=statement_type, limit=limit, offset=offset)
    return {"items": _statement_summaries(rows), "limit": limit, "offset": offset, "linked": has_run(conn)}


def document_detail(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    found = queries.document(conn, doc_id)
    if found is not None:
        add_links(conn, found["quotes"], doc_id)
    return found
