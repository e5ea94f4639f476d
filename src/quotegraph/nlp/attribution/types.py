"""The type of an attribution (DESIGN.md, "Statement types"): ``speech`` (something said
or written), ``belief`` (an attributed thought, wish, plan or fear), ``finding`` (what a
report, poll, study or document shows) or ``headline`` (an attribution in the headline).

Decided from what the sentence says, not from who it is: the cue's lemma, the head noun
of the source, and whether the content is a quotation (a quotation with its speaker is
speech whatever the verb). Lexicons in data/statement_types.yaml.

Attributions PolNeAR annotates that report no words (issue 17; no_words.py says which) are
kept, since ``quotegraph eval`` scores every type, but typed ``belief`` (the source's
stance or intention), so listings of what was said leave them out: a cue with no word of
saying, a stance, act, reaction, topic or name with only a noun phrase for content, a
commitment ("agreed to pay $13m"). What a person or body "showed" or "found" is a
``finding``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..resources import load_data
from .cues import lemma
from .no_words import HEARER_OBJECT_DEPS, an_aim, decided_without_agent, made_plain, not_performed, why_no_words
from .nonstatements import quoted
from .rules import Attribution


@dataclass(frozen=True)
class TypeLexicon:
    belief_cues: frozenset[str]
    finding_sources: frozenset[str]
    belief_adjectives: frozenset[str]
    reactions: frozenset[str]
    commitments: frozenset[str]
    claim_objects: frozenset[str]
    evidence_cues: frozenset[str]
    saying_verbs: frozenset[str]
    topics: frozenset[str]
    two_object_acts: frozenset[str]
    unsaid_auxiliaries: frozenset[str]
    survey_subjects: frozenset[str]
    expressing: frozenset[str]
    feelings: frozenset[str]
    unperformed_heads: frozenset[str]
    speaking_occasions: frozenset[str]
    unveilings: frozenset[str]
    belief_nouns: frozenset[str]
    shares: frozenset[str]
    survey_words: frozenset[str]
    document_titles: frozenset[str]
    figure_people: frozenset[str]
    stating_complements: frozenset[str]


@lru_cache(maxsize=1)
def type_lexicon() -> TypeLexicon:
    data = load_data("statement_types.yaml")
    return TypeLexicon(*(frozenset(data[k]) for k in (
        "belief_cues", "finding_sources", "belief_adjectives", "reactions", "commitments", "claim_objects",
        "evidence_cues", "saying_verbs", "topics", "two_object_acts", "unsaid_auxiliaries", "survey_subjects",
        "expressing", "feelings", "unperformed_heads", "speaking_occasions", "unveilings", "belief_nouns", "shares", "survey_words",
        "document_titles", "figure_people", "stating_complements")))


def statement_type(sdoc: Doc, att: Attribution, kind: str, in_headline: bool) -> str:
    if att.rule == "headline" or in_headline:
        return "headline"
    lex = type_lexicon()
    source_head = sdoc[att.source_token] if att.source_token is not None else None
    if source_head is not None and source_head.lower_ == "it":
        source_head = _antecedent_of_it(sdoc, source_head)
    if source_head is not None and source_head.tag_ in ("WDT", "WP") and source_head.head.dep_ == "relcl":
        source_head = source_head.head.head  # "opinion polls which suggest ...": the polls
    if source_head is not None and (_a_document(source_head, lex) or _survey_subjects(source_head, lex)
                                    or _a_share_surveyed(sdoc, source_head, lex)):
        return "finding"
    if (source_head is not None and _a_wish(source_head, lex)) or _wished_for(sdoc, att, kind, lex):
        return "belief"  # "according to his wishes, ...", "made no secret of his desire to ..."
    cue = _cue_head(sdoc, att)
    if cue is not None and kind != "direct":
        negated = any(child.dep_ == "neg" for child in cue.children)
        if not negated and not made_plain(sdoc, att, cue, lex) and (
                _verb_lemmas(cue) & lex.belief_cues or _a_state_of_mind(cue, lex)):
            return "belief"
        is_quoted = quoted(sdoc, att)
        if lemma(cue) in lex.evidence_cues and not is_quoted:
            return "finding"  # "the volunteers showed that ...", "the commission found ..."
        if decided_without_agent(cue, lex) or an_aim(sdoc, att, cue) or not_performed(cue, lex):
            # "it was agreed that a programme to "de-mystify" ... was a priority"; "were dressed
            # as Beatles to highlight the "lowest interest rates"": a decision or an aim, even
            # with quoted words in it; "challenged him to deny ...": a request, not performed
            return "belief"
        if att.rule != "according" and not is_quoted and why_no_words(sdoc, att, cue, lex):
            return "belief"  # a stance, act, reaction, topic or commitment: no words reported
    return "speech"


def _cue_head(sdoc: Doc, att: Attribution) -> Token | None:
    """The cue's head word: the rules' cue token, the root of the tagger's cue span, or, when
    the tagger gave a content and no cue, the verb the content hangs on ("reminded the
    journalist about the refugees": "reminded"), so such contents are typed like the rules'."""
    if att.cue_token is not None:
        return sdoc[att.cue_token]
    span = sdoc.char_span(*att.cue, alignment_mode="expand") if att.cue else None
    if span is not None and len(span):
        return span.root
    return _governing_verb(sdoc, att) if not att.cue else None


def _governing_verb(sdoc: Doc, att: Attribution) -> Token | None:
    """The verb outside the content that its first span hangs on, through prepositions and the
    verb's object ("reminded [the journalist] about [the refugees]")."""
    first = sdoc.char_span(*att.contents[0], alignment_mode="expand") if att.contents else None
    if first is None or not len(first):
        return None
    head = first.root.head
    while (head.pos_ == "ADP" or head.dep_ in HEARER_OBJECT_DEPS) and head.head.i != head.i:
        head = head.head
    inside = first.start <= head.i < first.end
    return head if head.pos_ == "VERB" and not inside and head != first.root else None


def _verb_lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and its form without the third-person "-s" or the past "-d"
    (the shipped spaCy model lemmatises "hopes" and "hoped" as "hop")."""
    out = {verb.lemma_.lower()}
    if verb.tag_ == "VBZ" and verb.lower_.endswith("s"):
        out.add(verb.lower_[:-1])
    if verb.tag_ in ("VBD", "VBN") and verb.lower_.endswith("ed"):
        out.add(verb.lower_[:-1])  # "hoped" -> "hope"; "feared" -> "feare" matches nothing
    return out


def _a_document(noun: Token, lex: TypeLexicon) -> bool:
    if _a_titled_document(noun, lex):
        return True
    if noun.ent_type_ in ("PERSON", "ORG") or _a_person_figure(noun, lex):
        return False
    return bool(_noun_forms(noun) & lex.finding_sources)


def _noun_forms(noun: Token) -> set[str]:
    """The noun, its lemma, with its modifier ("subject line") and joined to the word its
    hyphen splits off ("e-mail", parsed as "e" + "mail")."""
    forms = {noun.lower_, noun.lemma_.lower()}
    forms |= {f"{c.lower_} {noun.lower_}" for c in noun.children if c.dep_ in ("compound", "amod")}
    doc = noun.doc
    if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" and not doc[noun.i + 1].whitespace_:
        forms.add(f"{noun.lower_}-{doc[noun.i + 2].lower_}")
    return forms


def _a_person_figure(noun: Token, lex: TypeLexicon) -> bool:
    """"a leading industry figure", "senior party figures", "figures who ...": people."""
    return noun.lemma_.lower() == "figure" and any(
        (c.dep_ in ("amod", "compound") and c.lower_ in lex.figure_people)
        or (c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children)) for c in noun.children)


def _a_titled_document(noun: Token, lex: TypeLexicon) -> bool:
    """A name whose last word titles a text: "The Prevention of Terrorism Bill" (parsed with
    "Prevention" as its head and tagged an organisation), "the Barker Review"."""
    if not noun.ent_type_:
        return False  # in no entity: no need to look through the document's entities
    name = next((e for e in noun.doc.ents if e.start <= noun.i < e.end), None)
    if name is None or name.label_ == "PERSON" or len(name) < 2:
        return False
    return name[-1].lower_ in lex.document_titles and name[-1].text[:1].isupper()


def _a_wish(noun: Token, lex: TypeLexicon) -> bool:
    # a common noun: "Keane's Hopes and Fears" (an album, BBC labels entertainment-106) is a name
    return noun.pos_ == "NOUN" and noun.lower_ in lex.belief_nouns


def _wished_for(sdoc: Doc, att: Attribution, kind: str, lex: TypeLexicon) -> bool:
    """A content with no cue that hangs on a noun of wanting or planning: "has made no secret
    of his desire [to be involved in ...]" tells what someone wants, not words said."""
    if att.cue or att.cue_token is not None or kind == "direct" or not att.contents:
        return False
    first = sdoc.char_span(*att.contents[0], alignment_mode="expand")
    if first is None or not len(first):
        return False
    head = first.root.head
    return not first.start <= head.i < first.end and _a_wish(head, lex)


def _survey_subjects(noun: Token, lex: TypeLexicon) -> bool:
    """"More than a third of respondents", "60% of those polled", "most of those questioned",
    "Most respondents": the people a survey asked speak for the survey."""
    return any(_a_survey_subject(t, lex) for t in noun.subtree)


def _a_survey_subject(word: Token, lex: TypeLexicon) -> bool:
    if word.lower_ not in lex.survey_subjects:
        return False
    if word.pos_ in ("NOUN", "PROPN"):
        return True  # "respondents", "interviewees"
    # a bare participle after the people it describes ("those questioned", "the people
    # polled"); not "who surveyed the damage" (a clause with an object) nor "those asked
    # to leave" (an infinitive: asked to do something, not asked questions)
    bare = not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "agent") for c in word.children)
    return bare and (word.dep_ == "acl" or "pobj" in (word.dep_, word.head.dep_))


