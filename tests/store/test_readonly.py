"""Read-only commands open the store read-only: the file stays byte-identical, nothing is
migrated (not even link/'s tables), and a file from an older version is refused with
the command that upgrades it. Real subprocesses over real SQLite files."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from quotegraph.store import SchemaError, connect, migrate_component, write_results
from quotegraph.store.schema import STORE_MIGRATIONS
from tests.fixtures.store.builders import article

# The read commands' modules only: they start without importing the extraction models.
READ_CLI = [sys.executable, "-c", "from quotegraph.cli.app import app; import quotegraph.cli.store_cmds,"
            " quotegraph.cli.link_cmds, quotegraph.cli.report_cmds, quotegraph.cli.web_cmds; app()"]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([*READ_CLI, *args], capture_output=True, text=True, env=env, timeout=300)


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
    path = tmp_path_factory.mktemp("ro") / "q.db"
    conn = connect(path)
    list(write_results(conn, [
        article("a", [("Anna Petrosyan", "PERSON", "minister", "the border talks will resume"),
                      ("Boris Lind", "PERSON", None, "the border stays closed")], types=["speech", "belief"]),
    ]))
    conn.close()  # the last connection checkpoints the WAL into the file
    return path


def test_read_commands_leave_the_file_byte_identical_and_never_migrate(db, tmp_path):
    before = files(db)
    for command in read_commands(db, tmp_path):
        out = run(*command)
        assert out.returncode == 0, (command, out.stderr)
        assert files(db) == before, command
    # Linking never ran: the linked listings say so instead of creating link/'s tables.
    assert "not linked yet" in run("statements", "--db", str(db)).stderr
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
        out = run(*command)
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
    out = run("quotes", "--db", str(old_db), "--format", "json")
    assert out.returncode == 0 and '"type": "speech"' in out.stdout
