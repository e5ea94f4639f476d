"""A user-written speaker name -> link/'s canonical speakers (the CLI's --speaker for linked listings)."""
from __future__ import annotations

import sqlite3

from ..store import linked
from ..store.links import canonical_speaker_exists, has_run
from ..names import alias_key, parse_person


def find_speaker_ids(conn: sqlite3.Connection, name: str) -> set[str]:
    """Canonical ids a user-written name refers to: an id, an alias, or any spelling of one."""
    if not has_run(conn):
        return set()
    if canonical_speaker_exists(conn, name):
        return {name}
    ids = linked.ids_by_alias_key(conn, alias_key(name))
    if ids:
        return ids
    person = parse_person(name)
    if person is None:
        return set()
    out = set()
    for sid in linked.ids_mentioned_in_block(conn, "P:" + person.surname):
        parsed = [p for p in map(parse_person, linked.aliases_of(conn, sid)) if p]
        if not person.has_given or any(p.given[:1] == person.given[:1] for p in parsed if p.has_given):
            out.add(sid)
    return out
