"""Addressee of a statement: the one spoken to.

* the hearer a verb of saying takes as its object: "told TASS", "reminded the
  journalist that ...", "assured voters that ...", "asked the minister whether ...";
* the hearer of a passive: "the minister was asked whether ..." (the minister),
  "Asked about the strike, the mayor said ..." (the question's addressee is the mayor);
* whom it was said to in a setting: "said in an interview with X" (X), "speaking to
  reporters".

A setting is no hearer: "told a news briefing", "said at a press conference", "spoke to a
rally" give where the words were said (``venue_of``), not who heard them.
* whose question it answers: "said, answering a question from a Polish reporter",
  "in response to a question from X", "Asked by reporters whether ..., she said".

And the asker of a question put with no asker in its sentence ("when asked whether ...,
Zakharova urged ..."): the one journalist the document described before it
(``document_asker``).
"""
from __future__ import annotations

from spacy.tokens import Token

from ..attribution.cues import lemma
from ..attribution.sources import SUBJECT_SHARING_DEPS, np_char_span, reduced_passive, subject_token

TO_VERBS = {"say", "speak", "talk", "write", "explain", "complain", "reply", "respond", "announce", "declare",
            "tell", "add", "note", "stress", "insist"}
INTERVIEW_NOUNS = {"interview", "conversation", "call", "exchange", "meeting"}
NOMINAL = ("PROPN", "NOUN", "PRON")
OBJECT_DEPS = ("dobj", "dative", "iobj")

# Verbs of saying whose object is always the one spoken to ("told TASS", "reminded
# the journalist that ...", "assured voters that ...").
HEARER_VERBS = frozenset({"tell", "inform", "notify", "assure", "reassure", "remind", "brief"})
# Verbs whose object is the one spoken to when what was said stands elsewhere: a clause,
# an infinitive or an about-phrase ("asked the minister whether ...", "urged Baku to
# ...", "warned voters that ..."); their bare object may be the content ("urged
# restraint", "warned of a crisis").
HEARER_WITH_CONTENT_VERBS = frozenset({"ask", "urge", "implore", "beg", "advise", "caution", "warn", "promise",
                                       "question"})
CONTENT_DEPS = ("ccomp", "xcomp")
# Nouns of an occasion on which words are said: the setting of a statement, never its hearer
# ("told a news briefing", "said at a press conference", "in an interview with X"). A
# programme or show is an outlet, heard like a news agency ("told BBC Radio 4's Today
# programme", as "told TASS"): not listed (BBC sample 6717: 2 of 2 such "told" hearers).
VENUE_NOUNS = frozenset({"briefing", "conference", "rally", "summit", "session", "hearing", "meeting", "forum",
                         "convention", "gathering", "event", "interview", "ceremony", "debate", "seminar",
                         "symposium", "roundtable", "webinar", "speech", "address", "lecture"})
VENUE_PREPS = ("at", "during", "in", "on", "to")
# Nouns that are what is asked or said, never who is spoken to ("asked a question").
SAID_NOUNS = frozenset({"question", "questions", "query", "statement", "comment", "favour", "favor",
                        # what is told: "tells the story of a single mother" (BBC sample 6717)
                        "story", "stories", "tale", "tales", "truth", "lie", "lies", "joke", "jokes"})
# "answering a question from X", "in response to a question from X".
ANSWER_VERBS = frozenset({"answer", "respond", "reply"})
ANSWER_NOUNS = frozenset({"response", "answer", "reply"})
QUESTION_NOUNS = frozenset({"question", "query", "questioning"})
# Who puts questions at briefings and in interviews.
ASKER_NOUNS = frozenset({"journalist", "reporter", "correspondent", "interviewer"})


def addressee_of(verb: Token) -> tuple[int, int] | None:
    """Character span of the addressee NP for a cue verb, or None."""
    found = _own_addressee(verb)
    if found is not None:
        return found
    # "In an interview with the Gazette, Tamm declined to ..., saying ...": a verb sharing
    # its head's subject was said where its head was.
    head, depth = verb, 0
    while depth < 2 and head.dep_ in SUBJECT_SHARING_DEPS and head.dep_ != "ccomp" and head.head.i != head.i \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head, depth = head.head, depth + 1
        found = _setting(head)
        if found is not None:
            return found
    return None


