"""Storing fetched WARC files: the engine's reading and extraction, the store's
writer; the same path ``quotegraph ingest`` takes, so ingesting the archive later
gives the same records."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from ..engine import process
from ..records import InputError
from ..store import StoreWriteError, write_result


def store_warc_files(conn: sqlite3.Connection, paths: list[Path]) -> dict[Path, str | Exception]:
    """{warc file: stored document id, or the error that kept it out}."""
    out: dict[Path, str | Exception] = {}
    by_name = {str(p): p for p in paths}
    for item in process(paths):
        if isinstance(item, InputError):
            out[_file_of(item.path, by_name)] = ValueError(item.reason)
            continue
        path = _file_of(item.document.source, by_name)
        try:
            outcome = write_result(conn, item)
        except (StoreWriteError, sqlite3.Error) as exc:
            out[path] = exc
        else:
            out.setdefault(path, outcome.doc_id)
    return out


def _file_of(source: str, by_name: dict[str, Path]) -> Path:
    """The WARC file a document or error came from (sources read 'FILE@URI')."""
    name = source.split("@", 1)[0]
    return by_name.get(name, Path(name))
