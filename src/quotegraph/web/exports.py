"""CSV and JSONL downloads of any result list, streamed page by page.

The files come from the store's one export module: CSV in the table's column layout
(formula-guarded), JSONL as the API's own records.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import HTTPException
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from ..store.export import Layout, csv_lines, jsonl_lines, rows_of

# A download is bounded too: at most this many rows, fetched 200 at a time.
EXPORT_MAX = 50_000
_PAGE = 200
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")

Fetch = Callable[[int, int], list[dict[str, Any]]]


def rows(fetch: Fetch, maximum: int = EXPORT_MAX) -> Iterator[dict[str, Any]]:
    offset = 0
    while offset < maximum:
        page = fetch(min(_PAGE, maximum - offset), offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += len(page)


def export_response(name: str, fmt: str, layout: Layout, fetch: Fetch,
                    conn: sqlite3.Connection | None = None) -> StreamingResponse:
    """Stream ``fetch``'s pages; ``conn``, if given, is the stream's own connection, closed at the end."""
    try:
        return _export(name, fmt, layout, fetch, conn)
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def _export(name: str, fmt: str, layout: Layout, fetch: Fetch, conn: sqlite3.Connection | None) -> StreamingResponse:
    safe = _SAFE_NAME.sub("_", name)[:80] or "export"
    # Fetch the first page now so a bad query gives a 400 before the download starts.
    first = fetch(_PAGE, 0)

    def all_rows(fetch_rest: Fetch = fetch) -> Iterator[dict[str, Any]]:
        yield from first
        if len(first) == _PAGE:
            yield from rows(lambda limit, offset: fetch_rest(limit, offset + _PAGE), EXPORT_MAX - _PAGE)

    if fmt == "csv":
        body, media = csv_lines(layout, rows_of(layout, all_rows())), "text/csv; charset=utf-8"
    elif fmt == "jsonl":
        body, media = jsonl_lines(all_rows()), "application/x-ndjson; charset=utf-8"
    else:
        raise HTTPException(404, f"unknown export format {fmt!r}: use .csv or .jsonl")
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{safe}.{fmt}"'},
                             background=BackgroundTask(conn.close) if conn is not None else None)
