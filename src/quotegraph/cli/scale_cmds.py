"""Scale-out commands: `load` (Parquet shards -> store), `bench scale`, and the
Ray branch that `extract --engine ray` calls (``extract_with_ray``)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import app, bench_app

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2
MIB = 1024 * 1024

err = Console(stderr=True, soft_wrap=True, highlight=False)
out = Console(soft_wrap=True, highlight=False)


def _progress(label: str) -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("documents"), TimeElapsedColumn(), console=err, transient=False,
    )


# --------------------------------------------------------------------------- extract --engine ray

def extract_with_ray(
    inputs: list[Path],
    output: Path | None,
    *,
    meta: Path | None = None,
    max_bytes: int | None = None,
    address: str | None = None,
    workers: int | None = None,
    parquet: Path | None = None,
    errors: Path | None = None,
) -> int:
    """`extract --engine ray`: JSON lines (as the local engine) or, with ``parquet``,
    Parquet shards + errors file. Returns the exit code."""
    from ..records import InputError
    from ..scale import ray_engine

    if parquet is not None:
        with _progress("extract (ray)") as progress:
            task = progress.add_task("extract", total=None)
            summary = ray_engine.extract_to_parquet(
                inputs, parquet, address=address, num_workers=workers, errors_path=errors, meta_csv=meta,
                max_bytes=max_bytes, on_progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
        table = Table(title="extract (ray)", show_header=False, title_justify="left")
        table.add_row("documents written", str(summary.documents))
        table.add_row("inputs failed", str(summary.errors), style="red" if summary.errors else None)
        table.add_row("workers", str(summary.workers))
        table.add_row("shards", f"{len(summary.shards)} in {parquet}")
        table.add_row("errors file", str(summary.errors_path))
        table.add_row("seconds", f"{summary.seconds:.1f}")
        err.print(table)
        return EXIT_INPUT_FAILED if summary.errors else EXIT_OK

    written = failed = 0
    sink = output.open("w", encoding="utf-8", newline="\n") if output else sys.stdout
    try:
        for item in ray_engine.iter_results(inputs, meta, max_bytes, address=address, num_workers=workers):
            if isinstance(item, InputError):
                failed += 1
                err.print(f"error: {item.path}: {item.reason}", markup=False)
            else:
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                written += 1
    finally:
        if output:
            sink.close()
    err.print(f"extract (ray): {written} documents written, {failed} inputs failed -> {output or 'stdout'}")
    return EXIT_INPUT_FAILED if failed else EXIT_OK


# --------------------------------------------------------------------------- load

@app.command("load")
def load_command(
    shards: Annotated[Path, typer.Argument(help="Directory of Parquet shards written by `extract --engine ray --parquet`.")],
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")] = Path("quotegraph.db"),
    force: Annotated[bool, typer.Option("--force", help="Rewrite documents already stored unchanged.")] = False,
) -> None:
    """Bulk-load Parquet shards into the store (in input order); then run `quotegraph link`.

    Rows that record a bad input are reported (path: reason) and not stored.
    Loading is idempotent: a document already stored with the same text is left as it is.
    """
    from ..records import Document, InputError
    from ..scale.load import ShardError, count_rows, iter_shard_items, list_shards
    from ..store import WriteSummary, connect, write_results

    try:
        files = list_shards(shards)
    except ShardError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    conn = connect(db)
    summary = WriteSummary()
    bad_rows = 0

    def results(items):
        nonlocal bad_rows
        for item in items:
            if isinstance(item, InputError):
                bad_rows += 1
                progress.console.print(f"error: {item.path}: {item.reason}", markup=False)
                progress.advance(task)
            elif isinstance(item, Document):  # skipped at extraction time: nothing to store
                progress.advance(task)
            else:
                yield item

    try:
        with _progress("load") as progress:
            task = progress.add_task("load", total=count_rows(files))
            for outcome in write_results(conn, results(iter_shard_items(files)), force=force):
                summary.count(outcome)
                progress.advance(task)
    except ShardError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        conn.close()
    out.print(
        f"documents: {summary.added} added, {summary.unchanged} unchanged, {summary.replaced} replaced, "
        f"{summary.failed} failed; {summary.quotes_added} quotes added; {bad_rows} bad-input rows not stored "
        f"({len(files)} shards -> {db}). Next: quotegraph link --db {db}"
    )
    for line in summary.errors:
        err.print(f"error: {line}", markup=False)
    # As for extract: the exit code says whether any input (or store write) failed.
    raise typer.Exit(EXIT_INPUT_FAILED if summary.failed or bad_rows else EXIT_OK)


# --------------------------------------------------------------------------- bench scale

@bench_app.command("scale")
def bench_scale(
    source: Annotated[Path, typer.Argument(help="A JSONL file of articles (id, text, ...).", exists=True, dir_okay=False)],
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Use only the first N documents.")] = None,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help="Runs per configuration (interleaved); the fastest is reported.")] = 2,
) -> None:
    """Documents/s of the Ray engine with 1 and 2 workers and of the local engine, peak
    memory per worker, and an extrapolation to larger clusters (formula and assumptions printed)."""
    import os

    from ..bench import scale as bench

    load_before = os.getloadavg()[0]
    result = bench.run(source, limit, rounds, progress=lambda stage: err.print(f"[bold]bench scale:[/] {stage}"))
    load_after = os.getloadavg()[0]
    wide = Console(width=max(Console().width, 120))

    t = Table(title=f"bench scale: {result.documents} documents from {source}, fastest of {rounds} round(s)",
              title_justify="left")
    for col in ("engine", "workers", "documents", "wall s", "docs/s (wall)", "extract s", "docs/s (extract)",
                "docs per CPU-s per worker", "CPU share", "peak RSS/worker MiB"):
        t.add_column(col, justify="left" if col == "engine" else "right")
    lr = result.local
    t.add_row("local (1 process)", "1", str(lr.documents), f"{lr.seconds:.1f}", f"{lr.docs_per_s:.2f}",
              f"{lr.seconds:.1f}", f"{lr.docs_per_s:.2f}", f"{lr.docs_per_cpu_s:.2f}",
              f"{lr.cpu_seconds / lr.seconds if lr.seconds else 0:.2f}", "-")
    for run in (result.one, result.two):
        t.add_row("ray", str(run.workers), str(run.documents), f"{run.wall_seconds:.1f}", f"{run.docs_per_s:.2f}",
                  f"{run.extract_seconds:.1f}", f"{run.extract_docs_per_s:.2f}", f"{run.docs_per_cpu_s:.2f}",
                  f"{run.cpu_share:.2f}", f"{max(run.peak_rss_bytes, default=0) / MIB:.0f}")
    wide.print(t)
    one, two = result.one, result.two
    wall_ratio = two.docs_per_s / one.docs_per_s if one.docs_per_s else 0.0
    extract_ratio = two.extract_docs_per_s / one.extract_docs_per_s if one.extract_docs_per_s else 0.0
    wide.print(f"2 workers / 1 worker: {wall_ratio:.2f}x wall, {extract_ratio:.2f}x extraction phase "
               f"(CPU share inside extract: {one.cpu_share:.2f} with 1 worker, {two.cpu_share:.2f} with 2)")
    wide.print(f"ray 1 worker (extraction phase) / local engine: "
               f"{one.extract_docs_per_s / lr.docs_per_s if lr.docs_per_s else 0:.2f}x wall, "
               f"{one.docs_per_cpu_s / lr.docs_per_cpu_s if lr.docs_per_cpu_s else 0:.2f}x per CPU-second")

    m = result.model
    wide.print("\n[bold]Extrapolation[/]\n" + bench.FORMULA)
    wide.print(f"r1 = {m.r1:.2f} docs per CPU-second per worker (measured), e = {m.efficiency:.2f} (measured 1->2 workers), "
               f"T0 = {m.overhead_s:.1f} s (measured), peak RSS = {m.peak_rss_bytes / MIB:.0f} MiB/worker")
    x = Table(title="extrapolated", title_justify="left")
    for col in ["nodes x cores", "node RAM GiB", "workers", "docs/s"] + [f"hours, {name}" for name, _ in bench.CORPORA]:
        x.add_column(col, justify="right")
    for nodes, cores in bench.CLUSTERS:
        ram = bench.NODE_RAM_GIB[cores]
        w = m.workers(nodes, cores, ram)
        x.add_row(f"{nodes} x {cores}", str(ram), str(w), f"{m.docs_per_s(w):,.0f}",
                  *[f"{m.hours(d, w):,.2f}" for _, d in bench.CORPORA])
    wide.print(x)
    wide.print("Assumptions:")
    for a in bench.ASSUMPTIONS:
        wide.print(f"  - {a}")
    wide.print(f"Machine: {os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} before and "
               f"{load_after:.1f} after the run. A load above the CPU count means other processes shared the "
               "cores: wall rates and the 2/1 wall ratio then measure that sharing (CPU share < 1), which is why "
               "the extrapolation uses CPU-time rates. Re-run on the target hardware before sizing a cluster.")
    wide.print("Local engine: read + clean + extract in this process (reading is ~1% of it). Ray workers run with "
               "OMP_NUM_THREADS=1 (Ray's default for 1-CPU actors); the local process uses the BLAS default.")
