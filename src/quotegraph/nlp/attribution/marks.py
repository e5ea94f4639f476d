"""Find quoted passages by their quotation marks (no linguistics, pure text scan).

Handles “ ” " ' ‘ ’ « » „ “, nested quotes (only the outermost pair is a
passage), apostrophes (don’t, Baku’s) versus single quotes, and quotations
that run over several paragraphs where a paragraph has no closing mark and the
next one opens again (the newspaper convention).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...quotation_marks import QUOTE_MARKS  # noqa: F401  (re-exported: the finder's marks)

DOUBLE_OPENERS = {"“": "”", "„": "“”", "«": "»", '"': '"'}
DOUBLE_CLOSERS = set("”»\"“")
SINGLE_OPENERS = {"‘": "’'", "'": "'’"}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[“„«\"‘])")
# A single quotation longer than this is far more likely a run of apostrophes.
MAX_SINGLE_QUOTE_CHARS = 400


@dataclass(slots=True)
class QuotedPassage:
    """One quotation: one or more (start, end) pieces, marks included.

    Several pieces when the quotation runs over several paragraphs.
    """

    pieces: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of paragraphs: separated by blank lines or by a line break."""
    end = len(text) if end is None else end
    out, pos = [], start
    for m in re.finditer(r"\n+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if text[pos:a].strip():
            out.append((pos, a))
        pos = b
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _double_quotes_in_paragraph(text: str, a: int, b: int) -> tuple[list[tuple[int, int, bool, bool]], int]:
    """Outermost double-quoted passages in text[a:b] as (start, end, closed,
    continues): ``continues`` when the piece re-opens the quotation before it (see
    REOPENED); and the position of a closing mark met before any opening one (-1 if
    none): the end of a quotation opened in an earlier paragraph."""
    out: list[tuple[int, int, bool, bool]] = []
    orphan_close = -1
    open_at, closers, depth, continues = -1, "", 0, False
    for i in range(a, b):
        ch = text[i]
        if open_at >= 0 and ch in "\"“" and _looks_like_opener(text, i, a, b):
            if ch == closers or (ch == "“" and closers == "”"):
                if not depth and REOPENED.search(text, max(a, i - 4), i):
                    # '... was wasted. "What ...': a new paragraph of the same quotation
                    out.append((open_at, _trim_end(text, open_at, i), False, continues))
                    open_at, continues = i, True
                    continue
                depth += 1  # a nested quotation written with the same marks
                continue
        if open_at < 0:
            if ch in "”»" and not out and orphan_close < 0:
                orphan_close = i
                continue
            if ch in DOUBLE_OPENERS:
                if ch == '"' and (i + 1 >= b or text[i + 1].isspace()) and i > a and not text[i - 1].isspace():
                    if not out and orphan_close < 0:
                        orphan_close = i
                    continue  # a closing straight quote with no opener here
                if ch == "“" and i > a and _is_word_char(text[i - 1]) and (i + 1 >= b or not _is_word_char(text[i + 1])):
                    continue  # a closing mark written as “ by some outlets
                open_at, closers = i, DOUBLE_OPENERS[ch]
        elif ch in closers or (ch in DOUBLE_CLOSERS and ch != "“" and closers != "»"):
            if depth:
                depth -= 1
                continue
            out.append((open_at, i + 1, True, continues))
            open_at, continues = -1, False
    if open_at >= 0:
        out.append((open_at, b, False, continues))
    return out, orphan_close


# A mark that opens a quotation after a sentence end inside an open quotation
# re-opens it: BBC scrapes lost the paragraph break between two paragraphs of one
# quotation ('... your vote was wasted. "What people needed ...'), where the
# first paragraph, by the newspaper convention, has no closing mark.
REOPENED = re.compile(r"(?:[.!?][\"”’']?|['’][.!?])\s+$")


def _looks_like_opener(text: str, i: int, a: int, b: int) -> bool:
    prev = text[i - 1] if i > a else " "
    nxt = text[i + 1] if i + 1 < b else " "
    return (prev.isspace() or prev in "([—–-") and _is_word_char(nxt)


def _single_quotes(text: str, a: int, b: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Single-quoted passages outside the double-quoted ones, apostrophes skipped."""
    out: list[tuple[int, int, bool]] = []
    i = a
    while i < b:
        ch = text[i]
        if ch not in SINGLE_OPENERS:  # most characters: nothing to test (speed: PolNeAR dev, 0.5 s of 12)
            i += 1
            continue
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        inside = any(s <= i < e for s, e in taken)
        if not inside and not _is_word_char(prev) and (_is_word_char(nxt) or nxt in "“\"$"):
            closers = SINGLE_OPENERS[ch]
            j = i + 1
            found = -1
            while j < min(b, i + MAX_SINGLE_QUOTE_CHARS):
                cj = text[j]
                after = text[j + 1] if j + 1 < b else " "
                if cj in closers and not text[j - 1].isspace() and not _is_word_char(after):
                    found = j
                    break
                j += 1
            if found > 0:
                out.append((i, found + 1, True))
                i = found + 1
                continue
        i += 1
    return out


# How many unmarked paragraphs an unclosed quotation may run over before its
# closing mark (seed 003 needs 2; PolNeAR train has none longer than 3).
MAX_OPEN_PARAGRAPHS = 4


def find_quoted_passages(text: str, regions: list[tuple[int, int]] | None = None) -> list[QuotedPassage]:
    """All quotations in the given regions (whole text if None), in text order."""
    regions = regions or [(0, len(text))]
    original = text
    # Two apostrophes are a double quotation mark in some archives (''like
    # this''): scan a same-length copy where they read as one.
    if "''" in text:
        text = text.replace("''", '"\x02')
    passages: list[QuotedPassage] = []
    for ra, rb in regions:
        pending: QuotedPassage | None = None  # an unclosed multi-paragraph quotation
        tentative: list[tuple[int, int]] = []  # unmarked paragraphs that may belong to it
        for pa, pb in paragraphs(text, ra, rb):
            lead = pa
            while lead < pb and text[lead].isspace():
                lead += 1
            doubles, orphan_close = _double_quotes_in_paragraph(text, pa, pb)
            if pending is not None:
                if doubles and doubles[0][0] == lead and orphan_close < 0 and text[lead] == text[pending.start]:
                    # Continuation: this paragraph re-opens the same quotation (with the
                    # same mark: a stray '"' before a paragraph is no opener of the “ after it).
                    s, e, closed, _ = doubles.pop(0)
                    pending.pieces.extend(tentative)
                    tentative = []
                    pending.pieces.append((s, e))
                    pending.closed = closed
                    if closed:
                        passages.append(pending)
                        pending = None
                    while pending is not None and doubles and doubles[0][3]:
                        s, e, closed, _ = doubles.pop(0)
                        pending.pieces.append((s, _trim_end(text, s, e)))
                        pending.closed = closed
                        if closed:
                            passages.append(pending)
                            pending = None
                elif orphan_close >= 0:
                    # The closing mark of the quotation opened paragraphs ago.
                    pending.pieces.extend(tentative)
                    pending.pieces.append((pa, orphan_close + 1))
                    pending.closed = True
                    passages.append(pending)
                    pending, tentative = None, []
                elif not doubles and len(tentative) < MAX_OPEN_PARAGRAPHS:
                    tentative.append((pa, _trim_end(text, pa, pb)))
                else:
                    passages.append(pending)
                    pending, tentative = None, []
            last: QuotedPassage | None = None
            for s, e, closed, continues in doubles:
                if continues and last is not None:
                    last.pieces.append((s, _trim_end(text, s, e)))
                    last.closed = closed
                    pending = None if closed else last
                    if closed:
                        passages.append(last)
                    continue
                if pending is not None:
                    passages.append(pending)
                    pending, tentative = None, []
                last = QuotedPassage([(s, _trim_end(text, s, e))], closed)
                if closed:
                    passages.append(last)
                else:
                    pending = last
            singles = _single_quotes(text, pa, pb, [(s, e) for s, e, _, _ in doubles])
            passages.extend(QuotedPassage([(s, e)], True) for s, e, _ in singles)
        if pending is not None:
            passages.append(pending)
    passages.sort(key=lambda q: q.start)
    if text is not original:
        for q in passages:
            q.pieces = [(a, b + 1 if original[b - 1:b + 1] == "''" else b) for a, b in q.pieces]
    return passages


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


WORD_RUN = re.compile(r"\w+")


def quote_mark_coverage(text: str, start: int, end: int, passages: list[QuotedPassage]) -> float:
    """Share of the word characters in [start, end) that lie inside quotation marks."""
    words = [m.start() for m in WORD_RUN.finditer(text, start, end)]
    if not words:
        return 0.0
    pieces = [(a, b) for q in passages for a, b in q.pieces if a < end and b > start]
    inside = sum(1 for p in words if any(a <= p < b for a, b in pieces))
    return inside / len(words)


NESTED_DOUBLE = re.compile("[\"“”]")


def nested_quotes_as_single(text: str, regions: list[tuple[int, int]] | None = None) -> str:
    """``text`` (same length) with the double marks of quotations nested inside a
    quotation written as single ones (‘ ’), the convention for a quotation inside
    a quotation: '"... a special "reintegration" plan. ..."' reads as one quotation
    to a reader (the tagger) who takes every '"' for the end of one. Only passages
    whose inner marks pair up as short phrases inside a sentence are rewritten: a
    mark after a sentence end ('... for fun. "Internet piracy ...') re-opens the
    same quotation (paragraph breaks lost in a scrape), it nests nothing."""
    chars: list[str] | None = None
    for q in find_quoted_passages(text, regions):
        for a, b in q.pieces:
            inner = [m.start() for m in NESTED_DOUBLE.finditer(text, a + 1, b - 1)]
            if not inner or not well_nested(text, a, b):
                continue
            chars = chars if chars is not None else list(text)
            for k, pos in enumerate(inner):
                chars[pos] = "‘" if k % 2 == 0 else "’"
    return text if chars is None else "".join(chars)


SENTENCE_BEFORE = re.compile(r"[.!?:;][\"”’']?\s*$")


def well_nested(text: str, start: int, end: int) -> bool:
    """The double marks inside the quotation text[start:end] (its own marks excluded)
    pair up as nested phrases, or there are none: one quotation, read whole."""
    inner = [m.start() for m in NESTED_DOUBLE.finditer(text, start + 1, end - 1)]
    return len(inner) % 2 == 0 and all(_nested_phrase(text, inner[k], inner[k + 1])
                                       for k in range(0, len(inner), 2))


def _nested_phrase(text: str, opening: int, closing: int) -> bool:
    """An inner quotation: opened mid-sentence and closed before any sentence end."""
    return not SENTENCE_BEFORE.search(text, max(0, opening - 4), opening) \
        and not re.search(r"[.!?]\s", text[opening:closing])
