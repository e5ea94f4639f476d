"""Candidate attributions that report no statement (issue 17), by class:

* a refusal: "X declined to comment", "refused to say how long ..." (and the
  cue inside it: "declined to *say* ...");
* an act: "the council approved the expansion", "the union accepted a pay rise",
  "parliament voted to suspend the agreement", "filed 100 lawsuits", "explored how
  ...", "is pinning its hopes on" (an act or a topic);
* a negated object: "gave no details about", "made no comment on", "said nothing";
* no speaker: "a question suggesting that ..." (what was asked, not who spoke);
* an empty content: an affirmative elliptical clause with no word of its own
  ("Velmora says it was not notified; Dravenia says it was"): it only echoes
  what someone else said. A denial ("Mia Vale said that it would not") is kept:
  its polarity is what was said.
* a content across a semicolon: in "A says X; B says it was", "A says X" is not
  what B said.
* a verdict: "pleaded guilty to ...", "was found guilty of ...";
* perception: "saw profits slump", "watched him fall": a verb of seeing with a
  bare-infinitive or participle clause reports an event, not a thought;
* no source: an agentless passive with no quotation ("are said to be ...", "is
  thought to ...", "had been accused of ..."): the text names no one who said it.

Words per class in data/nonstatements.yaml. Pure functions of the parse; headline
attributions ("X: ...") are not judged here. Acts, stances and reactions that PolNeAR
does annotate (a cue with no word of saying, "backed the report", "posted a profit",
"condemned the remarks", "agreed to pay") are kept and typed apart from speech in
types.py, so PolNeAR scores hold and listings of what was said leave them out.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...quotation_marks import DOUBLE_MARKS, QUOTE_MARKS_NOT_STRAIGHT
from ..resources import load_data
from ..spacy_model import doc_text
from .cues import CueLexicon, lemma, load_cue_lexicon
from .rules import Attribution
from .tokens import content_tokens, cue_tokens

# Parts of speech that carry no content of their own: a content made of them
# alone, with an auxiliary, is an ellipsis ("it was", "he did not", "they would").
FUNCTION_POS = frozenset({"PRON", "AUX", "PART", "PUNCT", "ADV", "DET", "CCONJ", "SCONJ", "SPACE"})
# Auxiliaries the tagger sometimes calls verbs ("it did not", "they have").
AUXILIARY_LEMMAS = frozenset({"be", "do", "have", "will", "would", "can", "could", "shall", "should", "may",
                              "might", "must"})


@dataclass(frozen=True)
class NonStatementLexicon:
    refusal: frozenset[str]
    action: frozenset[str]
    negating_objects: frozenset[str]
    questions: frozenset[str]
    verdicts: frozenset[str]
    perception: frozenset[str]
    naming: frozenset[str]
    raising: frozenset[str]
    addressed: frozenset[str]
    announced: frozenset[str]
    regarded: frozenset[str]


@lru_cache(maxsize=1)
def load_nonstatement_lexicon() -> NonStatementLexicon:
    d = load_data("nonstatements.yaml")
    return NonStatementLexicon(**{k: frozenset(d[k]) for k in (
        "refusal", "action", "negating_objects", "questions", "verdicts", "perception", "naming",
        "raising", "addressed", "announced", "regarded")})


def without_nonstatements(sdoc: Doc, atts: list[Attribution]) -> list[Attribution]:
    lex, cues = load_nonstatement_lexicon(), load_cue_lexicon()
    return [a for a in atts if why_not_a_statement(sdoc, a, lex, cues) is None]


def why_not_a_statement(sdoc: Doc, att: Attribution, lex: NonStatementLexicon | None = None,
                        cues: CueLexicon | None = None) -> str | None:
    """The class of non-statement ``att`` belongs to, or None when it may be one."""
    if att.rule == "headline":
        return None
    lex = lex or load_nonstatement_lexicon()
    cues = cues or load_cue_lexicon()
    cue = sdoc[att.cue_token] if att.cue_token is not None else _governing_verb(sdoc, att)
    if cue is not None:
        if _a_title_word(cue):
            return "a title"
        if refused(cue, lex):
            return "refusal"
        if att.rule != "according" and _an_act(sdoc, att, cue, lex, cues):
            return "action"
        if _negated_object(cue, lex):
            return "negated object"
        if att.rule != "according":
            why = _no_statement_in_cue(cue, lex, quoted(sdoc, att))
            if why is not None:
                return why
    source = _source_head(sdoc, att)
    if source is not None:
        if lemma(source) in lex.questions and not _owned(source):
            return "a question"
    if _elliptical(sdoc, att):
        return "empty content"
    if att.cue is not None and att.end <= att.cue[0] and ";" in doc_text(sdoc)[att.end:att.cue[0]]:
        return "another clause"
    return None


# Words a capitalised cue may follow at the start of a clause: "...," Said Mr X is no title
CLAUSE_OPENERS = frozenset({":", "(", "-", "--", "—", "–"}) | frozenset(DOUBLE_MARKS) | frozenset("‘'")


def _a_title_word(cue: Token) -> bool:
    """A capitalised cue inside a sentence of prose: "Busted's new single You Said No went
    straight to number one" (a song's title, BBC sample 9717). A headline in title case ("Minister
    Says Talks Will Resume") is no prose: most of its words are capitalised."""
    if not cue.is_title or cue.i == cue.sent.start or cue.doc[cue.i - 1].text in CLAUSE_OPENERS:
        return False
    words = [t for t in cue.sent if t.is_alpha]
    return sum(t.is_lower for t in words) * 2 > len(words)


