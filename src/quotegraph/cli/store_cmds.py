"""Store commands: ingest, quotes, speakers, show, stats, export, bench store."""
from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from ..records import NOT_SAID_TYPES
from .app import app, bench_app

DEFAULT_DB = Path("quotegraph.db")
FORMATS = ("table", "json", "csv")

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | json | csv")]
TypeOption = Annotated[str, typer.Option(
    "--type", help="Statement type: speech | belief | finding | headline | all (DESIGN.md 'Statement types').")]

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt not in allowed:
        raise _fail(f"--format must be one of {', '.join(allowed)}, got {fmt!r}")


def _open_store(db: Path, write: bool = False):
    """The one opener of an existing store for the commands: read-only (sqlite mode=ro, never
    migrating or writing the file) unless ``write`` (a command that stores something: link, topics)."""
    from ..store import SchemaError, connect

    if not db.exists():
        raise _fail(f"{db}: no such database (run `quotegraph ingest` first)")
    try:
        return connect(db, readonly=not write)
    except SchemaError as exc:
        raise _fail(str(exc)) from None
    except Exception as exc:  # e.g. not a database file
        raise _fail(f"{db}: cannot open database: {exc}") from None


def _query(call: Callable[[], Any]) -> Any:
    """Run a store query; a bad filter becomes one error line and exit code 2."""
    from ..store import QueryError

    try:
        return call()
    except QueryError as exc:
        raise _fail(str(exc)) from None


def _write_csv(rows: Iterable[dict[str, Any]], layout) -> None:
    """CSV on stdout in the table's one layout (store/export.py), formula-guarded."""
    from ..store.export import csv_lines

    sys.stdout.writelines(csv_lines(layout, rows))


def _statement_type(value: str) -> str | None:
    """--type as the filter wants it (None: every type); a bad value is one error line, exit 2."""
    from ..store.filters import statement_type

    return _query(lambda: statement_type(value))


def _write_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# --------------------------------------------------------------------------- ingest

class _DocsPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        # Average over the whole run: extraction time per document varies a lot.
        speed = task.completed / task.elapsed if task.elapsed and task.completed else None
        return Text(f"{speed:,.1f} docs/s" if speed else "– docs/s", style="cyan")


def _estimate_documents(paths: list[Path]) -> int | None:
    """Documents to expect, for the progress bar: the files ingest will read,
    one per JSONL line. WARC files hold an unknown number of records: then no
    total (the bar shows progress and rate without an ETA)."""
    from ..ingest import iter_input_files
    from ..records import InputError

    total = 0
    for item in iter_input_files(paths):
        if isinstance(item, InputError):
            total += 1  # reported as one failed input
        elif item.format == "warc":
            return None
        elif item.format == "jsonl" and not item.compressed:
            try:
                with item.path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        elif item.format == "jsonl":
            return None
        else:
            total += 1
    return total


