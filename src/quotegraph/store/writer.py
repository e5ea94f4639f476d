"""Write DocResults into the store, one whole document (or batch) per transaction.

A document's rows (document, boilerplate, quotes, speakers, mentions, roles)
are written in one ``BEGIN IMMEDIATE ... COMMIT``: a process killed at any
moment leaves either the previous state or the complete new one. Writing is
idempotent by content hash: the same article again changes nothing, a changed
article (same id, new hash) replaces all its rows, ``force`` rewrites anyway.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

from ..records import DocResult, Quote, Span, Speaker
from .keys import name_key, speaker_id_for

Status = Literal["added", "unchanged", "replaced", "failed"]


class StoreWriteError(RuntimeError):
    """A document could not be written (nothing of it was stored)."""


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    doc_id: str
    status: Status
    quotes: int = 0  # quotes written by this call (0 when unchanged or failed)
    error: str | None = None


@dataclass(slots=True)
class WriteSummary:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    quotes_added: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome: WriteOutcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.quotes_added += outcome.quotes
        if outcome.error:
            self.errors.append(f"{outcome.doc_id}: {outcome.error}")


def stored_hash(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The content hash stored for ``doc_id`` (None if absent): lets ingest skip extraction."""
    row = conn.execute("SELECT hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return row[0] if row else None


def write_result(conn: sqlite3.Connection, result: DocResult, *, force: bool = False) -> WriteOutcome:
    """Write one document in one transaction. Raises StoreWriteError (nothing stored) on failure."""
    outcomes = _write_batch(conn, [result], force=force)
    return outcomes[0]


def write_results(
    conn: sqlite3.Connection,
    results: Iterable[DocResult],
    *,
    force: bool = False,
    batch_size: int = 200,
) -> Iterator[WriteOutcome]:
    """Bulk path: many documents per transaction (executemany), for loads and benchmarks.

    A batch that fails is retried document by document, so one bad record
    costs only itself (reported as a "failed" outcome).
    """
    batch: list[DocResult] = []
    for result in results:
        batch.append(result)
        if len(batch) >= batch_size:
            yield from _write_batch_or_each(conn, batch, force)
            batch = []
    if batch:
        yield from _write_batch_or_each(conn, batch, force)


def _write_batch_or_each(conn: sqlite3.Connection, batch: list[DocResult], force: bool) -> list[WriteOutcome]:
    try:
        return _write_batch(conn, batch, force=force)
    except StoreWriteError:
        outcomes = []
        for result in batch:
            try:
                outcomes.extend(_write_batch(conn, [result], force=force))
            except StoreWriteError as exc:
                outcomes.append(WriteOutcome(result.document.id, "failed", 0, str(exc)))
        return outcomes


def _write_batch(conn: sqlite3.Connection, batch: list[DocResult], *, force: bool) -> list[WriteOutcome]:
    rows = _PendingRows()
    outcomes: list[WriteOutcome] = []
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        existing = _stored_hashes(conn, [r.document.id for r in batch])
        seen_in_batch: set[str] = set()
        for result in batch:
            doc = result.document
            if doc.id in seen_in_batch:
                # The same id twice in one batch: write what came before first.
                rows.flush(conn)
                existing[doc.id] = stored_hash(conn, doc.id)
            seen_in_batch.add(doc.id)
            old_hash = existing.get(doc.id)
            if old_hash == doc.hash and not force:
                outcomes.append(WriteOutcome(doc.id, "unchanged"))
                continue
            if old_hash is not None:
                # Cascades to every row of the document (and the FTS indexes via triggers).
                conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            rows.add(result, now)
            existing[doc.id] = doc.hash
            outcomes.append(WriteOutcome(doc.id, "replaced" if old_hash is not None else "added", len(result.quotes)))
        rows.flush(conn)
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.IntegrityError, sqlite3.InterfaceError, TypeError, ValueError)):
            ids = ", ".join(r.document.id for r in batch[:3])
            raise StoreWriteError(f"cannot store document(s) {ids}: {exc}") from exc
        raise
    return outcomes


