"""Does an attribution report words? (issue 17) PolNeAR annotates many attributions that
report none: a stance, an act, a reaction, a topic or a commitment. They stay attributions
(``quotegraph eval`` scores every type) but are typed apart from speech (types.py):

* a commitment or decision: "agreed to pay $13m", "decided to sell its cargo arm", "agreed a
  compensation package", "will decide whether ...", "it was agreed that ...";
* a thing granted or withheld: "an injury denied Luscombe the opportunity to start";
* words not said yet: "she will announce the move on Monday", "could be asked to travel";
* an aim: "were dressed in Beatle wigs to highlight the "lowest interest rates"";
* words asked for or intended, not said: "challenged him to deny reports that ...", "a
  campaign to explain to parents that ...";
* a cue with no word of saying: "does allow people to ...", "grew tired of ...";
* a content with no claim in it: a bare noun phrase after a cue whose object is a thing
  ("backed the report", "posted a profit"), a reaction with only its target ("condemned
  the remarks"), a topic ("spoke about the possibility of ..."), a name alone ("described
  Aron Vik"), the subject of a passive cue ("the e-mail was revealed").

A clause, a predicate ("dismissed the claims as nonsense", "ruled it illegal"), a noun
with its clause ("dismissed speculation that ...") or a noun after a verb of saying whose
object can be a claim ("predicted a slump") report words. Lexicons in
data/statement_types.yaml (read by types.py and passed in); pure functions of the parse.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..lexicon import load_role_lexicon
from .cues import lemma, load_cue_lexicon
from .rules import Attribution
from .tokens import content_tokens, cue_tokens

if TYPE_CHECKING:
    from .types import TypeLexicon

# A content of these parts of speech alone names someone or something, and says nothing.
NAME_POS = frozenset({"PROPN", "PRON", "DET", "PUNCT", "PART", "CCONJ", "SPACE"})
# "as" that introduces no predicate: "such as", "as a result of", "as part of", "as well"
NOT_A_PREDICATE_AFTER_AS = frozenset({"a result", "part", "well", "usual", "ever", "soon", "long"})


def why_no_words(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> str | None:
    """The class of attribution that reports no words, or None when it may report some.
    Not for quotations: a quotation with its speaker is what was said."""
    if _a_commitment(sdoc, att, cue, lex):
        return "commitment"
    if _two_objects(cue, lex):
        return "two objects"
    if _not_said_yet(sdoc, att, cue, lex):
        return "not said yet"
    if _no_word_of_saying(sdoc, att, cue, lex):
        return "no word of saying"
    if _a_feeling_voiced(sdoc, att, cue, lex):
        return "a feeling voiced"
    if _no_claim(sdoc, att, cue, lex):
        return "no claim"
    if _unsaid_passive(sdoc, att, cue):
        return "a passive with no one and no clause"
    return None


# Passives whose object reports what somebody said of it: "has been accused of
# anti-Semitism", "has been described as a supercomputer on a chip" stay speech.
CHARACTERISING_PASSIVES = frozenset({"accuse", "criticise", "criticize", "blame", "condemn", "attack",
                                     "describe", "call", "label", "brand", "dub", "hail", "praise"})


def _unsaid_passive(sdoc: Doc, att: Attribution, cue: Token) -> bool:
    """"plans to cut the workforce were announced", "is widely credited with helping to
    create the genre", "(campaigning,) seen as a way of improving turnout": a passive cue with
    no source and no agent, whose content is no clause, tells what is planned or thought, not
    words anyone said. "It was announced that the plant would close" (a clause) stays speech."""
    if att.source is not None or any(c.dep_ == "agent" for c in cue.children) \
            or lemma(cue) in CHARACTERISING_PASSIVES:
        return False
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children) \
        or (cue.tag_ == "VBN" and cue.dep_ in ("acl", "advcl"))
    words = content_tokens(sdoc, att)
    return passive and bool(words) and not any(_a_clause(t) or (t.dep_ == "mark" and t.lower_ == "that")
                                               for t in words)


def _a_commitment(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """"agreed to pay $13m", "offered to step down", "agreed to a buyout", "agreed a
    compensation package", "will decide whether ...", "it was agreed that ...": a commitment
    or a decision (an act PolNeAR annotates), not a clause said ("X agreed that ..." stays
    speech)."""
    if lemma(cue) not in lex.commitments:
        return False
    if decided_without_agent(cue, lex):
        return True
    if any(c.dep_ == "ccomp" and not _a_question(c) for c in cue.children):
        return False
    words = content_tokens(sdoc, att)
    if not words:
        return False
    if words[0].lower_ in ("to", "whether", "if"):
        return True  # "agreed to pay", "decided to sell", "will decide whether ..."
    # "agreed a compensation package with ...": the thing agreed, a noun phrase object
    return any(t.dep_ == "dobj" and t.head == cue and t.pos_ in ("NOUN", "PROPN") for t in words) \
        and not any(_a_clause(t) and not _in_relative_clause(t, cue) for t in words)


def _in_relative_clause(word: Token, cue: Token) -> bool:
    """"a package which will see it buy out its stake", "their failure to prevent the assault
    that forced them to flee": a clause inside a noun's relative or infinitive clause
    describes the thing; it is no clause or predicate said. A noun's own clause with its
    subject ("rejected allegations he pressured the auditors") is what the noun claims."""
    for t in [word, *word.ancestors]:
        if t == cue:
            return False
        if t.dep_ == "relcl" or (t.dep_ == "acl" and not _a_clause(t)):
            return True
    return False


def decided_without_agent(cue: Token, lex: TypeLexicon) -> bool:
    """"It was agreed that ...", "it was decided to ...": a decision the text gives no one
    for; not words said, even with a quoted word in it."""
    return lemma(cue) in lex.commitments and any(c.dep_ == "auxpass" for c in cue.children) \
        and not any(c.dep_ == "agent" for c in cue.children)


def an_aim(sdoc: Doc, att: Attribution, cue: Token) -> bool:
    """"were dressed in Beatle wigs to highlight the "lowest interest rates since the 1960s"",
    "used the visit to denounce the 'sham' vote": a cue in an infinitive of purpose under a
    verb that says nothing, with a noun phrase for content (quoted words or not), tells what
    an act was for, not what was said. "took the stage to announce that ..." (a clause) and
    "called on them to condemn ..." (the cue is "called") stay speech."""
    if cue.dep_ not in ("advcl", "xcomp") or not any(c.tag_ == "TO" for c in cue.children):
        return False
    if load_cue_lexicon().reports_speech(lemma(cue.head)):
        return False
    words = content_tokens(sdoc, att)
    return bool(words) and not any(_a_clause(t) for t in words)


def not_performed(cue: Token, lex: TypeLexicon) -> bool:
    """An infinitive cue asked for, wanted or caused ("challenged the minister to deny reports
    that ...", "makes three bloggers reveal who ...", "wants to explain") or naming what a thing
    is for ("a campaign to explain to parents that ...", "the lawsuit to reveal the names"):
    the words are requested or intended, not said. "took the opportunity to say", "went on
    to say" and "the first to admit" stay speech."""
    if cue.tag_ != "VB" or cue.head.i == cue.i:
        return False
    head = cue.head
    if cue.dep_ in ("xcomp", "ccomp"):
        return head.pos_ in ("VERB", "AUX") and lemma(head) in lex.unperformed_heads
    if cue.dep_ in ("acl", "relcl") and any(c.tag_ == "TO" for c in cue.children):
        return head.pos_ in ("NOUN", "PROPN") and lemma(head) not in lex.speaking_occasions
    return False


def _a_question(clause: Token) -> bool:
    """"whether producers can be held responsible": an open question, not a claim."""
    return any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children)


