"""The source of a cue: its grammatical subject (or passive agent), expanded to
the whole noun phrase as written ("Russian Deputy Foreign Minister Mikhail
Galuzin", "a recent analysis of the Atlantic Council’s DFRLab", "she")."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ...quotation_marks import QUOTE_MARKS
from ..spacy_model import doc_text
from .cues import lemma, load_cue_lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Clause links through which a verb shares its head's subject
# ("she said ... and added that", "she said, adding that", "he declined to comment").
SUBJECT_SHARING_DEPS = ("conj", "advcl", "xcomp", "dep", "ccomp")
# ". " before a capital, not after an initial or a short abbreviation (Gov., Dr.).
SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?]/?\s+(?=[A-Z“\"])")
PUNCT_EDGES = " \t\n,.;:—–-()" + QUOTE_MARKS


REPORTED_AS_VERBS = ("quote", "cite")
# Participles that continue the main speaker's words after a comma: "X said A, adding that B",
# "Opec members said a cut was unlikely, citing strong demand".
CONTINUING_PARTICIPLES = ("add", "say", "cite", "insist", "warn", "argue", "note", "stress", "explain")


def reported_as_speaker(verb: Token) -> Token | None:
    """"The agency quoted the minister as saying ...": the object of quote/cite
    speaks through the -ing verb hung on "as"."""
    prep = verb.head
    if verb.dep_ in ("pcomp", "pobj") and prep.lower_ == "as" and prep.head.lemma_.lower() in REPORTED_AS_VERBS:
        return next((c for c in prep.head.children if c.dep_ == "dobj"), None)
    return None


def participle_speaker(verb: Token) -> Token | None:
    """"a statement announcing ...", "a question suggesting ...": the noun a present
    participle cue describes is what speaks."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") \
            and verb.head.i < verb.i:
        return verb.head
    return None


def reduced_passive(verb: Token) -> bool:
    """"When asked whether ..., Zakharova said", "Asked about X, she ...": a bare past
    participle clause is passive; the main clause's subject was spoken to (PolNeAR
    leaves such attributions without a source; dev attribution F1 0.7223 -> 0.7228)."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in verb.children)


def absolute_subject(verb: Token) -> Token | None:
    """"with Kessary demanding an apology and Ulmsk saying ...": the parser hangs the
    second subject on the first participle's object; a noun right before a participle,
    coordinated into the object of another participle that has a subject, is its subject."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "conj" or noun.pos_ not in ("PROPN", "NOUN") or noun.right_edge.i != noun.i:
        return None
    first_object = noun.head
    participle = first_object.head
    if first_object.dep_ == "dobj" and participle.tag_ == "VBG" and participle.i < noun.i \
            and any(c.dep_ == "nsubj" for c in participle.children):
        return noun
    return None


def subject_token(verb: Token, depth: int = 0) -> Token | None:
    """The token heading the speaker NP of a reporting verb."""
    named = reported_as_speaker(verb)
    if named is not None:
        return named
    for c in verb.children:
        if c.dep_ == "agent":  # "was told by X": the agent speaks
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    for c in verb.children:
        # A quotation mark sometimes gets a noun tag ("»" as nsubj): skip it.
        if c.dep_ in ("nsubj", "csubj") and any(ch.isalnum() for ch in c.text):
            return c
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            return None  # "X was asked": X is not the speaker without an agent
    absolute = absolute_subject(verb)
    if absolute is not None:
        return absolute
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") \
            and verb.tag_ in ("VBD", "VBN") and verb.head.i < verb.i:
        return verb.head  # "Pashinian charged on Tuesday that ...", read as a noun phrase
    described = participle_speaker(verb)
    if described is not None:
        return described
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "the diplomat, who said that ..."
    if reduced_passive(verb):
        return None
    if depth < 2 and verb.dep_ in SUBJECT_SHARING_DEPS and verb.head.i != verb.i:
        # "said ... and added": share the first verb's subject. For advcl/xcomp
        # ("saying", "declined to say") the subject is the main clause's.
        if verb.dep_ == "ccomp":
            return None
        return subject_token(_continued_speech_verb(verb) or _matrix_conjunct(verb) or verb.head, depth + 1)
    return None


