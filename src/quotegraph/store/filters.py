"""One filter for every quote listing (CLI, web pages and API, timeline, exports) and its SQL.

``QuoteFilter`` says what a user asked for; ``compile_filter`` turns it into
conditions on ``quotes q``, an FTS5 expression and the speakers it names.
Bad values raise QueryError naming the filter as the user wrote it ('--since'
on the CLI, 'since' on the web: the ``prefix``).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ..records import QUOTE_KINDS, STATEMENT_TYPES
from ..names import name_key
from .links import canonical_speaker_exists
from .search import QueryError, fts_expression

ALL_TYPES = "all"  # the --type / type= value that lifts the statement-type filter
DEFAULT_TYPE = "speech"  # listings show speech unless asked (DESIGN.md "Statement types")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

# The statement's "said on" interval (issue 6, in quotes.extra). Where a statement sits: its
# start; an on-or-before statement (open start) at its bound, the publication day (also when
# nothing is stored) — docs/timeline.md.
SAID_START = ("COALESCE(json_extract(q.extra, '$.said_on.start'), json_extract(q.extra, '$.said_on.end'),"
              " q.published)")
SAID_END = ("COALESCE(json_extract(q.extra, '$.said_on.end'), json_extract(q.extra, '$.said_on.start'),"
            " q.published)")


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Quotes matching every field that is set (None: any)."""

    speaker: str | None = None  # a store speaker id, link/'s canonical id, a name or an alias
    search: str | None = None  # full-text search over the content (store/search.py syntax)
    outlet: str | None = None  # case ignored
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None
    kind: str | None = None  # direct | indirect | mixed
    type: str | None = DEFAULT_TYPE  # speech | belief | finding | headline; None: every type
    min_confidence: float | None = None
    doc_id: str | None = None
    # Words of whom a statement was said to ("TASS", "reporters") and of the occasion it was
    # said at ("briefing", "press conference"), as the article writes them; case ignored.
    to: str | None = None
    at: str | None = None
    # Which date since/until bound: the publication, or the interval the statement was said in
    # (the timeline keeps a statement whose interval overlaps the range).
    dates: Literal["published", "said_on"] = "published"


def statement_type(value: str | None, label: str = "--type") -> str | None:
    """A user's type option: empty means the default (speech), 'all' means every type."""
    if value is None or not value.strip():
        return DEFAULT_TYPE
    value = value.strip().lower()
    if value == ALL_TYPES:
        return None
    if value not in STATEMENT_TYPES:
        raise QueryError(f"{label} must be one of {', '.join((*STATEMENT_TYPES, ALL_TYPES))}, got {value!r}")
    return value


def type_option(statement_type_: str | None) -> str:
    """The option value that selects ``statement_type_`` (None -> 'all')."""
    return statement_type_ or ALL_TYPES


def date_bound(value: str, label: str, upper: bool) -> str:
    """'2024' / '2024-02' / '2024-02-07' -> a YYYY-MM-DD bound (inclusive)."""
    match = _DATE.match(value.strip())
    if not match:
        raise QueryError(f"{label} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise QueryError(f"{label} {value!r} is not a valid date: {exc}") from None
    if day:
        return f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-{'31' if upper else '01'}"
    return f"{year}-{'12-31' if upper else '01-01'}"


def date_bounds(since: str | None, until: str | None, prefix: str = "--") -> tuple[str | None, str | None]:
    """since/until as inclusive YYYY-MM-DD bounds; QueryError names a malformed or crossed pair."""
    low = date_bound(since, f"{prefix}since", upper=False) if since else None
    high = date_bound(until, f"{prefix}until", upper=True) if until else None
    if low and high and low > high:
        raise QueryError(f"{prefix}since {since} is after {prefix}until {until}")
    return low, high


def resolve_speakers(conn: sqlite3.Connection, name: str, prefix: str = "--") -> list[str]:
    """Store speaker ids whose name or an alias matches ``name``.

    An exact alias (case, accents and punctuation ignored) wins; otherwise every
    speaker with an alias containing all the words ("Zakharova" finds "Maria Zakharova").
    """
    key = name_key(name)
    if not key:
        raise QueryError(f"{prefix}speaker {name!r} has no letters or digits to match")
    exact = [r[0] for r in conn.execute("SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ?", (key,))]
    if exact:
        return exact
    expression = " ".join('"' + word + '"' for word in key.split())
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT a.speaker_id FROM speaker_aliases_fts f JOIN speaker_aliases a ON a.pk = f.rowid"
        " WHERE speaker_aliases_fts MATCH ? LIMIT 1000", (expression,))]