def _stored_hashes(conn: sqlite3.Connection, doc_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(doc_ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, digest in conn.execute(f"SELECT id, hash FROM documents WHERE id IN ({marks})", chunk):
            found[doc_id] = digest
    return found


def _dumps(value: Any) -> str | None:
    if value is None or value == {} or value == []:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# The C string encoder of the json module (ensure_ascii=False): span JSON is
# built directly because json.dumps per span was a third of the writer's time.
_json_string = json.encoder.encode_basestring


def _span_json(span: Span | None) -> str | None:
    if span is None:
        return None
    return f'{{"start":{int(span.start)},"end":{int(span.end)},"text":{_json_string(span.text)}}}'


def _spans_json(spans: list[Span]) -> str:
    return "[" + ",".join(_span_json(s) for s in spans) + "]"


class _PendingRows:
    """Rows of several documents collected for executemany, in foreign-key order."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.documents: list[tuple] = []
        self.boilerplate: list[tuple] = []
        self.speakers: dict[str, tuple] = {}
        self.aliases: set[tuple] = set()
        self.doc_speakers: list[tuple] = []
        self.roles: set[tuple] = set()
        self.mentions: list[tuple] = []
        self.quotes: list[tuple] = []

    def _speaker(self, speaker: Speaker) -> str | None:
        global_id = speaker_id_for(speaker.name)
        if global_id is None:
            return None
        known = self.speakers.get(global_id)
        if known is None or (known[2] == "UNKNOWN" and speaker.type != "UNKNOWN"):
            self.speakers[global_id] = (global_id, speaker.name.strip(), speaker.type)
        self.aliases.add((global_id, speaker.name.strip(), name_key(speaker.name)))
        return global_id

    def add(self, result: DocResult, now: str) -> None:
        doc = result.document
        mention_count = sum(len(spans) for spans in result.mentions.values())
        self.documents.append((
            doc.id, doc.source, doc.url, doc.outlet, doc.published, doc.language, doc.title,
            doc.text, doc.hash, doc.format, now, len(result.quotes), len(doc.boilerplate),
            mention_count, _dumps(doc.meta), _dumps(result.extra),
        ))
        self.boilerplate.extend((doc.id, s.start, s.end, s.text) for s in doc.boilerplate)

        # Per-document speakers: those resolved by extraction plus any only named on a quote.
        local: dict[str, Speaker] = dict(result.speakers)
        for quote in result.quotes:
            if quote.speaker and quote.speaker.id not in local:
                local[quote.speaker.id] = quote.speaker
        local_to_global: dict[str, str | None] = {}
        for local_id, speaker in local.items():
            global_id = self._speaker(speaker)
            local_to_global[local_id] = global_id
            self.doc_speakers.append((doc.id, local_id, speaker.name, speaker.type, speaker.role, global_id))
            if speaker.role and global_id:
                self.roles.add((global_id, speaker.role, doc.id, doc.published))

        for local_id, spans in result.mentions.items():
            global_id = local_to_global.get(local_id)
            self.mentions.extend((doc.id, local_id, global_id, s.start, s.end, s.text) for s in spans)

        used_ids: set[str] = set()
        for quote in result.quotes:
            self.quotes.append(self._quote_row(doc, quote, local_to_global, used_ids))

    def _quote_row(self, doc, quote: Quote, local_to_global: dict[str, str | None], used_ids: set[str]) -> tuple:
        quote_id = quote.id
        n = 2
        while quote_id in used_ids:  # extraction should not repeat ids; never lose a quote if it does
            quote_id = f"{quote.id}-{n}"
            n += 1
        used_ids.add(quote_id)
        speaker = quote.speaker
        global_id = local_to_global.get(speaker.id) if speaker else None
        if speaker and speaker.role and global_id:
            self.roles.add((global_id, speaker.role, doc.id, doc.published))
        first = quote.contents[0] if quote.contents else None
        return (
            quote_id, doc.id, quote.kind, " … ".join(s.text for s in quote.contents),
            first.start if first else None, first.end if first else None,
            _spans_json(quote.contents),
            _span_json(quote.cue),
            _spans_json(quote.sources),
            global_id, speaker.id if speaker else None, speaker.name if speaker else None,
            speaker.type if speaker else None, speaker.role if speaker else None,
            _span_json(quote.addressee), float(quote.confidence), doc.published, doc.outlet,
            _dumps(quote.extra), quote.type,
        )

    def flush(self, conn: sqlite3.Connection) -> None:
        conn.executemany(
            "INSERT INTO documents(id, source, url, outlet, published, language, title, text, hash, format,"
            " ingested_at, quote_count, boilerplate_count, mention_count, meta, extra)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.documents,
        )
        conn.executemany('INSERT INTO boilerplate(doc_id, start, "end", text) VALUES (?,?,?,?)', self.boilerplate)
        # A speaker first seen as UNKNOWN takes the first known type later.
        conn.executemany(
            "INSERT INTO speakers(id, name, type) VALUES (?,?,?) ON CONFLICT(id) DO UPDATE SET type = excluded.type"
            " WHERE speakers.type = 'UNKNOWN' AND excluded.type <> 'UNKNOWN'",
            list(self.speakers.values()),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias, alias_key) VALUES (?,?,?)",
            sorted(self.aliases),
        )
        conn.executemany(
            "INSERT INTO doc_speakers(doc_id, local_id, name, type, role, speaker_id) VALUES (?,?,?,?,?,?)",
            self.doc_speakers,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO speaker_roles(speaker_id, role, doc_id, date) VALUES (?,?,?,?)",
            sorted(self.roles, key=lambda r: (r[0], r[1], r[2])),
        )
        conn.executemany(
            'INSERT INTO mentions(doc_id, local_speaker_id, speaker_id, start, "end", text) VALUES (?,?,?,?,?,?)',
            self.mentions,
        )
        conn.executemany(
            "INSERT INTO quotes(id, doc_id, kind, content, content_start, content_end, contents, cue, sources,"
            " speaker_id, local_speaker_id, speaker_name, speaker_type, speaker_role, addressee, confidence,"
            " published, outlet, extra, type) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self.quotes,
        )
        self.clear()
