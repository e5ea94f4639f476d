"""Linking commands: link, statements, reactions, speakers-edit (corrections), bench link."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .app import app, bench_app

DEFAULT_DB = Path("quotegraph.db")
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")]
AliasesOption = Annotated[Optional[Path], typer.Option("--aliases", help="Speaker corrections file (default: <db>.aliases.yaml).")]

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, highlight=False)

# `speakers` (the listing) belongs to the store commands, so corrections live in
# their own group: `quotegraph speakers-edit merge|split|rename|list`.
edit_app = typer.Typer(help="Correct speaker linking (kept in the alias file, applied on every link run).",
                       no_args_is_help=True)
app.add_typer(edit_app, name="speakers-edit")
# The same corrections as `quotegraph speakers merge|split|rename|list` (issue 5's spelling).
from .store_cmds import TypeOption, _open_store, _statement_type, speakers_app  # noqa: E402


def _fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _aliases_path(db: Path, aliases: Path | None) -> Path:
    from ..link.corrections import default_path

    return aliases or default_path(db)


@app.command("link")
def link_cmd(
    db: DbOption = DEFAULT_DB,
    full: Annotated[bool, typer.Option("--full", help="Relink the whole corpus instead of only new documents.")] = False,
    aliases: AliasesOption = None,
) -> None:
    """Link speakers, statements, reused passages and reactions across the stored documents."""
    link_with_progress(_open_store(db, write=True), db, full=full, aliases=aliases)


def link_with_progress(conn, db: Path, *, full: bool = False, aliases: Path | None = None):
    """Run linking with a progress display and print its one-line summary (link, ingest, fetch, watch)."""
    from ..link.corrections import CorrectionsError
    from ..link.pipeline import run_link

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=stderr, transient=True) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        try:
            summary = run_link(conn, full=full, aliases=_aliases_path(db, aliases), progress=progress)
        except CorrectionsError as exc:
            raise _fail(str(exc)) from None
    stdout.print(
        f"linked {summary.documents} document(s){' (full)' if summary.full else ''}: "
        f"{summary.speakers} speakers re-decided in {summary.blocks} blocks, {summary.quotes} quotes, "
        f"{summary.statements_touched} statements updated, {summary.reused_passages} reused passages, "
        f"{summary.reactions} reactions; {summary.embedded_texts} texts embedded; times {summary.seconds}"
    )
    return summary


def _linked_or_note(conn, db: Path) -> bool:
    """Linking has run on ``db``; otherwise a note on stderr (the listing is empty, exit 0)."""
    from ..store.links import has_run

    if has_run(conn):
        return True
    stderr.print(f"note: {db} is not linked yet: run `quotegraph link --db {db}` first")
    return False


def _speaker_filter(conn, speaker: str | None):
    from ..link.queries import find_speaker_ids

    if speaker is None:
        return None
    ids = find_speaker_ids(conn, speaker)
    if not ids:
        raise _fail(f"no linked speaker matches {speaker!r} (run `quotegraph link` after ingesting)", 1)
    return ids


def _statements_json(conn, rows: list[dict]) -> list[dict]:
    from ..store import linked

    reports = linked.statement_reports(conn, [r["id"] for r in rows])
    return [{
        "id": r["id"], "speaker": {"id": r["speaker_id"], "name": r["speaker_name"]}, "text": r["text"],
        "report_count": r["report_count"],
        "reports": [{"document": x["doc_id"], **{k: v for k, v in x.items() if k != "doc_id"}} for x in reports[r["id"]]],
        "first_report": {"document": r["first_doc_id"], "quote_id": r["first_quote_id"], "published": r["first_published"]},
    } for r in rows]


@app.command("statements")
def statements_cmd(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Any spelling or alias of the speaker.")] = None,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Only statements with this many (non-background) reports.")] = 1,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1)] = None,
    type_: TypeOption = "speech",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """Statements: one utterance with all its reports across outlets (speech unless --type says otherwise)."""
    from ..store import linked

    if fmt not in ("table", "json"):
        raise _fail(f"--format must be table or json, got {fmt!r}")
    statement_type = _statement_type(type_)
    conn = _open_store(db)
    rows = []
    if _linked_or_note(conn, db):
        rows = _statements_json(conn, linked.statements(
            conn, speaker_ids=_speaker_filter(conn, speaker), min_reports=min_reports, type=statement_type, limit=limit))
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("id", "speaker", "reports", "first", "text", show_lines=False)
    for st in rows:
        first = st["first_report"]
        table.add_row(st["id"], st["speaker"]["name"] or "?", str(st["report_count"]),
                      f"{first['document']} {first['published'] or ''}", st["text"][:100])
    stdout.print(table)


def _reactions_json(rows: list[dict]) -> list[dict]:
    ordered = sorted(rows, key=lambda r: (r["doc_id"], r["start"]))
    return [{
        "document": r["doc_id"],
        "from": {"id": r["from_speaker"], "name": r["from_name"], "as_written": r["from_written"],
                 "statement": r["from_statement"]},
        "to": {"id": r["to_speaker"], "name": r["to_name"], "as_written": r["to_written"], "statement": r["to_statement"]},
        "verb": r["verb"], "evidence": {"start": r["start"], "end": r["end"], "text": r["evidence"]},
    } for r in ordered]


@app.command("reactions")
def reactions_cmd(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Edges from or to this speaker.")] = None,
    type_: TypeOption = "speech",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | svg")] = "table",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File for svg (or json) output.")] = None,
) -> None:
    """Reactions: who answers whom, with the sentence that says so (reacting statements of --type, speech by default)."""
    from ..store import linked

    if fmt not in ("table", "json", "svg"):
        raise _fail(f"--format must be table, json or svg, got {fmt!r}")
    statement_type = _statement_type(type_)
    conn = _open_store(db)
    edges = []
    if _linked_or_note(conn, db):
        edges = _reactions_json(linked.reactions(conn, speaker_ids=_speaker_filter(conn, speaker), type=statement_type))
    if fmt == "svg":
        from ..link.figure import draw_reactions

        if output is None:
            raise _fail("--format svg needs -o FILE.svg")
        nodes = draw_reactions(edges, output)
        stdout.print(f"wrote {output}: {nodes} speakers, {len(edges)} reactions")
        return
    if fmt == "json":
        text = json.dumps(edges, ensure_ascii=False, indent=1)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        return
    table = Table("from", "verb", "to", "document", "evidence")
    for e in edges:
        table.add_row(e["from"]["name"], e["verb"], e["to"]["name"], e["document"], e["evidence"]["text"][:90])
    stdout.print(table)


# ---------------------------------------------------------------- corrections

def _edit(db: Path, aliases: Path | None, change) -> Path:
    from ..link import corrections as corr

    path = _aliases_path(db, aliases)
    try:
        current = corr.load(path)
    except corr.CorrectionsError as exc:
        raise _fail(str(exc)) from None
    change(current)
    corr.save(current, path)
    return path


@speakers_app.command("merge")
@edit_app.command("merge")
def merge_cmd(names: Annotated[list[str], typer.Argument(help="Two or more names (any alias) of one speaker.")],
              db: DbOption = DEFAULT_DB, aliases: AliasesOption = None) -> None:
    """Record that these names are one speaker."""
    if len(names) < 2:
        raise _fail("merge needs at least two names")
    path = _edit(db, aliases, lambda c: c.merge.append(list(names)))
    stdout.print(f"{path}: merge {names}; run `quotegraph link` to apply")


@speakers_app.command("split")
@edit_app.command("split")
def split_cmd(names: Annotated[list[str], typer.Argument(help="NAME [OTHER...]: keep NAME apart (from OTHER).")],
              db: DbOption = DEFAULT_DB, aliases: AliasesOption = None) -> None:
    """Record that a name is not the speaker it was merged into."""
    path = _edit(db, aliases, lambda c: c.split.append(list(names)))
    stdout.print(f"{path}: split {names}; run `quotegraph link` to apply")


@speakers_app.command("rename")
@edit_app.command("rename")
def rename_cmd(alias: str, new_name: str, db: DbOption = DEFAULT_DB, aliases: AliasesOption = None) -> None:
    """Give the speaker holding ALIAS the display name NEW_NAME."""
    path = _edit(db, aliases, lambda c: c.rename.__setitem__(alias, new_name))
    stdout.print(f"{path}: rename {alias!r} -> {new_name!r}; run `quotegraph link` to apply")


@speakers_app.command("list")
@edit_app.command("list")
def list_cmd(db: DbOption = DEFAULT_DB, speaker: Annotated[Optional[str], typer.Option("--speaker")] = None,
             fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table") -> None:
    """Canonical speakers with their aliases and roles over time."""
    from ..store import linked

    conn = _open_store(db)
    rows = linked.speakers_with_history(conn, _speaker_filter(conn, speaker)) if _linked_or_note(conn, db) else []
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("id", "name", "type", "aliases", "roles (date)", "docs")
    for s in rows:
        roles = "; ".join(f"{r['role']} ({r['date'] or '?'})" for r in s["roles"][:4])
        table.add_row(s["id"], s["name"], s["type"], ", ".join(s["aliases"][:6]), roles, str(s["documents"]))
    stdout.print(table)


@bench_app.command("link")
def bench_link_cmd(
    docs: Annotated[int, typer.Option("--docs", min=100, help="Synthetic corpus size.")] = 100_000,
    add: Annotated[int, typer.Option("--add", min=1, help="Documents added for the incremental run.")] = 1_000,
    workdir: Annotated[Optional[Path], typer.Option("--workdir", help="Where the benchmark database goes.")] = None,
    reuse: Annotated[bool, typer.Option("--reuse", help="Keep the synthetic corpus already written in --workdir.")] = False,
) -> None:
    """Time and peak memory of a full link and an incremental one; precision/recall on the labelled samples."""
    from ..bench.link import run_bench

    run_bench(docs, add, workdir, stdout, reuse=reuse)
