"""Readers work while another process writes, and never see half a document."""
from __future__ import annotations

import subprocess
import sys
import time

from quotegraph.store import QuoteFilter, connect, quote_search

WRITER = """
import sys
from quotegraph.store import connect, write_result
from quotegraph.bench.synthetic import build_corpus_model, generate_results
conn = connect(sys.argv[1])
model = build_corpus_model(None, n_speakers=50, seed=5)
for result in generate_results(model, docs=400, quotes=4000, seed=5):
    write_result(conn, result)   # one transaction per document
"""


def test_reader_sees_only_whole_documents_while_a_writer_process_runs(tmp_path):
    db = tmp_path / "live.db"
    connect(db).close()  # schema exists before the reader starts
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stderr=subprocess.PIPE, text=True)
    reader = connect(db, readonly=True)
    observed: list[int] = []
    while writer.poll() is None:
        reader.execute("BEGIN")  # one snapshot for the checks below
        documents = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
        incomplete = reader.execute(
            "SELECT count(*) FROM documents d WHERE d.quote_count <>"
            " (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)").fetchone()[0]
        quoted = reader.execute("SELECT coalesce(sum(quote_count), 0) FROM documents").fetchone()[0]
        indexed = reader.execute("SELECT count(*) FROM quotes_fts").fetchone()[0]
        reader.execute("COMMIT")
        assert incomplete == 0
        assert indexed == quoted
        quote_search.search(reader, QuoteFilter(search="border OR talks"), limit=5)
        observed.append(documents)
        time.sleep(0.01)
    assert writer.returncode == 0, writer.stderr.read()
    assert len(set(observed)) >= 3, f"the reader should have seen the writer progress: {sorted(set(observed))}"
    assert observed == sorted(observed)
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 400
