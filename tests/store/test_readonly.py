"""Read-only commands open the store read-only: the file stays byte-identical, nothing is
migrated (not even link/'s tables), and a file from an older version is refused with
the command that upgrades it; every CSV they write defuses spreadsheet formulas. Real
subprocesses over real SQLite files."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from quotegraph.store import SchemaError, connect, migrate_component
from quotegraph.store.schema import STORE_MIGRATIONS
from tests.conftest import run_cli, run_read_cli, store_file
from tests.fixtures.store.builders import article


def read_commands(db: Path, out: Path) -> list[list[str]]:
    return [
        ["quotes", "--db", str(db)], ["quotes", "--db", str(db), "--search", "border", "--format", "csv"],
        ["speakers", "--db", str(db)], ["speakers", "list", "--db", str(db)], ["show", "a", "--db", str(db)],
        ["stats", "--db", str(db)], ["statements", "--db", str(db)], ["reactions", "--db", str(db)],
        ["timeline", "--db", str(db), "--format", "json"],
        ["export", "--db", str(db), "--table", "quotes", "-o", str(out / "quotes.csv")],
    ]


def files(db: Path) -> tuple[bytes, bytes]:
    """The database file and what its write-ahead log holds (a reader of a WAL-mode file may
    leave an empty log and the shared-memory index behind: no data, nothing written)."""
    wal = Path(f"{db}-wal")
    return db.read_bytes(), wal.read_bytes() if wal.exists() else b""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return store_file(tmp_path_factory.mktemp("ro") / "q.db", [
        article("a", [("Anna Petrosyan", "PERSON", "minister", "the border talks will resume"),
                      ("Boris Lind", "PERSON", None, "the border stays closed")], types=["speech", "belief"]),
    ])


def test_read_commands_leave_the_file_byte_identical_and_never_migrate(db, tmp_path):
    before = files(db)
    for command in read_commands(db, tmp_path):
        out = run_read_cli(*command)
        assert out.returncode == 0, (command, out.stderr)
        assert files(db) == before, command
    # Linking never ran: the linked listings say so instead of creating link/'s tables.
    assert "not linked yet" in run_read_cli("statements", "--db", str(db)).stderr
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not any(t.startswith("link_") for t in tables)


def test_the_web_server_reads_without_writing(db):
    from quotegraph.web.app import create_app

    before = files(db)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    for path in ("/", "/?type=all", "/api/quotes", "/speakers", "/statements", "/documents/a", "/api/quotes.csv"):
        assert client.get(path).status_code == 200, path
    assert files(db) == before


@pytest.fixture()
def old_db(tmp_path) -> Path:
    """A store exactly as version 3 of the schema left it (before statement types), with a quote."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate_component(conn, "store", STORE_MIGRATIONS[:3])
    conn.execute("INSERT INTO documents(id, source, text, hash, ingested_at, quote_count, boilerplate_count,"
                 " mention_count) VALUES ('a', 'a.txt', 'The border is open, she said.', 'h', '2024', 1, 0, 0)")
    conn.execute("INSERT INTO quotes(id, doc_id, kind, content, contents, sources, confidence)"
                 " VALUES ('q1', 'a', 'indirect', 'The border is open', '[]', '[]', 0.5)")
    conn.close()
    return path


def test_an_old_schema_is_refused_clearly_and_left_alone(old_db, tmp_path):
    before = files(old_db)
    for command in [*read_commands(old_db, tmp_path), ["serve", "--db", str(old_db)]]:
        out = run_read_cli(*command)
        assert out.returncode == 2, (command, out.stdout, out.stderr)
        message = " ".join(out.stderr.split())
        assert "older than this code's" in message and "quotegraph ingest" in message \
            and "quotegraph link" in message, (command, message)
        assert "Traceback" not in out.stderr
        assert files(old_db) == before, command
    with pytest.raises(SchemaError, match="read-only commands never change the file"):
        connect(old_db, readonly=True)
    # A writing command upgrades it; then the read commands work.
    connect(old_db).close()
    out = run_read_cli("quotes", "--db", str(old_db), "--format", "json")
    assert out.returncode == 0 and '"type": "speech"' in out.stdout


# --- an ingested article (extraction, then every listing), hostile outlet and title -------------

ARTICLE = ("Harbour talks stall\n\n"
           "The union leader, Ines Carrow, said on Monday that the strike would go on.\n\n"
           "“=HYPERLINK(1) is not how we count the workers who stay out,” Carrow told reporters.\n\n"
           "Mayor Pavel Dunmore said the city would not raise its offer.\n")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ro")
    # an outlet and a title that a spreadsheet would run as formulas
    record = {"id": "strike", "outlet": "@Harbour Daily", "title": "=HYPERLINK(1)", "text": ARTICLE}
    (folder / "strike.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = folder / "ro.db"
    done = run_cli("ingest", str(folder / "strike.jsonl"), "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path


READ_ONLY = [["quotes"], ["quotes", "--format", "csv"], ["speakers"], ["stats"], ["statements"], ["reactions"],
             ["timeline", "--format", "json"], ["echoes"], ["alignment", "--format", "json"]]


def test_listing_commands_leave_the_file_unchanged(ingested):
    before = files(ingested)
    for args in READ_ONLY:
        done = run_cli(*args, "--db", str(ingested))
        assert done.returncode == 0, (args, done.stderr)
    assert files(ingested) == before


def test_old_schema_is_refused_not_migrated(ingested, tmp_path):
    old = tmp_path / "old.db"
    with sqlite3.connect(ingested) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE schema_version SET version = version - 1 WHERE component = 'store'")
    before = files(old)
    done = run_cli("quotes", "--db", str(old))
    assert done.returncode == 2 and "older than" in done.stderr
    assert files(old) == before


def _no_formula(rows):
    return not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values() if value)


def test_every_csv_path_defuses_formulas(ingested, tmp_path):
    listed = list(csv.DictReader(io.StringIO(run_cli("quotes", "--db", str(ingested), "--format", "csv").stdout)))
    assert listed and all(row["outlet"] == "'@Harbour Daily" for row in listed) and _no_formula(listed)
    for table, column, value in (("quotes", "outlet", "'@Harbour Daily"), ("documents", "title", "'=HYPERLINK(1)")):
        out = tmp_path / f"{table}.csv"
        assert run_cli("export", "--table", table, "--format", "csv", "-o", str(out), "--db", str(ingested)).returncode == 0
        exported = list(csv.DictReader(out.open(encoding="utf-8")))
        assert exported and all(row[column] == value for row in exported) and _no_formula(exported)
