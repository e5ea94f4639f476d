"""The parse tokens of an attribution's cue and contents (its character spans, grown to
whole tokens), read by the non-statement, no-words and type decisions."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .rules import Attribution


def cue_tokens(sdoc: Doc, att: Attribution, cue: Token) -> list[Token]:
    """The words of the cue span ("gave no details", "was quoted as saying"); the cue's
    head word alone when the attribution has no cue span."""
    span = sdoc.char_span(*att.cue, alignment_mode="expand") if att.cue else None
    return list(span) if span is not None and len(span) else [cue]


def content_tokens(sdoc: Doc, att: Attribution) -> list[Token]:
    """Every token of every content span, in order."""
    return [t for s, e in att.contents for t in (sdoc.char_span(s, e, alignment_mode="expand") or [])]
