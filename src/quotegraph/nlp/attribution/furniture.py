"""Keep page furniture out of body statements (issue 17): a headline, standfirst,
caption, byline, dateline, related-article block or subhead is never the content
or the speaker of a statement made in the body.

* A statement wholly inside the headline line is a headline statement and stays
  (the headline rule, or the tagger reading "Russian MP speaks in defence of ...").
* Otherwise its content pieces lose what lies in furniture; no content left, no
  statement. A cue in furniture is no cue of the body.
* A speaker noun phrase running into furniture keeps the part outside it nearest
  the cue ("BRANDOVER, June 4 (Harbour Post) - The head of the union, Jane Roe,
  said": the dateline's city is no speaker); none left, no statement.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..spacy_model import doc_text
from .rules import Attribution, _trim
from .sources import PUNCT_EDGES

Spans = list[tuple[int, int]]


def outside(start: int, end: int, zones: Spans) -> Spans:
    """The pieces of [start, end) outside every zone (zones sorted by start)."""
    pieces, pos = [], start
    for a, b in zones:
        if b <= pos or a >= end:
            continue
        if a > pos:
            pieces.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _within(span: tuple[int, int], zone: tuple[int, int] | None) -> bool:
    return zone is not None and zone[0] <= span[0] and span[1] <= zone[1]


def keep_furniture_out(sdoc: Doc, atts: list[Attribution], furniture: Spans,
                       headline: tuple[int, int] | None) -> list[Attribution]:
    zones = sorted(furniture + ([headline] if headline else []))
    if not zones:
        return atts
    out = []
    for att in atts:
        if att.rule == "headline" or all(_within(s, headline) for s in att.contents):
            out.append(att)  # a headline statement: typed apart, never merged into the body
            continue
        kept = _body_part(sdoc, att, zones)
        if kept is not None:
            out.append(kept)
    return out


def _body_part(sdoc: Doc, att: Attribution, zones: Spans) -> Attribution | None:
    text = doc_text(sdoc)
    if att.cue is not None and not outside(*att.cue, zones):
        return None
    contents = [p for s, e in att.contents for p in (_trim(text, a, b) for a, b in outside(s, e, zones))
                if p[1] - p[0] >= 2]
    if not contents:
        return None
    source, source_token = att.source, att.source_token
    if source is not None and outside(*source, zones) != [source]:
        source, source_token = _speaker_outside(sdoc, source, zones, att.cue)
        if source is None:
            return None
    if contents == att.contents and source == att.source:
        return att
    return replace(att, contents=contents, source=source, source_token=source_token)


def _speaker_outside(sdoc: Doc, source: tuple[int, int], zones: Spans,
                     cue: tuple[int, int] | None) -> tuple[tuple[int, int] | None, int | None]:
    """The part of a speaker span outside furniture nearest the cue, headed anew."""
    text = doc_text(sdoc)
    pieces = []
    for a, b in outside(*source, zones):
        while a < b and text[a] in PUNCT_EDGES:
            a += 1
        while b > a and text[b - 1] in PUNCT_EDGES:
            b -= 1
        span = sdoc.char_span(a, b, alignment_mode="contract") if b > a else None
        if span is not None and any(t.is_alpha for t in span):
            pieces.append(((span.start_char, span.end_char), span.root.i))
    if not pieces:
        return None, None
    anchor = cue[0] if cue is not None else source[1]
    return min(pieces, key=lambda p: abs(anchor - (p[0][1] if p[0][1] <= anchor else p[0][0])))
