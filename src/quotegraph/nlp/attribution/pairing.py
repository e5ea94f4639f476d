"""Naive pairing of tagged spans into quotes: each content with the nearest cue and source.

This is the baseline that lets the tagger be scored alone (``quotegraph
tagger-eval``); the rule-based extractor does its own, syntax-aware pairing.
A content span takes the nearest cue in its own or an adjacent sentence;
content spans that took the same cue form one quote (a quote split around its
attribution); the quote's source is the source span nearest to that cue, again
within the same or an adjacent sentence.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Sequence

from ...quotation_marks import QUOTE_MARKS_NOT_STRAIGHT
from .tagger import TaggedSpan

# A sentence ends at . ! ? (and any closing quotes/brackets after it) before
# whitespace and an upper-case letter, digit or opening quote; every line break
# also ends one.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])|\n+")
# no straight apostrophe: "O'Brien" is no quotation part
QUOTE_MARKS = QUOTE_MARKS_NOT_STRAIGHT
_EDGE = " \t\n,.;:!?—–-()[]"


# Titles and initials whose period does not end a sentence ("Mr. Trump", "U.S. officials").
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|Jr|Sr|Rev|Hon|Pres"
                           r"|Ft|Mt|vs|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|\b[A-Z]|\.[A-Z])$")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (regex splitter, no model)."""
    out = [0]
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == "." and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue
        out.append(m.end())
    return out


def _sentence_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def quote_kind(text: str, contents: Sequence[TaggedSpan]) -> str:
    """direct: every content part is wholly inside quotation marks; mixed: some marks; else indirect."""
    parts = [text[c.start:c.end].strip(_EDGE) for c in contents]
    if all(p and p[0] in QUOTE_MARKS and p[-1] in QUOTE_MARKS for p in parts):
        return "direct"
    if any(ch in QUOTE_MARKS for p in parts for ch in p):
        return "mixed"
    return "indirect"


def _nearest(target: TaggedSpan, candidates: Sequence[TaggedSpan], starts: list[int],
             lo_sent: int, hi_sent: int) -> int | None:
    best: tuple[int, int, int] | None = None
    for i, c in enumerate(candidates):
        s = _sentence_of(starts, c.start)
        if s < lo_sent - 1 or s > hi_sent + 1:
            continue
        # nearest first; on a tie prefer the candidate after the target ("X, she said")
        key = (_gap(target, c), 0 if c.start >= target.end else 1, i)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


# Distance multiplier for a cue that follows its content ("..., she said") against
# one that precedes it ("said that ..."). Tuned by pairing the GOLD spans of PolNeAR
# train: attribution F1 0.864 at 1.0, 0.868 at 1.5, 0.874 at 5.0, 0.874 at 10, 0.869 at 30.
AFTER_CUE_WEIGHT = 5.0
# A cue in another sentence than the content costs this many characters more, so a
# content takes a cue of its own sentence first ("“A,” she said. “B,” he added":
# B goes with "added"); a split quote's second part, with no cue of its own, still
# joins the previous sentence's cue. Tuned by pairing the GOLD spans of PolNeAR
# train: attribution F1 0.876 at 0, 0.895 at 400 (flat above ~150). With the run4
# tagger's spans on dev: quotes F1 0.737 -> 0.743, attribution 0.582 -> 0.600.
CROSS_SENTENCE_COST = 400.0


def _assign_contents(contents: Sequence[TaggedSpan], cues: Sequence[TaggedSpan],
                     starts: list[int]) -> dict[Any, list[TaggedSpan]]:
    """Content spans grouped by cue: nearest pairs first, each cue taking at most one
    content on each side (a quote split around its attribution has one before and one
    after); a content left without a cue forms a group of its own."""
    pairs = []
    for i, c in enumerate(contents):
        lo, hi = _sentence_of(starts, c.start), _sentence_of(starts, max(c.start, c.end - 1))
        for k, q in enumerate(cues):
            s = _sentence_of(starts, q.start)
            if lo - 1 <= s <= hi + 1:
                after = q.start >= c.end
                cost = _gap(c, q) * (AFTER_CUE_WEIGHT if after else 1.0)
                if not lo <= s <= hi:
                    cost += CROSS_SENTENCE_COST
                pairs.append((cost, i, k, after))
    taken: dict[int, Any] = {}
    slots: set[tuple[int, bool]] = set()
    for _, i, k, after in sorted(pairs):
        if i in taken or (k, after) in slots:
            continue
        taken[i] = k
        slots.add((k, after))
    groups: dict[Any, list[TaggedSpan]] = {}
    for i, c in enumerate(contents):
        groups.setdefault(taken.get(i, ("alone", c.start)), []).append(c)
    return groups


