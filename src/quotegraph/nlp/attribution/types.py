"""The type of an attribution (DESIGN.md, "Statement types"): ``speech`` (something said
or written), ``belief`` (an attributed thought, wish, plan or fear), ``finding`` (what a
report, poll, study or document shows) or ``headline`` (an attribution in the headline).

Decided from what the sentence says, not from who it is: the cue's lemma, the head noun
of the source, and whether the content is a quotation (a quotation with its speaker is
speech whatever the verb). Lexicons in data/statement_types.yaml.

Attributions PolNeAR annotates that report no words (issue 17): a stance or an act with
only a noun phrase for content ("backed the report", "objected to subsidies", "posted a
profit"), a reaction with only its target ("condemned the remarks", "dismissed the
criticism") and a commitment ("agreed to pay $13m") are kept, since ``quotegraph eval``
scores every type, but typed ``belief`` (the source's stance or intention), so listings of
what was said leave them out.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...quotation_marks import DOUBLE_MARKS
from ..resources import load_data
from ..spacy_model import doc_text
from .cues import CueLexicon, lemma, load_cue_lexicon
from .rules import Attribution


# A content of these parts of speech alone names someone or something, and says nothing.
NAME_POS = frozenset({"PROPN", "PRON", "DET", "PUNCT", "PART", "CCONJ", "SPACE"})


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


@lru_cache(maxsize=1)
def type_lexicon() -> TypeLexicon:
    data = load_data("statement_types.yaml")
    return TypeLexicon(*(frozenset(data[k]) for k in (
        "belief_cues", "finding_sources", "belief_adjectives", "reactions", "commitments", "claim_objects",
        "evidence_cues", "saying_verbs", "topics")))


def statement_type(sdoc: Doc, att: Attribution, kind: str, in_headline: bool) -> str:
    if att.rule == "headline" or in_headline:
        return "headline"
    lex = type_lexicon()
    source_head = sdoc[att.source_token] if att.source_token is not None else None
    if source_head is not None and source_head.lower_ == "it":
        source_head = _antecedent_of_it(sdoc, source_head)
    if source_head is not None and _a_document(source_head, lex):
        return "finding"
    cue = _cue_head(sdoc, att)
    if cue is not None and kind != "direct":
        negated = any(child.dep_ == "neg" for child in cue.children)
        if not negated and (
                _verb_lemmas(cue) & lex.belief_cues or _a_state_of_mind(cue, lex)):
            return "belief"
        if lemma(cue) in lex.evidence_cues and not _quoted(sdoc, att):
            return "finding"  # "the volunteers showed that ...", "the commission found ..."
        if att.rule != "according" and not _quoted(sdoc, att) and (
                _a_commitment(sdoc, att, cue, lex) or _no_word_of_saying(sdoc, att, cue) or _no_claim(sdoc, att, cue, lex)):
            return "belief"
    return "speech"


def _the_only_subject(word: Token) -> bool:
    """"The Greek pair were charged": the content is its verb's subject, and no other
    subject ("..., the Law Lords have ruled") says the content was parsed as one."""
    subjects = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return word.dep_ in ("nsubj", "nsubjpass") and subjects == [word]


def _a_clause(word: Token) -> bool:
    """A verb with a subject that is not a relative pronoun: "(said) Thursday's report
    reinforced stability", however the parser attached it; not "subsidies that make ..."."""
    return word.pos_ in ("VERB", "AUX") and word.dep_ != "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in word.children)


def _cue_head(sdoc: Doc, att: Attribution) -> Token | None:
    """The cue's head word: the rules' cue token, or the root of the tagger's cue span."""
    if att.cue_token is not None:
        return sdoc[att.cue_token]
    span = sdoc.char_span(*att.cue, alignment_mode="expand") if att.cue else None
    return span.root if span is not None and len(span) else None


def _quoted(sdoc: Doc, att: Attribution) -> bool:
    text = doc_text(sdoc)
    return any(c in text[s:e] for s, e in att.contents for c in DOUBLE_MARKS + "‘")