# Subjects that may be a second speaker inside the reported clause: "Reports said Smith resigned
# and told staff ..." can be Smith telling.
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _matrix_conjunct(verb: Token) -> Token | None:
    """"Mr Cheney admitted that the budget was tough but argued it was fair": the parser hangs
    "argued" on the reported clause ("was"), whose subject ("the budget") says nothing; a verb
    of saying coordinated with a clause another verb of saying reports, that clause no speech
    of its own and its subject no person, continues the reporting verb's speaker."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or head.i > verb.i:
        return None
    cues = load_cue_lexicon()
    reporting = head.head
    if not (reporting.pos_ in ("VERB", "AUX") and cues.reports_speech(lemma(reporting))
            and cues.reports_speech(lemma(verb))) or cues.reports_speech(lemma(head)):
        return None
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in _PERSON_PRONOUNS):
        return None
    return reporting


def _continued_speech_verb(verb: Token) -> Token | None:
    """"Varrow said it accepted the blame, adding that ...": the parser hangs "adding" on the
    reported clause ("accepted"), whose subject ("it") is not the one adding; a comma-led
    "adding" or "saying" hung on the clause a verb of saying reports continues that verb's
    speaker."""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.lemma_.lower() not in CONTINUING_PARTICIPLES:
        return None
    if verb.i == 0 or verb.doc[verb.i - 1].text != "," or head.dep_ != "ccomp" or head.i > verb.i:
        return None
    reporting = head.head
    return reporting if reporting.pos_ in ("VERB", "AUX") and load_cue_lexicon().reports_speech(lemma(reporting)) \
        else None


def np_char_span(head: Token, stop_at: Token | None = None) -> tuple[int, int]:
    """Character span of the NP headed by ``head``: its subtree, cut before the
    reporting verb if the parse hangs the verb inside it, trimmed of punctuation."""
    left, right = head.left_edge.i, head.right_edge.i
    if stop_at is not None and head.right_edge.i >= stop_at.i and head.i < stop_at.i:
        # The parse hangs the verb under the noun: keep only the words before it.
        left = min(left, head.i)
        while left > 0 and head.doc[left - 1].head.i == head.i and head.doc[left - 1].dep_ in ("compound", "amod", "det", "poss"):
            left -= 1
    if stop_at is not None and left <= stop_at.i <= right:
        if stop_at.i > head.i:
            right = stop_at.i - 1
        else:
            left = stop_at.i + 1
    doc = head.doc
    # "Jane Roe, the head of ... said" after furniture lines: the parser may cut the
    # first name off as a sentence of its own; a name opening the line, glued to the
    # NP by one space, belongs to it.
    while left > 0 and doc[left].pos_ == "PROPN" and doc[left - 1].pos_ == "PROPN" \
            and doc[left - 1].whitespace_ == " " and doc[left - 1].dep_ == "ROOT" \
            and (left < 2 or "\n" in doc[left - 2].text):
        left -= 1
    start = doc[left].idx
    end = doc[right].idx + len(doc[right])
    text = doc_text(doc)
    while start < end and text[start] in PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGES:
        end -= 1
    # A speaker NP never crosses a line break: the parser sometimes glues a
    # headline to the first sentence. Keep the line nearest the verb.
    if "\n" in text[start:end]:
        anchor = stop_at.idx if stop_at is not None else head.idx
        if anchor >= end:
            start = text.rindex("\n", start, end) + 1
        elif anchor <= start:
            end = text.index("\n", start, end)
        else:
            a = text.rfind("\n", start, anchor)
            b = text.find("\n", anchor, end)
            start = a + 1 if a >= 0 else start
            end = b if b >= 0 else end
        while start < end and text[start] in PUNCT_EDGES:
            start += 1
        while end > start and text[end - 1] in PUNCT_EDGES:
            end -= 1
    # Nor a sentence end: "Yerevan /Mediamax/. Russian Deputy Foreign Minister ...".
    for m in SENTENCE_END.finditer(text, start, end):
        if start < m.end() <= (stop_at.idx if stop_at is not None and stop_at.idx > start else head.idx):
            start = m.end()
    # An acronym in brackets keeps its closing bracket: "the Digital Policy Lab (DPL)".
    if end < len(text) and text[end] == ")" and text.count("(", start, end) > text.count(")", start, end):
        end += 1
    return start, end


# What names a document's maker: "the UN's estimates", "a Toshiba study", "a government
# report", "figures from the ONS", "a study by Oxford University", "reports in the Times".
OWNER_PREPS = ("by", "from", "of", "for", "in")
OWNER_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")
# Document nouns that, in the singular, are also said of a person ("a senior government figure").
PERSON_TOO = frozenset({"figure"})


def document_maker(head: Token, document_nouns: frozenset[str], org_nouns: frozenset[str]) -> Token | None:
    """The maker a document or measurement phrase names ("a recent analysis of the
    Harbor Institute's lab" -> lab, "figures from the ONS" -> ONS, "the UN's estimates"
    -> UN); ``head`` itself when it is no document; None for a document whose maker the
    phrase does not name ("according to various estimates", "official figures show", "a
    survey of 1,000 adults found"): it is the evidence of a finding, not a speaker."""
    if head.ent_type_ in OWNER_ENTITIES or head.lower_ in PERSON_TOO or not (
            head.lemma_.lower() in document_nouns or head.lower_ in document_nouns):
        return head

    def names_maker(tok: Token) -> bool:
        return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in OWNER_ENTITIES or tok.lemma_.lower() in org_nouns

    for c in head.children:
        if c.dep_ == "poss":  # not an apposition: "the figures - a flash estimate" renames them
            return c
        if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i and names_maker(c):
            return c
        if c.dep_ == "acl" and c.tag_ == "VBN":
            # "figures compiled by Chart-Track", "the survey, conducted by the Pew Center"
            agent = next((p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
            if agent is not None and agent.pos_ in ("NOUN", "PROPN"):
                return agent
        if c.dep_ == "prep" and c.lower_ in OWNER_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if c.lower_ == "by" and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj  # "research by message analysts": "by" names the maker
            # "figures from industry monitor Mobile Data Association": a name anywhere in
            # it; after "of" only the noun itself ("a poll of US pundits" asked them)
            if names_maker(pobj) or (c.lower_ != "of" and any(names_maker(t) for t in pobj.subtree)):
                return pobj
    return None

