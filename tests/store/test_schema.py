"""Schema: WAL, foreign keys, FTS5, and migration of an old-version file."""
from __future__ import annotations

import sqlite3

import pytest

from quotegraph.store import QuoteFilter, SchemaError, connect, migrate_component, queries, quote_search  # noqa: E402
from quotegraph.store.schema import STORE_MIGRATIONS, STORE_VERSION  # noqa: E402


def test_new_database_is_wal_with_foreign_keys_and_current_version(tmp_path):
    conn = connect(tmp_path / "q.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("SELECT version FROM schema_version WHERE component = 'store'").fetchone()[0] == STORE_VERSION
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "quotes", "speakers", "speaker_aliases", "speaker_roles", "mentions",
            "boilerplate", "doc_speakers", "documents_fts", "quotes_fts"} <= names


def test_version_1_file_is_migrated_and_its_rows_become_searchable(tmp_path):
    path = tmp_path / "old.db"
    # Build a file exactly as version 1 of the schema wrote it, with data in it.
    old = sqlite3.connect(path, isolation_level=None)
    migrate_component(old, "store", STORE_MIGRATIONS[:1])
    text = "Menu XS SM\n“Borders must stay open,” Anna Petrosyan said."
    old.execute(
        "INSERT INTO documents(id, source, text, hash, ingested_at, quote_count, boilerplate_count, mention_count,"
        " outlet, published) VALUES ('old-1', 'old-1.txt', ?, 'h', '2024-01-01', 1, 1, 0, 'Old Outlet', '2023-05-01')",
        (text,))
    old.execute('INSERT INTO boilerplate(doc_id, start, "end") VALUES (\'old-1\', 0, 10)')
    old.execute("INSERT INTO speakers(id, name, type) VALUES ('anna-petrosyan', 'Anna Petrosyan', 'PERSON')")
    old.execute("INSERT INTO speaker_aliases(speaker_id, alias, alias_key)"
                " VALUES ('anna-petrosyan', 'Anna Petrosyan', 'anna petrosyan')")
    old.execute(
        "INSERT INTO quotes(id, doc_id, kind, content, contents, sources, speaker_id, confidence, published, outlet)"
        " VALUES ('q1', 'old-1', 'direct', 'Borders must stay open', '[]', '[]', 'anna-petrosyan', 0.9,"
        " '2023-05-01', 'Old Outlet')")
    assert old.execute("SELECT version FROM schema_version").fetchone()[0] == 1
    old.close()

    conn = connect(path)
    assert conn.execute("SELECT version FROM schema_version WHERE component = 'store'").fetchone()[0] == STORE_VERSION
    # v2 indexed the rows written before it existed; v3 filled boilerplate text.
    found = quote_search.search(conn, QuoteFilter(search='"stay open"'))
    assert [q["id"] for q in found] == ["q1"]
    assert conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'borders'").fetchall()
    assert conn.execute("SELECT text FROM boilerplate").fetchone()[0] == "Menu XS SM"
    assert quote_search.search(conn, QuoteFilter(speaker="petrosyan"))[0]["speaker"]["id"] == "anna-petrosyan"


def test_database_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "new.db"
    connect(path).execute("UPDATE schema_version SET version = ? WHERE component = 'store'", (STORE_VERSION + 1,))
    with pytest.raises(SchemaError, match="newer"):
        connect(path)


def test_other_components_keep_their_own_version(tmp_path):
    conn = connect(tmp_path / "q.db")
    link_migrations = ["CREATE TABLE link_clusters (id INTEGER PRIMARY KEY, quote_pk INTEGER"
                       " REFERENCES quotes(pk) ON DELETE CASCADE)"]
    assert migrate_component(conn, "link", link_migrations) == 1
    assert migrate_component(conn, "link", link_migrations) == 1  # idempotent
    versions = dict(conn.execute("SELECT component, version FROM schema_version"))
    assert versions == {"store": STORE_VERSION, "link": 1}


