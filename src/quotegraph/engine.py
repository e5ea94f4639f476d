"""The local engine: read inputs, then run the pure per-document ``extract``.

The Ray engine (scale/) calls the same ``extract``; this module is the
single-machine path used by ``extract``, ``ingest`` and the demo.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .ingest import read_inputs
from .nlp.pipeline import extract
from .records import DocResult, InputError


def process(
    paths: Iterable[Path | str],
    meta_csv: Path | None = None,
    max_bytes: int | None = None,
) -> Iterator[DocResult | InputError]:
    """Yield one DocResult per readable document and one InputError per bad input."""
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    for item in read_inputs([Path(p) for p in paths], meta_csv=meta_csv, **kwargs):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extract(item)
        except Exception as exc:  # one bad document never stops a run
            yield InputError(item.source, f"extraction failed: {type(exc).__name__}: {exc}")
