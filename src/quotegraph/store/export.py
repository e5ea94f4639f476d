"""Export one table of the store to CSV, JSON Lines or Parquet, streaming in chunks.

Columns are the table's columns as stored (see docs/store.md). JSON-valued
columns stay JSON text in CSV and Parquet and become nested objects in JSONL.

Also the one place every CSV of the project is written from: listings of quotes
(CLI ``--format csv``, the web's CSV links) use ``QUOTE_COLUMNS``, and every cell of
every CSV passes ``csv_safe`` (a cell that a spreadsheet would run as a formula is
written as text).
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

ExportFormat = Literal["csv", "jsonl", "parquet"]
FORMATS = ("csv", "jsonl", "parquet")

# Columns holding JSON text, per table.
JSON_COLUMNS: dict[str, set[str]] = {
    "documents": {"meta", "extra"},
    "quotes": {"contents", "cue", "sources", "addressee", "extra"},
}
_CHUNK = 5_000


# One layout for a quote in any CSV listing (docs/store.md, "Quote CSV").
QUOTE_COLUMNS = ["doc_id", "quote_id", "published", "outlet", "speaker_id", "speaker", "speaker_type", "role",
                 "kind", "type", "content", "start", "end", "cue", "sources", "addressee", "confidence", "url"]


def quote_row(record: dict[str, Any]) -> dict[str, Any]:
    """A quote record (store/queries.quote_record, with its document) as one CSV row."""
    speaker = record.get("speaker") or {}
    doc = record.get("document") or {}
    first = record["contents"][0] if record.get("contents") else {}
    return {
        "doc_id": doc.get("id"), "quote_id": record["id"], "published": doc.get("published"),
        "outlet": doc.get("outlet"), "speaker_id": speaker.get("id"), "speaker": speaker.get("name"),
        "speaker_type": speaker.get("type"), "role": speaker.get("role"), "kind": record["kind"],
        "type": record.get("type"), "content": " … ".join(s["text"] for s in record.get("contents") or []),
        "start": first.get("start"), "end": first.get("end"), "cue": (record.get("cue") or {}).get("text"),
        "sources": " | ".join(s["text"] for s in record.get("sources") or []),
        "addressee": (record.get("addressee") or {}).get("text"), "confidence": record.get("confidence"),
        "url": doc.get("url"),
    }


# Spreadsheets run a cell that starts with these as a formula (=HYPERLINK(...), +cmd, -2+3, @SUM).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    """CSV text, the header first, then one chunk per row (streamable), every cell guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row.get(c)) for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def exportable_tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables (not FTS indexes or their shadow tables, not SQLite's own)."""
    fts = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")}
    names = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if name.startswith("sqlite_") or name in fts or any(name.startswith(f + "_") for f in fts):
            continue
        names.append(name)
    return names


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(r[1], (r[2] or "").upper()) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def export_table(conn: sqlite3.Connection, table: str, fmt: str, out: Path) -> int:
    """Write ``table`` to ``out``; returns the number of rows written. ValueError on a bad table/format."""
    tables = exportable_tables(conn)
    if table not in tables:
        raise ValueError(f"unknown table {table!r}; choose one of: {', '.join(tables)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    columns = _columns(conn, table)
    names = [c for c, _ in columns]
    select = ", ".join(f'"{c}"' for c in names)
    order = "pk" if "pk" in names else "rowid"
    cursor = conn.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}')
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}[fmt]
    return writer(cursor, table, columns, out)


def _chunks(cursor: sqlite3.Cursor):
    while rows := cursor.fetchmany(_CHUNK):
        yield rows


def _write_csv(cursor, table, columns, out: Path) -> int:
    count = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([c for c, _ in columns])
        for rows in _chunks(cursor):
            writer.writerows([csv_safe(v) for v in r] for r in rows)
            count += len(rows)
    return count


def _write_jsonl(cursor, table, columns, out: Path) -> int:
    json_columns = JSON_COLUMNS.get(table, set())
    names = [c for c, _ in columns]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for rows in _chunks(cursor):
            for row in rows:
                record = {}
                for name, value in zip(names, row):
                    record[name] = json.loads(value) if name in json_columns and value else value
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += len(rows)
    return count


def _write_parquet(cursor, table, columns, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(declared: str):
        if "INT" in declared:
            return pa.int64()
        if "REAL" in declared or "FLOA" in declared or "DOUB" in declared:
            return pa.float64()
        return pa.string()

    schema = pa.schema([(name, arrow_type(declared)) for name, declared in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for rows in _chunks(cursor):
            arrays = [pa.array([r[i] for r in rows], type=schema.field(i).type) for i in range(len(columns))]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            count += len(rows)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