def _governing_verb(sdoc: Doc, att: Attribution) -> Token | None:
    """For a content found without a cue: the verb it is the object or complement
    of ("voted to suspend *a friendship group*"), if any."""
    s, e = att.contents[0]
    span = sdoc.char_span(s, e, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    for _ in range(3):
        if tok is None or tok.head.i == tok.i or tok.dep_ not in ("dobj", "pobj", "prep", "xcomp", "ccomp"):
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return tok
    return None


def refused(verb: Token, lex: NonStatementLexicon) -> bool:
    """"declined to comment" and the "say" of "declined to say ..."."""
    if lemma(verb) in lex.refusal:
        return True
    return verb.dep_ == "xcomp" and lemma(verb.head) in lex.refusal


def _an_act(sdoc: Doc, att: Attribution, cue: Token, lex: NonStatementLexicon, cues: CueLexicon) -> bool:
    if lemma(cue) not in lex.action or any(c.dep_ == "ccomp" and not _embedded_question(c) for c in cue.children):
        return False  # "accepted that the most likely outcome is ...": a clause was said or believed
    # "approved a resolution condemning ...": a word of saying in the cue makes it one
    return not any(cues.reports_speech(lemma(t)) or t.lower_ in cues.statement_nouns
                   for t in cue_tokens(sdoc, att, cue))


def _no_statement_in_cue(cue: Token, lex: NonStatementLexicon, quoted: bool) -> str | None:
    """Cues that report a verdict, a perception or a name."""
    children = list(cue.children)
    if quoted:
        return _a_name(cue, children, lex)
    if _hearsay(cue, children, lex):
        return "no source"
    if lemma(cue) in lex.addressed and any(c.dep_ in ("nsubjpass", "auxpass") for c in children) \
            and not any(c.dep_ == "agent" for c in children) and _closing_by_phrase(cue) is None:
        return "no source"  # "had been promised a game": its subject was told, no one named told it
    if any(c.dep_ in ("acomp", "oprd") and c.lower_ in lex.verdicts for c in children):
        return "a verdict"
    if lemma(cue) in lex.perception and any(_bare_clause(c) or _embedded_question(c)
                                            for c in children if c.dep_ in ("ccomp", "xcomp", "advcl")):
        return "perception"  # "saw profits slump", "to see if the ball had crossed the line"
    if lemma(cue) in lex.perception and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in children) \
            and not any(c.dep_ in ("ccomp", "xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
                        for c in children):
        return "perception"  # "sees hope on the horizon" (not "sees the deal as a mistake")
    return _a_name(cue, children, lex)


def _hearsay(cue: Token, children: list[Token], lex: NonStatementLexicon) -> bool:
    """A verb of saying or judging in the passive whose agent the text never gives: "are said
    to be angry", "those reported to have doubts", "with demand predicted to grow", "it was
    announced on Monday that ...", "the book, now widely seen as predicting ...". The labels
    guide (labels/bbc/README.md) leaves these unlabelled: no one named said it."""
    if any(c.dep_ == "agent" for c in children) or any(t.lower_ == "by" and t.dep_ == "prep" for t in children):
        return False
    passive = any(c.dep_ == "auxpass" for c in children) or _reduced_participle(cue, children)
    if not passive:
        return False
    if lemma(cue) in lex.raising and any(c.dep_ == "xcomp" for c in children):
        return True  # "are said to be", "reported to have", "predicted to grow"
    if lemma(cue) in lex.announced and any(c.dep_ == "ccomp" for c in children) \
            and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children):
        return True  # "it was announced that ...": an expletive subject, no one named
    return lemma(cue) in lex.regarded and any(c.dep_ == "prep" and c.lower_ == "as" for c in children)


