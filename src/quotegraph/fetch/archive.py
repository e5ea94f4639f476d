"""Every fetched exchange written to WARC (request and response records, warcio).

One small WARC file per fetched URL, written beside its final name and renamed
into place when complete: a crash or SIGKILL never leaves a half-written archive
that a later ``ingest`` would stumble on, and a resumed run knows exactly which
fetches are archived. ``quotegraph ingest`` reads these files like any WARC.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from .client import Exchange


@dataclass(frozen=True)
class ArchivedRecord:
    path: Path
    offset: int  # byte offset of the final response record in the (gzipped) file
    record_id: str


def archive_exchanges(folder: Path, url: str, exchanges: list[Exchange], when: datetime | None = None) -> ArchivedRecord:
    """Write the exchanges of one fetch (redirects included) to a new WARC file."""
    when = when or datetime.now(timezone.utc)
    day = folder / when.strftime("%Y-%m-%d")
    day.mkdir(parents=True, exist_ok=True)
    name = f"{when.strftime('%H%M%S%f')}-{hashlib.sha1(url.encode()).hexdigest()[:12]}.warc.gz"
    final = day / name
    partial = day / (name + ".part")
    warc_date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    offset, record_id = 0, ""
    with open(partial, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(name, {
            "software": f"quotegraph/{__version__}", "format": "WARC File Format 1.1",
            "isPartOf": "quotegraph fetch"}))
        for exchange in exchanges:
            request, response = _records(writer, exchange, warc_date)
            record_id = response.rec_headers.get_header("WARC-Record-ID")
            request.rec_headers.add_header("WARC-Concurrent-To", record_id)
            offset = out.tell()  # the response first: the offset a document points to
            writer.write_record(response)
            writer.write_record(request)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, final)
    return ArchivedRecord(final, offset, record_id)


def _records(writer: WARCWriter, exchange: Exchange, warc_date: str):
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    version = exchange.http_version if exchange.http_version.startswith("HTTP/") else "HTTP/1.1"
    request_headers = StatusAndHeaders(f"GET {target} {version}", exchange.request_headers,
                                       is_http_request=True)
    response_headers = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(),
                                        exchange.response_headers + [("Content-Length", str(len(exchange.body)))],
                                        protocol=version)
    common = {"WARC-Date": warc_date}
    request = writer.create_warc_record(exchange.url, "request", payload=BytesIO(b""),
                                        http_headers=request_headers, warc_headers_dict=dict(common))
    response = writer.create_warc_record(exchange.url, "response", payload=BytesIO(exchange.body),
                                         http_headers=response_headers, warc_headers_dict=dict(common))
    return request, response
