"""The Parquet schema of the Ray engine's output shards (documented in docs/scale.md).

One row per input record. A row is either a document result (``error`` is null)
or a bad input (``error`` holds the reason, ``source`` names the file/record,
every other column is null). Nested structures are JSON strings rather than
Arrow struct lists: the quote layout is the JSON contract of DESIGN.md and
later stages add keys to it (``Quote.extra``, ``DocResult.extra``); a string
column keeps every shard readable when that happens, and DuckDB / pandas read
it with their JSON functions.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

# Column name -> (type, nullable, description). The description is printed into
# docs/scale.md and the Arrow field metadata, so the schema documents itself.
COLUMNS: list[tuple[str, pa.DataType, bool, str]] = [
    ("id", pa.string(), True, "document id (null for a bad input)"),
    ("source", pa.string(), False, "path (and line/record) the document or bad input came from"),
    ("url", pa.string(), True, "article URL"),
    ("outlet", pa.string(), True, "publishing outlet"),
    ("published", pa.string(), True, "publication date YYYY-MM-DD"),
    ("language", pa.string(), True, "language code"),
    ("title", pa.string(), True, "article title"),
    ("format", pa.string(), True, "input format: txt, html, jsonl or warc"),
    ("text_sha256", pa.string(), True, "sha256 of text (Document.hash)"),
    ("text", pa.large_string(), True, "the text every offset indexes"),
    ("n_quotes", pa.int32(), True, "number of quotes (for quick filtering)"),
    ("boilerplate_json", pa.string(), True, "JSON list of spans {start,end,text}"),
    ("quotes_json", pa.large_string(), True, "JSON list of quotes in the contract layout (confidence unrounded)"),
    ("entities_json", pa.large_string(), True, "JSON list of entities {start,end,text,label}"),
    ("speakers_json", pa.string(), True, "JSON object speaker id -> {id,name,type,role}"),
    ("mentions_json", pa.large_string(), True, "JSON object speaker id -> list of spans"),
    ("sentences_json", pa.large_string(), True, "JSON list of [start,end] sentence offsets"),
    ("extra_json", pa.large_string(), True, "JSON object of DocResult.extra (e.g. dates)"),
    ("meta_json", pa.string(), True, "JSON object of Document.meta (reader extras)"),
    ("error", pa.string(), True, "reason a bad input was rejected; null for a result"),
    ("seq", pa.int64(), False, "position in the run's input order (the local engine's output order)"),
    ("skipped", pa.bool_(), False, "true: already stored unchanged, not extracted (ingest --engine ray only)"),
]

SCHEMA = pa.schema(
    [pa.field(name, typ, nullable, metadata={"description": desc}) for name, typ, nullable, desc in COLUMNS],
    metadata={"quotegraph.schema_version": str(SCHEMA_VERSION)},
)

COLUMN_NAMES = [c[0] for c in COLUMNS]


def schema_markdown() -> str:
    """The schema as a Markdown table (the table in docs/scale.md is this output)."""
    lines = ["| column | Arrow type | nullable | meaning |", "|---|---|---|---|"]
    for name, typ, nullable, desc in COLUMNS:
        lines.append(f"| `{name}` | {typ} | {'yes' if nullable else 'no'} | {desc} |")
    return "\n".join(lines)