def _own_addressee(verb: Token) -> tuple[int, int] | None:
    lem = lemma(verb)
    if lem in HEARER_VERBS or lem in HEARER_WITH_CONTENT_VERBS:
        if _passive(verb):
            return _passive_hearer(verb)  # the subject was spoken to; its head's setting is not this one's
        obj = next((c for c in verb.children if c.dep_ in OBJECT_DEPS and c.pos_ in NOMINAL
                    and c.lower_ not in SAID_NOUNS and c.tag_ not in ("WP", "WDT")), None)
        if obj is not None and not _a_venue(obj) and (lem in HEARER_VERBS or _content_elsewhere(verb, obj)):
            return hearer_span(obj, verb)
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and prep.lower_ == "to" and lem in TO_VERBS and pobj.pos_ in NOMINAL and not _a_venue(pobj):
            return hearer_span(pobj)
    found = _setting(verb)
    if found is not None:
        return found
    # The participle form: "speaking to reporters".
    for c in verb.children:
        if c.dep_ == "advcl" and lemma(c) in ("speak", "talk"):
            found = addressee_of(c)
            if found:
                return found
    return None


def _a_venue(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in VENUE_NOUNS


def venue_of(verb: Token) -> tuple[int, int] | None:
    """Where the words were said: the occasion a cue verb's object or preposition names ("told
    a news briefing", "said at a press conference", "in an interview with RFE/RL", "speaking
    at a rally"), or that of the verb whose subject it shares ("In an interview, Tamm declined
    ..., saying ..."). None when no occasion is named."""
    head, depth = verb, 0
    while True:
        found = _own_venue(head)
        if found is not None:
            return found
        if depth >= 2 or head.dep_ not in SUBJECT_SHARING_DEPS or head.dep_ == "ccomp" or head.head.i == head.i \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            return None
        head, depth = head.head, depth + 1


def _own_venue(verb: Token) -> tuple[int, int] | None:
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS and _a_venue(c):
            return _venue_span(c)
        if c.dep_ == "prep" and c.lower_ in VENUE_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and _a_venue(pobj):
                return _venue_span(pobj)
        if c.dep_ == "advcl" and lemma(c) in ("speak", "talk") and c.i != verb.i:
            found = _own_venue(c)  # "speaking at a rally, she said ..."
            if found is not None:
                return found
    return None


def _venue_span(noun: Token) -> tuple[int, int]:
    """The occasion's noun with its modifiers before it and its "with"/"to" phrase ("an
    interview with the Gazette"); no clause or place after it ("an interview ahead of a
    meeting in London to discuss ..." -> "an interview")."""
    doc = noun.doc
    left = noun.i
    while left > 0 and ((doc[left - 1].head.i in range(left, noun.i + 1) and not doc[left - 1].is_punct
                         and doc[left - 1].dep_ in ("det", "amod", "compound", "poss", "nummod", "case", "nmod"))
                        or (doc[left - 1].is_space and "\n" not in doc[left - 1].text)):  # "a  joint press conference"
        left -= 1
    right = noun.i
    hearer = next((p for p in noun.children if p.dep_ == "prep" and p.lower_ in ("with", "to") and p.i > noun.i), None)
    if hearer is not None:
        obj = next((c for c in hearer.children if c.dep_ == "pobj"), None)
        if obj is not None:
            right = hearer_span(obj)[1]
            return doc[left].idx, right
    return doc[left].idx, doc[right].idx + len(doc[right])


def _setting(verb: Token) -> tuple[int, int] | None:
    """Who the words were for, read from where they were said or what they answer:
    "in an interview with X", "answering a question from X", "Asked by X whether ..."."""
    for c in verb.children:
        if c.dep_ == "prep":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if c.lower_ in ("in", "during") and pobj.lemma_.lower() in INTERVIEW_NOUNS:
                # "in an interview with RFE/RL" -> RFE/RL
                inner = _object_of_preps(pobj, ("with", "to"))
                if inner is not None:
                    return hearer_span(inner)
            if c.lower_ == "in" and pobj.lemma_.lower() in ANSWER_NOUNS:
                found = _asker_of_question(pobj)
                if found is not None:
                    return found
        elif c.dep_ == "advcl" and c.i != verb.i:
            if lemma(c) in ANSWER_VERBS:
                found = _asker_of_question(c)
                if found is not None:
                    return found
            agent = _agent_of(c) if lemma(c) == "ask" and c.tag_ == "VBN" else None
            if agent is not None:
                # "Asked by reporters whether ..., she said": the askers heard the answer
                return hearer_span(agent)
    return None


def _asker_of_question(tok: Token) -> tuple[int, int] | None:
    """The asker in "(answering | in response to) a question from X / X's question"."""
    for t in tok.subtree:
        if t.lemma_.lower() in QUESTION_NOUNS and t.pos_ == "NOUN":
            owner = next((c for c in t.children if c.dep_ == "poss"), None) or _object_of_preps(t, ("from", "by"))
            if owner is not None and owner.pos_ in NOMINAL:
                return hearer_span(owner)
    return None


def _participle_clause(verb: Token) -> bool:
    """"Asked (by reporters) whether ..., the mayor said": a bare past participle clause."""
    return reduced_passive(verb) or (verb.tag_ == "VBN" and verb.dep_ == "advcl" and _agent_of(verb) is not None
                                     and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                 for c in verb.children))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _participle_clause(verb)


