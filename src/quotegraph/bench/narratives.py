"""``quotegraph bench narratives``: topic fitting on a synthetic store.

The store holds generated documents (bench/synthetic.py, sentences modelled on the
sample corpus), one linked statement per quote, and a MiniLM-sized vector per
statement drawn around one of ``TOPICS`` centres (unit vectors plus noise): the
vectors link/ would have cached, without spending the bench on the encoder (its cost
is `quotegraph bench link`'s). Then, each as a whole `quotegraph topics` process
(model and library load included): a full fit, and the assignment of the statements
of 1,000 new documents to the fitted topics.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..link.embed import DIM, text_hash
from ..store import connect, write_results
from ..store.links import ensure_link_schema
from .synthetic import build_corpus_model, generate_results

TOPICS = 60
NOISE = 0.9  # per-dimension spread around a centre, relative to 1/sqrt(DIM): clusters overlap like real topics


@dataclass
class NarrativeBench:
    docs: int
    statements: int
    fit_seconds: float
    fit_peak_mb: float
    new_docs: int
    assign_seconds: float
    assign_peak_mb: float
    build_seconds: float


def _vector(text: str, centres: np.ndarray) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little")
    rng = np.random.default_rng(seed)
    v = centres[seed % len(centres)] + rng.normal(0.0, NOISE / np.sqrt(DIM), DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def _add_statements(conn, doc_ids: list[str], centres: np.ndarray) -> int:
    rows = conn.execute(
        f"SELECT doc_id, id, content, published, speaker_id FROM quotes WHERE doc_id IN "
        f"({','.join('?' * len(doc_ids))})", doc_ids).fetchall()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT OR IGNORE INTO link_statements(id, speaker_id, text, report_count, first_doc_id, "
                     "first_quote_id, first_published) VALUES (?, ?, ?, 1, ?, ?, ?)",
                     [(f"{d}#{q}", s, c, d, q, p) for d, q, c, p, s in rows])
    conn.executemany("INSERT OR IGNORE INTO link_reports(doc_id, quote_id, statement_id, speaker_id, published) "
                     "VALUES (?, ?, ?, ?, ?)", [(d, q, f"{d}#{q}", s, p) for d, q, c, p, s in rows])
    conn.executemany("INSERT OR IGNORE INTO link_embeddings(hash, vec) VALUES (?, ?)",
                     [(text_hash(c), _vector(c, centres).tobytes()) for _, _, c, _, _ in rows])
    conn.execute("COMMIT")
    return len(rows)


def _topics_process(db: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `quotegraph topics` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "quotegraph", "topics", "--db", str(db), "--format", "json", *args],
                          capture_output=True, text=True, env={**os.environ})
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"quotegraph topics failed: {proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def run_narrative_bench(docs: int, workdir: Path, samples: Path | None, new_docs: int = 1000,
                        quotes_per_doc: int = 2) -> NarrativeBench:
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "narratives.db"
    for stale in workdir.glob("narratives.db*"):
        if stale.is_file():
            stale.unlink()
    started = time.perf_counter()
    model = build_corpus_model(samples, n_speakers=2000, seed=1)
    centres = np.random.default_rng(0).normal(size=(TOPICS, DIM))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    conn = connect(db)
    ensure_link_schema(conn)
    everything = generate_results(model, docs + new_docs, (docs + new_docs) * quotes_per_doc, seed=1)
    statements = 0
    for batch in iter(lambda: list(itertools.islice(everything, 5000)), []):
        batch = [r for r in batch if int(r.document.id.split("-")[1]) < docs]
        if not batch:
            break
        list(write_results(conn, batch))
        statements += _add_statements(conn, [r.document.id for r in batch], centres)
    build = time.perf_counter() - started
    fit_seconds, fit_peak = _topics_process(db, "--refit")
    fresh = [r for r in generate_results(model, docs + new_docs, (docs + new_docs) * quotes_per_doc, seed=1)
             if int(r.document.id.split("-")[1]) >= docs]
    list(write_results(conn, fresh))
    _add_statements(conn, [r.document.id for r in fresh], centres)
    conn.close()
    assign_seconds, assign_peak = _topics_process(db)
    return NarrativeBench(docs, statements, fit_seconds, fit_peak, len(fresh), assign_seconds, assign_peak, build)
