"""Lossless conversion between the shared records and flat rows.

Rows travel between Ray stages and into Parquet shards (schema.py); the loader
turns them back into ``DocResult`` objects for the store. Everything here is a
pure function so the round trip is tested without Ray.
"""
from __future__ import annotations

import json
from typing import Any

from ..records import DocResult, Document, InputError, Quote, Span, Speaker
from .schema import COLUMN_NAMES


def _dumps(value: Any) -> str:
    # ensure_ascii=False keeps non-Latin text readable in DuckDB/pandas; floats
    # round-trip exactly through json's repr.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


# --- Document: the row passed from the read stage to the extract stage -------

def document_to_json(doc: Document) -> str:
    d = doc.to_dict()
    d["format"] = doc.format
    d["meta"] = doc.meta
    return _dumps(d)


def document_from_json(payload: str) -> Document:
    d = json.loads(payload)
    return _document_from_dict(d, d.get("boilerplate", []), d.get("meta", {}))


def _document_from_dict(d: dict[str, Any], boilerplate: list[dict[str, Any]], meta: dict[str, Any]) -> Document:
    return Document(
        id=d["id"],
        source=d["source"],
        text=d["text"],
        url=d.get("url"),
        outlet=d.get("outlet"),
        published=d.get("published"),
        language=d.get("language") or "und",
        title=d.get("title"),
        boilerplate=[Span.from_dict(s) for s in boilerplate],
        format=d.get("format") or "txt",
        meta=meta or {},
    )


# --- DocResult <-> Parquet row ----------------------------------------------

def _quote_to_dict(q: Quote) -> dict[str, Any]:
    d = q.to_dict()
    d["confidence"] = float(q.confidence)  # to_dict rounds; the shard keeps the exact value
    return d


def result_to_row(result: DocResult) -> dict[str, Any]:
    doc = result.document
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "language": doc.language,
        "title": doc.title,
        "format": doc.format,
        "text_sha256": doc.hash,
        "text": doc.text,
        "n_quotes": len(result.quotes),
        "boilerplate_json": _dumps([s.to_dict() for s in doc.boilerplate]),
        "quotes_json": _dumps([_quote_to_dict(q) for q in result.quotes]),
        "entities_json": _dumps(result.entities),
        "speakers_json": _dumps({k: s.to_dict() for k, s in result.speakers.items()}),
        "mentions_json": _dumps({k: [s.to_dict() for s in spans] for k, spans in result.mentions.items()}),
        "sentences_json": _dumps([list(s) for s in result.sentences]),
        "extra_json": _dumps(result.extra),
        "meta_json": _dumps(doc.meta),
        "error": None,
        "seq": 0,  # set by the engine, which knows the input order
        "skipped": False,
    }


def error_to_row(error: InputError, doc_id: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in COLUMN_NAMES}
    row.update({"id": doc_id, "source": error.path, "error": error.reason, "seq": 0, "skipped": False})
    return row


def skipped_row(doc: Document) -> dict[str, Any]:
    """A document not extracted because the store already holds it unchanged."""
    row = result_to_row(DocResult(document=doc))
    row.update(quotes_json=None, n_quotes=None, entities_json=None, speakers_json=None,
               mentions_json=None, sentences_json=None, extra_json=None, skipped=True)
    return row


def is_error_row(row: dict[str, Any]) -> bool:
    return row.get("error") is not None


def row_to_error(row: dict[str, Any]) -> InputError:
    return InputError(row["source"], row["error"])


def row_to_result(row: dict[str, Any]) -> DocResult:
    doc = _document_from_dict(
        row,
        json.loads(row["boilerplate_json"] or "[]"),
        json.loads(row["meta_json"] or "{}"),
    )
    speakers = {k: Speaker.from_dict(v) for k, v in json.loads(row["speakers_json"] or "{}").items()}
    return DocResult(
        document=doc,
        quotes=[Quote.from_dict(q) for q in json.loads(row["quotes_json"] or "[]")],
        entities=json.loads(row["entities_json"] or "[]"),
        speakers={k: v for k, v in speakers.items() if v is not None},
        mentions={
            k: [Span.from_dict(s) for s in spans]
            for k, spans in json.loads(row["mentions_json"] or "{}").items()
        },
        sentences=[(int(a), int(b)) for a, b in json.loads(row["sentences_json"] or "[]")],
        extra=json.loads(row["extra_json"] or "{}"),
    )


def row_to_item(row: dict[str, Any]) -> DocResult | InputError | Document:
    """A result, a bad input, or (for a skipped row) the Document that was not extracted."""
    if is_error_row(row):
        return row_to_error(row)
    result = row_to_result(row)
    return result.document if row.get("skipped") else result