def resolve_outlets(conn: sqlite3.Connection, outlet: str) -> list[str]:
    """Stored outlet names equal to ``outlet`` ignoring case (outlets are few: an index scan)."""
    wanted = outlet.strip().casefold()
    return [r[0] for r in conn.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
            if r[0].casefold() == wanted]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A filter as SQL over ``quotes q``. The store speakers are kept apart from ``where``:
    a newest-first list over several speakers walks each one's index instead."""

    where: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()
    expression: str | None = None  # FTS5 MATCH expression of the search
    speaker_ids: tuple[str, ...] | None = None
    canonical: bool = False  # the speaker is link/'s canonical one (its condition is in ``where``)
    empty: bool = False  # some filter matches nothing

    @property
    def has_speaker(self) -> bool:
        return self.speaker_ids is not None or self.canonical

    def all_where(self) -> tuple[list[str], list[Any]]:
        """Every condition but the search, the speakers included."""
        if self.speaker_ids is None:
            return list(self.where), list(self.params)
        return ([*self.where, f"q.speaker_id IN ({','.join('?' * len(self.speaker_ids))})"],
                [*self.params, *self.speaker_ids])

    def with_search_in(self) -> tuple[list[str], list[Any]]:
        """Every condition, the search as ``q.pk IN (its matches)`` (for callers with their own order)."""
        where, params = self.all_where()
        if self.expression is None:
            return where, params
        return [*where, "q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"], [*params, self.expression]


# A canonical speaker from link/: its quotes are the reports linked to it, found through
# link_reports' speaker index (a correlated EXISTS would test every quote in turn).
_CANONICAL_SQL = ("q.pk IN (SELECT lq.pk FROM link_reports r JOIN quotes lq ON lq.doc_id = r.doc_id"
                  " AND lq.id = r.quote_id WHERE r.speaker_id = ?)")
_EMPTY = Compiled(empty=True)


def compile_filter(conn: sqlite3.Connection, f: QuoteFilter, prefix: str = "--") -> Compiled:
    where: list[str] = []
    params: list[Any] = []
    if f.kind is not None:
        if f.kind not in QUOTE_KINDS:
            raise QueryError(f"{prefix}kind must be one of {', '.join(QUOTE_KINDS)}, got {f.kind!r}")
        where.append("q.kind = ?")
        params.append(f.kind)
    if f.type is not None and f.type not in STATEMENT_TYPES:
        raise QueryError(f"{prefix}type must be one of {', '.join((*STATEMENT_TYPES, ALL_TYPES))}, got {f.type!r}")
    low, high = date_bounds(f.since, f.until, prefix)
    if f.dates == "said_on":
        bounds = ((f"{SAID_END} >= ?", low), (f"{SAID_START} <= ?", high))
    else:
        bounds = (("q.published >= ?", low), ("q.published <= ?", high))
    for condition, value in bounds:
        if value:
            where.append(condition)
            params.append(value)
    if f.min_confidence is not None:
        if not 0.0 <= f.min_confidence <= 1.0:
            raise QueryError(f"{prefix}min-confidence must be between 0 and 1, got {f.min_confidence}")
        where.append("q.confidence >= ?")
        params.append(f.min_confidence)
    for column, words in (("json_extract(q.addressee, '$.text')", f.to), ("json_extract(q.extra, '$.venue.text')", f.at)):
        if words is not None and words.strip():
            # every word, anywhere in the phrase: "press conference" finds "a joint press conference"
            for word in words.lower().split():
                where.append(f"lower({column}) LIKE ? ESCAPE '\\'")
                params.append("%" + re.sub(r"([%_\\])", r"\\\1", word) + "%")
    expression = fts_expression(f.search) if f.search is not None else None
    narrow = False  # a speaker, outlet or document: its own index leads, the type is checked row by row
    if f.outlet is not None:
        outlets = resolve_outlets(conn, f.outlet)
        if not outlets:
            return _EMPTY
        where.append(f"q.outlet IN ({','.join('?' * len(outlets))})")
        params.extend(outlets)
        narrow = True
    if f.doc_id is not None:
        where.append("q.doc_id = ?")
        params.append(f.doc_id)
        narrow = True
    speaker_ids: tuple[str, ...] | None = None
    canonical = False
    if f.speaker is not None:
        narrow = True
        if canonical_speaker_exists(conn, f.speaker):
            where.append(_CANONICAL_SQL)
            params.append(f.speaker)
            canonical = True
        elif conn.execute("SELECT 1 FROM speakers WHERE id = ?", (f.speaker,)).fetchone():
            speaker_ids = (f.speaker,)
        else:
            speaker_ids = tuple(resolve_speakers(conn, f.speaker, prefix))
            if not speaker_ids:
                return _EMPTY
    if f.type is not None:
        # The unary + keeps SQLite on the speaker's, outlet's or document's index: a type is
        # shared by most quotes, so (type, published) would walk all of them in date order.
        where.append("+q.type = ?" if narrow else "q.type = ?")
        params.append(f.type)
    return Compiled(tuple(where), tuple(params), expression, speaker_ids, canonical)
