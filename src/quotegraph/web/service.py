"""What each page shows, as plain JSON-ready dicts: the JSON API returns these
as they are, the HTML pages render the same dicts. One source of truth per page.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store import queries as store_queries
from . import linked
from .cache import ResultCache
from .queries import FACET_SAMPLE, Filters, count_quotes, facets, matching_keys, needs_keys, search_quotes
from .queries import quotes_by_key, speaker_outlets, speaker_summary, speaker_quotes, speaker_roles
from .version_diff import diff_words, similarity


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


def quote_page(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, with_facets: bool,
               cache: ResultCache | None = None) -> dict[str, Any]:
    cached = cache.get if cache is not None else (lambda key, compute: compute())
    matches = None
    if needs_keys(f):
        need = offset + limit
        matches = cached(("keys", f), lambda: matching_keys(conn, f, need))
        if len(matches.keys) < need and not matches.complete:
            # A later page than the cached scan reached: scan further (and keep that instead).
            matches = matching_keys(conn, f, need)
            if cache is not None:
                cache.put(("keys", f), matches)
    items = add_links(conn, search_quotes(conn, f, limit, offset, matches))
    if matches is not None:
        total, capped = count_quotes(conn, f, matches=matches)
    else:
        total, capped = cached(("count", f), lambda: count_quotes(conn, f))
    page: dict[str, Any] = {
        "items": items, "total": total, "total_capped": capped, "limit": limit, "offset": offset,
        "filters": f.active(), "facets": None,
    }
    if with_facets:
        counted = min(total, FACET_SAMPLE) if matches is not None else None
        page["facets"] = cached(("facets", f, counted), lambda: facets(conn, f, matches=matches)) | {
            "sample": FACET_SAMPLE}
    return page


def speaker_list(conn: sqlite3.Connection, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Canonical speakers once link/ has run, the store's name-key speakers before."""
    if linked.available(conn):
        items = linked.speakers(conn, name or None, limit, offset)
    else:
        items = store_queries.speakers(conn, name=name or None, limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


def speaker_detail(conn: sqlite3.Connection, speaker_id: str, cache: ResultCache | None = None) -> dict[str, Any] | None:
    cached = cache.get if cache is not None else (lambda key, compute: compute())
    # The aggregates (roles, outlets) scan all of a speaker's quotes: a frequent speaker's are cached.
    canonical = cached(("canonical", speaker_id), lambda: linked.speaker(conn, speaker_id))
    if canonical is not None:
        base = canonical
        recent = add_links(conn, quotes_by_key(conn, linked.speaker_quote_keys(conn, speaker_id, RECENT_QUOTES)))
        linked_as: list[dict[str, Any]] = []
    else:
        found = speaker_summary(conn, speaker_id)
        if found is None:
            return None
        roles = cached(("roles", speaker_id), lambda: speaker_roles(conn, speaker_id))
        outlet_counts = cached(("outlets", speaker_id), lambda: speaker_outlets(conn, speaker_id))
        base = found | {"roles": [r["role"] for r in roles], "outlets": [o["outlet"] for o in outlet_counts],
                        "roles_over_time": roles, "outlet_counts": outlet_counts}
        recent = add_links(conn, speaker_quotes(conn, speaker_id, RECENT_QUOTES))
        linked_as = linked.canonical_ids_for_store_speaker(conn, speaker_id)
    reactions_from, reactions_to = linked.reactions(conn, speaker_id)
    return base | {
        "recent_quotes": recent,
        "statements": linked.speaker_statements(conn, speaker_id),
        "reactions_from": reactions_from,
        "reactions_to": reactions_to,
        "linked": linked.available(conn),
        "canonical": canonical is not None,
        "linked_as": linked_as,
    }


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
    quotes = add_links(conn, quotes_by_key(conn, list(reused)))
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


def statement_list(conn: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    return {"items": linked.statements(conn, limit, offset), "limit": limit, "offset": offset,
            "linked": linked.available(conn)}


def document_detail(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    found = store_queries.document(conn, doc_id)
    if found is not None:
        add_links(conn, found["quotes"], doc_id)
    return found
