"""Speaker corrections from the UI (merge, split, rename), only with --allow-edits.

Corrections go to link/'s alias file next to the database (``<db>.aliases.yaml``)
through ``link.corrections``: the same file ``quotegraph link`` applies on every
run, so a fix made here survives re-linking. Each POST needs a CSRF token
signed by this server (double-submit cookie), and a same-origin Origin header
when the browser sends one.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..link import corrections as link_corrections
from ..store import linked
from ..store.links import canonical_speaker_exists
from ..store.queries import speaker_summary
from .urls import url_for
from .security import CSRF_COOKIE, CSRF_FIELD

router = APIRouter(include_in_schema=False)

Name = Annotated[str, Form(min_length=1, max_length=200)]


def _require_edits(request: Request) -> None:
    if not request.app.state.allow_edits:
        raise HTTPException(403, "this server is read-only: start it with `quotegraph serve --allow-edits` to edit speakers")


def _check_csrf(request: Request, token: str) -> None:
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.url.netloc:
        raise HTTPException(403, f"cross-origin edit refused (Origin {origin})")
    if not request.app.state.csrf.valid(request.cookies.get(CSRF_COOKIE), token):
        raise HTTPException(403, "missing or invalid CSRF token: reload the edit page and try again")


def _corrections_path(request: Request):
    return link_corrections.default_path(request.app.state.db.path)


@router.get("/speakers/{speaker_id}/edit", name="speaker_edit_page", response_class=HTMLResponse)
def speaker_edit_page(request: Request, speaker_id: str):
    _require_edits(request)
    conn = request.app.state.db.reader()
    speaker = linked.speaker(conn, speaker_id) or speaker_summary(conn, speaker_id)
    if speaker is None:
        raise HTTPException(404, f"no speaker with id {speaker_id!r}")
    csrf = request.app.state.csrf
    nonce = request.cookies.get(CSRF_COOKIE) or csrf.new_nonce()
    path = _corrections_path(request)
    current = link_corrections.load(path)
    response = request.app.state.templates.TemplateResponse(request, "speaker_edit.html", {
        "s": speaker, "csrf_token": csrf.sign(nonce), "csrf_field": CSRF_FIELD,
        "corrections": current.to_dict(), "corrections_path": str(path),
        "saved": request.query_params.get("saved"),
        "db_label": request.app.state.db_label, "allow_edits": True,
    })
    response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict", path="/")
    return response


def _save(request: Request, speaker_id: str, change) -> RedirectResponse:
    path = _corrections_path(request)
    try:
        current = link_corrections.load(path)
    except link_corrections.CorrectionsError as exc:
        raise HTTPException(409, str(exc)) from None
    change(current)
    link_corrections.save(current, path)
    url = url_for("speaker_edit_page", speaker_id=speaker_id) + "?saved=1"
    return RedirectResponse(url, status_code=303)


@router.post("/speakers/{speaker_id}/rename", name="speaker_rename")
def speaker_rename(request: Request, speaker_id: str, alias: Name, new_name: Name,
                   csrf_token: Annotated[str, Form()] = ""):
    _require_edits(request)
    _check_csrf(request, csrf_token)
    return _save(request, speaker_id, lambda c: c.rename.__setitem__(alias.strip(), new_name.strip()))


@router.post("/speakers/{speaker_id}/merge", name="speaker_merge")
def speaker_merge(request: Request, speaker_id: str, alias: Name, other: Name,
                  csrf_token: Annotated[str, Form()] = ""):
    _require_edits(request)
    _check_csrf(request, csrf_token)
    return _save(request, speaker_id, lambda c: c.merge.append([alias.strip(), other.strip()]))


@router.post("/speakers/{speaker_id}/split", name="speaker_split")
def speaker_split(request: Request, speaker_id: str, alias: Name, other: Name,
                  csrf_token: Annotated[str, Form()] = ""):
    _require_edits(request)
    _check_csrf(request, csrf_token)
    return _save(request, speaker_id, lambda c: c.split.append([alias.strip(), other.strip()]))


@router.post("/relink", name="relink")
def relink(request: Request, speaker_id: Annotated[str, Form(max_length=500)] = "",
           csrf_token: Annotated[str, Form()] = ""):
    """Apply the corrections now: link/'s own run (a full re-link when the corrections changed).

    Runs inside the request, so it suits the corpora one browses interactively;
    for large stores run `quotegraph link` from the shell instead.
    """
    _require_edits(request)
    _check_csrf(request, csrf_token)
    from ..link.pipeline import run_link  # loads the sentence model: only when asked

    with request.app.state.db.writer() as conn:
        summary = run_link(conn, aliases=_corrections_path(request))
    # Ids follow the merged clusters; send the user to the speaker the alias now belongs to.
    target = url_for("speakers_page")
    if speaker_id:
        known = canonical_speaker_exists(request.app.state.db.reader(), speaker_id)
        target = url_for("speaker_page", speaker_id=speaker_id) if known else target
    return RedirectResponse(f"{target}?relinked={summary.speakers}", status_code=303)
