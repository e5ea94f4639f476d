"""The ``said_on`` record: when a statement was made, never more precise than the article.

Produced by the dating step (nlp/dates) and read by the store, the timeline, the
web pages and the dating evaluation; this module is the one place that says what
its precision values mean and how an interval is written for a reader.

``said_on = {"start", "end", "precision", "evidence", "rule"}``:

* ``day`` / ``week`` / ``month`` / ``year``: the article dates the saying
  ("on Wednesday", "last week", "earlier this month", "in 2024"); start and end
  bound the interval it names (clipped to the publication day).
* ``on_or_before_publication``: nothing in the article dates the saying; all it
  gives is that the statement was made by the time the article was published.
  ``start`` is ``None`` (open: unknown), ``end`` is the publication day.
* ``unknown``: no publication date either (start and end ``None``).

Records written before store version 5 used ``before_publication`` with
start = end = the publication day; ``normalise`` reads them as on-or-before.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

ON_OR_BEFORE = "on_or_before_publication"
UNKNOWN = "unknown"
LEGACY_BEFORE_PUBLICATION = "before_publication"  # store versions 1-4: start = end = publication day
# Most precise first: linking and the timeline keep the most precise report of a statement.
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", ON_OR_BEFORE, UNKNOWN)


def on_or_before(published: str | None, rule: str = ON_OR_BEFORE) -> dict[str, Any]:
    """said_on of a statement the article does not date: open start, ends at publication."""
    if not published:
        return {"start": None, "end": None, "precision": UNKNOWN, "evidence": None, "rule": "no_publication_date"}
    return {"start": None, "end": published[:10], "precision": ON_OR_BEFORE, "evidence": None, "rule": rule}


def normalise(said: dict[str, Any] | None, published: str | None) -> dict[str, Any]:
    """A said_on as this version writes it, from a stored or older one (or none)."""
    if not said or not said.get("precision"):
        return on_or_before(published)
    if said["precision"] == LEGACY_BEFORE_PUBLICATION:
        rule = said.get("rule")
        return {**said, "start": None, "end": said.get("end") or said.get("start") or published,
                "precision": ON_OR_BEFORE, "rule": ON_OR_BEFORE if rule == LEGACY_BEFORE_PUBLICATION else rule}
    return said


def upgrade_extra(extra: dict[str, Any], published: str | None) -> dict[str, Any]:
    """Quote.extra with a legacy said_on (an extract file or Parquet shard written before
    store version 5) in the current form; anything else is returned as it is."""
    said = extra.get("said_on")
    if isinstance(said, dict) and said.get("precision") == LEGACY_BEFORE_PUBLICATION:
        return {**extra, "said_on": normalise(said, published)}
    return extra


def precision_rank(precision: str | None) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def is_bound(said: dict[str, Any] | None) -> bool:
    """True when the record only bounds the date from above (no start)."""
    return bool(said) and said.get("precision") in (ON_OR_BEFORE, LEGACY_BEFORE_PUBLICATION)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _fmt(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def said_on_label(said: dict[str, Any] | None) -> str:
    """The interval as a reader should see it: "4 Mar 2025", "on or before 4 Mar 2025",
    "week of 3 Mar 2025", "Mar 2025 (1–4)", "2024", "3–5 Mar 2025", "date unknown"."""
    if not said:
        return "date unknown"
    precision = said.get("precision")
    start, end = _day(said.get("start")), _day(said.get("end"))
    if precision in (ON_OR_BEFORE, LEGACY_BEFORE_PUBLICATION):
        return f"on or before {_fmt(end or start)}" if (end or start) else "date unknown"
    if start is None:
        return "date unknown"
    end = end or start
    if precision == "day":
        if start == end:
            return _fmt(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{_fmt(end)}"
        return f"{_fmt(start)} – {_fmt(end)}"
    if precision == "week":
        monday = start - dt.timedelta(days=start.weekday())
        label = f"week of {_fmt(monday)}"
        return label if (end - monday).days >= 6 else f"{label} (to {_fmt(end)})"
    if precision == "month":
        month = f"{start:%b %Y}"
        last = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return month if (start.day, end) == (1, last) else f"{month} ({start.day}–{end.day})"
    if precision == "year":
        full = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        return str(start.year) if full else f"{start.year} (to {_fmt(end)})"
    return "date unknown"

