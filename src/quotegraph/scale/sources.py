"""Splitting a run's inputs into read units that Ray workers read independently.

The local engine reads everything with ``ingest.read_inputs``; the Ray engine
must produce the same Documents. Two things in ``read_inputs`` are decided over
the whole run, not per file, and are therefore done by the driver here:

* the id of a .txt/.html document is its file stem, or a relative path when
  stems collide anywhere in the run (``ingest._file_ids``);
* an id seen twice in a run gets ``#2``, ``#3``... in input order
  (``ingest._unique``): see ``plan_renames``, applied after reading.

Everything else (decoding, the per-format readers, cleaning) is the ingest
code itself, called per file. ``read_unit`` mirrors the loop body of
``read_inputs``; keep the two in step (a test compares their output).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..ingest import _file_ids, _unique, clean_document, iter_input_files, read_file
from ..ingest.errors import BadInput
from ..ingest.meta import MetaTable, load_meta_csv, read_sidecar
from ..ingest.walk import InputFile
from ..records import Document, InputError


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One input file (or one input-level error) at position ``index`` of the run."""

    index: int
    path: str
    format: str | None = None
    compressed: bool = False
    file_id: str | None = None  # run-wide id of a .txt/.html document
    error: str | None = None  # set: this unit is a bad input, nothing to read


@dataclass(slots=True)
class Plan:
    units: list[ReadUnit]
    meta_csv: str | None
    meta_error: InputError | None  # a bad --meta CSV: reported first, run goes on
    cwd: str  # relative input paths are read from here on every worker (sources keep them as given)

    @property
    def files(self) -> list[ReadUnit]:
        return [u for u in self.units if u.error is None]


def plan_inputs(paths: Iterable[Path | str], meta_csv: Path | str | None = None) -> Plan:
    """Walk the inputs exactly as ``read_inputs`` does and number the files."""
    meta_error = None
    if meta_csv is not None:
        try:
            load_meta_csv(Path(meta_csv))
        except BadInput as exc:
            meta_error = InputError(str(meta_csv), str(exc))
            meta_csv = None  # read_inputs goes on with an empty table
    items = list(iter_input_files([Path(p) for p in paths]))
    files = [f for f in items if isinstance(f, InputFile)]
    ids = _file_ids([f for f in files if f.format in ("txt", "html")])
    units: list[ReadUnit] = []
    for index, item in enumerate(items):
        if isinstance(item, InputError):
            units.append(ReadUnit(index, item.path, error=item.reason))
        else:
            units.append(ReadUnit(index, str(item.path), item.format, item.compressed, ids.get(item.path)))
    return Plan(units, None if meta_csv is None else str(meta_csv), meta_error, os.getcwd())


@lru_cache(maxsize=4)
def _meta_table(meta_csv: str | None, cwd: str) -> MetaTable:
    # cwd is part of the key: the CSV's relative paths resolve against it.
    return load_meta_csv(Path(meta_csv)) if meta_csv else MetaTable()


def read_unit(
    unit: ReadUnit, meta_csv: str | None, max_bytes: int
) -> Iterator[tuple[str | None, Document | InputError]]:
    """(raw id, Document or InputError) for each record of one unit.

    Documents are cleaned; their ids are not yet unique run-wide. The raw id is
    also given for a document whose cleaning failed, because ``read_inputs``
    counts its id before cleaning (``plan_renames`` must count it too).
    """
    if unit.error is not None:
        yield None, InputError(unit.path, unit.error)
        return
    item = InputFile(Path(unit.path), unit.format, unit.compressed)
    try:
        fields = {**_meta_table(meta_csv, os.getcwd()).lookup(item.path), **read_sidecar(item.path)}
        for doc in read_file(item, unit.file_id or item.stem, fields, max_bytes):
            if isinstance(doc, InputError):
                yield None, doc
                continue
            raw_id = doc.id
            try:
                yield raw_id, clean_document(doc)
            except Exception as exc:
                # read_inputs loses the rest of the file here (one try around the
                # file); the error carries the id it had already counted.
                yield raw_id, InputError(str(item.path), f"unexpected error: {type(exc).__name__}: {exc}")
                return
    except BadInput as exc:
        yield None, InputError(str(item.path), str(exc))
    except Exception as exc:  # a reader bug must not stop the run either
        yield None, InputError(str(item.path), f"unexpected error: {type(exc).__name__}: {exc}")


def plan_renames(ids_in_order: Iterable[tuple[tuple[int, int], str | None]]) -> dict[tuple[int, int], str]:
    """Run-wide unique ids, as ``read_inputs`` assigns them: (unit, position) -> new id.

    Takes (key, id) pairs in input order; returns only the ids that change.
    """
    seen: dict[str, int] = {}
    renames: dict[tuple[int, int], str] = {}
    for key, doc_id in ids_in_order:
        if doc_id is None:
            continue
        new = _unique(doc_id, seen)
        if new != doc_id:
            renames[key] = new
    return renames
