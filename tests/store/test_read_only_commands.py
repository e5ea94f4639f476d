"""Listing commands open the store read-only: the file is left byte for byte as it was,
an old schema is refused with a clear message instead of migrated, and every CSV they
write defuses spreadsheet formulas."""
import csv
import hashlib
import io
import json
import sqlite3

import pytest

from tests.conftest import run_cli as run
ARTICLE = ("Harbour talks stall\n\n"
           "The union leader, Ines Carrow, said on Monday that the strike would go on.\n\n"
           "“=HYPERLINK(1) is not how we count the workers who stay out,” Carrow told reporters.\n\n"
           "Mayor Pavel Dunmore said the city would not raise its offer.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ro")
    # an outlet and a title that a spreadsheet would run as formulas
    record = {"id": "strike", "outlet": "@Harbour Daily", "title": "=HYPERLINK(1)", "text": ARTICLE}
    (folder / "strike.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = folder / "ro.db"
    done = run("ingest", str(folder / "strike.jsonl"), "--db", str(path))
    assert done.returncode == 0, done.stderr
    return path


def digest(path):
    """The database file's bytes, and whether its write-ahead log holds anything (a reader of a
    WAL-mode file may leave an empty -wal/-shm pair beside it: SQLite's, holding no change)."""
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes()).hexdigest(), wal.exists() and wal.stat().st_size > 0


READ_ONLY = [["quotes"], ["quotes", "--format", "csv"], ["speakers"], ["stats"], ["statements"], ["reactions"],
             ["timeline", "--format", "json"], ["echoes"], ["alignment", "--format", "json"]]


def test_listing_commands_leave_the_file_unchanged(db):
    before = digest(db)
    for args in READ_ONLY:
        done = run(*args, "--db", str(db))
        assert done.returncode == 0, (args, done.stderr)
    assert digest(db) == before


def test_old_schema_is_refused_not_migrated(db, tmp_path):
    old = tmp_path / "old.db"
    with sqlite3.connect(db) as src, sqlite3.connect(old) as dst:
        src.backup(dst)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE schema_version SET version = version - 1 WHERE component = 'store'")
    before = digest(old)
    done = run("quotes", "--db", str(old))
    assert done.returncode == 2 and "older than" in done.stderr
    assert digest(old) == before


def _no_formula(rows):
    return not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values() if value)


def test_every_csv_path_defuses_formulas(db, tmp_path):
    listed = list(csv.DictReader(io.StringIO(run("quotes", "--db", str(db), "--format", "csv").stdout)))
    assert listed and all(row["outlet"] == "'@Harbour Daily" for row in listed) and _no_formula(listed)
    for table, column, value in (("quotes", "outlet", "'@Harbour Daily"), ("documents", "title", "'=HYPERLINK(1)")):
        out = tmp_path / f"{table}.csv"
        assert run("export", "--table", table, "--format", "csv", "-o", str(out), "--db", str(db)).returncode == 0
        exported = list(csv.DictReader(out.open(encoding="utf-8")))
        assert exported and all(row[column] == value for row in exported) and _no_formula(exported)
