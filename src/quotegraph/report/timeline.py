"""Timelines: statements ordered by when they were said, drawn as speaker lanes.

Reads the store only. A statement's date is its ``said_on`` interval (issue 6:
stored in each quote's ``extra``); where linking has grouped reports into
statements, one mark stands for the statement, dated by its earliest report.
Reaction edges (link tables) are drawn as arrows between marks or lanes.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..store.queries import QueryError, _date_bound, resolve_speakers
from ..store.search import fts_expression


@dataclass(slots=True)
class TimelineEntry:
    statement_id: str | None
    quote_id: str
    doc_id: str
    speaker_id: str | None
    speaker: str
    text: str
    said_start: str | None
    said_end: str | None
    precision: str
    rule: str | None
    published: str | None
    outlet: str | None
    reports: int = 1
    outlets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class TimelineEdge:
    from_speaker: str
    to_speaker: str
    verb: str
    from_statement: str | None
    to_statement: str | None
    evidence: str
    doc_id: str


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def timeline_entries(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 5000,
) -> list[TimelineEntry]:
    """Statements (or single quotes when unlinked), ordered by statement date."""
    where, args = [], []
    if speaker:
        ids = resolve_speakers(conn, speaker)
        if not ids:
            return []
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        args += ids
    if search:
        where.append("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(fts_expression(search))
    linked = _has_table(conn, "link_reports")
    statement_col = "r.statement_id" if linked else "NULL"
    canon_name = "COALESCE(ls.name, q.speaker_name)" if linked else "q.speaker_name"
    joins = (
        " LEFT JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id"
        " LEFT JOIN link_statements st ON st.id = r.statement_id"
        " LEFT JOIN link_speakers ls ON ls.id = st.speaker_id"
        if linked else ""
    )
    reused = " AND COALESCE(r.reused, 0) = 0" if linked else ""
    sql = (
        f"SELECT q.id, q.doc_id, q.speaker_id, {canon_name} AS speaker, q.content, q.extra,"
        f" q.published, q.outlet, {statement_col} AS statement_id"
        f" FROM quotes q{joins}"
        f" WHERE q.speaker_name IS NOT NULL{reused}"
        + ("".join(f" AND {w}" for w in where))
        + " ORDER BY q.published, q.doc_id, q.content_start LIMIT ?"
    )
    try:
        rows = conn.execute(sql, (*args, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad search {search!r}: {exc}") from None

    lo = _date_bound(since, "since", upper=False) if since else None
    hi = _date_bound(until, "until", upper=True) if until else None
    by_statement: dict[str, TimelineEntry] = {}
    entries: list[TimelineEntry] = []
    for qid, doc_id, spk_id, name, content, extra, published, outlet, statement_id in rows:
        said = (json.loads(extra) if extra else {}).get("said_on") or {}
        start = said.get("start") or published
        end = said.get("end") or start
        entry = TimelineEntry(
            statement_id=statement_id, quote_id=qid, doc_id=doc_id, speaker_id=spk_id, speaker=name,
            text=content, said_start=start, said_end=end,
            precision=said.get("precision") or ("before_publication" if published else "unknown"),
            rule=said.get("rule"), published=published, outlet=outlet, outlets=[outlet] if outlet else [],
        )
        if statement_id and statement_id in by_statement:
            kept = by_statement[statement_id]
            kept.reports += 1
            if outlet and outlet not in kept.outlets:
                kept.outlets.append(outlet)
            # The most precise, earliest dating of the statement wins.
            if _precision_rank(entry.precision) < _precision_rank(kept.precision) or (
                entry.said_start and kept.said_start and entry.said_start < kept.said_start
                and entry.precision == kept.precision
            ):
                kept.said_start, kept.said_end = entry.said_start, entry.said_end
                kept.precision, kept.rule = entry.precision, entry.rule
            continue
        if statement_id:
            by_statement[statement_id] = entry
        entries.append(entry)
    if lo:
        entries = [e for e in entries if e.said_end and e.said_end >= lo]
    if hi:
        entries = [e for e in entries if e.said_start and e.said_start <= hi]
    entries.sort(key=lambda e: (e.said_start or "9999", e.published or "9999", e.speaker))
    return entries


_PRECISION_ORDER = ("day", "week", "month", "year", "before_publication", "unknown")


def _precision_rank(precision: str) -> int:
    return _PRECISION_ORDER.index(precision) if precision in _PRECISION_ORDER else len(_PRECISION_ORDER)


def timeline_edges(conn: sqlite3.Connection) -> list[TimelineEdge]:
    if not _has_table(conn, "link_reactions"):
        return []
    rows = conn.execute(
        "SELECT from_name, to_name, verb, from_statement, to_statement, evidence, doc_id FROM link_reactions"
    ).fetchall()
    return [TimelineEdge(*row) for row in rows]


def draw_timeline(entries: list[TimelineEntry], edges: list[TimelineEdge], out: Path, fmt: str = "svg") -> Path:
    """Speakers as lanes, statements as marks (intervals as bars), reactions as arrows."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from datetime import date, timedelta

    dated = [e for e in entries if e.said_start]
    lanes: list[str] = []
    for e in dated:
        if e.speaker not in lanes:
            lanes.append(e.speaker)
    height = max(2.5, 0.45 * len(lanes) + 1.4)
    fig, ax = plt.subplots(figsize=(11, height))
    colours = plt.get_cmap("tab10")
    position: dict[str, tuple[float, int]] = {}
    lane_of: dict[str, int] = {name: i for i, name in enumerate(lanes)}
    for e in dated:
        y = lane_of[e.speaker]
        start = date.fromisoformat(e.said_start)
        end = date.fromisoformat(e.said_end or e.said_start)
        x0, x1 = mdates.date2num(start), mdates.date2num(end + timedelta(days=1))
        colour = colours(y % 10)
        if e.precision == "day":
            ax.plot([x0 + 0.5], [y], "o", color=colour, markersize=6 + 2 * min(e.reports - 1, 4))
            position[e.statement_id or e.quote_id] = (x0 + 0.5, y)
        else:
            # Coarse dates are drawn as their whole interval, hatched when only "before publication".
            ax.barh(y, x1 - x0, left=x0, height=0.35, color=colour, alpha=0.35,
                    hatch="//" if e.precision == "before_publication" else None, edgecolor=colour)
            position[e.statement_id or e.quote_id] = ((x0 + x1) / 2, y)
    for edge in edges:
        src = position.get(edge.from_statement or "") or (
            (None, lane_of[edge.from_speaker]) if edge.from_speaker in lane_of else None)
        dst = position.get(edge.to_statement or "") or (
            (None, lane_of[edge.to_speaker]) if edge.to_speaker in lane_of else None)
        if not src or not dst:
            continue
        xs = [p for p in (src[0], dst[0]) if p is not None]
        if not xs:
            continue
        x_src = src[0] if src[0] is not None else xs[0]
        x_dst = dst[0] if dst[0] is not None else xs[0]
        ax.annotate("", xy=(x_dst, dst[1]), xytext=(x_src, src[1]),
                    arrowprops=dict(arrowstyle="->", color="#444", lw=1.2, connectionstyle="arc3,rad=0.2"))
        ax.text((x_src + x_dst) / 2, (src[1] + dst[1]) / 2, edge.verb, fontsize=7, color="#444")
    ax.set_yticks(range(len(lanes)), labels=lanes)
    ax.set_ylim(-0.8, max(len(lanes) - 0.2, 0.8))
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("When it was said: statements by speaker (dots: exact day; bars: coarser dates)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format=fmt)
    plt.close(fig)
    return out
