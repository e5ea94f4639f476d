"""The linking stage's reads and writes of its tables (store/links.py), one function each.

link/pipeline.py decides what to link; every statement it runs on the database is
here, next to the tables it touches. Rows go in and come out as plain tuples in
the column order each function names. All writes run inside the caller's
transaction (``immediate``).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .links import select_in

# Link tables holding rows of one document: emptied for a document that is linked again.
_PER_DOCUMENT = ("link_mentions", "link_reports", "link_passage_bands", "link_reused", "link_reactions", "link_roles")


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (taken at once, so a concurrent ingest waits rather than interleaves)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _chunks(items: list, size: int = 400) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ----------------------------------------------------------------- run state

def corrections_digest(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM link_meta WHERE key = 'corrections'").fetchone()
    return row[0] if row else None


def set_corrections_digest(conn: sqlite3.Connection, digest: str) -> None:
    conn.execute("INSERT INTO link_meta(key, value) VALUES ('corrections', ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (digest,))


def unlinked_documents(conn: sqlite3.Connection) -> dict[str, tuple[str, str | None, str | None]]:
    """Documents new or changed since they were linked: id -> (hash, published, outlet)."""
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
        "SELECT d.id, d.hash, d.published, d.outlet FROM documents d"
        " LEFT JOIN link_state s ON s.doc_id = d.id WHERE s.doc_id IS NULL OR s.hash <> d.hash")}


def mark_linked(conn: sqlite3.Connection, hashes: dict[str, str], now: str) -> None:
    conn.executemany(
        "INSERT INTO link_state(doc_id, hash, linked_at) VALUES (?,?,?)"
        " ON CONFLICT(doc_id) DO UPDATE SET hash = excluded.hash, linked_at = excluded.linked_at",
        [(doc_id, digest, now) for doc_id, digest in hashes.items()])


def statements_losing_reports(conn: sqlite3.Connection, doc_ids: list[str]) -> set[str]:
    """Statements with reports in these documents, or left without reports by a replaced or deleted document."""
    stale = {r[0] for r in select_in(conn, "SELECT DISTINCT statement_id FROM link_reports WHERE doc_id IN ({marks})",
                                     doc_ids)}
    return stale | {r[0] for r in conn.execute(
        "SELECT id FROM link_statements WHERE id NOT IN (SELECT statement_id FROM link_reports)")}


def forget_documents(conn: sqlite3.Connection, doc_ids: list[str]) -> None:
    """A changed document's link rows (the cascade only covers deleted documents)."""
    for table in _PER_DOCUMENT:
        for chunk in _chunks(doc_ids):
            conn.execute(f"DELETE FROM {table} WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)


def recount_statements(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> None:
    """Count each statement's reports that are not reused text again; drop those left with none."""
    for sid in statement_ids:
        n = conn.execute("SELECT COUNT(*) FROM link_reports WHERE statement_id = ? AND reused = 0", (sid,)).fetchone()[0]
        if conn.execute("SELECT 1 FROM link_reports WHERE statement_id = ? LIMIT 1", (sid,)).fetchone():
            conn.execute("UPDATE link_statements SET report_count = ? WHERE id = ?", (n, sid))
        else:
            conn.execute("DELETE FROM link_statements WHERE id = ?", (sid,))


# ----------------------------------------------------------------- speakers

def doc_speakers(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[tuple]:
    """(doc_id, local_id, name, type, role, published, outlet) of the documents' own speakers."""
    return [tuple(r) for r in select_in(conn,
            "SELECT s.doc_id, s.local_id, s.name, s.type, s.role, d.published, d.outlet FROM doc_speakers s"
            " JOIN documents d ON d.id = s.doc_id WHERE s.doc_id IN ({marks})", doc_ids)]


def mentions_in_blocks(conn: sqlite3.Connection, blocks: Iterable[str]) -> list[tuple[str, str, str]]:
    """(doc_id, local_id, speaker_id) of the linked mentions in these blocks."""
    return [(r[0], r[1], r[2]) for r in select_in(
        conn, "SELECT doc_id, local_id, speaker_id FROM link_mentions WHERE block IN ({marks})", blocks)]


def speaker_ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM link_speakers")}


def role_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(role_key, speaker_id), each pair once."""
    return [(r[0], r[1]) for r in conn.execute("SELECT DISTINCT role_key, speaker_id FROM link_roles")]


def delete_speakers(conn: sqlite3.Connection, speaker_ids_: Iterable[str]) -> None:
    for sid in speaker_ids_:
        conn.execute("DELETE FROM link_speakers WHERE id = ?", (sid,))
        conn.execute("DELETE FROM link_aliases WHERE speaker_id = ?", (sid,))
        conn.execute("DELETE FROM link_roles WHERE speaker_id = ?", (sid,))


def delete_mentions(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> None:
    for chunk in _chunks(keys):
        conn.executemany("DELETE FROM link_mentions WHERE doc_id = ? AND local_id = ?", chunk)


def write_speakers(conn: sqlite3.Connection, speakers: list[tuple], aliases: list[tuple], roles: list[tuple],
                   mentions: list[tuple]) -> None:
    """speakers (id, name, type, block); aliases (speaker_id, alias, alias_key); roles (speaker_id,
    role, role_key, date, doc_id); mentions (doc_id, local_id, block, speaker_id)."""
    conn.executemany("INSERT OR REPLACE INTO link_speakers(id, name, type, block) VALUES (?,?,?,?)", speakers)
    conn.executemany("INSERT OR IGNORE INTO link_aliases(speaker_id, alias, alias_key) VALUES (?,?,?)", aliases)
    conn.executemany("INSERT OR IGNORE INTO link_roles(speaker_id, role, role_key, date, doc_id) VALUES (?,?,?,?,?)",
                     roles)
    conn.executemany("INSERT OR REPLACE INTO link_mentions(doc_id, local_id, block, speaker_id) VALUES (?,?,?,?)",
                     mentions)


def speakers_in_document(conn: sqlite3.Connection, doc_id: str) -> list[tuple[str, str]]:
    """(name as extracted, canonical id) of a document's linked speakers."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT s.name, m.speaker_id FROM doc_speakers s JOIN link_mentions m"
        " ON m.doc_id = s.doc_id AND m.local_id = s.local_id WHERE s.doc_id = ?", (doc_id,))]


def speakers_in_block(conn: sqlite3.Connection, block: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT id FROM link_speakers WHERE block = ?", (block,))}


# ----------------------------------------------------------------- reused passages

def document_texts(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    return {r[0]: r[1] for r in select_in(conn, "SELECT id, text FROM documents WHERE id IN ({marks})", doc_ids)}


def stored_passages(conn: sqlite3.Connection, doc_id: str, band_keys: Iterable[int]) -> list[tuple]:
    """(doc_id, start, end, published, text) of other documents' passages sharing an LSH band."""
    return [tuple(r) for r in select_in(conn,
            'SELECT DISTINCT b.doc_id, b.start, b."end", d.published, substr(d.text, b.start + 1, b."end" - b.start)'
            " FROM link_passage_bands b JOIN documents d ON d.id = b.doc_id"
            " WHERE b.doc_id <> ? AND b.band_key IN ({marks})", band_keys, extra=(doc_id,))]


def mark_reports_reused(conn: sqlite3.Connection, doc_id: str, start: int, end: int) -> None:
    conn.execute("UPDATE link_reports SET reused = 1 WHERE doc_id = ? AND start >= ? AND start < ?",
                 (doc_id, start, end))


def write_passages(conn: sqlite3.Connection, bands: list[tuple], reused: list[tuple]) -> None:
    """bands (band_key, doc_id, start, end); reused (doc_id, start, end, source_doc_id, source_start, similarity)."""
    conn.executemany('INSERT INTO link_passage_bands(band_key, doc_id, start, "end") VALUES (?,?,?,?)', bands)
    conn.executemany('INSERT OR IGNORE INTO link_reused(doc_id, start, "end", source_doc_id, source_start, similarity)'
                     " VALUES (?,?,?,?,?,?)", reused)


# ----------------------------------------------------------------- statements

def quote_rows(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[tuple]:
    """(doc_id, quote_id, canonical speaker, content, start, end, kind, outlet, published, reused flag)."""
    return [tuple(r) for r in select_in(conn,
            "SELECT q.doc_id, q.id, m.speaker_id, q.content, q.content_start, q.content_end, q.kind, q.outlet,"
            " q.published, COALESCE(r.reused, 0) FROM quotes q"
            " LEFT JOIN link_mentions m ON m.doc_id = q.doc_id AND m.local_id = q.local_speaker_id"
            " LEFT JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id WHERE q.doc_id IN ({marks})",
            doc_ids)]


def report_dates(conn: sqlite3.Connection, speaker_ids_: Iterable[str]) -> list[tuple[str, str | None]]:
    """(statement_id, published) of every report of these speakers."""
    return [(r[0], r[1]) for r in select_in(
        conn, "SELECT statement_id, published FROM link_reports WHERE speaker_id IN ({marks})", speaker_ids_)]


def statement_texts(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> list[tuple[str, str | None, str]]:
    """(id, speaker_id, text) of these statements."""
    return [(r[0], r[1], r[2]) for r in select_in(
        conn, "SELECT id, speaker_id, text FROM link_statements WHERE id IN ({marks})", statement_ids)]


def statement_report_rows(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> list[tuple]:
    """(statement_id, doc_id, quote_id, speaker_id, content, start, end, kind, outlet, published, reused)."""
    return [tuple(r) for r in select_in(conn,
            'SELECT r.statement_id, r.doc_id, r.quote_id, r.speaker_id, q.content, r.start, r."end", r.kind,'
            " r.outlet, r.published, r.reused FROM link_reports r JOIN quotes q ON q.doc_id = r.doc_id"
            " AND q.id = r.quote_id WHERE r.statement_id IN ({marks})", statement_ids)]


def reports_by_local_speaker(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(statement_id, doc_id, local speaker id) of the reports in these documents."""
    return [(r[0], r[1], r[2]) for r in select_in(conn,
            "SELECT r.statement_id, q.doc_id, q.local_speaker_id FROM link_reports r JOIN quotes q"
            " ON q.doc_id = r.doc_id AND q.id = r.quote_id WHERE q.doc_id IN ({marks})", doc_ids)]


def reused_flags(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> dict[tuple[str, str], bool]:
    """(doc_id, quote_id) -> reused, for every report of these statements."""
    return {(r[0], r[1]): bool(r[2]) for r in select_in(
        conn, "SELECT doc_id, quote_id, reused FROM link_reports WHERE statement_id IN ({marks})", statement_ids)}


def delete_statements(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> None:
    for sid in statement_ids:
        conn.execute("DELETE FROM link_statements WHERE id = ?", (sid,))


def delete_reports(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> None:
    conn.executemany("DELETE FROM link_reports WHERE doc_id = ? AND quote_id = ?", keys)


def write_statements(conn: sqlite3.Connection, statements: list[tuple], reports: list[tuple]) -> None:
    """statements (id, speaker_id, text, report_count, first_doc_id, first_quote_id, first_published);
    reports (doc_id, quote_id, statement_id, speaker_id, outlet, published, start, end, kind, reused)."""
    conn.executemany("INSERT OR REPLACE INTO link_statements(id, speaker_id, text, report_count, first_doc_id,"
                     " first_quote_id, first_published) VALUES (?,?,?,?,?,?,?)", statements)
    conn.executemany('INSERT OR REPLACE INTO link_reports(doc_id, quote_id, statement_id, speaker_id, outlet, published,'
                     ' start, "end", kind, reused) VALUES (?,?,?,?,?,?,?,?,?,?)', reports)


def statement_of_report(conn: sqlite3.Connection, doc_id: str, quote_id: str) -> str | None:
    row = conn.execute("SELECT statement_id FROM link_reports WHERE doc_id = ? AND quote_id = ?",
                       (doc_id, quote_id)).fetchone()
    return row[0] if row else None


def latest_statement(conn: sqlite3.Connection, speaker_id: str, published: str | None) -> str | None:
    """The speaker's most recent statement up to ``published`` (any date when None)."""
    row = conn.execute(
        "SELECT id FROM link_statements WHERE speaker_id = ? AND (? IS NULL OR first_published IS NULL"
        " OR first_published <= ?) ORDER BY first_published DESC LIMIT 1", (speaker_id, published, published)).fetchone()
    return row[0] if row else None


# ----------------------------------------------------------------- reactions

def reaction_inputs(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> tuple[list[tuple], list[tuple]]:
    """The documents' quotes (doc_id, id, speaker_name, content_start, content_end) and the documents
    themselves (id, text, published), for finding reaction sentences."""
    quotes = [tuple(r) for r in select_in(conn, "SELECT doc_id, id, speaker_name, content_start, content_end"
                                                " FROM quotes WHERE doc_id IN ({marks})", doc_ids)]
    docs = [tuple(r) for r in select_in(conn, "SELECT id, text, published FROM documents WHERE id IN ({marks})",
                                        doc_ids)]
    return quotes, docs


def write_reactions(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """(doc_id, from_speaker, to_speaker, from_name, to_name, verb, start, end, evidence, from_statement, to_statement)."""
    conn.executemany(
        'INSERT INTO link_reactions(doc_id, from_speaker, to_speaker, from_name, to_name, verb, start, "end",'
        " evidence, from_statement, to_statement) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
