"""Alert state: which stored quotes each rule matched (each match once) and which
sinks each match was delivered to (so a restart re-sends only what was not)."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .fetchlog import now
from ..names import name_key
from .schema import migrate_component
from .search import fts_expression

ALERTS_COMPONENT = "alerts"

_V1 = """
CREATE TABLE IF NOT EXISTS alert_matches (
    pk INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    matched_at TEXT NOT NULL,
    payload TEXT NOT NULL,                   -- the JSON sent to every sink
    UNIQUE (rule, doc_id, quote_id)
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
    match_pk INTEGER NOT NULL REFERENCES alert_matches(pk) ON DELETE CASCADE,
    sink TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (match_pk, sink)
);
CREATE TABLE IF NOT EXISTS alert_cursor (rule TEXT PRIMARY KEY, last_quote_pk INTEGER NOT NULL);
"""


def ensure_alert_tables(conn: sqlite3.Connection) -> None:
    migrate_component(conn, ALERTS_COMPONENT, (_V1,))


@dataclass(frozen=True)
class QuoteFilter:
    """What one rule asks of a quote; None means any."""

    speakers: tuple[str, ...] = ()
    search: str | None = None
    outlets: tuple[str, ...] = ()
    types: tuple[str, ...] = ("speech",)
    first_report: bool = False
    reaction_to: tuple[str, ...] = ()


def candidate_quotes(conn: sqlite3.Connection, rule: str, flt: QuoteFilter, limit: int = 10_000) -> list[sqlite3.Row]:
    """Quotes stored since the rule last looked that pass its filter (oldest first)."""
    after = conn.execute("SELECT last_quote_pk FROM alert_cursor WHERE rule = ?", (rule,)).fetchone()
    where, args = ["q.pk > ?"], [after[0] if after else 0]
    if flt.types:
        where.append(f"q.type IN ({','.join('?' * len(flt.types))})")
        args += flt.types
    if flt.outlets:
        where.append(f"lower(q.outlet) IN ({','.join('?' * len(flt.outlets))})")
        args += [o.lower() for o in flt.outlets]
    if flt.speakers:
        keys = [name_key(s) for s in flt.speakers]
        marks = ",".join("?" * len(keys))
        where.append(f"(q.speaker_id IN (SELECT speaker_id FROM speaker_aliases WHERE alias_key IN ({marks}))"
                     f" OR q.speaker_id IN (SELECT id FROM speakers WHERE id IN ({marks})))")
        args += keys + [k.replace(" ", "-") for k in keys]
    if flt.search:
        where.append("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(fts_expression(flt.search))
    if flt.first_report:
        # the first report of its statement: no earlier report of the same statement exists
        where.append("EXISTS (SELECT 1 FROM link_statements s JOIN link_reports r ON r.statement_id = s.id "
                     "WHERE r.doc_id = q.doc_id AND r.quote_id = q.id AND s.first_doc_id = q.doc_id "
                     "AND s.first_quote_id = q.id)")
    if flt.reaction_to:
        keys = [name_key(s) for s in flt.reaction_to]
        marks = ",".join("?" * len(keys))
        where.append("EXISTS (SELECT 1 FROM link_reactions x WHERE x.doc_id = q.doc_id "
                     "AND x.start <= q.content_end AND x.\"end\" >= q.content_start "
                     f"AND (x.to_speaker IN (SELECT speaker_id FROM speaker_aliases WHERE alias_key IN ({marks})) "
                     f"OR lower(x.to_name) IN ({marks})))")
        args += keys + [s.lower() for s in flt.reaction_to]
    sql = ("SELECT q.pk, q.doc_id, q.id, q.kind, q.type, q.content, q.speaker_id, q.speaker_name, q.outlet, "
           "q.published, d.url, d.title FROM quotes q JOIN documents d ON d.id = q.doc_id "
           f"WHERE {' AND '.join(where)} ORDER BY q.pk LIMIT ?")
    return conn.execute(sql, [*args, limit]).fetchall()


def advance_cursor(conn: sqlite3.Connection, rule: str) -> None:
    """Everything stored so far has been looked at by ``rule``."""
    top = conn.execute("SELECT COALESCE(MAX(pk), 0) FROM quotes").fetchone()[0]
    conn.execute("INSERT INTO alert_cursor(rule, last_quote_pk) VALUES (?, ?) "
                 "ON CONFLICT(rule) DO UPDATE SET last_quote_pk = max(last_quote_pk, excluded.last_quote_pk)",
                 (rule, top))


def record_match(conn: sqlite3.Connection, rule: str, doc_id: str, quote_id: str, payload: dict) -> int | None:
    """The match's key, or None when this rule already matched this quote."""
    cur = conn.execute("INSERT INTO alert_matches(rule, doc_id, quote_id, matched_at, payload) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(rule, doc_id, quote_id) DO NOTHING",
                       (rule, doc_id, quote_id, now(), json.dumps(payload, ensure_ascii=False)))
    return cur.lastrowid if cur.rowcount == 1 else None


def undelivered(conn: sqlite3.Connection, sink: str, rules: list[str]) -> list[tuple[int, dict]]:
    marks = ",".join("?" * len(rules))
    rows = conn.execute(
        f"SELECT m.pk, m.payload FROM alert_matches m WHERE m.rule IN ({marks}) AND NOT EXISTS "
        "(SELECT 1 FROM alert_deliveries d WHERE d.match_pk = m.pk AND d.sink = ?) ORDER BY m.pk",
        (*rules, sink)).fetchall()
    return [(r[0], json.loads(r[1])) for r in rows]


def mark_delivered(conn: sqlite3.Connection, match_pk: int, sink: str) -> None:
    conn.execute("INSERT INTO alert_deliveries(match_pk, sink, delivered_at) VALUES (?, ?, ?) "
                 "ON CONFLICT DO NOTHING", (match_pk, sink, now()))


def recent_matches(conn: sqlite3.Connection, limit: int = 100) -> list[dict]:
    rows = conn.execute("SELECT pk, rule, matched_at, payload FROM alert_matches ORDER BY pk DESC LIMIT ?",
                        (limit,)).fetchall()
    return [{"id": r[0], "rule": r[1], "matched_at": r[2], **json.loads(r[3])} for r in rows]
