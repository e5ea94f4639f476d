"""Server-rendered HTML pages. Each renders the same dict its /api twin returns."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from urllib.parse import quote, urlencode

from ..store.queries import outlets
from . import service
from .api import Conn, Limit, Offset, QuoteFilters, Text, TypeParam, _type
from .urls import url_for
from .views import article_view, card, pager, reactions_graph, speaker_timeline

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates = request.app.state.templates
    base = {"db_label": request.app.state.db_label, "allow_edits": request.app.state.allow_edits}
    return templates.TemplateResponse(request, template, base | context, status_code=status)


def _cards(quotes: list[dict[str, Any]], doc_id: str | None = None) -> list[dict[str, Any]]:
    return [card(q, doc_id) for q in quotes]


def facet_linker(base: str, params: dict[str, str]) -> Callable[[str, str], str]:
    """Links that set one facet value on top of the other filters; a month becomes a since/until
    range. The other filters are encoded once per facet, not once per value (a search page
    links ~50 facet values)."""
    rests: dict[str, str] = {}

    def link(key: str, value: str) -> str:
        if key not in rests:
            drop = ("since", "until") if key == "month" else (key,)
            rests[key] = urlencode({k: v for k, v in params.items() if k not in drop})
        own = urlencode({"since": value, "until": value} if key == "month" else {key: value})
        return f"{base}?{rests[key]}&{own}" if rests[key] else f"{base}?{own}"

    return link


@router.get("/", name="search_page")
@router.get("/search")
def search_page(request: Request, conn: Conn, f: QuoteFilters, limit: Limit = 20, offset: Offset = 0):
    page = service.quote_page(conn, f, limit, offset, with_facets=True, cache=request.app.state.db.cache)
    params = service.active_filters(f)
    query = urlencode(params)
    return render(request, "search.html", {
        "page": page, "filters": params, "top_q": f.search or "", "statement_type": page["type"],
        "cards": _cards(page["items"]),
        "outlets": request.app.state.db.cache.get(("outlets",), lambda: outlets(conn)),
        "pager": pager((url_for("search_page")), params, limit, offset, len(page["items"]),
                       page["total"], page["total_capped"]),
        "facet_url": facet_linker(url_for("search_page"), params),
        "clear_url": lambda key: url_for("search_page") + "?" + urlencode(
            {k: v for k, v in params.items() if k not in ((key,) if key != "month" else ("since", "until"))}),
        "active_month": params.get("since") if params.get("since") == params.get("until") else None,
        "export_csv": f"/api/quotes.csv?{query}", "export_jsonl": f"/api/quotes.jsonl?{query}",
        "export_json": f"/api/quotes?{query}",
    })


@router.get("/speakers", name="speakers_page")
def speakers_page(request: Request, conn: Conn, name: Text = None,
                  limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Offset = 0):
    data = service.speaker_list(conn, name, limit, offset)
    params = {"name": name} if name else {}
    return render(request, "speakers.html", {
        "data": data, "name": name or "",
        "pager": pager((url_for("speakers_page")), params, limit, offset, len(data["items"]), None),
        "export_csv": "/api/speakers.csv?" + urlencode(params), "export_jsonl": "/api/speakers.jsonl?" + urlencode(params),
    })


@router.get("/speakers/{speaker_id}", name="speaker_page")
def speaker_page(request: Request, conn: Conn, speaker_id: str):
    data = service.speaker_detail(conn, speaker_id, request.app.state.db.cache)
    if data is None:
        raise HTTPException(404, f"no speaker with id {speaker_id!r}")
    recent = data["recent_quotes"]
    q = urlencode({"speaker": speaker_id})
    return render(request, "speaker.html", {
        "s": data, "cards": _cards(list(reversed(recent[-20:]))),
        "timeline": speaker_timeline(recent, data["statements"]),
        "graph": reactions_graph(data),
        "all_quotes_url": (url_for("search_page")) + "?" + q,
        "export_csv": f"/api/quotes.csv?{q}", "export_jsonl": f"/api/quotes.jsonl?{q}",
    })


@router.get("/statements", name="statements_page")
def statements_page(request: Request, conn: Conn, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                    offset: Offset = 0, type: TypeParam = None):
    data = service.statement_list(conn, limit, offset, _type(type))
    params = {"type": type} if type and type.strip() else {}
    return render(request, "statements.html", {
        "data": data,
        "pager": pager((url_for("statements_page")), params, limit, offset, len(data["items"]), None),
    })


@router.get("/statements/{statement_id}", name="statement_page")
def statement_page(request: Request, conn: Conn, statement_id: str):
    data = service.statement_detail(conn, statement_id)
    if data is None:
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    for r in data["reports"]:
        r["card"] = card(r["quote"])
    base = f"/api/statements/{quote(statement_id, safe='')}/reports"
    return render(request, "statement.html", {
        "st": data, "export_csv": base + ".csv", "export_jsonl": base + ".jsonl",
        "export_json": f"/api/statements/{quote(statement_id, safe='')}",
    })


@router.get("/documents/{doc_id:path}", name="document_page")
def document_page(request: Request, conn: Conn, doc_id: str):
    doc = service.document_detail(conn, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    view = article_view(doc)
    return render(request, "article.html", {
        "doc": doc, "view": view, "cards": _cards(doc["quotes"], doc_id),
        "export_csv": f"/api/documents/{quote(doc_id, safe='')}/quotes.csv",
        "export_jsonl": f"/api/documents/{quote(doc_id, safe='')}/quotes.jsonl",
        "export_json": f"/api/documents/{quote(doc_id, safe='')}",
    })


@router.get("/api-docs", name="api_page")
def api_page(request: Request):
    """The JSON endpoints, read from the app's own OpenAPI schema (no CDN-hosted Swagger UI)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description") or ""}
                      for p in op.get("parameters", [])]
            ok = op.get("responses", {}).get("200", {}).get("content", {})
            schema = next(iter(ok.values()), {}).get("schema", {}) if ok else {}
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params, "returns": schema.get("$ref", "").rsplit("/", 1)[-1]})
    return render(request, "api.html", {"endpoints": endpoints})
