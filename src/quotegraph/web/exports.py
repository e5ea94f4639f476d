"""CSV and JSONL downloads of any result list, streamed page by page."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

from fastapi import HTTPException
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from ..store.export import QUOTE_COLUMNS, csv_lines, quote_row

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


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row: quote records in the store's quote layout, other dicts their scalar fields."""
    if "contents" in record and "kind" in record:
        return quote_row(record)
    return {k: ("; ".join(map(str, v)) if isinstance(v, list) else v)
            for k, v in record.items() if not isinstance(v, dict)}


def csv_stream(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    first = next(records, None)
    if first is None:
        return
    flat = flatten(first)
    columns = QUOTE_COLUMNS if "quote_id" in flat and "content" in flat else list(flat)
    yield from csv_lines((flatten(r) for r in chain([first], records)), columns)


def jsonl_stream(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def export_response(name: str, fmt: str, fetch: Fetch, conn: sqlite3.Connection | None = None) -> StreamingResponse:
    """Stream ``fetch``'s pages; ``conn``, if given, is the stream's own connection, closed at the end."""
    try:
        return _export(name, fmt, fetch, conn)
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def _export(name: str, fmt: str, fetch: Fetch, conn: sqlite3.Connection | None) -> StreamingResponse:
    safe = _SAFE_NAME.sub("_", name)[:80] or "export"
    # Fetch the first page now so a bad query gives a 400 before the download starts.
    first = fetch(_PAGE, 0)

    def all_rows(fetch_rest: Fetch = fetch) -> Iterator[dict[str, Any]]:
        yield from first
        if len(first) == _PAGE:
            yield from rows(lambda limit, offset: fetch_rest(limit, offset + _PAGE), EXPORT_MAX - _PAGE)

    if fmt == "csv":
        body, media = csv_stream(all_rows()), "text/csv; charset=utf-8"
    elif fmt == "jsonl":
        body, media = jsonl_stream(all_rows()), "application/x-ndjson; charset=utf-8"
    else:
        raise HTTPException(404, f"unknown export format {fmt!r}: use .csv or .jsonl")
    return StreamingResponse(body, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{safe}.{fmt}"'},
                             background=BackgroundTask(conn.close) if conn is not None else None)
