"""`quotegraph extract` and `quotegraph bench ingest`."""
from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..ingest import DEFAULT_MAX_BYTES, iter_input_files
from ..ingest.walk import InputFile
from ..records import DocResult, InputError
from .app import app, bench_app

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE = 0, 1, 2

EXTRACT_HELP = (
    "Read articles and write one JSON record per document (DESIGN.md contract).\n\n"
    "INPUT may be .txt, .html/.htm, .jsonl, .warc, .warc.gz files (any of them gzip-compressed "
    "as NAME.EXT.gz) or directories, read recursively in sorted order. Text files take metadata "
    "from a sidecar NAME.meta.json or from --meta.\n\n"
    'Each bad input prints one line "error: PATH: REASON" on stderr and the run goes on; '
    "a summary closes the run on stderr.\n\n"
    f"Exit codes: {EXIT_OK} every input was read; {EXIT_INPUT_FAILED} at least one input failed "
    f"(the others were still written); {EXIT_USAGE} usage error (bad option, missing --meta file)."
)


def _file_key(path: str, known: dict[str, int]) -> int | None:
    """Which input file a document or error came from (sources look like FILE,
    FILE:LINE or FILE@URI)."""
    if path in known:
        return known[path]
    for sep in (":", "@"):
        head = path.rsplit(sep, 1)[0]
        if head in known:
            return known[head]
    return None


def _write_error(console: Console, error: InputError) -> None:
    # One physical line whatever the terminal width: scripts grep for it.
    console.print(f"error: {error.path}: {error.reason}", markup=False, highlight=False, soft_wrap=True)


def _summary(console: Console, written: int, failed: int, destination: str) -> None:
    table = Table(title="extract", show_header=False, title_justify="left")
    table.add_row("documents written", str(written))
    table.add_row("inputs failed", str(failed), style="red" if failed else None)
    table.add_row("output", destination)
    console.print(table)