def _two_objects(cue: Token, lex: TypeLexicon) -> bool:
    """"a hamstring injury denied Luscombe the opportunity", "Eminem denied Elvis his fourth
    number one", "offered him a contract": a thing granted or withheld, not a claim."""
    objects = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")]
    return lemma(cue) in lex.two_object_acts and len(objects) >= 2 \
        and not any(c.dep_ == "ccomp" for c in cue.children)


def _not_said_yet(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """"She will announce the move on Monday", "the court will decide whether ...", "Bowe
    could be asked to travel": a cue under "will", "could", "may" ... with no reported clause
    for content reports a plan or a possibility, not words said. "will tell MPs that the
    economy is strong" (a clause, from an advance text) stays speech."""
    if not any(c.dep_ == "aux" and c.lower_ in lex.unsaid_auxiliaries for c in cue.children):
        return False
    words = content_tokens(sdoc, att)
    return bool(words) and not any(_a_clause(t) and not _a_question(t) for t in words)


def _no_word_of_saying(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """A cue with no word of saying in it: "does allow people to ...", "made sure ...",
    "attempted to steer clear of ...": an act or a stance PolNeAR annotates, not words said
    (a cue of thinking is typed belief before this)."""
    cues = load_cue_lexicon()
    words = content_tokens(sdoc, att)
    if _as_predicate(cue, words):
        return False  # "billed the machine as the Walkman of the century" characterises it
    if lemma(cue) in lex.reactions and any(t.dep_ == "mark" and t.lower_ == "that" for t in words):
        return False  # "backed the captain's view that ...": a claim taken up, like "dismissed speculation that"
    if made_plain(sdoc, att, cue, lex):
        return False
    return not any(cues.reports_speech(lemma(t)) or lemma(t) in lex.saying_verbs
                   or t.lower_ in cues.statement_nouns or t.is_punct for t in cue_tokens(sdoc, att, cue))


def made_plain(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """"made it clear that ...", "made plain ...", "has made it known that ...": "make" with a
    complement of stating says the clause, though neither word is a verb of saying (and
    "known" alone is a verb of knowing). Only with a source that can speak: "the actions of
    its people make clear what is going on" states nothing (BBC tech-283)."""
    if not _can_speak(sdoc, att):
        return False
    if cue.lower_ in lex.stating_complements and cue.head.i != cue.i and lemma(cue.head) == "make":
        return True
    return lemma(cue) == "make" and any(t.lower_ in lex.stating_complements for t in cue_tokens(sdoc, att, cue))


def _a_feeling_voiced(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """"voiced concern about the effect of redundancies", "expressed fears over the plan",
    "raised doubts about the figures": a feeling and its topic, not what was said
    (labels/bbc/README.md: "expressed concern about X" is topic-only); "expressed concern
    that ..." (a clause) stays speech."""
    if lemma(cue) not in lex.expressing:
        return False
    words = content_tokens(sdoc, att)
    return bool(words) and any(t.lower_ in lex.feelings and t.head == cue for t in words) \
        and not any(_a_clause(t) or (t.dep_ == "mark" and t.lower_ == "that") for t in words)


def _as_predicate(cue: Token, words: list[Token]) -> bool:
    """"billed the machine as the Walkman of the century", "dismissed it as nonsense": an
    "as" attached to the cue or to the content's head noun, not "such as" or "as a result"."""
    doc = cue.doc
    for t in list(cue.children) + words:
        if t.lower_ != "as" or t.dep_ != "prep" or (t.head != cue and t.head not in words):
            continue
        if t.i > 0 and doc[t.i - 1].dep_ == "pobj":
            continue  # "clinging to their status as one of the biggest bands": no object to predicate of
        after = doc[t.i + 1:t.i + 3].text.lower()
        if any(c.lower_ == "such" for c in t.children) or (t.i > 0 and doc[t.i - 1].lower_ == "such") \
                or any(after == w or after.startswith(w + " ") for w in NOT_A_PREDICATE_AFTER_AS):
            continue
        return True
    return False


def _no_claim(sdoc: Doc, att: Attribution, cue: Token, lex: TypeLexicon) -> bool:
    """The content is a bare noun phrase (no verb, no quotation, no predicate) and the cue
    has no word of saying whose object can be a claim ("backed the report", "posted a
    profit", "grew tired of his life") or only a reaction to its object ("condemned the
    remarks"). A predicate says something: "dismissed the claims as nonsense", "ruled it
    illegal"; so does a noun after a verb of saying ("predicted a slump", "hinted at a
    giveaway")."""
    cues = load_cue_lexicon()
    parts = [p for s, e in att.contents
             if (p := sdoc.char_span(s, e, alignment_mode="expand")) is not None and len(p)]
    words = [t for p in parts for t in p]
    claim_verb = any(lemma(t) in lex.claim_objects for t in (cue, cue.head) if t is cue or cue.dep_ == "prep")
    if parts and _a_topic_phrase(_first_head(parts[0]), cue, cue_tokens(sdoc, att, cue)) and not claim_verb \
            and not any(t.dep_ == "mark" and t.lower_ in ("that", "whether", "if") for t in words):
        # "Asked about the impossibility of X maintaining its status in case it joins the EU":
        # what the words were about, whatever clause describes it (labels/bbc/README.md,
        # "Topic-only mentions"); "complained about the fact that ..." keeps its clause
        return True
    if parts[0].end <= cue.i and parts[0][0].dep_ == "prep" \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in parts[0].root.children):
        return True  # "In the adverts, entitled An Open Letter, the company says ...": where, not what
    # a noun phrase, even with a relative clause in it ("subsidies that make it hard ..."); a
    # verb with a subject of its own is a clause however it is parsed
    if not parts or any(p.root.pos_ in ("VERB", "AUX") or (_a_clause(t) and not _in_relative_clause(t, cue))
                        for p in parts for t in p):
        return False
    if all(t.pos_ in NAME_POS for t in words):
        return True  # only whom it was about or addressed to: "called on Mr Brown (to ...)"
    if parts[0].root.dep_ == "nsubjpass" and _the_only_subject(parts[0].root):
        return True  # "the e-mail was revealed", "the spokesman was asked": what it is about
    if parts[0].end <= cue.i and not _the_only_subject(parts[0].root):
        return False  # "X ..., the court ruled": a content before its cue is a reported clause
    cue_words = cue_tokens(sdoc, att, cue)
    if _as_predicate(cue, words) or any(t.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and not _in_relative_clause(t, cue)
                                        for t in words):
        return False  # a predicate: "dismissed the claims as nonsense", "ruled it illegal"
    if any(t.dep_ == "mark" and t.lower_ in ("that", "whether", "if") for t in words):
        return False  # a noun with its clause: "dismissed speculation that he would resign"
    saying = [t for t in cue_words if t.lower_ in cues.statement_nouns or lemma(t) in cues.object
              or lemma(t) in cues.control or lemma(t) in lex.claim_objects]
    return not saying or all(lemma(t) in lex.reactions or lemma(t) in lex.topics
                             or (lemma(t) in lex.unveilings and not _a_proposition(words)) for t in saying)


# Figures that say what was made public ("revealed a 12% fall", "announced losses of $2bn");
# a bare number may be a name ("unveiled its new 777 plane", BBC labels business-069)
FIGURE_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY"})


def _a_proposition(words: list[Token]) -> bool:
    """A noun phrase that says what was made public: an infinitive ("plans to cut 300 jobs"),
    a gerund ("proposals for cutting the deficit") or a figure ("a 12% fall in profits");
    "its election plans", "the settlements", "its new 777 plane" only name it."""
    return any((t.tag_ == "TO" and t.head.pos_ in ("VERB", "AUX"))
               or (t.tag_ == "VBG" and t.dep_ == "pcomp")
               or t.ent_type_ in FIGURE_ENTITIES for t in words)


# Prepositions that give what words were about, not the words: "reminded the journalist about
# X", "told counterparts of its decision" (labels/bbc/README.md, "Topic-only mentions").
TOPIC_PREPOSITIONS = frozenset({"about", "of", "on", "over", "regarding", "concerning"})
# The cue's object that hears the words (the parser may hang the topic phrase on it).
HEARER_OBJECT_DEPS = ("dobj", "dative", "iobj")


def _first_head(part) -> Token:
    """The first word of a span that hangs outside it: the noun a content begins with, where the
    parse hangs a later clause of the content on the cue ("the impossibility of ... in case it
    joins the EU", "joins" on "Asked")."""
    return next((t for t in part if not part.start <= t.head.i < part.end or t.head == t), part.root)


def _a_topic_phrase(root: Token, cue: Token, cue_words: list[Token]) -> bool:
    """The content's noun is the object of a topic preposition hanging on the cue or on the
    cue's object ("reminded [the journalist about] the refugees"), or ending the cue span
    ("held tough talks with unions about [trimming jobs]")."""
    prep = root if root.dep_ == "prep" else root.head  # the content may begin with "about"
    # a statement noun as the cue, object of a light verb, or the preposition itself ending the
    # cue span: "made a statement regarding X"
    verb = cue.head if cue.dep_ in HEARER_OBJECT_DEPS else cue
    # a gerund is a topic too ("held talks with unions about trimming jobs"), but not after "of":
    # "accused of overseeing a fraud" gives the charge
    gerund = root.dep_ == "pcomp" and prep.lower_ != "of"
    return (root.dep_ == "pobj" or gerund or root is prep) and prep.lower_ in TOPIC_PREPOSITIONS and (
        prep == cue or prep in cue_words or prep.head in (cue, verb)
        or (prep.head.dep_ in HEARER_OBJECT_DEPS and prep.head.head == cue))


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


def _can_speak(sdoc: Doc, att: Attribution) -> bool:
    """A source headed by a name, a pronoun, or a person's, body's or group's noun (in the
    lexicons, or with an agent's ending: "commissioner", "harbour master", "analysts")."""
    if att.source_token is None:
        return False
    head = sdoc[att.source_token]
    rlex = load_role_lexicon()
    word = head.lower_
    return head.pos_ in ("PROPN", "PRON") or word in rlex.role_gender or rlex.plural_role(word) \
        or word in rlex.org_nominals or word in rlex.group_nouns or word in rlex.org_words \
        or bool(AGENT_NOUN.search(word))


# Endings of nouns for people who act ("commissioner", "analyst", "spokesman", "resident")
AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|man|men|ant|ent)s?$")