def _split_groups(text: str, groups: dict[Any, list[TaggedSpan]]) -> list[tuple[Any, list[TaggedSpan]]]:
    """(cue key, contents) per quote. Two contents on one cue are one quote split
    around its attribution only when both are quotations ("“A,” she said. “B”");
    otherwise they are two statements sharing the cue ("encouraged" with a content
    on each side). PolNeAR dev, tagger alone (run4): 116 of 446 grouped pairs joined
    two gold quotes; splitting the unquoted ones: quotes recall 0.760 -> 0.807,
    precision 0.726 -> 0.676 (junk halves such as "But"; the statement filter drops them)."""
    out: list[tuple[Any, list[TaggedSpan]]] = []
    for key, parts in groups.items():
        if len(parts) > 1 and not all(_quoted(text, p) for p in parts):
            out.extend((key, [p]) for p in parts)
        else:
            out.append((key, parts))
    return out


def _quoted(text: str, span: TaggedSpan) -> bool:
    part = text[span.start:span.end].strip(_EDGE)
    return bool(part) and part[0] in QUOTE_MARKS



def _span_dict(text: str, s: TaggedSpan) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": text[s.start:s.end]}


def naive_pairing(text: str, spans: Sequence[TaggedSpan], split_unquoted_pairs: bool = False) -> list[dict[str, Any]]:
    """Quotes (DESIGN.md ``quote`` dicts, without speaker) from CONTENT/CUE/SOURCE spans."""
    starts = sentence_starts(text)
    contents = sorted((s for s in spans if s.label == "CONTENT"), key=lambda s: s.start)
    cues = sorted((s for s in spans if s.label == "CUE"), key=lambda s: s.start)
    sources = sorted((s for s in spans if s.label == "SOURCE"), key=lambda s: s.start)
    groups = _assign_contents(contents, cues, starts)
    # each source goes to the cue nearest to it, so a quote without its own
    # source does not borrow the source of the neighbouring quote
    source_of_cue: dict[int, list[TaggedSpan]] = {}
    for src in sources:
        sent = _sentence_of(starts, src.start)
        k = _nearest(src, cues, starts, sent, _sentence_of(starts, max(src.start, src.end - 1)))
        if k is not None:
            source_of_cue.setdefault(k, []).append(src)
    quotes = []
    for key, parts in (_split_groups(text, groups) if split_unquoted_pairs else groups.items()):
        cue = cues[key] if isinstance(key, int) else None
        if cue is not None:
            found = source_of_cue.get(key, [])
        else:
            sent = _sentence_of(starts, parts[0].start)
            j = _nearest(parts[0], sources, starts, sent, sent)
            found = [sources[j]] if j is not None else []
        # several sources on one cue: the nearest (PolNeAR has 9 two-source quotes in 19,832)
        source = min(found, key=lambda s: _gap(s, cue)) if found and cue else (found[0] if found else None)
        members = parts + [s for s in (cue, source) if s is not None]
        quotes.append({
            "id": f"t{len(quotes) + 1}",
            "kind": quote_kind(text, parts),
            "contents": [_span_dict(text, p) for p in parts],
            "cue": _span_dict(text, cue) if cue else None,
            "sources": [_span_dict(text, source)] if source else [],
            "speaker": None,
            "addressee": None,
            "confidence": round(min(m.score for m in members), 4),
        })
    quotes.sort(key=lambda q: q["contents"][0]["start"])
    for i, q in enumerate(quotes):
        q["id"] = f"t{i + 1}"
    return quotes
