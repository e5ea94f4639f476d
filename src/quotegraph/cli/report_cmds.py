"""Report commands: timeline (table, JSON or a drawn figure)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .app import app
from .store_cmds import DEFAULT_DB, DbOption, _check_format, _fail, _open_for_reading, _query, _write_json, stdout

TIMELINE_FORMATS = ("table", "json", "svg", "png")


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker (matches aliases).")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Full-text search in quote content.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY[-MM[-DD]]: said on or after.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY[-MM[-DD]]: said on or before.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | svg | png")] = "table",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Figure file (svg/png).")] = None,
) -> None:
    """Statements ordered by when they were said, publication date beside each."""
    from ..report.timeline import draw_timeline, timeline_edges, timeline_entries

    _check_format(fmt, TIMELINE_FORMATS)
    conn = _open_for_reading(db)
    entries = _query(lambda: timeline_entries(conn, speaker=speaker, search=search, since=since, until=until))
    if fmt == "json":
        _write_json([e.to_dict() for e in entries])
    elif fmt == "table":
        table = Table(title=f"Timeline ({len(entries)} statements)", show_lines=False)
        for col in ("said on", "precision", "speaker", "statement", "published", "outlets", "reports"):
            table.add_column(col, overflow="fold")
        for e in entries:
            said = e.said_start if e.said_start == e.said_end else f"{e.said_start}…{e.said_end}"
            text = e.text if len(e.text) <= 90 else e.text[:89] + "…"
            table.add_row(said or "?", e.precision, e.speaker, text, e.published or "?",
                          ", ".join(e.outlets), str(e.reports))
        stdout.print(table)
    else:
        target = out or Path(f"timeline.{fmt}")
        draw_timeline(entries, timeline_edges(conn), target, fmt=fmt)
        stdout.print(f"timeline of {len(entries)} statements written to {target}")
    conn.close()
