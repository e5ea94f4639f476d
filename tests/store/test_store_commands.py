"""CLI over a real SQLite file, run as real subprocesses."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph.store import connect

QUOTEGRAPH = [sys.executable, "-m", "quotegraph"]
# The same Typer app with only the store's commands registered: query commands
# then start without importing spaCy (which the full entry point loads for extract).
STORE_CLI = [sys.executable, "-c", "from quotegraph.cli.app import app; import quotegraph.cli.store_cmds; app()"]


def run(*args: str, full: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    command = QUOTEGRAPH if full or args[0] == "ingest" else STORE_CLI
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def db(corpus_db) -> Path:
    return corpus_db  # tests.fixtures.store.builders.returns_corpus, shared with test_queries


def test_quotes_json_csv_and_table(db):
    out = run("quotes", "--db", str(db), "--speaker", "zakharova", "--outlet", "tass", "--format", "json", full=True)
    assert out.returncode == 0, out.stderr
    [q] = json.loads(out.stdout)
    assert q["speaker"]["id"] == "maria-zakharova" and q["said_on"] == "2024-02-07"
    assert q["document"] == {"id": "tass-1", "outlet": "TASS", "published": "2024-02-07",
                             "url": "https://example.org/tass-1"}

    out = run("quotes", "--db", str(db), "--search", '"security mechanisms"', "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["speaker"], r["content"], r["outlet"]) for r in rows] == [
        ("Tigran Abrahamian", "that clear security mechanisms must be put in place", "TASS")]

    out = run("quotes", "--db", str(db), "--outlet", "azatutyun")
    assert out.returncode == 0 and "Nikol Pashinyan" in out.stdout and "Zakharova" not in out.stdout


@pytest.mark.parametrize("args, reason", [
    (["--search", '"unclosed phrase'], "unbalanced quotation mark"),
    (["--search", "security OR"], "needs a term after it"),
    (["--since", "yesterday"], "must be a date"),
    (["--kind", "rumour"], "must be one of"),
    (["--format", "xml"], "--format must be one of"),
])
def test_bad_filters_give_one_clear_error_and_exit_2(db, args, reason):
    out = run("quotes", "--db", str(db), *args)
    assert out.returncode == 2
    assert reason in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_missing_database_is_a_clear_error(tmp_path):
    out = run("quotes", "--db", str(tmp_path / "none.db"))
    assert out.returncode == 2 and "no such database" in out.stderr and "Traceback" not in out.stderr


def test_speakers_stats_and_show(db):
    out = run("speakers", "--db", str(db), "--format", "json")
    listed = {s["id"]: s for s in json.loads(out.stdout)}
    assert set(listed) == {"maria-zakharova", "tigran-abrahamian", "metakse-hakobian", "nikol-pashinyan",
                           "civil-contract"}
    assert set(listed["maria-zakharova"]) == {"id", "name", "type", "aliases", "roles", "quotes", "outlets"}
    assert listed["maria-zakharova"]["roles"] == ["diplomat", "spokeswoman"]  # most frequent, then by name

    out = run("stats", "--db", str(db), "--format", "json")
    figures = json.loads(out.stdout)
    assert (figures["documents"], figures["quotes"], figures["speakers"]) == (4, 7, 5)
    rows = list(csv.DictReader(io.StringIO(run("stats", "--db", str(db), "--format", "csv").stdout)))
    assert {"figure": "quotes", "value": "7"} in rows

    out = run("show", "tass-1", "--db", str(db))
    assert out.returncode == 0
    assert "Zakharova on returns" in out.stdout and "TASS" in out.stdout
    # The quote is followed by its number and attributed in the table below.
    assert "an opportunity to return was and is there[1]" in out.stdout
    assert "spokeswoman" in out.stdout and "Tigran Abrahamian" in out.stdout
    assert run("show", "nope", "--db", str(db)).returncode == 1


def test_show_highlights_quotes_and_dims_boilerplate(db):
    env = {**os.environ, "COLUMNS": "200", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    out = subprocess.run([*STORE_CLI, "show", "tass-1", "--db", str(db)], capture_output=True, text=True,
                         env=env, timeout=120)
    # dim (ESC[2m) on the site furniture, bold yellow (ESC[1;33m) on the quote.
    assert "\x1b[2mHome | World" in out.stdout
    assert "\x1b[1;33man opportunity to return" in out.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_each_format(db, tmp_path, fmt):
    target = tmp_path / f"quotes.{fmt}"
    out = run("export", "--db", str(db), "--table", "quotes", "--format", fmt, "-o", str(target))
    assert out.returncode == 0, out.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(target.open(encoding="utf-8")))
        assert json.loads(rows[0]["contents"])[0]["text"]
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert rows[0]["contents"][0]["text"] == "an opportunity to return was and is there"
        assert rows[0]["extra"] == {"said_on": "2024-02-07"}
    else:
        import pyarrow.parquet as pq
        rows = pq.read_table(target).to_pylist()
        assert {"speaker_id", "content", "published", "outlet"} <= set(rows[0])
    assert len(rows) == 7
    assert {r["speaker_id"] for r in rows} == {"maria-zakharova", "tigran-abrahamian", "metakse-hakobian",
                                               "nikol-pashinyan", "civil-contract"}


def test_export_unknown_table_lists_the_choices(db, tmp_path):
    out = run("export", "--db", str(db), "--table", "quotes_fts", "-o", str(tmp_path / "x.csv"))
    assert out.returncode == 2 and "unknown table" in out.stderr and "speakers" in out.stderr


@pytest.mark.slow  # four real ingest runs, each loading the extraction models
def test_ingest_is_idempotent_replaces_changed_files_and_reports_bad_ones(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Anna Petrosyan said that the border talks would resume in March.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("“We are ready,” Boris Lindqvist told reporters on Monday.\n", encoding="utf-8")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    db = tmp_path / "q.db"

    first = run("ingest", str(corpus), "--db", str(db))
    assert first.returncode == 1  # one input failed
    assert "2 added, 0 unchanged, 0 replaced, 1 failed" in first.stdout
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.txt" in errors[0]

    conn = connect(db, readonly=True)
    before = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "quotes")}
    second = run("ingest", str(corpus / "a.txt"), str(corpus / "b.txt"), "--db", str(db))
    assert second.returncode == 0
    assert "0 added, 2 unchanged, 0 replaced, 0 failed; 0 quotes added" in second.stdout
    assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "quotes")} == before

    (corpus / "a.txt").write_text("Anna Petrosyan said that the border talks were cancelled.\n", encoding="utf-8")
    third = run("ingest", str(corpus / "a.txt"), str(corpus / "b.txt"), "--db", str(db))
    assert "0 added, 1 unchanged, 1 replaced, 0 failed" in third.stdout
    assert "cancelled" in conn.execute("SELECT text FROM documents WHERE id = 'a'").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2

    forced = run("ingest", str(corpus / "a.txt"), "--db", str(db), "--force")
    assert "0 added, 0 unchanged, 1 replaced" in forced.stdout


def test_show_tells_what_was_said_from_what_is_believed(tmp_path):
    from tests.conftest import store_file
    from tests.fixtures.store.builders import article

    doc = article("typed-1", [("Ana Lind", "PERSON", None, "The bridge will open in May"),
                              ("Ana Lind", "PERSON", None, "the council wants a second bridge")],
                  types=["speech", "belief"])
    db = store_file(tmp_path / "typed.db", [doc])
    out = run("show", "typed-1", "--db", str(db))
    assert out.returncode == 0, out.stderr
    rows = [line for line in out.stdout.splitlines() if line.startswith("│ ")]
    assert len(rows) == 2 and "speech" in rows[0] and "belief" in rows[1], rows
    assert "belief or finding" in out.stdout  # the legend names the second style