def _passive_hearer(verb: Token) -> tuple[int, int] | None:
    """"X was asked whether ...": X; "Asked about the strike, the mayor said ...": the mayor."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None and _participle_clause(verb) and verb.head.i != verb.i:
        subj = subject_token(verb.head)
    if subj is None or subj.pos_ not in NOMINAL:
        return None
    return hearer_span(subj, verb)


def _content_elsewhere(verb: Token, obj: Token) -> bool:
    """What was said is not the object: a clause, an infinitive, an about/of/against
    phrase or a quotation after it."""
    for c in verb.children:
        if c.i > obj.i and (c.dep_ in CONTENT_DEPS or (c.dep_ == "prep" and c.lower_ in ("about", "of", "against"))):
            return True
    # "reminded the journalist that ...": the parser hangs the that-clause on the object
    return any(c.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if")
                                                   for m in c.children) for c in obj.children)


def _object_of_preps(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            inner = next((c for c in p.children if c.dep_ == "pobj"), None)
            if inner is not None:
                return inner
    return None


def _agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def hearer_span(head: Token, stop_at: Token | None = None) -> tuple[int, int]:
    """The hearer's noun phrase, without a clause or aside set off by a comma after it
    ("The Times, published on Friday", "reporters, who had gathered ...") and without a
    that-clause the parser hung on it ("reminded the journalist that ...")."""
    start, end = np_char_span(head, stop_at=stop_at)
    doc = head.doc
    for c in head.rights:
        if c.dep_ not in ("acl", "relcl", "appos") or c.left_edge.i <= head.i:
            continue
        before = doc[c.left_edge.i - 1]
        if before.text == ",":
            return start, min(end, before.idx)
        if any(m.dep_ == "mark" for m in c.children):
            return start, min(end, before.idx + len(before))
    return start, end


def document_asker(verb: Token) -> tuple[tuple[int, int], Token] | None:
    """The asker of a question whose sentence names none ("Thus, on April 18, when asked whether
    ..., Zakharova urged ..."): the journalist the document described before it ("Zakharova
    reminded the Azerbaijani journalist about ..."), when it described one only (an
    "Armenian journalist" and an "Azerbaijani journalist": none). Its first mention's words up to
    its noun ("the Azerbaijani journalist"), and the noun."""
    if lemma(verb) != "ask" or not (reduced_passive(verb) or any(c.dep_ == "nsubjpass" for c in verb.children)) \
            or any(c.dep_ == "agent" for c in verb.children):
        return None
    mentions = [t for t in verb.doc[:verb.i] if t.lower_ in ASKER_NOUNS and t.tag_ == "NN"]
    if not mentions:
        return None
    described = {tuple(c.lower_ for c in m.children if c.dep_ in ("amod", "compound")) for m in mentions}
    described.discard(())  # "the journalist" again: the one described before
    if len(described) > 1:
        return None
    noun = mentions[0]
    left = noun.i
    while left > 0 and noun.doc[left - 1].head.i == noun.i and noun.doc[left - 1].dep_ in ("det", "amod", "compound"):
        left -= 1
    return (noun.doc[left].idx, noun.idx + len(noun)), noun
