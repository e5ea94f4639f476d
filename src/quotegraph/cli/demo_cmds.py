"""The demo: ingest the bundled sample corpus, link it, show what was found, draw it, serve it."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.rule import Rule

from .app import app
from .store_cmds import stderr, stdout


def _step(title: str) -> None:
    stdout.print()
    stdout.print(Rule(f"[bold]{title}"))


@app.command()
def demo(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder (default: the bundled samples/).")] = Path("samples"),
    out: Annotated[Path, typer.Option("--out", help="Folder for the database, figures and exports.")] = Path("out/demo"),
    serve: Annotated[bool | None, typer.Option(
        "--serve/--no-serve", help="Serve the result at the end (default: when run from a terminal).")] = None,
    port: Annotated[int, typer.Option("--port")] = 8000,
) -> None:
    """Ingest, link, query, draw and serve the sample corpus: the whole product in one command."""
    from . import link_cmds, report_cmds, store_cmds, web_cmds

    if not corpus.is_dir():
        stderr.print(f"[bold red]error:[/] {corpus}: no such folder (run from the project root, or pass the corpus)")
        raise typer.Exit(2)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "quotegraph.db"
    meta = corpus / "meta.csv"

    _step(f"1. ingest {corpus} -> {db}")
    try:
        # linking is step 2 of its own, to show it (`ingest` alone links on arrival)
        store_cmds.ingest(inputs=[corpus], db=db, meta=meta if meta.exists() else None, force=False, max_bytes=None,
                          no_link=True)
    except typer.Exit as exc:  # some inputs failed: they were reported; the demo goes on with the rest
        if exc.exit_code not in (0, 1):
            raise
    _step("2. link speakers, statements and reactions across documents")
    link_cmds.link_cmd(db=db, full=False, aliases=None)
    _step("3. what the store holds")
    store_cmds.stats(db=db, fmt="table")
    _step("4. who said what (first 12 quotes)")
    store_cmds.quotes(db=db, limit=12)
    _step("5. speakers across spellings")
    store_cmds.speakers(db=db, limit=15)
    _step("6. one statement, several reports")
    link_cmds.statements_cmd(db=db, min_reports=2, limit=8)
    _step("7. who answers whom")
    link_cmds.reactions_cmd(db=db)
    _step("8. when it was said")
    report_cmds.timeline(db=db, fmt="table")
    report_cmds.timeline(db=db, fmt="svg", out=out / "timeline.svg")
    link_cmds.reactions_cmd(db=db, fmt="svg", output=out / "reactions.svg")
    store_cmds.export(table="quotes", fmt="csv", output=out / "quotes.csv", db=db)
    stdout.print(f"\nfigures and exports in {out}/: timeline.svg, reactions.svg, quotes.csv")

    if serve is None:
        serve = sys.stdin.isatty() and sys.stdout.isatty()
    if serve:
        _step("9. browse it")
        web_cmds.serve(db=db, port=port)
    else:
        stdout.print(f"browse it: .venv/bin/quotegraph serve --db {db}  (then open http://127.0.0.1:{port}/)")