def _a_share_surveyed(sdoc: Doc, noun: Token, lex: TypeLexicon) -> bool:
    """"18% said ...", "A third of firms said ...", "Most voters said ...", "one in five
    admitted ...": a share of a group as the source, in a passage about a survey or a poll,
    reports what the survey found (labels/bbc/README.md, "Types"), not one speaker's words.
    "Most analysts said ..." with no survey near stays speech."""
    return _a_share(noun, lex) and _near_a_survey(sdoc, noun, lex)


def _a_share(noun: Token, lex: TypeLexicon) -> bool:
    if noun.lower_ in lex.shares or noun.lemma_.lower() in lex.shares or noun.tag_ == "CD":
        return True  # "18%", "a third of firms", "Many of those ...", "one in five"
    # "Most voters", "Many firms": a quantifier on the group
    return any(c.dep_ in ("amod", "det", "nummod") and c.lower_ in lex.shares for c in noun.children)


# How many sentences back a share of a group looks for the survey it answered: the
# survey is named in the same sentence or just before ("Polling firm Mori asked 6,000
# people ... 18% said ..."); farther back, a poll is rarely what the group answered.
SURVEY_LOOKBACK_SENTENCES = 2


def _near_a_survey(sdoc: Doc, word: Token, lex: TypeLexicon) -> bool:
    sent = word.sent
    for _ in range(SURVEY_LOOKBACK_SENTENCES + 1):
        if any(t.lemma_.lower() in lex.survey_words or _a_survey_subject(t, lex) for t in sent):
            return True
        if sent.start == 0:
            return False
        sent = sdoc[sent.start - 1].sent
    return False


