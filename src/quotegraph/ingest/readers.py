"""One reader per format: bytes of a file in, Documents (not yet cleaned) out.

Each reader raises BadInput for a file-level problem; readers of multi-document
formats (JSONL, WARC) yield an InputError for one bad line/record and go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import Document, InputError
from .decode import decode_text, gunzip, is_gzip, read_file_bytes
from .errors import BadInput
from .html import extract_html
from .meta import clean_fields, normalise_date
from .walk import InputFile

Fields = dict[str, str | None]


def _file_bytes(item: InputFile, max_bytes: int) -> bytes:
    data = read_file_bytes(item.path, max_bytes)
    if item.compressed:
        if not is_gzip(data):
            raise BadInput("named .gz but is not gzip data")
        data = gunzip(data, max_bytes)
        if not data:
            raise BadInput("empty file (after decompression)")
    return data


def _apply(doc: Document, fields: Fields) -> Document:
    """Metadata given by the user (sidecar, CSV, JSONL keys) overrides what was found."""
    for key, value in fields.items():
        if value:
            setattr(doc, key, value)
    return doc


def read_txt(item: InputFile, doc_id: str, fields: Fields, max_bytes: int) -> Iterator[Document | InputError]:
    text, encoding = decode_text(_file_bytes(item, max_bytes))
    doc = Document(id=doc_id, source=str(item.path), text=text, format="txt", meta={"encoding": encoding, "file": str(item.path)})
    yield _apply(doc, fields)


def _html_document(html: bytes | str, doc_id: str, source: str, fmt: str, url: str | None, file: str) -> Document:
    art = extract_html(html, url=url)
    return Document(
        id=doc_id,
        source=source,
        text=art.text,
        url=art.url or url,
        outlet=art.sitename,
        published=art.published,
        title=art.title,
        format=fmt,
        meta={"file": file},
    )


def read_html(item: InputFile, doc_id: str, fields: Fields, max_bytes: int) -> Iterator[Document | InputError]:
    data = _file_bytes(item, max_bytes)
    doc = _html_document(data, doc_id, str(item.path), "html", fields.get("url"), str(item.path))
    yield _apply(doc, fields)


def _jsonl_line(line: str, where: str, file: str) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise BadInput("a JSONL line must be a JSON object")
    raw_id = obj.get("id")
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool) or str(raw_id).strip() == "":
        raise BadInput("missing or empty 'id'")
    fields = clean_fields({k: obj.get(k) for k in ("url", "outlet", "published", "title")})
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        doc = Document(id=str(raw_id), source=where, text=text, format="jsonl", meta={"file": file})
    elif isinstance(html, str) and html.strip():
        doc = _html_document(html, str(raw_id), where, "jsonl", fields.get("url"), file)
    else:
        raise BadInput("no 'text' or 'html' string with content")
    if obj.get("published") and not fields.get("published"):
        doc.meta["unparsed_published"] = str(obj["published"])
    return _apply(doc, fields)


def read_jsonl(item: InputFile, fields: Fields, max_bytes: int) -> Iterator[Document | InputError]:
    text, _encoding = decode_text(_file_bytes(item, max_bytes))
    found = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{item.path}:{lineno}"
        try:
            yield _jsonl_line(line, where, str(item.path))
            found = True
        except BadInput as exc:
            yield InputError(where, str(exc))
    if not found and not text.strip():
        raise BadInput("empty file")


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _record_end(data: bytes, start: int, declared: int) -> int:
    """Where a WARC record starting at `start` ends, per its header; -1 if the header never ends."""
    header_end = data.find(b"\r\n\r\n", start)
    return -1 if header_end < 0 else header_end + 4 + declared


def read_warc(item: InputFile, fields: Fields, max_bytes: int) -> Iterator[Document | InputError]:
    data = read_file_bytes(item.path, max_bytes)
    if is_gzip(data):
        data = gunzip(data, max_bytes)  # whole file: a cut-off member is reported, not skipped
    if not data.lstrip().startswith(b"WARC/"):
        raise BadInput("not a WARC file (no WARC/1.x header)")
    count = 0
    complete_until = 0  # end of the last whole record
    records = ArchiveIterator(BytesIO(data))
    try:
        for record in records:
            # Read the payload before asking for the offset: warcio's
            # get_record_offset() consumes the unread payload.
            content = record.content_stream().read()
            start = records.get_record_offset()
            declared = int(record.rec_headers.get_header("Content-Length") or 0)
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"record at byte {start}"
            end = _record_end(data, start, declared)
            if end < 0 or end > len(data):
                raise BadInput(
                    f"truncated WARC: record {uri} needs {declared:,} content bytes but the file ends first "
                    f"({count} HTML record(s) read before it)"
                )
            complete_until = end
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if not any(t in ctype.lower() for t in _HTML_TYPES):
                continue
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            if not str(status).startswith("2"):  # a redirect's or an error page's body is no article
                continue
            where = f"{item.path}@{uri}"
            count += 1
            try:
                doc = _html_document(content, uri, where, "warc", uri, str(item.path))
            except BadInput as exc:
                yield InputError(where, str(exc))
                continue
            if not doc.published:  # the crawl date only when the page itself gives none
                doc.published = normalise_date(record.rec_headers.get_header("WARC-Date") or "")
            # where the page came from, so it can be re-read exactly as fetched
            doc.meta["warc_record"] = {"id": record.rec_headers.get_header("WARC-Record-ID"),
                                       "date": record.rec_headers.get_header("WARC-Date"),
                                       "uncompressed_offset": start}
            yield doc
    except (ArchiveLoadFailed, EOFError, ValueError) as exc:
        raise BadInput(f"corrupt WARC after {count} HTML record(s): {type(exc).__name__}: {exc}") from None
    # warcio stops quietly when the file ends inside a record's header block.
    if data[complete_until:].strip():
        raise BadInput(
            f"truncated WARC: {len(data) - complete_until:,} bytes after the last complete record (byte "
            f"{complete_until:,}) do not form a whole record ({count} HTML record(s) read)"
        )
