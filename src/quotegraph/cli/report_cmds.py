"""Report commands: timeline (table, JSON or a drawn figure) and `bench dating`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import app, bench_app
from .store_cmds import (DEFAULT_DB, DbOption, TypeOption, _check_format, _fail, _open_store, _query,
                         _statement_type, _write_json, stdout)

TIMELINE_FORMATS = ("table", "json", "svg", "png")


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker (matches aliases).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Full-text search in quote content (and event text).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY[-MM[-DD]]: said on or after.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY[-MM[-DD]]: said on or before.")] = None,
    type_: TypeOption = "speech",
    events: Annotated[bool, typer.Option("--events/--no-events", help="Show dated events named in the articles.")] = True,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | svg | png")] = "table",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Figure file (svg/png).")] = None,
) -> None:
    """Statements ordered by when they were said ("said on"), the day each was reported
    (its article's publication date, "reported on") beside it.

    A statement its article does not date was said "on or before" the day it was
    reported: it is listed and drawn at that bound, marked as a bound.
    JSON (docs/timeline.md): {"schema", "filters", "statements": [{"kind", "said_on":
    {start, end, precision, rule, evidence}, "said_on_label", "placed_on", "published",
    "reported_on", "speaker", "text", ...}], "events": [...], "reactions": [...]}.
    A statement interval overlapping --since/--until is kept.
    """
    from ..report.timeline import draw_timeline, timeline_edges, timeline_entries, timeline_events, timeline_json
    from ..store import QuoteFilter
    from ..store.filters import type_option

    _check_format(fmt, TIMELINE_FORMATS)
    if out is not None and fmt not in ("svg", "png"):
        raise _fail(f"--output is for figures (--format svg or png), not {fmt}")
    statement_type = _statement_type(type_)
    f = QuoteFilter(speaker=speaker, search=search, since=since, until=until, type=statement_type, dates="said_on")
    conn = _open_store(db)
    entries = _query(lambda: timeline_entries(conn, f))
    doc_ids = {e.doc_id for e in entries} if speaker else None
    dated_events = (
        _query(lambda: timeline_events(conn, search=search, since=since, until=until, doc_ids=doc_ids))
        if events else []
    )
    if fmt == "json":
        filters = {"speaker": speaker, "search": search, "since": since, "until": until, "events": events,
                   "type": type_option(statement_type)}
        _write_json(timeline_json(entries, dated_events, timeline_edges(conn, statement_type), filters))
    elif fmt == "table":
        _print_tables(entries, dated_events)
    else:
        target = out or Path(f"timeline.{fmt}")
        draw_timeline(entries, timeline_edges(conn, statement_type), target, fmt=fmt, events=dated_events)
        stdout.print(f"timeline of {len(entries)} statements and {len(dated_events)} events written to {target}")
    conn.close()


def _interval(start: str | None, end: str | None) -> str:
    if not start:
        return f"on or before {end}" if end else "?"  # open start: only the bound is known
    return start if start == end or not end else f"{start}…{end}"


def _print_tables(entries, dated_events) -> None:
    table = Table(title=f"Timeline ({len(entries)} statements)", show_lines=False)
    for col in ("said on", "precision", "speaker", "statement", "reported on", "outlets", "reports"):
        table.add_column(col, overflow="fold")
    for e in entries:
        text = e.text if len(e.text) <= 90 else e.text[:89] + "…"
        table.add_row(_interval(e.said_start, e.said_end), e.precision, e.speaker, text, e.published or "?",
                      ", ".join(e.outlets), str(e.reports))
    stdout.print(table)
    if dated_events:
        ev_table = Table(title=f"Dated events ({len(dated_events)})")
        for col in ("when", "precision", "event", "articles"):
            ev_table.add_column(col, overflow="fold")
        for ev in dated_events:
            ev_table.add_row(_interval(ev.start, ev.end), ev.precision, ev.text, str(len(ev.doc_ids)))
        stdout.print(ev_table)


@bench_app.command("dating")
def bench_dating(
    articles: Annotated[Path, typer.Argument(help="JSONL with id and text per line (e.g. ../shared/bbc/articles.jsonl).")],
    limit: Annotated[int, typer.Option("--limit", help="Articles to extract and date.")] = 200,
    samples: Annotated[Path, typer.Option("--samples", help="Sample corpus with gold.json and meta.csv.")] = Path("samples"),
    assume_published: Annotated[str | None, typer.Option(
        "--assume-published", help="YYYY-MM-DD for articles without one (BBC has none), so relative dates resolve.")] = None,
) -> None:
    """Cost of attach_dates per document (after real extraction of LIMIT articles)
    and said_on agreement with the sample gold, with and without carrying dates.
    Judged by interval (evaluate/dating.judge): exact, coarse (contains the gold
    interval), over-precise (claims a day or interval the article does not give), wrong."""
    import re
    import time
    from collections import Counter

    from ..ingest import read_inputs
    from ..nlp.dates import attach as dating
    from ..nlp.pipeline import extract, warm_up
    from ..records import Document
    from ..evaluate.dating import agreement, extracted_agreement, gold_results, ms_per_document

    if not articles.is_file():
        raise _fail(f"{articles}: no such file")
    if assume_published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", assume_published):
        raise _fail(f"--assume-published must be YYYY-MM-DD, got {assume_published!r}")
    docs = []
    with articles.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            rec = json.loads(line)
            docs.append(Document(id=rec["id"], source=f"{articles}:{n + 1}", text=rec["text"],
                                 published=rec.get("published") or assume_published, outlet=rec.get("outlet")))
    warm_up()
    results = []
    extract_s = 0.0
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=stdout, transient=True) as progress:
        task = progress.add_task("extracting", total=len(docs))
        for doc in docs:
            t0 = time.perf_counter()
            results.append(extract(doc))
            extract_s += time.perf_counter() - t0
            progress.advance(task)
    # Undated results: strip any dates extraction may already attach, so the step is timed on its own.
    bare = [_undated(r) for r in results]
    step_ms = ms_per_document(bare, dating.attach_dates)
    n_quotes = sum(len(r.quotes) for r in bare)
    n_events = sum(len(dating.attach_dates(r).extra["events"]) for r in bare)
    table = Table(title=f"bench dating: {len(bare)} articles from {articles.name}")
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_row("publication date", assume_published or "as given (none in BBC)")
    table.add_row("quotes (extracted)", str(n_quotes))
    rules = Counter(q.extra["said_on"]["rule"] for r in bare for q in dating.attach_dates(r).quotes)
    table.add_row("said_on rules", ", ".join(f"{k} {v}" for k, v in rules.most_common(8)))
    table.add_row("events found", str(n_events))
    table.add_row("attach_dates ms/doc (best of 3)", f"{step_ms:.3f}")
    table.add_row("extract ms/doc", f"{1000 * extract_s / max(1, len(bare)):.1f}")
    table.add_row("dating share of extract", f"{step_ms / max(1e-9, 1000 * extract_s / max(1, len(bare))):.2%}")

    if (samples / "gold.json").is_file():
        sample_docs = {d.id: d for d in read_inputs([samples], samples / "meta.csv") if isinstance(d, Document)}
        golds = gold_results(samples, sample_docs)
        saved = dating.CARRY_WINDOW_SENTENCES
        try:
            dating.CARRY_WINDOW_SENTENCES = -1
            before = agreement(golds, dating.attach_dates)
        finally:
            dating.CARRY_WINDOW_SENTENCES = saved
        after = agreement(golds, dating.attach_dates)
        table.add_row("gold attributions: said_on agreement, own sentence only",
                      f"{before.agree}/{before.total} ({before.rate:.1%})")
        table.add_row(f"gold attributions: said_on agreement, carry (window {saved})",
                      f"{after.agree}/{after.total} ({after.rate:.1%})")
        table.add_row("gold attributions: judged (carry)", after.breakdown())
        table.add_row("gold attributions: still disagreeing", ", ".join(m[0] for m in after.misses) or "-")
        # The same on what extraction finds in the samples (matched by content overlap).
        extracted = {doc_id: _undated(extract(doc)) for doc_id, doc in sample_docs.items()}
        try:
            dating.CARRY_WINDOW_SENTENCES = -1
            ex_before, unmatched = extracted_agreement(golds, extracted, dating.attach_dates)
        finally:
            dating.CARRY_WINDOW_SENTENCES = saved
        ex_after, _ = extracted_agreement(golds, extracted, dating.attach_dates)
        table.add_row("extracted quotes: gold statements matched", f"{ex_after.total} ({unmatched} unmatched)")
        table.add_row("extracted quotes: said_on agreement, own sentence only",
                      f"{ex_before.agree}/{ex_before.total} ({ex_before.rate:.1%})")
        table.add_row(f"extracted quotes: said_on agreement, carry (window {saved})",
                      f"{ex_after.agree}/{ex_after.total} ({ex_after.rate:.1%})")
        table.add_row("extracted quotes: judged (carry)", ex_after.breakdown())
    stdout.print(table)


def _undated(result):
    import dataclasses

    quotes = [dataclasses.replace(q, extra={k: v for k, v in q.extra.items() if k != "said_on"}) for q in result.quotes]
    return dataclasses.replace(result, quotes=quotes, extra={k: v for k, v in result.extra.items() if k != "events"})
