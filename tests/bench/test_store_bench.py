"""The store benchmark builds exactly what it says and its queries find quotes."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from quotegraph.bench.synthetic import build_corpus_model, generate_results

STORE_CLI = [sys.executable, "-c", "from quotegraph.cli.app import app; import quotegraph.cli.store_cmds; app()"]


def test_synthetic_records_have_exact_offsets_and_the_requested_sizes():
    model = build_corpus_model(None, n_speakers=100, seed=1)
    results = list(generate_results(model, docs=50, quotes=333, seed=1))
    assert len(results) == 50 and sum(len(r.quotes) for r in results) == 333
    for r in results:
        text = r.document.text
        spans = [s for q in r.quotes for s in (*q.contents, q.cue, *q.sources)] + r.document.boilerplate
        assert all(text[s.start:s.end] == s.text and s.text for s in spans)
        assert all(q.speaker.id in r.speakers for q in r.quotes)
    # Zipf-like: the most quoted speaker says far more than the median one.
    counts: dict[str, int] = {}
    for r in results:
        for q in r.quotes:
            counts[q.speaker.name] = counts.get(q.speaker.name, 0) + 1
    ordered = sorted(counts.values(), reverse=True)
    assert ordered[0] >= 4 * ordered[len(ordered) // 2]


def test_bench_store_command_builds_the_database_and_reports_figures(tmp_path):
    db = tmp_path / "bench.db"
    out = subprocess.run([*STORE_CLI, "bench", "store", "--db", str(db), "--docs", "80", "--quotes", "600",
                          "--queries", "20", "--json"], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout[out.stdout.index("\n{") + 1:])
    assert (figures["docs"], figures["quotes"]) == (80, 600)
    assert figures["quotes_per_s"] > 0 and figures["speaker_p95_ms"] >= figures["speaker_p50_ms"]
    assert figures["speaker_hits"] > 0 and figures["search_hits"] > 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 600
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "insert throughput" in out.stdout and "size per million quotes" in out.stdout
