"""When a quotation does not continue the previous speaker's (rules.py, step d): a
sentence of the writer's own stands between. ``source``, ``cue`` and ``prev_end``: the
previous attribution's source span, cue span and content end; ``gap``: the text between it
and the quotation. Pure function of the parse."""
from __future__ import annotations

from spacy.tokens import Doc

from ..spacy_model import doc_text
from .cues import is_cue_verb, load_cue_lexicon


def inside_other_prose(sdoc: Doc, source: tuple[int, int] | None, cue: tuple[int, int] | None, prev_end: int,
                       gap: str) -> bool:
    """A quotation after a sentence of the writer's own in the same paragraph is no
    continuation of the one before: it opens mid-sentence ("... he said. Labour has
    committed itself to "universal" childcare": the words of the new sentence's subject),
    or a sentence between has someone else for its subject ("... Mirren read out his
    acceptance speech. "I'm honoured ..."": Foxx's words, not the previous speaker's)."""
    text = doc_text(sdoc)
    q_start = prev_end + len(gap)
    at = sdoc.char_span(q_start, q_start + 1, alignment_mode="expand")
    if at is None:
        return False
    sent = at[0].sent
    before = text[:q_start].rstrip()
    if sent.start_char > prev_end and any(ch.isalnum() for ch in text[sent.start_char:q_start]) \
            and before and before[-1] not in ".!?:;":
        return True  # opens mid-sentence (a sentence end right before it is a parser's missed split)
    speaker = set(text[source[0]:source[1]].split()) if source is not None else set()
    cue_at = cue[0] if cue is not None else -1
    between = [s for s in sdoc.sents if s.start_char >= prev_end and s.end_char <= q_start
               and not s.start_char <= cue_at < s.end_char]
    # a sentence with a reporting verb of its own ("Ian Pearson told the BBC that ...") is left
    # to the other steps: the quotation may continue that statement
    lex = load_cue_lexicon()
    return any(e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass") and not set(e.text.split()) & speaker
               for s in between if not any(is_cue_verb(t, lex) for t in s) for e in s.ents)
