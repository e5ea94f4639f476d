"""Every CSV quotegraph writes goes through store/export.py: one layout per table and no cell a
spreadsheet would run as a formula (=, +, -, @, tab or CR at the start get an apostrophe).
Values written for this test; real store files, real subprocesses, the real web app."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from quotegraph.store.export import QUOTE_LAYOUT, SPEAKER_LAYOUT
from tests.conftest import run_read_cli, store_file
from tests.fixtures.store.builders import article

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Hostile values in every kind of field a CSV shows: outlet, title, speaker name, role, quote text.
OUTLET = "=cmd|' /C calc'!A0"
TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")"
NAME = "+Mallory Formula"
ROLE = "@SUM(A1:A9)"
SAID = "-2+3 is the figure they quoted"
TAB_ROLE = "\tdeputy mayor"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "q.db"
    return store_file(path, [
        article("evil", [(NAME, "PERSON", ROLE, SAID),
                         ("Plain Speaker", "PERSON", TAB_ROLE, "nothing is to be seen here")],
                outlet=OUTLET, title=TITLE, furniture="=1+1 Home | World\n"),
        article("calm", [("Plain Speaker", "PERSON", "mayor", "the bridge reopens on Monday")], outlet="Calm Post"),
    ])


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_guarded(text: str, *expected: str) -> list[dict[str, str]]:
    """No cell starts like a formula; each hostile value is there, defused by an apostrophe."""
    rows = cells(text)
    assert len(rows) > 1, text
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    flat = [cell for row in rows for cell in row]
    for value in expected:
        assert "'" + value in flat, (value, flat)
    return list(csv.DictReader(io.StringIO(text)))


def test_cli_listings_guard_every_cell(db):
    out = run_read_cli("quotes", "--db", str(db), "--format", "csv", "--type", "all")
    assert out.returncode == 0, out.stderr
    rows = assert_guarded(out.stdout, OUTLET, NAME, ROLE, SAID, TAB_ROLE)
    assert list(rows[0]) == QUOTE_LAYOUT.names
    out = run_read_cli("speakers", "--db", str(db), "--format", "csv")
    rows = assert_guarded(out.stdout, NAME, ROLE)
    assert list(rows[0]) == SPEAKER_LAYOUT.names
    out = run_read_cli("stats", "--db", str(db), "--format", "csv")
    assert out.returncode == 0 and not any(c.startswith(FORMULA_STARTS) for r in cells(out.stdout) for c in r)


@pytest.mark.parametrize("table, expected", [
    ("quotes", (OUTLET, NAME, ROLE, SAID, TAB_ROLE)),
    ("speakers", (NAME, ROLE)),
    ("documents", (OUTLET, TITLE)),
    ("doc_speakers", (NAME, ROLE, TAB_ROLE)),
    ("speaker_aliases", (NAME,)),
    ("speaker_roles", (ROLE, TAB_ROLE)),
    ("mentions", (NAME,)),
    ("boilerplate", ("=1+1 Home | World\n",)),
])
def test_export_command_guards_every_table(db, tmp_path, table, expected):
    target = tmp_path / f"{table}.csv"
    out = run_read_cli("export", "--db", str(db), "--table", table, "-o", str(target))
    assert out.returncode == 0, out.stderr
    assert_guarded(target.read_text(encoding="utf-8"), *expected)


def test_cli_csv_and_export_share_the_quote_layout_and_jsonl_keeps_values(db, tmp_path):
    listed = list(csv.DictReader(io.StringIO(run_read_cli("quotes", "--db", str(db), "--format", "csv", "--type", "all").stdout)))
    target = tmp_path / "quotes.csv"
    assert run_read_cli("export", "--db", str(db), "--table", "quotes", "-o", str(target)).returncode == 0
    exported = list(csv.DictReader(target.open(encoding="utf-8")))
    key = lambda r: (r["doc_id"], r["quote_id"])  # noqa: E731
    assert sorted(listed, key=key) == sorted(exported, key=key)
    # JSON Lines and Parquet are data, not spreadsheets: the values as stored.
    jsonl = tmp_path / "quotes.jsonl"
    assert run_read_cli("export", "--db", str(db), "--table", "quotes", "--format", "jsonl", "-o", str(jsonl)).returncode == 0
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert {r["outlet"] for r in rows} == {OUTLET, "Calm Post"} and SAID in {r["content"] for r in rows}
    assert all(set(r) == set(QUOTE_LAYOUT.names) for r in rows)


def test_web_downloads_guard_every_cell(db):
    from quotegraph.web.app import create_app

    client = TestClient(create_app(db), raise_server_exceptions=False)
    quotes = client.get("/api/quotes.csv", params={"type": "all"})
    assert quotes.status_code == 200
    rows = assert_guarded(quotes.text, OUTLET, NAME, ROLE, SAID, TAB_ROLE)
    assert list(rows[0]) == QUOTE_LAYOUT.names
    rows = assert_guarded(client.get("/api/speakers.csv").text, NAME, ROLE)
    assert list(rows[0]) == SPEAKER_LAYOUT.names
    assert_guarded(client.get("/api/documents/evil/quotes.csv").text, OUTLET, NAME, SAID, TAB_ROLE)
