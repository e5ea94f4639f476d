"""Which body statement a headline statement summarises.

A headline ("Russian MP speaks in defence of ...", "Minister: crossings stay closed")
reports a statement the article then gives in full. The headline quote keeps its own
record (type ``headline``) and names the body statement in ``extra["summarises"]``,
so readers and counts can take the two as one statement.

The body statement is the one by the same speaker whose content shares the most
words with the headline's, earliest first (ledes come first); with no speaker on
either side, only a clear overlap of words links them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...records import Quote

WORD = re.compile(r"[^\W\d_]{3,}")
# Share of the headline's content words found in a body statement without a shared
# speaker: a headline paraphrases, so half its words is a clear match (written for
# headlines; on the samples every headline with a body statement clears it).
MIN_SHARED_WORDS = 0.5


def _words(q: Quote) -> set[str]:
    return {w.lower() for span in q.contents for w in WORD.findall(span.text)}


def _same_speaker(a: Quote, b: Quote) -> bool:
    return a.speaker is not None and b.speaker is not None and a.speaker.id == b.speaker.id


def link_headlines(quotes: list[Quote]) -> list[Quote]:
    """The quotes, each headline quote with ``extra["summarises"]`` = the id of the body
    statement it summarises when there is one."""
    body = [q for q in quotes if q.type != "headline"]
    body_words = [_words(b) for b in body]
    out = []
    for q in quotes:
        if q.type != "headline" or not body:
            out.append(q)
            continue
        words = _words(q)

        def shared(k: int) -> float:
            return len(words & body_words[k]) / len(words) if words else 0.0

        def rank(k: int) -> tuple[float, int]:
            return shared(k), -body[k].contents[0].start

        same = [k for k, b in enumerate(body) if _same_speaker(q, b)]
        k = max(same or range(len(body)), key=rank)
        best = body[k] if same or shared(k) >= MIN_SHARED_WORDS else None
        out.append(q if best is None else replace(q, extra={**q.extra, "summarises": best.id}))
    return out
