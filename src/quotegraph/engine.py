"""The local engine: read inputs, then run the pure per-document extraction in batches.

This is the one runner: ``extract``, ``ingest``, ``eval``, ``demo``, ``fetch``/``watch``
call ``process``; the Ray workers call ``extract_batch`` on each batch they receive,
so both engines extract with the same code (spaCy's ``nlp.pipe`` over the batch, the
tagger in a second thread, one document's failure isolated from the others).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from .ingest import read_inputs
from .records import DocResult, Document, InputError

# A document already stored unchanged (ingest): yielded as the bare Document, not extracted.
SkipCheck = Callable[[Document], bool]


def process(
    paths: Iterable[Path | str],
    meta_csv: Path | None = None,
    max_bytes: int | None = None,
    skip: SkipCheck | None = None,
) -> Iterator[DocResult | Document | InputError]:
    """One item per input document, in input order: its DocResult, the Document itself
    when ``skip`` says it needs no extraction, or an InputError for a bad input."""
    from .nlp.pipeline import PIPE_BATCH  # the models load on first use, not on import

    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    pending: list[Document | InputError] = []  # kept in input order; documents extracted per batch
    waiting = 0
    for item in read_inputs([Path(p) for p in paths], meta_csv=meta_csv, **kwargs):
        if isinstance(item, Document) and skip is not None and skip(item):
            pending.append(_Skipped(item))
        else:
            pending.append(item)
            waiting += isinstance(item, Document)
        if waiting >= PIPE_BATCH:
            yield from _flush(pending)
            pending, waiting = [], 0
    yield from _flush(pending)


class _Skipped:
    __slots__ = ("document",)

    def __init__(self, document: Document) -> None:
        self.document = document


def _flush(pending: list) -> Iterator[DocResult | Document | InputError]:
    docs = [item for item in pending if isinstance(item, Document)]
    results = iter(extract_batch(docs))
    for item in pending:
        if isinstance(item, _Skipped):
            yield item.document
        elif isinstance(item, InputError):
            yield item
        else:
            yield next(results)


def extract_batch(docs: Sequence[Document]) -> list[DocResult | InputError]:
    """Extract several documents together; one bad document becomes an InputError
    naming its source, the others are unaffected."""
    if not docs:
        return []
    from .nlp.pipeline import extract_many

    out: list[DocResult | InputError] = []
    for doc, result in zip(docs, extract_many(list(docs))):
        if isinstance(result, Exception):  # one bad document never stops a run
            out.append(InputError(doc.source, f"extraction failed: {type(result).__name__}: {result}"))
        else:
            out.append(result)
    return out