@app.command()
def ingest(
    inputs: Annotated[list[Path], typer.Argument(help="Files or directories (.txt .html .jsonl .warc).")],
    db: DbOption = DEFAULT_DB,
    meta: Annotated[Path | None, typer.Option("--meta", help="CSV with id/url/outlet/published/title per file.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract and rewrite documents already stored.")] = False,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Skip input files larger than this.")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (this process) | ray (Ray Data; docs/scale.md).")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster address; default: a local instance.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="Ray extract workers (default: every CPU).")] = None,
    no_link: Annotated[bool, typer.Option("--no-link", help="Store only; run `quotegraph link` later.")] = False,
) -> None:
    """Read, clean and extract INPUTs and store them, then link them (incrementally);
    re-running skips documents already stored unchanged."""
    from ..records import Document, InputError
    from ..store import StoreWriteError, WriteOutcome, WriteSummary, connect, stored_hash, write_result

    try:
        conn = connect(db)
    except Exception as exc:
        raise _fail(f"{db}: cannot open database: {exc}") from None
    summary = WriteSummary()
    failed_inputs: list[str] = []
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        _DocsPerSecond(), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
        console=stderr, transient=False,
    )

    def report(message: str) -> None:
        failed_inputs.append(message)
        progress.console.print(Text("error: ", style="bold red") + Text(message), soft_wrap=True)

    if engine not in ("local", "ray"):
        raise _fail(f"--engine must be local or ray, got {engine!r}")
    if engine == "ray":
        from ..scale.ray_engine import iter_results

        # Extraction runs on the cluster; documents already stored unchanged come back as
        # bare Documents (skipped there), results as DocResults, in input order.
        items = iter_results(list(inputs), meta, max_bytes, address=address, num_workers=workers,
                             skip=None if force else (lambda doc_id, digest: stored_hash(conn, doc_id) == digest))
    else:
        from ..engine import process

        # The same runner as `extract` (batched parsing, tagger beside the parser); a document
        # stored unchanged comes back as its bare Document, not extracted.
        items = process(list(inputs), meta, max_bytes,
                        skip=None if force else (lambda doc: stored_hash(conn, doc.id) == doc.hash))
    interrupted = False
    with progress:
        task = progress.add_task("ingest", total=_estimate_documents(inputs))
        try:
            for item in items:
                if isinstance(item, InputError):
                    report(str(item))
                    summary.failed += 1
                elif isinstance(item, Document):
                    summary.count(WriteOutcome(item.id, "unchanged"))
                else:
                    try:
                        summary.count(write_result(conn, item, force=force))
                    except (StoreWriteError, sqlite3.Error) as exc:
                        report(f"{item.document.source}: not stored: {exc}")
                        summary.failed += 1
                done = progress.tasks[0].completed + 1
                total = progress.tasks[0].total
                progress.update(task, completed=done, total=max(total, done) if total is not None else None)
        except KeyboardInterrupt:
            interrupted = True
        progress.update(task, total=progress.tasks[0].completed)  # the estimate may have been off
    try:
        conn.execute("PRAGMA optimize")  # refresh planner statistics after a load
    except Exception:  # noqa: BLE001  statistics are an optimisation only
        pass
    line = (f"{summary.added} added, {summary.unchanged} unchanged, {summary.replaced} replaced, "
            f"{summary.failed} failed; {summary.quotes_added} quotes added -> {db}")
    stdout.print(f"[bold]documents:[/] {line}", soft_wrap=True)
    if not no_link and not interrupted and (summary.added or summary.replaced):
        from .link_cmds import link_with_progress

        link_with_progress(conn, db)  # so every listing is right right after ingesting
    conn.close()
    if interrupted:
        raise _fail("interrupted (every document reported above as added is stored completely)", 130)
    if summary.failed:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- quotes

def _speaker_label(quote: dict[str, Any]) -> Text:
    """The resolved speaker, or the source as written (italic) when none was resolved."""
    speaker_ = quote.get("speaker") or {}
    if speaker_.get("name"):
        return Text(speaker_["name"])
    written = " | ".join(s["text"] for s in quote.get("sources") or [])
    return Text(written or "?", style="italic")


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name or alias (all words must match).")] = None,
    search: Annotated[str | None, typer.Option("--search", help='Full-text search; "phrases in quotes", AND/OR/NOT, prefix*.')] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name (case ignored).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before YYYY[-MM[-DD]].")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct | indirect | mixed")] = None,
    type_: TypeOption = "speech",
    min_confidence: Annotated[float | None, typer.Option("--min-confidence", help="Only quotes at least this confident (0-1).")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only quotes of this document id.")] = None,
    to: Annotated[str | None, typer.Option("--to", help='Said to (words of the addressee: "TASS", "reporters").')] = None,
    at: Annotated[str | None, typer.Option("--at", help='Said at (words of the occasion: "briefing").')] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many quotes.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    fmt: FormatOption = "table",
) -> None:
    """Quotes, newest first (with --search: most recently stored first); speech unless --type says otherwise."""
    from ..store import QuoteFilter, quote_search
    from ..store.export import QUOTE_LAYOUT, quote_row

    _check_format(fmt)
    f = QuoteFilter(speaker=speaker, search=search, outlet=outlet, since=since, until=until, kind=kind,
                    type=_statement_type(type_), min_confidence=min_confidence, doc_id=doc, to=to, at=at)
    conn = _open_store(db)
    found = _query(lambda: quote_search.search(conn, f, limit=limit, offset=offset))
    if fmt == "json":
        _write_json(found)
    elif fmt == "csv":
        _write_csv((quote_row(q) for q in found), QUOTE_LAYOUT)
    else:
        table = Table(title=f"{len(found)} quote(s)", show_lines=False, expand=True)
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("outlet", ratio=1, overflow="fold", min_width=10)
        table.add_column("speaker", ratio=1, overflow="fold", min_width=12)
        table.add_column("kind", no_wrap=True, min_width=8)
        table.add_column("quote", ratio=4, overflow="fold")
        table.add_column("document", ratio=1, no_wrap=True, overflow="ellipsis", max_width=28)
        for q in found:
            table.add_row(q["document"]["published"] or "", q["document"]["outlet"] or "", _speaker_label(q),
                          q["kind"] if q["type"] == "speech" else f"{q['kind']} · {q['type']}",
                          _shorten(" … ".join(s["text"] for s in q["contents"]), 240),
                          q["document"]["id"])
        stdout.print(table)


# --------------------------------------------------------------------------- speakers

