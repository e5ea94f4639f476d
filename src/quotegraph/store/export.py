"""Export one table of the store to CSV, JSON Lines or Parquet, streaming in chunks.

Columns are the table's columns as stored (see docs/store.md). JSON-valued
columns stay JSON text in CSV and Parquet and become nested objects in JSONL.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Literal

ExportFormat = Literal["csv", "jsonl", "parquet"]
FORMATS = ("csv", "jsonl", "parquet")

# Columns holding JSON text, per table.
JSON_COLUMNS: dict[str, set[str]] = {
    "documents": {"meta", "extra"},
    "quotes": {"contents", "cue", "sources", "addressee", "extra"},
}
_CHUNK = 5_000


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
            writer.writerows(tuple(r) for r in rows)
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
