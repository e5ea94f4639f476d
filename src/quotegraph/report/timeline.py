"""Timelines: statements ordered by when they were said, drawn as speaker lanes.

Reads the store only. A statement's date is its ``said_on`` interval (issue 6,
kept in each quote's ``extra`` JSON by the dating step; quotegraph.said_on), shown
apart from the day it was reported (its article's publication date). A statement
the article does not date is "on or before publication": open start, end = the
publication day; it is ordered, filtered and drawn at that bound (``placed_on``),
drawn with a mark that says it is a bound, never as a dot. Where linking has
grouped reports into statements, one entry stands for the statement, dated by
its most precise (then earliest) report. Dated events named in the articles
(``documents.extra`` "events") are listed beside the statements and drawn in
their own lane; reaction edges (link tables) are drawn as arrows.

The JSON layout (``timeline_json``) is documented in docs/timeline.md and is a
contract: keys are only ever added, never renamed.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..said_on import ON_OR_BEFORE, UNKNOWN, normalise, precision_rank, said_on_label
from ..store import linked, quote_search
from ..store.filters import QuoteFilter, date_bounds
from ..store.queries import documents_with_events

TIMELINE_SCHEMA = "quotegraph-timeline/1"


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
    evidence: dict[str, Any] | None = None
    reports: int = 1
    outlets: list[str] = field(default_factory=list)

    @property
    def said_on(self) -> dict[str, Any]:
        return {"start": self.said_start, "end": self.said_end, "precision": self.precision,
                "rule": self.rule, "evidence": self.evidence}

    @property
    def is_bound(self) -> bool:
        """Only "on or before" its end (the publication day) is known."""
        return self.precision == ON_OR_BEFORE

    @property
    def placed_on(self) -> str | None:
        """Where the timeline orders and draws it: its start, or the bound when open."""
        return self.said_start or self.said_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "statement",
            "said_on": self.said_on,
            "said_on_label": said_on_label(self.said_on),
            "placed_on": self.placed_on,
            "published": self.published,
            "reported_on": self.published,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "text": self.text,
            "statement_id": self.statement_id,
            "quote_id": self.quote_id,
            "doc_id": self.doc_id,
            "outlet": self.outlet,
            "outlets": list(self.outlets),
            "reports": self.reports,
        }


@dataclass(slots=True)
class TimelineEvent:
    """A dated event named in one or more articles ("the October 2023 summit")."""

    text: str
    start: str
    end: str
    precision: str
    rule: str | None
    evidence: dict[str, Any] | None
    doc_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = "event"
        d["mentions"] = len(self.doc_ids)
        return d


@dataclass(slots=True)
class TimelineEdge:
    from_speaker: str
    to_speaker: str
    verb: str
    from_statement: str | None
    to_statement: str | None
    evidence: str
    doc_id: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def timeline_entries(conn: sqlite3.Connection, f: QuoteFilter = QuoteFilter(dates="said_on"), *,
                     limit: int = 5000) -> list[TimelineEntry]:
    """Statements (or single quotes when unlinked) matching ``f``, ordered by statement date, then
    publication date. With ``f.dates == "said_on"`` (the timeline's way) since/until keep
    statements whose interval overlaps the range."""
    rows = quote_search.said_on_rows(conn, f, limit)
    by_statement: dict[str, TimelineEntry] = {}
    entries: list[TimelineEntry] = []
    for qid, doc_id, spk_id, name, content, extra, published, outlet, statement_id in rows:
        said = normalise((json.loads(extra) if extra else {}).get("said_on"), published)
        start = said.get("start")
        end = said.get("end") or start
        entry = TimelineEntry(
            statement_id=statement_id, quote_id=qid, doc_id=doc_id, speaker_id=spk_id, speaker=name,
            text=content, said_start=start, said_end=end, precision=said.get("precision") or UNKNOWN,
            rule=said.get("rule"), published=published, outlet=outlet, evidence=said.get("evidence"),
            outlets=[outlet] if outlet else [],
        )
        if statement_id and statement_id in by_statement:
            _merge_report(by_statement[statement_id], entry)
            continue
        if statement_id:
            by_statement[statement_id] = entry
        entries.append(entry)
    # At one day, what was said that day comes before what is only known by then.
    entries.sort(key=lambda e: (e.placed_on is None, e.placed_on or "", e.is_bound, e.published or "9999", e.speaker))
    return entries


def _merge_report(kept: TimelineEntry, entry: TimelineEntry) -> None:
    """Another report of the same statement: count it; the most precise, earliest dating
    wins. Between on-or-before reports, the earliest bound (the first report) is the
    tightest; a bound never replaces a dated report."""
    kept.reports += 1
    if entry.outlet and entry.outlet not in kept.outlets:
        kept.outlets.append(entry.outlet)
    if precision_rank(entry.precision) < precision_rank(kept.precision) or (
        entry.precision == kept.precision and entry.placed_on and kept.placed_on
        and entry.placed_on < kept.placed_on
    ):
        kept.said_start, kept.said_end = entry.said_start, entry.said_end
        kept.precision, kept.rule, kept.evidence = entry.precision, entry.rule, entry.evidence


def timeline_events(
    conn: sqlite3.Connection,
    *,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_ids: set[str] | None = None,
) -> list[TimelineEvent]:
    """Dated events from documents.extra, one per (interval, wording), ordered by date.

    ``search``: every word must occur in the event's text; ``doc_ids``: only events
    named in these documents (the ones a --speaker timeline quotes from)."""
    lo, hi = date_bounds(since, until)
    words = [w.lower() for w in re.findall(r"\w+", search or "")]
    merged: dict[tuple, TimelineEvent] = {}
    for doc_id, published, outlet, extra in documents_with_events(conn):
        if doc_ids is not None and doc_id not in doc_ids:
            continue
        for ev in json.loads(extra).get("events") or []:
            start, end = ev.get("start"), ev.get("end")
            if not start or not end or (lo and end < lo) or (hi and start > hi):
                continue
            text = " ".join(str(ev.get("text") or "").split())
            if words and not all(w in text.lower() for w in words):
                continue
            key = (start, end, ev.get("precision"), text.lower())
            event = merged.get(key)
            if event is None:
                event = merged[key] = TimelineEvent(
                    text=text, start=start, end=end, precision=ev.get("precision") or "unknown",
                    rule=ev.get("rule"), evidence=ev.get("evidence"), first_published=published)
            if doc_id not in event.doc_ids:
                event.doc_ids.append(doc_id)
            if outlet and outlet not in event.outlets:
                event.outlets.append(outlet)
    return sorted(merged.values(), key=lambda e: (e.start, e.end, e.text))


def timeline_edges(conn: sqlite3.Connection, statement_type: str | None = "speech") -> list[TimelineEdge]:
    """Reaction arrows (of reacting statements of ``statement_type``; None: all)."""
    return [TimelineEdge(r["from_written"], r["to_written"], r["verb"], r["from_statement"], r["to_statement"],
                         r["evidence"], r["doc_id"]) for r in linked.reactions(conn, type=statement_type)]


def timeline_json(
    entries: list[TimelineEntry], events: list[TimelineEvent], edges: list[TimelineEdge],
    filters: dict[str, Any],
) -> dict[str, Any]:
    """The `quotegraph timeline --format json` document (docs/timeline.md)."""
    return {
        "schema": TIMELINE_SCHEMA,
        "filters": filters,
        "statements": [e.to_dict() for e in entries],
        "events": [e.to_dict() for e in events],
        "reactions": [e.to_dict() for e in edges],
    }


EVENTS_LANE = "events"
_LANE_LABEL_CHARS = 34  # longer extracted names ("the Continental Security Forum’s special envoy, ...") squash the plot
_EVENT_LABELS = 14  # beyond this many events the labels overlap: the rest are marks only
_EVENT_LABEL_CHARS = 32


def lane_label(name: str) -> str:
    return name if len(name) <= _LANE_LABEL_CHARS else name[: _LANE_LABEL_CHARS - 1] + "…"


def draw_timeline(
    entries: list[TimelineEntry], edges: list[TimelineEdge], out: Path, fmt: str = "svg",
    events: list[TimelineEvent] | None = None,
) -> Path:
    """Speakers as lanes, statements as marks (intervals as bars), reactions as
    arrows; dated events in a lane of their own at the top.

    The time axis spans the statements; events wholly outside it (the 2019 war
    behind a week of statements) are not drawn but counted in a note, so a few
    old events do not squeeze every statement into one pixel column."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from datetime import date, timedelta

    dated = [e for e in entries if e.placed_on]
    events = list(events or [])
    lo, hi = time_window(dated)
    shown_events = [ev for ev in events if lo is None or (ev.end >= lo and ev.start <= hi)]
    hidden_events = len(events) - len(shown_events)

    lanes: list[str] = [EVENTS_LANE] if shown_events else []
    for e in dated:
        if e.speaker not in lanes:
            lanes.append(e.speaker)
    height = max(2.5, 0.42 * len(lanes) + 1.8)
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # SVG text stays text (searchable, readable)
        fig, ax = plt.subplots(figsize=(12, height))
        colours = plt.get_cmap("tab10")
        position: dict[str, tuple[float, int]] = {}
        lane_of: dict[str, int] = {name: i for i, name in enumerate(lanes)}

        def span_of(start: str, end: str | None) -> tuple[float, float]:
            first, last = date.fromisoformat(start), date.fromisoformat(end or start)
            return mdates.date2num(first), mdates.date2num(last + timedelta(days=1))

        left, right = span_of(lo, hi) if lo else (None, None)
        pad = max(1.0, 0.03 * (right - left)) if lo else 0.0
        # Greedy label rows: a label goes in the first row where it does not overlap the previous one.
        days_per_char = ((right - left + 2 * pad) / 150) if lo else 1.0
        row_ends: list[float] = [float("-inf")] * 3
        for ev in shown_events:
            y = lane_of[EVENTS_LANE]
            x0, x1 = span_of(ev.start, ev.end)
            if ev.precision == "day":
                ax.plot([x0 + 0.5], [y], "D", color="#555", markersize=5)
            else:
                ax.barh(y, x1 - x0, left=x0, height=0.3, color="#999", alpha=0.35, edgecolor="#555")
            label = ev.text if len(ev.text) <= _EVENT_LABEL_CHARS else ev.text[: _EVENT_LABEL_CHARS - 1] + "…"
            x_label = max(x0, left - pad) if lo else x0
            row = next((r for r, end in enumerate(row_ends) if x_label > end), None)
            if row is not None:
                row_ends[row] = x_label + len(label) * days_per_char
                ax.text(x_label, y - 0.22 - 0.2 * row, label, fontsize=6, color="#333")
        for e in dated:
            y = lane_of[e.speaker]
            x0, x1 = span_of(e.placed_on, e.said_end)
            colour = colours(y % 10)
            key = e.statement_id or e.quote_id
            if e.is_bound:
                # On or before publication: no day is known, so no dot. A bracket at the bound
                # (the publication day) with a dotted lead-in from the left, open-ended.
                lead = max(1.5, 0.06 * ((right - left) if lo else 10))
                ax.plot([x1 - lead, x1], [y, y], linestyle=(0, (1, 1.5)), color=colour, lw=1.4)
                bound, = ax.plot([x1], [y], marker="$]$", color=colour, markersize=9, linestyle="none")
                bound.set_gid(f"said-on-or-before-{key}")
                position[key] = (x1, y)
            elif lo and x1 <= left:
                # Wholly before the window (a month or year long ago): a marker at the edge, labelled.
                ax.plot([left - pad * 0.6], [y], "<", color=colour, markersize=7)
                ax.text(left - pad * 0.35, y + 0.08, _interval_label(e), fontsize=6, color=colour, va="center")
                position[key] = (left - pad * 0.6, y)
            elif e.precision == "day":
                ax.plot([x0 + 0.5], [y], "o", color=colour, markersize=6 + 2 * min(e.reports - 1, 4))
                position[key] = (x0 + 0.5, y)
            else:
                # Coarse dates are drawn as their whole interval.
                ax.barh(y, x1 - x0, left=x0, height=0.35, color=colour, alpha=0.35, edgecolor=colour)
                position[key] = ((max(x0, left or x0) + x1) / 2, y)
        for edge in edges:
            _draw_edge(ax, edge, position, lane_of)
        if lo:
            ax.set_xlim(left - pad, right + pad)
        ax.set_yticks(range(len(lanes)), labels=[lane_label(name) for name in lanes])
        ax.set_ylim(-0.8, max(len(lanes) - 0.2, 0.8))
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(mdates.AutoDateLocator())
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        ax.grid(axis="x", alpha=0.3)
        n_speakers = len(lanes) - bool(shown_events)
        ax.set_title(f"When it was said: {len(dated)} statement{'s' * (len(dated) != 1)}"
                     f" by {n_speakers} speaker{'s' * (n_speakers != 1)}")
        note = ("dots: day · bars: week/month/year · ···]: no date given, said on or before the article's "
                "publication day · ◀: said before these dates · arrows: reactions")
        if hidden_events:
            note += f" · {hidden_events} event{'s' * (hidden_events != 1)} outside these dates not drawn (see --format json)"
        ax.set_xlabel(note, fontsize=7, color="#444", labelpad=14)  # below the axis offset text ("2025-Mar")
        fig.tight_layout()
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, format=fmt)
        plt.close(fig)
    return out