# `quotegraph speakers` lists; its subcommands (merge, split, rename, list: cli/link_cmds.py)
# record the user's corrections of cross-document speaker linking.
speakers_app = typer.Typer(invoke_without_command=True, no_args_is_help=False,
                           help="Speakers, most quoted first; `speakers merge|split|rename` correct their linking.")
app.add_typer(speakers_app, name="speakers")


@speakers_app.callback()
def speakers(
    ctx: typer.Context = None,  # None when called as a plain function (the demo)
    db: DbOption = DEFAULT_DB,
    name: Annotated[str | None, typer.Option("--name", help="Only speakers whose name or alias matches.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON | ORG | GPE | GROUP | UNKNOWN")] = None,
    limit: Annotated[int, typer.Option("--limit")] = 50,
    offset: Annotated[int, typer.Option("--offset")] = 0,
    fmt: FormatOption = "table",
    as_written: Annotated[bool, typer.Option(
        "--as-written", help="Speakers by the name each article gives, not linked across documents.")] = False,
) -> None:
    """Speakers, most quoted first: name, type, roles, quote count, outlets. Once the store is
    linked, one row per canonical speaker (spellings and mentions joined across documents, an
    unnamed group per article), as on the web; before, or with --as-written, by name as written."""
    if ctx is not None and ctx.invoked_subcommand is not None:
        return
    from ..store import linked, queries

    _check_format(fmt)
    conn = _open_store(db)
    listing = queries.speakers if as_written else linked.speaker_listing
    found = _query(lambda: listing(conn, name=name, type=type_, limit=limit, offset=offset))
    if fmt == "json":
        _write_json(found)
    elif fmt == "csv":
        from ..store.export import SPEAKER_LAYOUT, speaker_row

        _write_csv((speaker_row(s) for s in found), SPEAKER_LAYOUT)
    else:
        table = Table(title=f"{len(found)} speaker(s)", expand=True)
        for column in ("name", "also written", "type", "roles", "quotes", "outlets", "id"):
            table.add_column(column, overflow="fold", justify="right" if column == "quotes" else "left")
        for s in found:
            # the other spellings and mentions linking joined under this name ("Makarian")
            others = [a for a in s["aliases"] if a.casefold() != s["name"].casefold()]
            table.add_row(s["name"], _shorten("; ".join(others), 60), s["type"], _shorten("; ".join(s["roles"]), 80),
                          str(s["quotes"]), _shorten(", ".join(s["outlets"]), 80), s["id"])
        stdout.print(table)


# --------------------------------------------------------------------------- show

def _article_text(record: dict[str, Any]) -> Text:
    """The article with boilerplate dimmed, quotes highlighted and numbered after their last span."""
    text = Text(record["text"])
    for span in record["boilerplate"]:
        text.stylize("dim", span["start"], span["end"])
    markers: dict[int, list[int]] = {}
    for number, quote in enumerate(record["quotes"], start=1):
        # what was said stands out; what someone believes or a report found is marked apart
        said = quote.get("type", "speech") not in NOT_SAID_TYPES
        for span in quote["contents"]:
            text.stylize("bold yellow" if said else "italic green", span["start"], span["end"])
        for span in quote["sources"]:
            text.stylize("bold cyan", span["start"], span["end"])
        if quote.get("cue"):
            text.stylize("magenta", quote["cue"]["start"], quote["cue"]["end"])
        if quote["contents"]:
            end = max(s["end"] for s in quote["contents"])
            markers.setdefault(end, []).append(number)
    if not markers:
        return text
    offsets = sorted(markers)
    pieces = text.divide(offsets)
    out = Text()
    for piece_end, piece in zip([*offsets, None], pieces):
        out.append_text(piece)
        if piece_end is not None:
            out.append("".join(f"[{n}]" for n in markers[piece_end]), style="bold white on blue")
    return out


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see `quotegraph quotes`).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (the article) | json")] = "table",
) -> None:
    """One article in the terminal: quotes highlighted and attributed, boilerplate dimmed."""
    from ..store import queries

    _check_format(fmt, ("table", "json"))
    conn = _open_store(db)
    record = queries.document(conn, doc_id)
    if record is None:
        raise _fail(f"no document {doc_id!r} in {db}", 1)
    if fmt == "json":
        _write_json(record)
        return
    header = Text(record["title"] or record["id"], style="bold")
    meta = " · ".join(x for x in (record["outlet"], record["published"], record["url"], record["id"]) if x)
    stdout.print(header)
    stdout.print(Text(meta, style="italic"))
    stdout.print(Text("legend: ", style="dim") + Text("quote", style="bold yellow") + Text("  ")
                 + Text("belief or finding", style="italic green") + Text("  ")
                 + Text("speaker as written", style="bold cyan") + Text("  ") + Text("cue", style="magenta")
                 + Text("  ") + Text("boilerplate", style="dim"))
    stdout.print()
    stdout.print(_article_text(record), soft_wrap=True)
    stdout.print()
    table = Table(title=f"{len(record['quotes'])} quote(s)", expand=True)
    for column in ("#", "speaker", "role", "type", "kind", "cue", "to", "at", "conf."):
        table.add_column(column, overflow="fold", no_wrap=column in ("#", "type", "kind", "conf."))
    for number, q in enumerate(record["quotes"], start=1):
        speaker_ = q.get("speaker") or {}
        table.add_row(str(number), _speaker_label(q), speaker_.get("role") or "", q.get("type", "speech"), q["kind"],
                      (q.get("cue") or {}).get("text") or "", (q.get("addressee") or {}).get("text") or "",
                      (q.get("venue") or {}).get("text") or "", f"{q['confidence']:.2f}")
    stdout.print(table)


