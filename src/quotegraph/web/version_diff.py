"""Word-level differences between two reports of one statement (difflib).

Outlets translate and trim the same statement differently; the statement page
shows each report against the first one, with the words it adds and the words
of the first report it lacks marked. Pure functions, no HTML: templates escape.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

# Words and the whitespace/punctuation between them both become tokens, so
# joining the tokens gives back the text exactly.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

Op = Literal["same", "added", "missing"]


@dataclass(frozen=True, slots=True)
class Piece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _key(token: str) -> str:
    # Compare case- and quote-style-insensitively: “ vs " is not a difference of wording.
    t = token.lower()
    return {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}.get(t, t)


def diff_words(reference: str, version: str) -> list[Piece]:
    """Pieces that rebuild ``version``, plus the reference's words it lacks marked missing."""
    ref, ver = tokens(reference), tokens(version)
    matcher = difflib.SequenceMatcher(None, [_key(t) for t in ref], [_key(t) for t in ver], autojunk=False)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(ver[j1:j2])))
            continue
        gone = "".join(ref[i1:i2])
        new = "".join(ver[j1:j2])
        if gone.strip():
            pieces.append(Piece("missing", gone))
        if new:
            pieces.append(Piece("added" if new.strip() else "same", new))
    return _merge(pieces)


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for p in pieces:
        if merged and merged[-1].op == p.op:
            merged[-1] = Piece(p.op, merged[-1].text + p.text)
        else:
            merged.append(p)
    return merged


def similarity(reference: str, version: str) -> float:
    """Share of matching word tokens, 0..1, shown next to each version."""
    ref = [_key(t) for t in tokens(reference) if t.strip()]
    ver = [_key(t) for t in tokens(version) if t.strip()]
    if not ref and not ver:
        return 1.0
    return difflib.SequenceMatcher(None, ref, ver, autojunk=False).ratio()
