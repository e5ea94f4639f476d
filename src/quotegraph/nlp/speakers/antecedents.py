"""Antecedent choices for a pronoun source that need only the parse: pure functions over the
parsed document and the resolver's mentions (coref.py decides when to ask them)."""
from __future__ import annotations

from spacy.tokens import Doc

from .clusters import Mention

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def clause_mate_subject(sdoc: Doc, cands: list[Mention], quoted: list[tuple[int, int]],
                        pos: int) -> Mention | None:
    """The nearest subject of a clause that governs the pronoun source's clause ("Apple uses
    AAC, which it says helps thwart piracy": Apple; "The firm cut jobs and it said": the firm).
    A reader binds the pronoun to the subject of the clause it hangs from, however salient a
    name of an earlier sentence was, and an object or modifier named between ("AAC",
    "Microsoft's WMA format") is not the one who speaks. A subject inside what the pronoun's
    verb reports ("And Tony Blair would be in the front line, he said") is someone spoken of."""
    at = sdoc.char_span(pos, pos + 1, alignment_mode="expand")
    if at is None:
        return None
    verb = at[0].head
    mates = []
    for m in cands:
        if m.start < at[0].sent.start_char or any(a <= m.start and m.end <= b for a, b in quoted):
            continue
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in SUBJECT_DEPS or verb.is_ancestor(span.root):
            continue
        if span.root.head.is_ancestor(verb):
            mates.append(m)
    return max(mates, key=lambda m: m.end) if mates else None
