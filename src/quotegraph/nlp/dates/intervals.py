"""Turning a date expression into a calendar interval, with the news conventions
spelled out:

* a bare weekday ("on Wednesday") is the latest such day on or before publication
  (the publication day itself included);
* "last Tuesday" is the latest Tuesday strictly before publication;
* a month without a year ("in February") is the latest such month on or before the
  publication month ("in December" published 2024-01-10 is December 2023);
  "last September" is the latest September strictly before the publication month;
* a day without a year ("on April 18") is the latest such day on or before
  publication;
* weeks run Monday to Sunday: "earlier this week" is Monday of the publication week
  to the publication day, "last week" the whole previous week;
* an interval never ends after publication (a statement reported cannot postdate
  its report): "this month" ends on the publication day.

Day-and-month strings are parsed by dateparser (RELATIVE_BASE = publication,
PREFER_DATES_FROM = past), which applies the same "latest on or before" rule; the
result is checked against publication all the same.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .expressions import MONTHS, NUMBER_WORDS, WEEKDAYS, DateExpr

PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
_DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]}


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.date
    end: dt.date
    precision: str  # day | week | month | year
    rule: str


class NeedsPublication(Exception):
    """The expression is relative to publication, and the publication date is unknown."""


class NeedsReference(Exception):
    """The expression is relative to an earlier dated mention, and there is none."""


def month_interval(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def latest_weekday(pub: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return pub - dt.timedelta(days=back)


def latest_month(pub: dt.date, month: int, strictly_before: bool = False) -> tuple[int, int]:
    year = pub.year if (month < pub.month or (month == pub.month and not strictly_before)) else pub.year - 1
    return year, month


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word == "a few":
        return None
    return NUMBER_WORDS.get(word)


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _parse_day_month(text: str, pub: dt.date | None, has_year: bool) -> dt.date:
    if not has_year and pub is None:
        raise NeedsPublication
    import dateparser  # imported on first use: it takes about half a second to load

    settings = dict(_DATEPARSER_SETTINGS)
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None:
        raise ValueError(f"not a date: {text!r}")
    day = parsed.date()
    if not has_year and pub is not None and day > pub:  # keep the convention explicit
        day = day.replace(year=day.year - 1)
    return day


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def resolve(expr: DateExpr, pub: dt.date | None, reference: Interval | None = None) -> Interval:
    """The interval an expression names. Raises NeedsPublication / NeedsReference."""
    k, g = expr.kind, expr.groups
    if k in ("day_mdy", "day_dmy"):
        has_year = "y" in g
        text = f"{g['m']} {_digits(g['d'])}" + (f" {g['y']}" if has_year else "")
        day = _parse_day_month(text, pub, has_year)
        return Interval(day, day, "day", "explicit_day" if has_year else "day_without_year")
    if k in ("range_mdy", "range_dmy"):
        has_year = "y" in g
        d1 = _parse_day_month(f"{g['m']} {_digits(g['d1'])}" + (f" {g['y']}" if has_year else ""), pub, has_year)
        d2 = d1.replace(day=int(_digits(g["d2"])))
        return Interval(d1, d2, "day", "explicit_range" if has_year else "range_without_year")
    if k in ("day_numeric", "day_iso"):
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))  # DD.MM.YYYY: the order used with dots
        return Interval(day, day, "day", "explicit_day")
    if k == "month_year":
        s, e = month_interval(int(g["y"]), _month_number(g["m"]))
        return Interval(s, e, "month", "explicit_month")
    if k == "year":
        y = int(g["y"])
        return Interval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit_year")
    if k == "at_the_time":
        if reference is None:
            raise NeedsReference
        return Interval(reference.start, reference.end, reference.precision, "at_the_time")
    if k in ("later", "next_day"):
        if reference is None:
            raise NeedsReference
        n = 1 if k == "next_day" else _count(g["n"])
        unit = g["u"]
        if n is None:
            raise NeedsReference  # "several months later": too vague to place
        if g.get("dir") == "earlier":
            n = -n
        precision = max(reference.precision, unit, key=PRECISION_ORDER.__getitem__)
        start, end = shift(reference.start, n, unit), shift(reference.end, n, unit)
        if precision == "month":
            start, end = month_interval(start.year, start.month)[0], month_interval(end.year, end.month)[1]
        elif precision == "year":
            start, end = dt.date(start.year, 1, 1), dt.date(end.year, 12, 31)
        return Interval(start, end, precision, "relative_to_event")
    # Everything below is relative to publication.
    if pub is None:
        raise NeedsPublication
    if k == "yesterday":
        back = 2 if expr.text.lower().startswith("the day before") else 1
        day = pub - dt.timedelta(days=back)
        return Interval(day, day, "day", "yesterday")
    if k == "today":
        return Interval(pub, pub, "day", "today")
    if k == "weekday":
        day = latest_weekday(pub, WEEKDAYS[g["w"].lower()])
        return Interval(day, day, "day", "weekday")
    if k == "last_weekday":
        day = latest_weekday(pub, WEEKDAYS[g["w"].lower()], strictly_before=True)
        return Interval(day, day, "day", "last_weekday")
    if k == "this_week":
        return Interval(week_of(pub)[0], pub, "week", "this_week")
    if k == "last_week":
        s, e = week_of(pub - dt.timedelta(days=7))
        return Interval(s, e, "week", "last_week")
    if k == "this_month":
        return Interval(pub.replace(day=1), pub, "month", "this_month")
    if k == "last_month":
        prev = pub.replace(day=1) - dt.timedelta(days=1)
        s, e = month_interval(prev.year, prev.month)
        return Interval(s, e, "month", "last_month")
    if k == "this_year":
        return Interval(dt.date(pub.year, 1, 1), pub, "year", "this_year")
    if k == "last_year":
        return Interval(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year", "last_year")
    if k in ("bare_month", "last_month_name", "this_month_name"):
        month = _month_number(g["m"])
        year, month = latest_month(pub, month, strictly_before=(k == "last_month_name"))
        s, e = month_interval(year, month)
        return Interval(s, min(e, pub), "month", {"bare_month": "month_without_year"}.get(k, k))
    if k == "ago":
        n = _count(g["n"])
        if n is None:
            raise NeedsReference
        day = shift(pub, -n, g["u"])
        if g["u"] == "day":
            return Interval(day, day, "day", "ago")
        return Interval(*_around(day, g["u"]), g["u"], "ago")
    raise ValueError(f"unknown date expression kind {k}")


def _around(day: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    if unit == "week":
        return week_of(day)
    if unit == "month":
        return month_interval(day.year, day.month)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def clip_to_publication(iv: Interval, pub: dt.date | None) -> Interval | None:
    """A statement is made on or before its report: clip the end, drop a wholly later interval."""
    if pub is None or iv.end <= pub:
        return iv
    if iv.start > pub:
        return None
    return Interval(iv.start, pub, iv.precision, iv.rule)