def test_failed_migration_leaves_the_previous_version(tmp_path):
    conn = connect(tmp_path / "q.db")
    with pytest.raises(sqlite3.OperationalError):
        migrate_component(conn, "extra", ["CREATE TABLE a (x)", "CREATE TABLE b (x); THIS IS NOT SQL;"])
    versions = dict(conn.execute("SELECT component, version FROM schema_version"))
    assert versions["extra"] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'b'").fetchone()[0] == 0


def test_version_4_file_gets_honest_statement_dates(tmp_path):
    """Store version 5: an undated statement stored as a publication-day point
    ('before_publication', start = end) becomes on-or-before with an open start;
    dated statements and other extra keys are left as they were."""
    import json

    path = tmp_path / "v4.db"
    old = sqlite3.connect(path, isolation_level=None)
    migrate_component(old, "store", STORE_MIGRATIONS[:4])
    old.execute("INSERT INTO documents(id, source, text, hash, ingested_at, quote_count, boilerplate_count,"
                " mention_count, published) VALUES ('d1', 'd1.txt', 'x', 'h', '2025-03-04', 3, 0, 0, '2025-03-04')")
    legacy = {"start": "2025-03-04", "end": "2025-03-04", "precision": "before_publication", "evidence": None,
              "rule": "before_publication"}
    dated = {"start": "2025-03-03", "end": "2025-03-03", "precision": "day",
             "evidence": {"start": 0, "end": 9, "text": "on Monday"}, "rule": "weekday"}
    for qid, extra in (("q1", {"said_on": legacy, "note": "kept"}), ("q2", {"said_on": dated}), ("q3", None)):
        old.execute("INSERT INTO quotes(id, doc_id, kind, content, contents, sources, confidence, published, extra)"
                    " VALUES (?, 'd1', 'indirect', 'c', '[]', '[]', 0.9, '2025-03-04', ?)",
                    (qid, json.dumps(extra) if extra else None))
    old.close()

    conn = connect(path)
    assert conn.execute("SELECT version FROM schema_version WHERE component = 'store'").fetchone()[0] == STORE_VERSION
    rows = {qid: json.loads(extra) if extra else None for qid, extra in conn.execute("SELECT id, extra FROM quotes")}
    assert rows["q1"] == {"said_on": {"start": None, "end": "2025-03-04", "precision": "on_or_before_publication",
                                      "evidence": None, "rule": "on_or_before_publication"}, "note": "kept"}
    assert rows["q2"] == {"said_on": dated}
    assert rows["q3"] is None


def test_statement_type_is_stored_checked_and_old_rows_are_speech(tmp_path):
    from dataclasses import replace

    from quotegraph.records import STATEMENT_TYPES
    from tests.fixtures.store.builders import article

    conn = connect(tmp_path / "q.db")
    said = [("Ada Okafor", "PERSON", None, f"statement {i}") for i in range(len(STATEMENT_TYPES))]
    result = article("d1", said)
    result.quotes[:] = [replace(q, type=t) for q, t in zip(result.quotes, STATEMENT_TYPES)]
    from quotegraph.store import write_result
    write_result(conn, result)
    stored = {q["id"]: q["type"] for q in queries.document(conn, "d1")["quotes"]}
    assert stored == {q.id: q.type for q in result.quotes}
    # The CHECK admits exactly the record's types (it is fixed in migration 4 as released).
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE quotes SET type = 'rumour' WHERE id = 'd1#q1'")
    # A row written before version 4 is speech.
    old = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate_component(old, "store", STORE_MIGRATIONS[:3])
    old.execute("INSERT INTO documents(id, source, text, hash, ingested_at, quote_count, boilerplate_count,"
                " mention_count) VALUES ('o', 'o.txt', 'x', 'h', '2024', 1, 0, 0)")
    old.execute("INSERT INTO quotes(id, doc_id, kind, content, contents, sources, confidence)"
                " VALUES ('q', 'o', 'direct', 'x', '[]', '[]', 0.5)")
    old.close()
    assert connect(tmp_path / "old.db").execute("SELECT type FROM quotes").fetchone()[0] == "speech"
