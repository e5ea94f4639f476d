"""What each page shows, as plain JSON-ready dicts: the JSON API returns these
as they are, the HTML pages render the same dicts. One source of truth per page.
"""
from __future__ import annotations

import sqlite3
from typing import Any

from ..store import queries as store_queries
from . import linked
from .queries import FACET_SAMPLE, Filters, count_quotes, facets, search_quotes
from .queries import quotes_by_key, speaker_outlets, speaker_quotes, speaker_roles
from .version_diff import diff_words, similarity


def quote_page(conn: sqlite3.Connection, f: Filters, limit: int, offset: int, with_facets: bool) -> dict[str, Any]:
    items = search_quotes(conn, f, limit, offset)
    total, capped = count_quotes(conn, f)
    page: dict[str, Any] = {
        "items": items, "total": total, "total_capped": capped, "limit": limit, "offset": offset,
        "filters": f.active(), "facets": None,
    }
    if with_facets:
        page["facets"] = facets(conn, f) | {"sample": FACET_SAMPLE}
    return page


def speaker_list(conn: sqlite3.Connection, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    return {"items": store_queries.speakers(conn, name=name or None, limit=limit, offset=offset),
            "limit": limit, "offset": offset}


def speaker_detail(conn: sqlite3.Connection, speaker_id: str) -> dict[str, Any] | None:
    base = store_queries.speaker(conn, speaker_id)
    if base is None:
        return None
    reactions_from, reactions_to = linked.reactions(conn, speaker_id)
    return base | {
        "roles_over_time": speaker_roles(conn, speaker_id),
        "outlet_counts": speaker_outlets(conn, speaker_id),
        "recent_quotes": speaker_quotes(conn, speaker_id),
        "statements": linked.speaker_statements(conn, speaker_id),
        "reactions_from": reactions_from,
        "reactions_to": reactions_to,
        "linked": linked.has_statements(conn),
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
    quotes = quotes_by_key(conn, list(reused))
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
        s = store_queries.speaker(conn, found["speaker_id"])
        speaker = {"id": found["speaker_id"], "name": s["name"] if s else found["speaker_id"],
                   "type": s["type"] if s else "UNKNOWN", "role": (s["roles"] or [None])[0] if s else None}
    return {"id": found["id"], "speaker": speaker, "text": found["text"], "reports": reports}


def statement_list(conn: sqlite3.Connection, limit: int, offset: int) -> dict[str, Any]:
    return {"items": linked.statements(conn, limit, offset), "limit": limit, "offset": offset,
            "linked": linked.has_statements(conn)}


def document_detail(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    return store_queries.document(conn, doc_id)
