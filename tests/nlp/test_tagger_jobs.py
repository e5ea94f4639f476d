"""The batch's tagger jobs: a worker thread runs them in order, the main thread takes over
those it would otherwise wait for, and every document gets the spans it gets alone."""
from __future__ import annotations

import threading

from quotegraph.nlp.config import DEFAULT_CONFIG
from quotegraph.nlp.pipeline import _TaggerJobs, _tag_document
from quotegraph.nlp.stage_times import TIMES
from quotegraph.records import Document

PARAGRAPHS = [
    "“The harbour will reopen next week,” said Corin Valdane, the port director.",
    "Senator Ruth Calloway accused the governor of hiding the audit from the public.",
    "The mayor, Idris Palk, told reporters the bridge would be closed until spring.",
    "“We will not accept these terms,” the union's leader, Mara Voss, said on Monday.",
]


def _documents(n: int) -> list[Document]:
    # several paragraphs each, so one job takes long enough for the threads to overlap
    return [Document(id=f"d{i}", source="test",
                     text="\n\n".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(12)))
            for i in range(n)]


def test_every_document_gets_its_own_spans_whichever_thread_tagged_it():
    docs = _documents(6)
    alone = [_tag_document(d, DEFAULT_CONFIG) for d in docs]
    TIMES.reset(enabled=True)
    try:
        jobs = _TaggerJobs(docs, DEFAULT_CONFIG)
        try:
            together = [jobs.spans(i) for i in range(len(docs))]
        finally:
            jobs.close()
        rows = {(r.stage, r.thread): r for r in TIMES.rows()}
    finally:
        TIMES.reset(enabled=False)
    assert together == alone
    assert all(spans for spans in together)
    # asked at once for the first document, the main thread tagged some itself rather than wait
    main = threading.current_thread().name
    assert rows[("tagger", main)].calls >= 1
    worker_calls = sum(r.calls for (name, thread), r in rows.items() if name == "tagger" and thread != main)
    assert worker_calls + rows[("tagger", main)].calls == len(docs)


def test_a_document_too_long_to_parse_is_not_tagged():
    from quotegraph.nlp.spacy_model import MAX_CHARS

    docs = [Document(id="long", source="test", text="x " * (MAX_CHARS // 2 + 10)), *_documents(1)]
    jobs = _TaggerJobs(docs, DEFAULT_CONFIG)
    try:
        assert jobs.spans(0) is None
        assert jobs.spans(1) == _tag_document(docs[1], DEFAULT_CONFIG)
    finally:
        jobs.close()
