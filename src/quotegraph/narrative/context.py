"""What every narrative analysis starts from: the speech quotes and each speaker's group."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..link.corrections import default_path, load
from ..store import narrative as store
from .actors import group_for


@dataclass
class Corpus:
    quotes: list[store.QuoteRow]
    groups: dict[str, str]   # speaker name -> group


def load_corpus(conn: sqlite3.Connection, db_path: Path, types: tuple[str, ...] = ("speech",),
                aliases: Path | None = None) -> Corpus:
    quotes = store.speech_quotes(conn, types)
    overrides = load(aliases or default_path(db_path)).groups
    roles = store.speaker_roles(conn)
    kinds = store.speaker_types(conn)
    groups: dict[str, str] = {}
    for q in quotes:
        if q.speaker and q.speaker not in groups:
            speaker_roles = roles.get(q.speaker_id or "", []) + ([q.role] if q.role else [])
            groups[q.speaker] = group_for(q.speaker, kinds.get(q.speaker_id), speaker_roles, overrides)
    return Corpus(quotes, groups)
