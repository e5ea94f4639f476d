"""The local engine: read inputs, then run the pure per-document ``extract``.

The Ray engine (scale/) calls the same ``extract``; this module is the
single-machine path used by ``extract``, ``ingest`` and the demo.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .ingest import read_inputs
from .nlp.pipeline import PIPE_BATCH, extract_many
from .records import DocResult, InputError


def process(
    paths: Iterable[Path | str],
    meta_csv: Path | None = None,
    max_bytes: int | None = None,
) -> Iterator[DocResult | InputError]:
    """Yield one DocResult per readable document and one InputError per bad input."""
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    batch: list = []
    for item in read_inputs([Path(p) for p in paths], meta_csv=meta_csv, **kwargs):
        if isinstance(item, InputError):
            yield from _extract_batch(batch)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= PIPE_BATCH:
            yield from _extract_batch(batch)
            batch = []
    yield from _extract_batch(batch)


def _extract_batch(batch: list) -> Iterator[DocResult | InputError]:
    for item, result in zip(batch, extract_many(batch)):
        if isinstance(result, Exception):  # one bad document never stops a run
            yield InputError(item.source, f"extraction failed: {type(result).__name__}: {result}")
        else:
            yield result
