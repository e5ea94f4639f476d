"""Every CSV, JSON Lines and Parquet file quotegraph writes, in one column layout per table.

``quotegraph quotes --format csv``, ``quotegraph export`` and the web's downloads all
come through here (docs/store.md, "Export", lists the layouts):

* quotes: ``QUOTE_LAYOUT``, one row per quote record (``quote_row``);
* speakers: ``SPEAKER_LAYOUT``, the speaker listing (``speaker_row``);
* every other table: its stored columns.

Row values are Python values: a ``json`` column holds an object (nested in JSONL,
JSON text in CSV and Parquet), a ``list`` column a list of strings (`` | ``-joined
in CSV, a list in JSONL and Parquet). CSV cells are guarded against spreadsheet
formula injection (``csv_cell``). Files are written in chunks, so a million-quote
table exports in constant memory.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

ExportFormat = Literal["csv", "jsonl", "parquet"]
FORMATS = ("csv", "jsonl", "parquet")
ColumnKind = Literal["text", "int", "real", "json", "list"]
_CHUNK = 5_000


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    columns: tuple[tuple[str, ColumnKind], ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


QUOTE_LAYOUT = Layout("quotes", (
    ("doc_id", "text"), ("quote_id", "text"), ("published", "text"), ("outlet", "text"), ("url", "text"),
    ("speaker_id", "text"), ("speaker", "text"), ("speaker_type", "text"), ("role", "text"),
    ("type", "text"), ("kind", "text"), ("confidence", "real"),
    ("content", "text"), ("start", "int"), ("end", "int"), ("cue", "text"), ("sources", "list"), ("addressee", "text"),
    ("contents", "json"), ("cue_span", "json"), ("source_spans", "json"), ("addressee_span", "json"),
    ("statement_id", "text"), ("linked_speaker_id", "text"), ("extra", "json"),
))
SPEAKER_LAYOUT = Layout("speakers", (
    ("id", "text"), ("name", "text"), ("type", "text"), ("aliases", "list"), ("roles", "list"), ("quotes", "int"),
    ("outlets", "list"),
))
# Columns of other tables holding JSON text.
JSON_COLUMNS: dict[str, set[str]] = {"documents": {"meta", "extra"}}
# The quote record's own keys; any other key (said_on, ...) goes into the row's ``extra``.
_RECORD_KEYS = {"id", "kind", "contents", "cue", "sources", "speaker", "addressee", "type", "confidence", "document",
                "statement_id", "linked_speaker"}


def quote_row(record: dict[str, Any]) -> dict[str, Any]:
    """A quote record (store/quote_search.py, optionally with link/'s statement) as a QUOTE_LAYOUT row."""
    speaker = record.get("speaker") or {}
    document = record.get("document") or {}
    contents = record.get("contents") or []
    first = contents[0] if contents else {}
    extra = {k: v for k, v in record.items() if k not in _RECORD_KEYS}
    return {
        "doc_id": document.get("id"), "quote_id": record["id"], "published": document.get("published"),
        "outlet": document.get("outlet"), "url": document.get("url"),
        "speaker_id": speaker.get("id"), "speaker": speaker.get("name"), "speaker_type": speaker.get("type"),
        "role": speaker.get("role"), "type": record.get("type"), "kind": record["kind"],
        "confidence": record.get("confidence"),
        "content": " … ".join(s["text"] for s in contents), "start": first.get("start"), "end": first.get("end"),
        "cue": (record.get("cue") or {}).get("text"), "sources": [s["text"] for s in record.get("sources") or []],
        "addressee": (record.get("addressee") or {}).get("text"),
        "contents": contents, "cue_span": record.get("cue"), "source_spans": record.get("sources") or [],
        "addressee_span": record.get("addressee"),
        "statement_id": record.get("statement_id"), "linked_speaker_id": (record.get("linked_speaker") or {}).get("id"),
        "extra": extra or None,
    }


def speaker_row(record: dict[str, Any]) -> dict[str, Any]:
    """A speaker of a listing (store.queries.speakers or store.linked.speakers) as a SPEAKER_LAYOUT row."""
    return {name: record.get(name) for name in SPEAKER_LAYOUT.names}


_ROW_OF = {QUOTE_LAYOUT.name: quote_row, SPEAKER_LAYOUT.name: speaker_row}


def rows_of(layout: Layout, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Records of a listing (quote records, speakers) as rows of their table's layout."""
    return map(_ROW_OF[layout.name], records)


# ----------------------------------------------------------------- the writers

def csv_cell(value: Any) -> Any:
    """Spreadsheet formula injection: a text cell starting with = + - @ tab or CR is shown as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _csv_value(value: Any, kind: ColumnKind) -> Any:
    if kind == "json":
        value = _json_text(value)
    elif kind == "list":
        value = " | ".join(value) if value else ""
    return csv_cell(value)


def csv_lines(layout: Layout, rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header line, then one line per row (streams: the web sends each as it comes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(name) for name in layout.names])
    for row in rows:
        writer.writerow([_csv_value(row.get(name), kind) for name, kind in layout.columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _write_parquet(layout: Layout, chunks: Iterable[list[dict[str, Any]]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"text": pa.string(), "int": pa.int64(), "real": pa.float64(), "json": pa.string(),
             "list": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind in layout.columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for rows in chunks:
            arrays = [pa.array([_json_text(r.get(name)) if kind == "json" else r.get(name) for r in rows],
                               type=types[kind]) for name, kind in layout.columns]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(rows)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def write_rows(layout: Layout, chunks: Iterable[list[dict[str, Any]]], fmt: str, out: Path) -> int:
    """Write ``chunks`` of rows to ``out`` in ``fmt``; returns the number of rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return _write_parquet(layout, chunks, out)
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for rows in chunks:
            count += len(rows)
            yield from rows

    with out.open("w", newline="", encoding="utf-8") as handle:
        handle.writelines(csv_lines(layout, counted()) if fmt == "csv" else jsonl_lines(counted()))
    return count


# ----------------------------------------------------------------- whole tables

def exportable_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables (not FTS indexes or their shadow tables, not SQLite's own)."""
    fts = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
    names = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if name.startswith("sqlite_") or name in fts or any(name.startswith(f + "_") for f in fts):
            continue
        names.append(name)
    return names


def table_layout(conn: sqlite3.Connection, table: str) -> Layout:
    if table == "quotes":
        return QUOTE_LAYOUT
    if table == "speakers":
        return SPEAKER_LAYOUT
    json_columns = JSON_COLUMNS.get(table, set())

    def kind(name: str, declared: str) -> ColumnKind:
        if name in json_columns:
            return "json"
        if "INT" in declared:
            return "int"
        if "REAL" in declared or "FLOA" in declared or "DOUB" in declared:
            return "real"
        return "text"

    return Layout(table, tuple((r[1], kind(r[1], (r[2] or "").upper()))
                               for r in conn.execute(f'PRAGMA table_info("{table}")')))


def _stored_rows(conn: sqlite3.Connection, layout: Layout) -> Iterator[list[dict[str, Any]]]:
    names = layout.names
    json_columns = {name for name, kind in layout.columns if kind == "json"}
    order = "pk" if "pk" in names else "rowid"
    select = ", ".join(f'"{c}"' for c in names)
    cursor = conn.execute(f'SELECT {select} FROM "{layout.name}" ORDER BY {order}')
    while rows := cursor.fetchmany(_CHUNK):
        yield [{name: (json.loads(value) if name in json_columns and value else value)
                for name, value in zip(names, row)} for row in rows]


def _quote_rows(conn: sqlite3.Connection, statement_type: str | None) -> Iterator[list[dict[str, Any]]]:
    from .filters import QuoteFilter
    from .linked import quote_links
    from .quote_search import iter_records

    for records in iter_records(conn, QuoteFilter(type=statement_type), _CHUNK):
        links = quote_links(conn, [(r["document"]["id"], r["id"]) for r in records])
        for r in records:
            found = links.get((r["document"]["id"], r["id"]))
            if found:
                r["statement_id"] = found["statement_id"]
                r["linked_speaker"] = {"id": found["speaker_id"], "name": found["speaker_name"]}
        yield [quote_row(r) for r in records]


def _speaker_rows(conn: sqlite3.Connection) -> Iterator[list[dict[str, Any]]]:
    from .queries import speaker_details

    cursor = conn.execute("SELECT id, name, type, quote_count FROM speakers ORDER BY id")
    while rows := cursor.fetchmany(500):
        yield [speaker_row(s) for s in speaker_details(conn, rows)]


def export_table(conn: sqlite3.Connection, table: str, fmt: str, out: Path, *,
                 statement_type: str | None = None) -> int:
    """Write ``table`` to ``out``; returns the number of rows written. ValueError on a bad table/format.
    ``statement_type`` keeps only quotes of that type (None: every quote)."""
    tables = exportable_tables(conn)
    if table not in tables:
        raise ValueError(f"unknown table {table!r}; choose one of: {', '.join(tables)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if statement_type is not None and table != "quotes":
        raise ValueError(f"--type applies to --table quotes, not {table}")
    layout = table_layout(conn, table)
    if table == "quotes":
        chunks = _quote_rows(conn, statement_type)
    elif table == "speakers":
        chunks = _speaker_rows(conn)
    else:
        chunks = _stored_rows(conn, layout)
    return write_rows(layout, chunks, fmt, out)