def time_window(dated: list[TimelineEntry]) -> tuple[str | None, str | None]:
    """The dates the figure spans: those of statements dated to the day or week (or on
    or before publication), where most marks are; a month or year long before them
    would squeeze them into one column, so it is drawn as an edge marker instead.
    With only coarse statements, all of them."""
    if not dated:
        return None, None
    fine = [e for e in dated if e.precision in ("day", "week", ON_OR_BEFORE)] or dated
    lo = min(e.placed_on for e in fine)
    hi = max(e.said_end or e.placed_on for e in dated)
    return lo, hi


def _interval_label(e: TimelineEntry) -> str:
    return said_on_label(e.said_on)


def _draw_edge(ax, edge: TimelineEdge, position: dict[str, tuple[float, int]], lane_of: dict[str, int]) -> None:
    src = position.get(edge.from_statement or "") or (
        (None, lane_of[edge.from_speaker]) if edge.from_speaker in lane_of else None)
    dst = position.get(edge.to_statement or "") or (
        (None, lane_of[edge.to_speaker]) if edge.to_speaker in lane_of else None)
    if not src or not dst:
        return
    xs = [p for p in (src[0], dst[0]) if p is not None]
    if not xs:
        return
    x_src = src[0] if src[0] is not None else xs[0]
    x_dst = dst[0] if dst[0] is not None else xs[0]
    ax.annotate("", xy=(x_dst, dst[1]), xytext=(x_src, src[1]),
                arrowprops=dict(arrowstyle="->", color="#444", lw=1.2, connectionstyle="arc3,rad=0.2"))
    ax.text((x_src + x_dst) / 2, (src[1] + dst[1]) / 2, edge.verb, fontsize=7, color="#444")
