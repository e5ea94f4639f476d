"""The JSON API: one twin per page, typed by the models in models.py."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel

from ..store.export import QUOTE_LAYOUT, SPEAKER_LAYOUT
from ..store.filters import QuoteFilter, statement_type
from . import service
from .database import ThreadReader
from .exports import export_response
from .models import DocumentOut, QuotePage, SpeakerDetail, SpeakerList, StatementDetail, StatementList

router = APIRouter(prefix="/api", tags=["api"])
# Pages never ask for more than this many rows at once.
MAX_PAGE = 200


async def reader(request: Request) -> ThreadReader:
    """The endpoint thread's connection (async: resolved without a thread-pool hop; see ThreadReader)."""
    return request.app.state.db.thread_reader


# Used where the queries take a sqlite3.Connection: they only call execute().
Conn = Annotated[ThreadReader, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Text = Annotated[str | None, Query(max_length=500)]
TypeParam = Annotated[str | None, Query(max_length=10, description=(
    "statement type: speech (the default), belief, finding, headline, or all"))]


def _type(value: str | None) -> str | None:
    return statement_type(value, "type")


async def quote_filters(q: Text = None, speaker: Text = None, outlet: Text = None,
                        kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")] = None,
                        type: TypeParam = None,
                        since: Annotated[str | None, Query(max_length=10)] = None,
                        until: Annotated[str | None, Query(max_length=10)] = None,
                        to: Annotated[str | None, Query(max_length=200, description="said to: words of the addressee")] = None,
                        at: Annotated[str | None, Query(max_length=200, description="said at: words of the occasion")] = None,
                        ) -> QuoteFilter:
    """Full-text search (words, "phrases", prefix*, AND/OR/NOT, parentheses) plus exact filters."""
    blank = lambda v: v if v and v.strip() else None  # noqa: E731  empty form fields mean "any"
    return QuoteFilter(search=blank(q), speaker=blank(speaker), outlet=blank(outlet), kind=blank(kind),
                       since=blank(since), until=blank(until), type=_type(type), to=blank(to), at=blank(at))


QuoteFilters = Annotated[QuoteFilter, Depends(quote_filters)]


def typed(model: type[BaseModel], data: dict) -> Response:
    """``data`` checked against the endpoint's response model and serialised right here, in the
    endpoint's thread. Returned as a dict, FastAPI validates it in a second thread-pool call,
    which queues again behind the other requests, and serialises it on the event loop: under 20
    clients the JSON twins took about twice as long as their pages (1,000,000-quote bench store)."""
    return Response(model.model_validate(data).model_dump_json(by_alias=True), media_type="application/json")


@router.get("/quotes", response_model=QuotePage, summary="Search quotes (the search page's twin)")
def api_quotes(request: Request, conn: Conn, f: QuoteFilters, limit: Limit = 20, offset: Offset = 0, facets: bool = True) -> Response:
    return typed(QuotePage, service.quote_page(conn, f, limit, offset, with_facets=facets,
                                               cache=request.app.state.db.cache))


@router.get("/quotes.{fmt}", summary="Export matching quotes as CSV or JSONL",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def api_quotes_export(request: Request, f: QuoteFilters, fmt: str):
    conn = request.app.state.db.dedicated()
    return export_response("quotes", fmt, QUOTE_LAYOUT,
                           lambda limit, offset: service.quote_results(conn, f, limit, offset), conn)


@router.get("/speakers", response_model=SpeakerList, summary="Speakers, most quoted first")
def api_speakers(conn: Conn, name: Text = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    return typed(SpeakerList, service.speaker_list(conn, name, limit, offset))


@router.get("/speakers.{fmt}", summary="Export speakers as CSV or JSONL")
def api_speakers_export(request: Request, fmt: str, name: Text = None):
    conn = request.app.state.db.dedicated()
    return export_response("speakers", fmt, SPEAKER_LAYOUT,
                           lambda limit, offset: service.speaker_list(conn, name, limit, offset)["items"], conn)


@router.get("/speakers/{speaker_id}", response_model=SpeakerDetail, summary="One speaker (the speaker page's twin)")
def api_speaker(request: Request, conn: Conn, speaker_id: str) -> Response:
    found = service.speaker_detail(conn, speaker_id, request.app.state.db.cache)
    if found is None:
        raise HTTPException(404, f"no speaker with id {speaker_id!r}")
    return typed(SpeakerDetail, found)


@router.get("/statements", response_model=StatementList, summary="Statements (linked reports), most reported first")
def api_statements(conn: Conn, limit: Limit = 50, offset: Offset = 0, type: TypeParam = None) -> Response:
    return typed(StatementList, service.statement_list(conn, limit, offset, _type(type)))


@router.get("/statements/{statement_id}", response_model=StatementDetail,
            summary="All reports of one statement with differences (the statement page's twin)")
def api_statement(conn: Conn, statement_id: str) -> Response:
    found = service.statement_detail(conn, statement_id)
    if found is None:
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    return typed(StatementDetail, found)


@router.get("/statements/{statement_id}/reports.{fmt}", summary="Export a statement's reports as CSV or JSONL")
def api_statement_export(conn: Conn, statement_id: str, fmt: str):
    found = service.statement_detail(conn, statement_id)
    if found is None:
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    rows = [r["quote"] for r in found["reports"]]
    return export_response(f"statement-{statement_id}", fmt, QUOTE_LAYOUT,
                           lambda limit, offset: rows[offset:offset + limit])


@router.get("/documents/{doc_id:path}/quotes.{fmt}", summary="Export an article's quotes as CSV or JSONL")
def api_document_export(conn: Conn, doc_id: str, fmt: str):
    found = service.document_detail(conn, doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    doc_ref = {k: found.get(k) for k in ("id", "outlet", "published", "url", "title")}
    rows = [q | {"document": doc_ref} for q in found["quotes"]]
    return export_response(f"document-{doc_id}", fmt, QUOTE_LAYOUT, lambda limit, offset: rows[offset:offset + limit])


@router.get("/documents/{doc_id:path}", response_model=DocumentOut, summary="One article with its quotes (the article page's twin)")
def api_document(conn: Conn, doc_id: str) -> Response:
    found = service.document_detail(conn, doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return typed(DocumentOut, found)

