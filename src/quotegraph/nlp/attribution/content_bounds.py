"""Reported contents that run over their statement's edges (issue 17, BBC sample 5717):

* the addressee of "told" read as the start of the content: "told [the BBC Mr Varga had
  always ...]", "told the World Service programme [Go Digital he hoped ...]": with no
  "that", the parser folds the addressee into the clause's subject; the content starts at
  the clause's own subject (a pronoun, or a name opened by an honorific);
* a second speaker's statement coordinated into the content: "The Greens say [the men are
  behaving like children and the Liberals claim pride is blocking ...]": what follows "and
  <noun phrase> <verb of saying>" is another statement, not the first speaker's words.

The scorer matches statements by content-token overlap (evaluate/labels.py), so either
costs a statement. Only unquoted parts are trimmed: a quotation's words are what was said.
Pure functions of the parse.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...quotation_marks import QUOTE_MARKS
from ..spacy_model import doc_text
from .cues import lemma, load_cue_lexicon
from .rules import Attribution

# Cue lemmas whose first object is the one addressed: "told reporters the deal ...".
ADDRESSING_CUES = frozenset({"tell", "inform", "assure", "remind", "promise"})
# Nominative pronouns that open a reported clause: "told the programme Go Digital [he hoped ...]".
SUBJECT_PRONOUNS = frozenset({"i", "he", "she", "we", "they"})
# Titles that open a person's name: "told the BBC [Mr Varga had ...]".
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "professor"})
# Conjunctions that join a second speaker's statement: "..., and the Liberals claim ...".
JOINING_WORDS = frozenset({"and", "but", "while", "whereas"})
# Parts of speech of a speaker's noun phrase between the conjunction and its verb.
NOUN_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
# The longest speaker phrase looked at between the conjunction and the verb ("the Liberal
# Democrats' home affairs spokesman"): longer runs are not a subject.
MAX_SPEAKER_TOKENS = 6


def bounded_contents(sdoc: Doc, atts: list[Attribution]) -> list[Attribution]:
    return [_without_second_speaker(sdoc, _without_addressee(sdoc, a)) for a in atts]


def _span(sdoc: Doc, s: int, e: int) -> Span | None:
    span = sdoc.char_span(s, e, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _quoted(text: str, s: int, e: int) -> bool:
    return any(c in text[s:e] for c in QUOTE_MARKS)


def _cue_lemmas(sdoc: Doc, att: Attribution) -> set[str]:
    if att.cue_token is not None:
        return {lemma(sdoc[att.cue_token])}
    span = _span(sdoc, *att.cue) if att.cue else None
    return {lemma(t) for t in span} if span is not None else set()


def _without_addressee(sdoc: Doc, att: Attribution) -> Attribution:
    if att.rule == "headline" or not att.contents or att.cue is None or att.cue[1] > att.contents[0][0]:
        return att
    if not _cue_lemmas(sdoc, att) & ADDRESSING_CUES:
        return att
    text = doc_text(sdoc)
    s, e = att.contents[0]
    part = _span(sdoc, s, e)
    if part is None or _quoted(text, s, e) or part[0].lower_ == "that":
        return att
    start = _clause_start(part)
    if start is None:
        return att
    return replace(att, contents=[(start.idx, e), *att.contents[1:]])


def _clause_start(part: Span) -> Token | None:
    """The reported clause's first word after an addressee the parser folded into it: a
    subject pronoun or an honorific after a run of nouns and names (no verb before it)."""
    for i, tok in enumerate(part):
        if i == 0:
            continue
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct:
            return None
        if (tok.lower_ in SUBJECT_PRONOUNS and tok.dep_ == "nsubj") or tok.lower_ in HONORIFICS:
            before = part[:i]
            if all(t.pos_ in ("DET", "PROPN", "NOUN", "ADJ") for t in before) \
                    and any(t.pos_ in ("PROPN", "NOUN") for t in before):
                return tok
            return None
    return None


def _without_second_speaker(sdoc: Doc, att: Attribution) -> Attribution:
    if att.rule == "headline" or not att.contents:
        return att
    text = doc_text(sdoc)
    s, e = att.contents[-1]
    part = _span(sdoc, s, e)
    if part is None or _quoted(text, s, e):
        return att
    cut = _second_statement(part)
    if cut is None:
        return att
    end = cut.idx
    while end > s and text[end - 1] in " ,;":
        end -= 1
    if end <= s:
        return att
    return replace(att, contents=[*att.contents[:-1], (s, end)])


def _second_statement(part: Span) -> Token | None:
    """The conjunction opening "and <noun phrase> <verb of saying> <clause>" inside a content."""
    cues = load_cue_lexicon()
    for i, tok in enumerate(part):
        if i == 0 or tok.lower_ not in JOINING_WORDS:
            continue
        for j in range(i + 2, min(i + 2 + MAX_SPEAKER_TOKENS, len(part) - 1)):
            verb = part[j]
            if verb.tag_ in ("VBP", "VBZ", "VBD") and lemma(verb) in cues.clause:
                speaker = part[i + 1:j]
                nxt = part[j + 1]
                if all(t.pos_ in NOUN_PHRASE_POS for t in speaker) \
                        and any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in SUBJECT_PRONOUNS for t in speaker) \
                        and not nxt.is_punct:
                    return tok
                break
            if part[j].pos_ not in NOUN_PHRASE_POS:
                break
    return None
