"""Echoes: near-identical wording by different actors within a time window.

Candidate pairs come from shared word shingles (datasketch's MinHash LSH over
each quote's 4-word shingles, so a million quotes are not compared pairwise);
a pair is an echo when the two quotes share a run of at least ``MIN_RUN`` words
(difflib's longest matching block on the word sequences) or are near-identical
as a whole, their speakers are different actors (not one speaker, not one
group), and the later one follows the earlier within ``window_days``. Echoes of
one phrase are gathered, earliest use first, every later use as evidence with
its offsets in its article.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from ..store.narrative import QuoteRow

WORD = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
SHINGLE = 4
# A shared run of 6 words is rarely chance in news statements ("closely aligned, and at
# times identical, narratives"); 4-5 word runs are mostly set phrases ("in the coming days").
MIN_RUN = 6
LSH_THRESHOLD = 0.1  # recall over precision: difflib confirms every candidate
NUM_PERM = 64


@dataclass
class Use:
    doc_id: str
    quote_id: str
    speaker: str
    group: str
    published: str | None
    outlet: str | None
    start: int  # the echoed words in the article's text
    end: int
    text: str


@dataclass
class Echo:
    phrase: str
    first: Use
    later: list[Use] = field(default_factory=list)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(text)]


def _minhash(words: list[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7)
    for i in range(max(1, len(words) - SHINGLE + 1)):
        m.update(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
    return m


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days)
    except (TypeError, ValueError):
        return None


JOINER = " … "  # how the store joins a quote's content spans (store/writer.py)


def _to_article(quote: QuoteRow, position: int) -> int:
    """An offset in the quote's joined content -> the offset in its article."""
    at = 0
    for span in json.loads(quote.contents or "[]"):
        length = span["end"] - span["start"]
        if position <= at + length:
            return span["start"] + (position - at)
        at += length + len(JOINER)
    return position


def find_echoes(quotes: list[QuoteRow], groups: dict[str, str], window_days: int = 60) -> list[Echo]:
    usable = [q for q in quotes if q.speaker and len(WORD.findall(q.content)) >= MIN_RUN]
    tokens = [_words(q.content) for q in usable]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    hashes = []
    for i, words in enumerate(tokens):
        m = _minhash([w for w, _, _ in words])
        hashes.append(m)
        lsh.insert(str(i), m)
    by_phrase: dict[str, Echo] = {}
    seen_pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(hashes):
        for key in lsh.query(m):
            j = int(key)
            a, b = sorted((i, j), key=lambda k: ((usable[k].published or ""), k))
            if a == b or (a, b) in seen_pairs:
                continue
            seen_pairs.add((a, b))
            qa, qb = usable[a], usable[b]
            ga, gb = groups.get(qa.speaker, qa.speaker), groups.get(qb.speaker, qb.speaker)
            if ga == gb or _same_actor(qa, qb):
                continue
            days = _days(qa.published, qb.published)
            if days is not None and days > window_days:
                continue
            wa, wb = [w for w, _, _ in tokens[a]], [w for w, _, _ in tokens[b]]
            block = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
            if block.size < MIN_RUN:
                continue
            phrase = " ".join(wa[block.a:block.a + block.size])
            use_a = _use(qa, ga, tokens[a], block.a, block.size)
            use_b = _use(qb, gb, tokens[b], block.b, block.size)
            echo = by_phrase.get(phrase)
            if echo is None:
                by_phrase[phrase] = Echo(phrase, use_a, [use_b])
            else:
                for use in (use_a, use_b):
                    if (use.doc_id, use.quote_id) not in {(u.doc_id, u.quote_id) for u in [echo.first, *echo.later]}:
                        echo.later.append(use)
    for echo in by_phrase.values():
        uses = sorted([echo.first, *echo.later], key=lambda u: (u.published or "9999", u.doc_id))
        echo.first, echo.later = uses[0], uses[1:]
    return sorted(by_phrase.values(), key=lambda e: (e.first.published or "9999", e.phrase))


# Two spellings of one name ("Makarian" / "Makaryan") that linking left apart are one actor,
# not an echo; 85 keeps "Teodor Halvari" apart from "Teodor Halvas" (rapidfuzz token ratio).
SAME_NAME = 85


def _same_actor(a: QuoteRow, b: QuoteRow) -> bool:
    """One speaker, or two reports of one statement (outlets quoting the same words)."""
    if a.speaker == b.speaker or (a.statement_id and a.statement_id == b.statement_id):
        return True
    return fuzz.token_sort_ratio(a.speaker or "", b.speaker or "") >= SAME_NAME


def _use(q: QuoteRow, group: str, words: list[tuple[str, int, int]], first: int, size: int) -> Use:
    start, end = words[first][1], words[first + size - 1][2]
    a, b = _to_article(q, start), _to_article(q, end)
    return Use(q.doc_id, q.quote_id, q.speaker or "", group, q.published, q.outlet, a, b, q.content[start:end])
