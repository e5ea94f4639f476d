"""The watch list and recent alert matches, each page with its JSON twin; a form
adds a URL or a feed to the watch list (only with --allow-edits, CSRF-checked).

The server only records what to follow: the next `quotegraph watch` round fetches
it. A URL typed into the form must resolve to a public address unless the server
was started with --allow-private-fetch (the form is reachable by anyone who can
reach the server; a feed named in a file on the shell is trusted).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..fetch.addresses import AddressRefused, Origin, check_url
from ..fetch.discover import canonical_url
from ..store import alerts as alert_state
from ..store import fetchlog
from ..store.schema import table_exists
from .edits import _check_csrf, _require_edits
from .security import CSRF_COOKIE, CSRF_FIELD

router = APIRouter()


def watch_data(conn) -> dict:
    if not table_exists(conn, "watch_listings"):
        return {"listings": [], "urls": {}, "recent": []}
    listings = [dict(row) for row in fetchlog.listings(conn)]
    recent = [dict(row) for row in fetchlog.recent(conn, 50)]
    return {"listings": listings, "urls": fetchlog.url_states(conn), "recent": recent}


def alerts_data(conn, limit: int = 100) -> dict:
    if not table_exists(conn, "alert_matches"):
        return {"items": []}
    return {"items": alert_state.recent_matches(conn, limit)}


@router.get("/api/watch", tags=["following"], summary="Feeds, sitemaps and URLs followed, and the latest fetches")
def api_watch(request: Request) -> dict:
    return watch_data(request.app.state.db.reader())


@router.get("/api/alerts", tags=["following"], summary="The latest alert matches")
def api_alerts(request: Request) -> dict:
    return alerts_data(request.app.state.db.reader())


@router.get("/watch", name="watch_page", response_class=HTMLResponse, include_in_schema=False)
def watch_page(request: Request):
    state = request.app.state
    context = {"data": watch_data(state.db.reader()), "db_label": state.db_label, "allow_edits": state.allow_edits,
               "added": request.query_params.get("added"), "csrf_field": CSRF_FIELD}
    nonce = request.cookies.get(CSRF_COOKIE) or state.csrf.new_nonce()
    context["csrf_token"] = state.csrf.sign(nonce)
    response = state.templates.TemplateResponse(request, "watch.html", context)
    if state.allow_edits:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")
    return response


@router.get("/alerts", name="alerts_page", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request):
    state = request.app.state
    return state.templates.TemplateResponse(request, "alerts.html", {
        "data": alerts_data(state.db.reader()), "db_label": state.db_label, "allow_edits": state.allow_edits})


@router.post("/watch/add", name="watch_add", include_in_schema=False)
def watch_add(request: Request, url: Annotated[str, Form(min_length=8, max_length=2000)],
              kind: Annotated[str, Form(pattern="^(page|feed|sitemap)$")] = "page",
              csrf_token: Annotated[str, Form()] = ""):
    _require_edits(request)
    _check_csrf(request, csrf_token)
    url = url.strip()
    trusted = request.app.state.allow_private_fetch
    try:
        check_url(url, Origin.user() if trusted else Origin(False))
    except AddressRefused as exc:
        raise HTTPException(400, f"{url}: {exc} (start the server with --allow-private-fetch to follow it)") from None
    with request.app.state.db.writer() as conn:
        fetchlog.ensure_fetch_tables(conn)
        if kind == "page":
            # found_on 'web' (untrusted) keeps the public-address check at fetch time too
            fetchlog.add_found(conn, canonical_url(url), url, None if trusted else "web")
        else:
            fetchlog.add_listing(conn, url, kind, "web")
    return RedirectResponse(request.url_for("watch_page").path + "?added=1", status_code=303)
