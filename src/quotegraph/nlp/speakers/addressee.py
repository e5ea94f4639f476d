"""Addressee of a statement: "told TASS", "said in an interview with X",
"speaking to reporters", "told a news briefing", "at a news briefing"."""
from __future__ import annotations

from spacy.tokens import Token

from ..attribution.cues import lemma
from ..attribution.sources import np_char_span

TO_VERBS = {"say", "speak", "talk", "write", "explain", "complain", "reply", "respond", "announce", "declare",
            "tell", "add", "note", "stress", "insist"}
INTERVIEW_NOUNS = {"interview", "conversation", "call", "exchange", "meeting"}
EVENT_NOUNS = {"briefing", "conference", "press"}


def addressee_of(verb: Token) -> tuple[int, int] | None:
    """Character span of the addressee NP for a cue verb, or None."""
    lem = lemma(verb)
    if lem == "tell":
        for c in verb.children:
            if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return np_char_span(c, stop_at=verb)
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if prep.lower_ == "to" and lem in TO_VERBS and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
            return np_char_span(pobj)
        if prep.lower_ in ("in", "during") and pobj.lemma_.lower() in INTERVIEW_NOUNS:
            # "in an interview with RFE/RL" -> RFE/RL
            for p2 in pobj.children:
                if p2.dep_ == "prep" and p2.lower_ in ("with", "to"):
                    inner = next((c for c in p2.children if c.dep_ == "pobj"), None)
                    if inner is not None:
                        return np_char_span(inner)
    # The participle form: "speaking to reporters".
    for c in verb.children:
        if c.dep_ == "advcl" and lemma(c) in ("speak", "talk"):
            found = addressee_of(c)
            if found:
                return found
    return None