def _closing_by_phrase(cue: Token) -> Token | None:
    """The "by" phrase that closes a passive cue's clause, however deep the parser hung it:
    "has been accused of blocking access to X [by the media watchdog, Reporters Without
    Borders]" ("by" under "blocking") names the accuser. Its noun, or None."""
    last = max((t.i for t in cue.subtree if not (t.is_punct or t.is_space)), default=cue.i)
    for t in cue.subtree:
        if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.i > cue.i and t.right_edge.i >= last:
            noun = next((c for c in t.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
                return noun
    return None


def _reduced_participle(verb: Token, children: list[Token]) -> bool:
    """A participle with no auxiliary modifying a noun or in an absolute clause: "those
    reported to have ...", "with demand predicted to grow", "a book now widely seen as ..."."""
    if verb.dep_ not in ("acl", "advcl") or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in children):
        return False
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    # "with demand predicted to grow": an absolute clause's subject is what is predicted;
    # "as analysts predicted" names who predicted
    return not subjects or any(c.dep_ == "mark" and c.lower_ == "with" for c in children)


def _a_name(cue: Token, children: list[Token], lex: NonStatementLexicon) -> str | None:
    """"the report is called 'Improving Opportunity'": a title; no one speaks (with
    an agent, "was called 'a disgrace' by the mayor", someone does)."""
    if lemma(cue) in lex.naming and any(c.dep_ in ("auxpass", "nsubjpass") for c in children) \
            and not any(t.dep_ == "agent" or (t.lower_ == "by" and t.dep_ == "prep") for t in cue.subtree):
        return "a name"
    return None


def _bare_clause(verb: Token) -> bool:
    """A clause with no complementiser and no finite verb of its own: "him shot",
    "profits slump", "Mr Fuller receive"."""
    if any(c.dep_ in ("mark", "aux", "auxpass") for c in verb.children):
        return False
    return verb.tag_ in ("VB", "VBG", "VBN", "VBP")


def quoted(sdoc: Doc, att: Attribution) -> bool:
    """A double or opening single quotation mark in the content (a closing single
    mark is most often an apostrophe)."""
    text = doc_text(sdoc)
    return any(c in text[s:e] for s, e in att.contents for c in DOUBLE_MARKS + "‘")


def _embedded_question(clause: Token) -> bool:
    """"how drivers react", "whether the board broke its rules": with an act verb
    ("explored how ...", "will examine whether ...") the question is the topic."""
    first = next(clause.subtree)
    return first.tag_ in ("WDT", "WP", "WP$", "WRB") or any(
        c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)


def _negated_object(verb: Token, lex: NonStatementLexicon) -> bool:
    """The verb's object (or its particle's) is negated, and nothing else was said."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False  # "said no decision had been taken": a clause was said
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [p for c in verb.children if c.dep_ in ("prep", "prt") for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        if obj.lower_ in lex.negating_objects:
            return True  # "said nothing", "offered none"
        if any(c.dep_ in ("det", "neg", "amod") and c.lower_ in lex.negating_objects and not _after_a(c)
               for c in obj.children):
            return True  # "gave no details", "made no comment"
    return False


def _after_a(word: Token) -> bool:
    """"a few questions", "a little more": with "a", "few" and "little" affirm."""
    return word.i > 0 and word.doc[word.i - 1].lower_ == "a"


def _source_head(sdoc: Doc, att: Attribution) -> Token | None:
    if att.source is None:
        return None
    span = sdoc.char_span(*att.source, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _owned(noun: Token) -> bool:
    """A possessor, a name compounded with it, or an "of/by X" after it."""
    for c in noun.children:
        if c.dep_ in ("poss", "compound") or (c.dep_ == "prep" and c.lower_ in ("of", "by", "from")):
            return True
        if c.dep_ == "amod" and c.lower_ in ("official", "government", "police", "military"):
            return True
    return False


def _elliptical(sdoc: Doc, att: Attribution) -> bool:
    """Every content token a function word, one of them an auxiliary, none a negation:
    "it was", "he did", "they would"."""
    text = doc_text(sdoc)
    if any(c in text[s:e] for s, e in att.contents for c in QUOTE_MARKS_NOT_STRAIGHT):
        return False  # a quotation is what was said, however short
    toks = content_tokens(sdoc, att)
    if any(t.dep_ == "neg" for t in toks):
        return False  # a denial: "said that it would not"
    aux = [t for t in toks if t.pos_ == "AUX" or lemma(t) in AUXILIARY_LEMMAS]
    return bool(aux) and all(t.pos_ in FUNCTION_POS or lemma(t) in AUXILIARY_LEMMAS for t in toks)
