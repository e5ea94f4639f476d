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
from .store_cmds import speakers_app  # noqa: E402



def _fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _open(db: Path, write: bool = False):
    """Read-only unless ``write``: listing commands never change the file or run migrations."""
    from ..store.schema import SchemaError, connect

    if not db.exists():
        raise _fail(f"{db}: no such database (run `quotegraph ingest` first)")
    try:
        return connect(db, readonly=not write)
    except (SchemaError, Exception) as exc:
        raise _fail(f"{db}: cannot open database: {exc}") from None


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
    link_with_progress(_open(db, write=True), db, full=full, aliases=aliases)


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


def _speaker_filter(conn, speaker: str | None):
    from ..link.queries import find_speaker_ids

    if speaker is None:
        return None
    ids = find_speaker_ids(conn, speaker)
    if not ids:
        raise _fail(f"no linked speaker matches {speaker!r} (run `quotegraph link` after ingesting)", 1)
    return ids


@app.command("statements")
def statements_cmd(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Any spelling or alias of the speaker.")] = None,
    min_reports: Annotated[int, typer.Option("--min-reports", min=1, help="Only statements with this many (non-background) reports.")] = 1,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
    statement_type: Annotated[str, typer.Option("--type", help="speech (default) | belief | finding | headline | all")] = "speech",
) -> None:
    """Statements: one utterance with all its reports across outlets."""
    from ..link.queries import list_statements

    if fmt not in ("table", "json"):
        raise _fail(f"--format must be table or json, got {fmt!r}")
    conn = _open(db)
    from ..records import STATEMENT_TYPES

    if statement_type not in (*STATEMENT_TYPES, "all"):
        raise _fail(f"--type must be one of {', '.join(STATEMENT_TYPES)} or all, got {statement_type!r}")
    rows = list_statements(conn, _speaker_filter(conn, speaker), min_reports, limit, statement_type)
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("id", "speaker", "reports", "first", "text", show_lines=False)
    for st in rows:
        first = st["first_report"]
        table.add_row(st["id"], st["speaker"]["name"] or "?", str(st["report_count"]),
                      f"{first['document']} {first['published'] or ''}", st["text"][:100])
    stdout.print(table)


@app.command("reactions")
def reactions_cmd(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Edges from or to this speaker.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | svg")] = "table",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File for svg (or json) output.")] = None,
) -> None:
    """Reactions: who answers whom, with the sentence that says so."""
    from ..link.queries import list_reactions

    if fmt not in ("table", "json", "svg"):
        raise _fail(f"--format must be table, json or svg, got {fmt!r}")
    conn = _open(db)
    edges = list_reactions(conn, _speaker_filter(conn, speaker))
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
    from ..link.queries import list_speakers

    conn = _open(db)
    rows = list_speakers(conn, _speaker_filter(conn, speaker))
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
