"""Alert rules: which new statements someone wants to hear about, and where to.

Rules live in a YAML file::

    alerts:
      - name: halvari-on-crossings
        speaker: Teodor Halvari        # or a list; any spelling linking knows
        search: crossings OR border    # the quote search syntax of `quotegraph quotes --search`
        outlet: Meridian Wire          # or a list
        type: speech                   # speech (default) | belief | finding | headline | all
        first_report: true             # only the first report of a new statement
        reaction_to: Mara Velde        # only statements that react to this speaker
        to: [stdout, alerts.jsonl, "http://127.0.0.1:9000/hook"]

Each quote matches a rule once (kept in the store), and each match is delivered
once per sink: a delivery is recorded only after it succeeded, so a webhook that
was down gets the match on the next run, and a restart re-sends nothing else.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml

from ..fetch.policy import USER_AGENT
from ..records import STATEMENT_TYPES
from ..store import alerts as state
from ..store.search import QueryError, fts_expression

RULE_KEYS = {"name", "speaker", "search", "outlet", "type", "first_report", "reaction_to", "to"}


class RuleError(ValueError):
    """A rules file that cannot be used (file, rule and reason in the message)."""


@dataclass(frozen=True)
class Rule:
    name: str
    filter: state.QuoteFilter
    sinks: tuple[str, ...]


def _names(value, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise RuleError(f"{where}: '{key}' must be a name or a list of names")
    return tuple(v.strip() for v in values)


def load_rules(path: Path) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read alert rules: {exc}") from None
    items = (data or {}).get("alerts") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise RuleError(f"{path}: expected a top-level 'alerts:' list of rules")
    rules, names = [], set()
    for n, item in enumerate(items, 1):
        where = f"{path}: rule {n}"
        if not isinstance(item, dict):
            raise RuleError(f"{where}: a rule is a mapping of keys")
        unknown = set(item) - RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(RULE_KEYS))})")
        name = str(item.get("name") or f"rule-{n}")
        if name in names:
            raise RuleError(f"{where}: a second rule named {name!r}")
        names.add(name)
        kind = item.get("type", "speech")
        types = STATEMENT_TYPES if kind == "all" else _names(kind, where, "type")
        if set(types) - set(STATEMENT_TYPES):
            raise RuleError(f"{where}: type must be one of {', '.join(STATEMENT_TYPES)} or all")
        search = item.get("search")
        if search is not None:
            try:
                fts_expression(str(search))
            except QueryError as exc:
                raise RuleError(f"{where}: search: {exc}") from None
        sinks = _names(item.get("to", "stdout"), where, "to")
        flt = state.QuoteFilter(speakers=_names(item.get("speaker"), where, "speaker"),
                                search=str(search) if search is not None else None,
                                outlets=_names(item.get("outlet"), where, "outlet"), types=tuple(types),
                                first_report=bool(item.get("first_report", False)),
                                reaction_to=_names(item.get("reaction_to"), where, "reaction_to"))
        rules.append(Rule(name, flt, sinks))
    return rules


def _payload(rule: str, row: sqlite3.Row) -> dict:
    return {"rule": rule, "doc_id": row["doc_id"], "quote_id": row["id"], "speaker": row["speaker_name"],
            "speaker_id": row["speaker_id"], "type": row["type"], "kind": row["kind"], "content": row["content"],
            "outlet": row["outlet"], "published": row["published"], "url": row["url"], "title": row["title"]}


def run_alerts(conn: sqlite3.Connection, rules: list[Rule], *, timeout_s: float = 10.0) -> tuple[int, list[str]]:
    """Match new quotes against every rule, then deliver what each sink has not had.
    Returns (new matches, delivery errors)."""
    state.ensure_alert_tables(conn)
    new = 0
    for rule in rules:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for row in state.candidate_quotes(conn, rule.name, rule.filter):
                if state.record_match(conn, rule.name, row["doc_id"], row["id"], _payload(rule.name, row)):
                    new += 1
            state.advance_cursor(conn, rule.name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    errors: list[str] = []
    sinks = sorted({sink for rule in rules for sink in rule.sinks})
    for sink in sinks:
        names = [rule.name for rule in rules if sink in rule.sinks]
        for match_pk, payload in state.undelivered(conn, sink, names):
            try:
                _deliver(sink, {"id": match_pk, **payload}, timeout_s)
            except (OSError, httpx.HTTPError, _Refused) as exc:
                errors.append(f"alert sink {sink}: {exc}")
                break  # this sink is down: the rest waits for the next run, in order
            state.mark_delivered(conn, match_pk, sink)
    return new, errors


class _Refused(Exception):
    pass


def _deliver(sink: str, payload: dict, timeout_s: float) -> None:
    line = json.dumps(payload, ensure_ascii=False)
    if sink == "stdout":
        print(line, file=sys.stdout, flush=True)
    elif sink.startswith(("http://", "https://")):
        response = httpx.post(sink, content=line.encode("utf-8"), timeout=timeout_s,
                              headers={"Content-Type": "application/json", "User-Agent": USER_AGENT,
                                       "X-Quotegraph-Alert-Id": str(payload["id"])})
        if response.status_code >= 300:
            raise _Refused(f"HTTP {response.status_code}")
    else:
        with open(sink, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