def _a_commitment(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """"agreed to pay $13m", "offered to step down", "agreed to a buyout": a commitment
    (an act PolNeAR annotates), not a clause said ("agreed that ..." stays speech)."""
    if lemma(cue) not in lex.commitments or any(c.dep_ == "ccomp" for c in cue.children):
        return False
    first = next(iter(sdoc.char_span(*att.contents[0], alignment_mode="expand") or []), None)
    return first is not None and first.lower_ == "to"  # "agreed to pay", "decided to sell"


def _cue_words(sdoc: Doc, att: Attribution, cue: Token) -> list[Token]:
    span = sdoc.char_span(*att.cue, alignment_mode="expand") if att.cue else None
    return list(span) if span is not None and len(span) else [cue]


def _no_word_of_saying(sdoc: Doc, att: Attribution, cue: Token, cues: CueLexicon | None = None) -> bool:
    """A cue with no word of saying in it: "does allow people to ...", "made sure ...",
    "attempted to steer clear of ...", "prompted calls for ...": an act or a stance PolNeAR
    annotates, not words said (a cue of thinking is typed belief before this)."""
    cues = cues or load_cue_lexicon()
    if _as_predicate(cue, _content_words(sdoc, att)):
        return False  # "billed the machine as the Walkman of the century" characterises it
    lex = type_lexicon()
    return not any(cues.reports_speech(lemma(t)) or lemma(t) in lex.saying_verbs
                   or t.lower_ in cues.statement_nouns or t.is_punct for t in _cue_words(sdoc, att, cue))


def _content_words(sdoc: Doc, att: Attribution) -> list[Token]:
    return [t for s, e in att.contents for t in (sdoc.char_span(s, e, alignment_mode="expand") or [])]


# "as" that introduces no predicate: "such as", "as a result of", "as part of", "as well"
NOT_A_PREDICATE_AFTER_AS = frozenset({"a result", "part", "well", "usual", "ever", "soon", "long"})


def _as_predicate(cue: Token, words: list[Token]) -> bool:
    """"billed the machine as the Walkman of the century", "dismissed it as nonsense": an
    "as" attached to the cue or to the content's head noun, not "such as" or "as a result"."""
    doc = cue.doc
    for t in list(cue.children) + words:
        if t.lower_ != "as" or t.dep_ != "prep" or (t.head != cue and t.head not in words):
            continue
        after = doc[t.i + 1:t.i + 3].text.lower()
        if any(c.lower_ == "such" for c in t.children) or (t.i > 0 and doc[t.i - 1].lower_ == "such") \
                or any(after == w or after.startswith(w + " ") for w in NOT_A_PREDICATE_AFTER_AS):
            continue
        return True
    return False


def _no_claim(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon,
              cues: CueLexicon | None = None) -> bool:
    """The content is a bare noun phrase (no verb, no quotation, no predicate) and the cue
    has no word of saying whose object can be a claim ("backed the report", "posted a
    profit", "grew tired of his life") or only a reaction to its object ("condemned the
    remarks"). A predicate says something: "dismissed the claims as nonsense", "ruled it
    illegal"; so does a noun after a verb of saying ("predicted a slump", "hinted at a
    giveaway")."""
    cues = cues or load_cue_lexicon()
    parts = [p for s, e in att.contents if (p := sdoc.char_span(s, e, alignment_mode="expand")) is not None and len(p)]
    words = [t for p in parts for t in p]
    # a noun phrase, even with a relative clause in it ("subsidies that make it hard ..."); a
    # verb with a subject of its own is a clause however it is parsed
    if not parts or any(p.root.pos_ in ("VERB", "AUX") or _a_clause(t) for p in parts for t in p):
        return False
    if all(t.pos_ in NAME_POS for t in words):
        return True  # only whom it was about or addressed to: "called on Mr Brown (to ...)"
    if parts[0].root.dep_ == "nsubjpass" and _the_only_subject(parts[0].root):
        return True  # "the e-mail was revealed", "the spokesman was asked": what it is about
    if parts[0].end <= cue.i and not _the_only_subject(parts[0].root):
        return False  # "X ..., the court ruled": a content before its cue is a reported clause
    cue_words = _cue_words(sdoc, att, cue)
    if _as_predicate(cue, words) or any(t.dep_ in ("oprd", "acomp", "xcomp", "ccomp") for t in words):
        return False  # a predicate: "dismissed the claims as nonsense", "ruled it illegal"
    if any(t.dep_ == "mark" and t.lower_ in ("that", "whether", "if") for t in words):
        return False  # a noun with its clause: "dismissed speculation that he would resign"
    saying = [t for t in cue_words if t.lower_ in cues.statement_nouns or lemma(t) in cues.object
              or lemma(t) in cues.control or lemma(t) in lex.claim_objects]
    return not saying or all(lemma(t) in lex.reactions or lemma(t) in lex.topics for t in saying)


def _verb_lemmas(verb: Token) -> set[str]:
    """The verb's lemma, and its form without the third-person "-s" (the shipped
    spaCy model lemmatises "hopes" as "hop")."""
    out = {verb.lemma_.lower()}
    if verb.tag_ == "VBZ" and verb.lower_.endswith("s"):
        out.add(verb.lower_[:-1])
    return out


def _a_document(noun: Token, lex: TypeLexicon) -> bool:
    return noun.ent_type_ not in ("PERSON", "ORG") and (
        noun.lemma_.lower() in lex.finding_sources or noun.lower_ in lex.finding_sources)


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
        if subject.lower_ != "it":
            return subject
    return None
