"""Reading the Ray engine's Parquet shards back: rows -> DocResult, in input order.

Needs only pyarrow (no Ray): shards written on a cluster can be loaded into
the store on any machine that sees the directory.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq

from ..records import DocResult, Document, InputError
from . import codec
from .schema import SCHEMA_VERSION


class ShardError(ValueError):
    """A shard that is not a quotegraph shard, or from another schema version."""


def _min_seq(path: Path) -> int:
    meta = pq.ParquetFile(path).metadata
    index = meta.schema.names.index("seq") if "seq" in meta.schema.names else -1
    if index < 0:
        raise ShardError(f"{path}: not a quotegraph shard (no 'seq' column)")
    lows = []
    for g in range(meta.num_row_groups):
        stats = meta.row_group(g).column(index).statistics
        if stats is not None and stats.has_min_max:
            lows.append(stats.min)
    return min(lows) if lows else 0


def list_shards(directory: Path | str) -> list[Path]:
    """The shards of a run, ordered by the input position of their first record."""
    root = Path(directory)
    if not root.is_dir():
        raise ShardError(f"{root}: not a directory of Parquet shards")
    files = sorted(root.glob("*.parquet"))
    if not files:
        raise ShardError(f"{root}: no .parquet shards in this directory")
    return sorted(files, key=lambda p: (_min_seq(p), p.name))


def _check_version(path: Path) -> None:
    meta = pq.read_schema(path).metadata or {}
    found = meta.get(b"quotegraph.schema_version")
    if found is not None and int(found) != SCHEMA_VERSION:
        raise ShardError(f"{path}: schema version {int(found)}, this quotegraph reads version {SCHEMA_VERSION}")


def count_rows(shards: list[Path]) -> int:
    return sum(pq.ParquetFile(p).metadata.num_rows for p in shards)


def iter_shard_items(shards: list[Path]) -> Iterator[DocResult | InputError | Document]:
    """Every row of the shards as a record, shard by shard, each shard in input order."""
    for path in shards:
        _check_version(path)
        table = pq.read_table(path).sort_by("seq")
        for batch in table.to_batches(max_chunksize=500):
            for row in batch.to_pylist():
                yield codec.row_to_item(row)