def _a_state_of_mind(cue: Token, lex: TypeLexicon) -> bool:
    """"is worried that", "is determined that", "are keen for ...": "be" with an
    adjective of a state of mind."""
    return cue.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lower_ in lex.belief_adjectives for c in cue.children)


# How many sentences back "It said ..." looks for what "it" is (a chain of "It
# said ... It also said ..." passes through).
IT_LOOKBACK_SENTENCES = 3


def _antecedent_of_it(sdoc: Doc, it: Token) -> Token | None:
    """The subject "it" stands for: the main-clause subject of the nearest earlier
    sentence whose subject is not "it" itself ("The report was drawn up by ... It
    said ..."; "..., a study found. It found that ..."). None when there is none."""
    sent = it.sent
    for _ in range(IT_LOOKBACK_SENTENCES):
        if sent.start == 0:
            return None
        sent = sdoc[sent.start - 1].sent
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        if not subjects:
            return None
        # the subject nearest its verb: "Music ... are hoarded ..., a study found" has two
        subject = min(subjects, key=lambda t: abs(t.i - t.head.i))
        if subject.lower_ == "it":
            continue
        if _could_be_it(subject):
            return subject
        # "it" is one thing, not people: "The opposition parties tabled a motion on Monday.
        # It argues ...": the motion
        objects = [t for t in subject.head.children if t.dep_ == "dobj" and _could_be_it(t)]
        return objects[0] if objects else subject
    return None


def _could_be_it(noun: Token) -> bool:
    """A singular noun that is not a person ("it" stands for neither "the Tories and Lib
    Dems" nor "Mr Clarke")."""
    return (noun.tag_ in ("NN", "NNP") and noun.ent_type_ != "PERSON"
            and not any(c.dep_ == "conj" for c in noun.children))