@app.command("extract", help=EXTRACT_HELP)
def extract_command(
    inputs: list[Path] = typer.Argument(..., help="Files or directories to read."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", dir_okay=False, help="Write JSON lines here instead of stdout."
    ),
    meta: Optional[Path] = typer.Option(
        None, "--meta", exists=True, dir_okay=False, readable=True, help="CSV with columns path,url,outlet,published,title."
    ),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip (and report) files larger than this."),
    engine: str = typer.Option("local", "--engine", help="local (this process) | ray (Ray Data; docs/scale.md)."),
    address: Optional[str] = typer.Option(
        None, "--address", help="Ray cluster address (auto, ray://HEAD:10001, HOST:6379); default: a local instance."
    ),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Ray extract workers (default: every CPU)."),
    parquet: Optional[Path] = typer.Option(
        None, "--parquet", file_okay=False, help="With --engine ray: write Parquet shards + errors.jsonl here."
    ),
) -> None:
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"folder {output.parent} does not exist", param_hint="'-o' / '--output'")
    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"must be local or ray, got {engine!r}", param_hint="'--engine'")
    if engine == "ray" and parquet is not None:
        from .scale_cmds import extract_with_ray

        raise typer.Exit(extract_with_ray(inputs, None, meta=meta, max_bytes=max_bytes, address=address,
                                          workers=workers, parquet=parquet))
    if parquet is not None:
        raise typer.BadParameter("needs --engine ray", param_hint="'--parquet'")
    if engine == "ray":
        from functools import partial

        from ..scale.ray_engine import iter_results

        # Same items in the same order as the local engine (tests/test_scale_ray.py).
        process = partial(iter_results, address=address, num_workers=workers)
    else:
        from ..engine import process  # imports the NLP models: only when extracting, not for --help

    err = Console(stderr=True)
    written = failed = 0
    files = [f for f in iter_input_files(inputs) if isinstance(f, InputFile)]
    known = {str(f.path): i for i, f in enumerate(files)}
    # Written under a temporary name (an unsupported suffix, so a run whose
    # output lies inside an input folder never reads its own output) and
    # renamed when complete: a reader never sees half a file.
    partial = output.with_name(output.name + ".partial") if output else None
    with ExitStack() as stack:
        sink: IO[str] = (
            stack.enter_context(partial.open("w", encoding="utf-8", newline="\n")) if partial else sys.stdout
        )
        progress: Progress | None = None
        task = None
        if err.is_terminal:
            progress = stack.enter_context(
                Progress(
                    TextColumn("[bold]extract"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("files · {task.fields[docs]} documents"),
                    TimeElapsedColumn(),
                    console=err,
                    transient=True,
                )
            )
            task = progress.add_task("extract", total=len(files) or None, docs=0)
        for item in process(inputs, meta_csv=meta, max_bytes=max_bytes):
            if isinstance(item, InputError):
                failed += 1
                _write_error(progress.console if progress else err, item)
                source = item.path
            else:
                assert isinstance(item, DocResult)
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                written += 1
                source = str(item.document.meta.get("file", item.document.source))
            if progress is not None and task is not None:
                index = _file_key(source, known)
                done = index + 1 if index is not None else progress.tasks[0].completed
                progress.update(task, completed=max(done, progress.tasks[0].completed), docs=written)
        sink.flush()
    if partial is not None and output is not None:
        partial.replace(output)
    _summary(err, written, failed, str(output) if output else "stdout")
    raise typer.Exit(EXIT_INPUT_FAILED if failed else EXIT_OK)


@bench_app.command("ingest")
def bench_ingest(
    paths: list[Path] = typer.Argument(..., help="Inputs to read (files or directories)."),
    rounds: int = typer.Option(
        5, "--rounds", min=1, help="Timed rounds per side, alternating; the fastest is kept (shared machines are noisy)."
    ),
) -> None:
    """Documents/s, MB/s and peak memory of reading + cleaning, next to trafilatura
    alone on the same HTML. Without HTML input, HTML pages are generated from the
    plain-text articles (nav, cookie banner, share bar, related links, footer) and
    both sides are timed on those."""
    from ..bench import ingest as bench, peak_rss_mb

    out = Console(width=max(Console().width, 110))
    table = Table(title="bench ingest", title_justify="left")
    for col in ("pass", "documents", "failed", "MB", "seconds", "docs/s", "MB/s", "peak RSS MB"):
        table.add_column(col, justify="right" if col != "pass" else "left")

    def add(rate: bench.Rate) -> None:
        table.add_row(
            rate.label, str(rate.documents), str(rate.failed), f"{rate.megabytes:.2f}", f"{rate.seconds:.2f}",
            f"{rate.docs_per_s:.1f}", f"{rate.mb_per_s:.2f}", f"{peak_rss_mb():.0f}",
        )

    notes: list[str] = [f"Peak RSS is the whole process; before the first pass it was {peak_rss_mb():.0f} MB (libraries)."]
    (all_inputs,) = bench.best_of([lambda: bench.time_project(paths, "read+clean, all inputs")], rounds)
    add(all_inputs)

    html_pages = bench.real_html_files(paths)
    with bench.make_temp_dir() as tmp:
        if html_pages:
            notes.append(f"HTML comparison on the {len(html_pages)} .html file(s) given.")
        else:
            if bench.has_embedded_html(paths):
                notes.append("HTML inside WARC/JSONL is timed only in the first row (no per-file trafilatura baseline).")
            html_pages = bench.write_synthetic_pages(paths, Path(tmp))
            if html_pages:
                notes.append(
                    f"No .html files given: {len(html_pages)} synthetic HTML pages were generated from the "
                    "plain-text articles (wrapped with nav, cookie banner, share bar, related links, footer; "
                    f"articles are cycled when fewer than {bench.MIN_SYNTHETIC_PAGES})."
                )
            else:
                notes.append("No HTML to compare: the inputs hold no HTML and no plain-text articles to wrap.")
        if html_pages:
            ours, text_only, with_meta = bench.best_of(
                [
                    lambda: bench.time_project(html_pages, "project: read+clean HTML"),
                    lambda: bench.time_trafilatura(html_pages, "trafilatura.extract"),
                    lambda: bench.time_trafilatura(html_pages, "trafilatura.extract +metadata", with_metadata=True),
                ],
                rounds,
            )
            for rate in (ours, text_only, with_meta):
                add(rate)
            for base in (text_only, with_meta):
                ratio = ours.docs_per_s / base.docs_per_s if base.docs_per_s else 0.0
                notes.append(f"Project HTML path: {ratio:.0%} of {base.label} throughput (target: >= 90%).")
    out.print(table)
    for note in notes:
        out.print(note, markup=False, highlight=False)
