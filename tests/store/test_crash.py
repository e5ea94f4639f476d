"""Crash safety and concurrent reading, with `quotegraph ingest` as a real subprocess.

The corpus is many small generated text files; nothing here depends on what
the extractor finds, only on the store's bookkeeping: every stored document
carries the number of quote/boilerplate/mention rows written with it.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotegraph.store import QuoteFilter, connect, queries, quote_search

pytestmark = pytest.mark.slow

N_DOCS = 240
NAMES = ["Anna Petrosyan", "Boris Lindqvist", "Carla Novak", "Dmitri Orlov", "the ministry", "a spokesperson"]
TOPICS = ["the border crossing", "the gas pipeline", "the winter budget", "the prisoner exchange", "the bridge repair"]


def write_corpus(folder: Path) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(N_DOCS):
        lines = ["Home | News | Contact", f"Report number {i} on {rng.choice(TOPICS)}."]
        for j in range(rng.randint(1, 5)):
            name, topic = rng.choice(NAMES), rng.choice(TOPICS)
            if j % 2:
                lines.append(f"“We will discuss {topic} again on day {i}-{j},” {name} said.")
            else:
                lines.append(f"{name} told journalists that {topic} would be ready by week {j + i}.")
        (folder / f"doc{i:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quotegraph", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


TABLES = ["documents", "quotes", "boilerplate", "mentions", "doc_speakers", "speaker_roles", "speaker_aliases",
          "quotes_fts", "documents_fts"]


def row_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    counts["speakers_quoted"] = conn.execute("SELECT count(*) FROM speakers WHERE quote_count > 0").fetchone()[0]
    counts["speaker_quote_total"] = conn.execute("SELECT coalesce(sum(quote_count), 0) FROM speakers").fetchone()[0]
    conn.close()
    return counts


def assert_consistent(db: Path) -> int:
    """Integrity, FTS in step, and every document complete; returns the number of documents."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("documents_fts", "quotes_fts", "speaker_aliases_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")  # raises if out of step
    incomplete = conn.execute("""
        SELECT d.id FROM documents d
        WHERE d.quote_count <> (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)
           OR d.boilerplate_count <> (SELECT count(*) FROM boilerplate b WHERE b.doc_id = d.id)
           OR d.mention_count <> (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id)""").fetchall()
    assert incomplete == []
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == conn.execute(
        "SELECT coalesce(sum(quote_count), 0) FROM documents").fetchone()[0]
    # Speaker counters (kept by triggers) agree with the quotes table.
    assert conn.execute("""SELECT count(*) FROM speakers s WHERE s.quote_count <>
                           (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id)""").fetchone()[0] == 0
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    return documents


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def test_sigkill_at_several_points_then_rerun_matches_an_uninterrupted_run(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)

    # Uninterrupted run, read while it writes: readers are never blocked by the writer.
    reference = tmp_path / "reference.db"
    process = start_ingest(corpus, reference)
    seen_counts, reads = [], 0
    while process.poll() is None:
        if stored_documents(reference) > 0:
            reader = connect(reference, readonly=True)
            seen_counts.append(reader.execute("SELECT count(*) FROM documents").fetchone()[0])
            quote_search.search(reader, QuoteFilter(search="border OR pipeline"), limit=5)
            queries.stats(reader)
            reader.close()
            reads += 1
        time.sleep(0.05)
    _, err = process.communicate()
    assert process.returncode == 0, err
    assert reads >= 3 and len(set(seen_counts)) >= 2, "reads should see the ingest progressing"
    assert seen_counts == sorted(seen_counts)
    assert assert_consistent(reference) == N_DOCS
    expected = row_counts(reference)

    # Kill a run at several points: right at the start, then after more and more documents.
    crashed = tmp_path / "crashed.db"
    rng = random.Random(3)
    kills = 0
    for threshold in (0, 1, 40, 110, 200):
        process = start_ingest(corpus, crashed)
        deadline = time.monotonic() + 240
        while process.poll() is None and stored_documents(crashed) < threshold and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.communicate()
        if crashed.exists():
            assert_consistent(crashed)
    assert kills >= 3, "the runs should have been killed while working"

    process = start_ingest(corpus, crashed)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert assert_consistent(crashed) == N_DOCS
    assert row_counts(crashed) == expected