# --------------------------------------------------------------------------- stats

@app.command()
def stats(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table") -> None:
    """Corpus size: documents, quotes by kind, speakers, outlets, dates, file size."""
    from ..store import queries

    _check_format(fmt)
    conn = _open_store(db)
    figures = queries.stats(conn)
    flat = {k: v for k, v in figures.items() if not isinstance(v, (dict, list))}
    flat.update({f"quotes_{k}": v for k, v in figures["quotes_by_kind"].items()})
    flat.update({f"quotes_{t}": v for t, v in figures["quotes_by_type"].items()})
    flat["schema_version"] = figures["schema_version"].get("store")
    if fmt == "json":
        _write_json(figures)
    elif fmt == "csv":
        from ..store.export import Layout

        _write_csv(({"figure": k, "value": v} for k, v in flat.items()), Layout("stats", (("figure", "text"), ("value", "text"))))
    else:
        table = Table(title=str(db))
        table.add_column("figure")
        table.add_column("value", justify="right")
        for key, value in flat.items():
            table.add_row(key, f"{value:,}" if isinstance(value, int) else str(value))
        table.add_row("top outlets", ", ".join(f"{o['outlet']} ({o['documents']})" for o in figures["top_outlets"]))
        stdout.print(table)


# --------------------------------------------------------------------------- export

@app.command()
def export(
    table: Annotated[str, typer.Option("--table", help="quotes | speakers | documents | mentions | boilerplate | speaker_aliases | speaker_roles | doc_speakers")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv | jsonl | parquet")] = "csv",
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str, typer.Option(
        "--type", help="--table quotes only: speech | belief | finding | headline | all (a table export is whole).")] = "all",
) -> None:
    """Write one table to CSV, JSON Lines or Parquet (layouts in docs/store.md)."""
    from ..store.export import export_table

    statement_type = _statement_type(type_)
    conn = _open_store(db)
    try:
        count = export_table(conn, table, fmt, output, statement_type=statement_type)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{output}: cannot write: {exc}") from None
    stderr.print(f"{count:,} rows of {table} -> {output}")


# --------------------------------------------------------------------------- bench store

@bench_app.command("store")
def bench_store(
    db: Annotated[Path, typer.Option("--db", help="Where to build the benchmark database (kept for reuse).")] = Path("bench-store.db"),
    docs: Annotated[int, typer.Option("--docs", help="Documents to generate.")] = 100_000,
    quotes_: Annotated[int, typer.Option("--quotes", help="Quotes to generate (spread over the documents).")] = 1_000_000,
    n_queries: Annotated[int, typer.Option("--queries", help="Queries per kind for the latency figures.")] = 200,
    samples: Annotated[Path, typer.Option("--samples", help="Corpus the synthetic text is modelled on.")] = Path("samples"),
    reuse: Annotated[bool, typer.Option("--reuse", help="Keep an existing --db and only time the queries.")] = False,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    as_json: Annotated[bool, typer.Option("--json", help="Also print the figures as JSON.")] = False,
) -> None:
    """Synthetic scale-up (generated, not extracted): insert throughput, query latency, size, memory."""
    from ..bench.store import run_store_bench

    if docs <= 0 or quotes_ < 0:
        raise _fail("--docs must be positive and --quotes not negative")
    if db.exists() and not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=stderr)
    with progress:
        report = run_store_bench(db, docs=docs, quotes=quotes_, n_queries=n_queries, samples=samples,
                                 seed=seed, reuse=reuse, progress=progress)
    table = Table(title=f"bench store: {db}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    for name, value, target in report.rows():
        table.add_row(name, value, target)
    stdout.print(table)
    if as_json:
        _write_json(report.as_dict())
