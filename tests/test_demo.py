"""The README's main job: `quotegraph demo` on the bundled sample corpus, end to end."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from tests.paths import ROOT

QUOTEGRAPH = [sys.executable, "-m", "quotegraph"]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    # wide enough that each table row is one line of output
    proc = subprocess.run([*QUOTEGRAPH, "demo", str(ROOT / "samples"), "--out", str(out), "--no-serve"],
                          capture_output=True, text=True, timeout=900, cwd=ROOT, stdin=subprocess.DEVNULL,
                          env={**os.environ, "COLUMNS": "250"})
    return out, proc


@pytest.mark.slow
def test_demo_stores_every_sample_document_from_every_format(demo_run):
    out, proc = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    gold = json.loads((ROOT / "samples" / "gold.json").read_text(encoding="utf-8"))
    with sqlite3.connect(out / "quotegraph.db") as conn:
        formats = {row[0] for row in conn.execute("SELECT DISTINCT format FROM documents")}
        n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert n_docs == len(gold["documents"])
    assert formats >= {"txt", "html", "jsonl", "warc"}
    # Every labelled statement should have a chance of being found; far fewer quotes means a broken stage.
    n_gold = sum(len(d["statements"]) for d in gold["documents"])
    assert n_quotes >= 0.6 * n_gold


@pytest.mark.slow
def test_demo_draws_figures_and_exports(demo_run):
    out, proc = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    timeline = (out / "timeline.svg").read_text(encoding="utf-8")
    reactions = (out / "reactions.svg").read_text(encoding="utf-8")
    assert timeline.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in timeline
    assert "<svg" in reactions
    with sqlite3.connect(out / "quotegraph.db") as conn:
        n_quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    rows = (out / "quotes.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) >= n_quotes + 1  # header plus one row per quote (content may span lines)
    assert "browse it" in proc.stdout


def _step(stdout: str, number: int) -> str:
    return stdout.split(f"{number}. ", 1)[1].split(f"{number + 1}. ", 1)[0]


@pytest.mark.slow
def test_demo_links_in_its_own_step_and_lists_each_speaker_once_across_spellings(demo_run):
    out, proc = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    n_docs = len(json.loads((ROOT / "samples" / "gold.json").read_text(encoding="utf-8"))["documents"])
    assert f"linked {n_docs} document(s)" in _step(proc.stdout, 2)
    # the samples spell the Dravenian deputy minister Makarian and Makaryan: one row, the other spelling beside it
    rows = [line for line in _step(proc.stdout, 5).splitlines() if line.startswith("│ Arsen Makar")]
    assert len(rows) == 1, rows
    assert "Makarian" in rows[0] and "Makaryan" in rows[0]
