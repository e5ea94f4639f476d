"""Content of a reporting cue from the dependency parse.

Rules (each returns the character span of the reported material):
* clausal complement: "said (that) Moscow is discussing ...", also the
  parenthetical "Moscow is discussing it, the diplomat said";
* control verbs: "urged Baku to return ..." (object + infinitive);
* object verbs: "criticised the decision", "called for an inquiry",
  "spoke of “Baku’s constructive steps”";
* "according to X, ..." : the clause the phrase modifies, minus the phrase.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import load_role_lexicon
from .cues import CueLexicon, lemma, particle_of
from .marks import QUOTE_MARKS
from .sources import REPORTED_AS_VERBS, absolute_subject

CLAUSE_DEPS = ("ccomp",)
OBJECT_DEPS = ("dobj", "attr", "oprd")
# "call X Y": a statement only with the predicate (or a quotation) after the object.
NAMING_VERBS = frozenset({"call", "label", "dub", "brand", "term"})
PREDICATE_DEPS = ("oprd", "xcomp", "ccomp", "attr", "acomp", "dobj", "npadvmod")


def _quoted_after(obj: Token) -> bool:
    doc = obj.doc
    j = obj.right_edge.i + 1
    marks = ("“", '"', "‘", "'", "''", "``", "«")
    return j < len(doc) and doc[j].text in marks or any(t.text in marks for t in obj.subtree)


# Verbs whose object is the target and whose of/for phrase is the charge or praise.
CHARGE_VERBS = frozenset({"accuse", "blame", "criticize", "criticise", "praise", "thank", "condemn", "credit",
                          "fault", "commend", "applaud", "congratulate", "denounce", "slam", "attack", "suspect"})


@dataclass(slots=True)
class ContentFound:
    start: int
    end: int
    rule: str  # clause | parataxis | control | object | according
    gap: tuple[int, int] | None = None  # a part inside (start, end) that is not content ("according to X")


def _subtree_span(tok: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Char span of ``tok``'s subtree; if ``exclude`` (a subtree to leave out) lies
    at one edge, the span stops before it."""
    left, right = tok.left_edge.i, tok.right_edge.i
    doc = tok.doc
    if exclude is not None:
        el, er = exclude.left_edge.i, exclude.right_edge.i
        if el <= left <= er:
            left = er + 1
        elif el <= right <= er:
            right = el - 1
        elif left < el and er < right:
            # The excluded part sits inside: keep the side holding ``tok``.
            if tok.i < el:
                right = el - 1
            else:
                left = er + 1
    left = min(left, right)
    return doc[left].idx, doc[right].idx + len(doc[right])


def _cut_before_nested_cue(root: Token, s: int, e: int, lex: CueLexicon | None) -> int:
    """End of a content before a following reporting clause hung inside it
    ("... was maniacal,” adding, “...”", "... and said the group ...")."""
    if lex is None:
        return e
    for t in root.subtree:
        if t.i <= root.i or t.idx >= e:
            continue
        if t.dep_ in ("conj", "advcl", "parataxis") and t.head.i == root.i and t.pos_ == "VERB" \
                and (lemma(t) in lex.clause or lemma(t) in lex.object):
            cut = t.left_edge
            doc = t.doc
            j = cut.i
            while j - 1 > root.i and (doc[j - 1].is_punct or doc[j - 1].dep_ == "cc") and doc[j - 1].text not in ("”", "’", '"'):
                j -= 1
            return min(e, doc[j].idx) if j > root.i else e
    return e


def _that_clause_below(verb: Token) -> Token | None:
    """A that-clause the parser hung lower down ("told the audience at his
    fundraiser that ..."): a complementizer "that" (dep mark) to the verb's right."""
    # The verb's subtree, and when the parser read the cue as a participle
    # modifying its subject ("Pashinian charged on Tuesday that ...": Pashinian
    # ROOT, charged acl) the words after it, where the that-clause was hung
    # on the subject instead.
    candidates = list(verb.subtree)
    if verb.dep_ in ("acl", "relcl") and verb.head.i < verb.i:
        candidates += [t for t in verb.doc[verb.right_edge.i + 1:verb.sent.end]]
    for t in candidates:
        # "that" as complementizer: a mark, or mis-read as a relative adverb
        # ("countered at the time that the refugees will not go back") when
        # the clause has its own subject after it.
        complementizer = t.dep_ == "mark" or (t.dep_ == "advmod" and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.head.children))
        if t.i > verb.i and complementizer and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX") \
                and t.head.dep_ in ("relcl", "acl", "advcl", "ccomp") and t.sent.start == verb.sent.start:
            # Only when nothing but the object and its modifiers lies between.
            if not any(x.pos_ == "VERB" and x.i != t.head.i for x in verb.doc[verb.i + 1:t.i]):
                return t.head
    return None


def clause_content(verb: Token, lex: CueLexicon | None = None) -> ContentFound | None:
    for c in verb.children:
        if c.dep_ in CLAUSE_DEPS:
            s, e = _subtree_span(c)
            if c.i > verb.i:
                e = _cut_before_nested_cue(c, s, e, lex)
            return ContentFound(s, e, "clause")
    if lex is not None and lemma(verb) in lex.clause:
        head = _that_clause_below(verb)
        if head is not None:
            s, e = _subtree_span(head)
            mark = next((t for t in head.children if t.dep_ == "mark"), None)
            if mark is not None:
                s = min(s, mark.idx)
            return ContentFound(s, e, "clause")
    return None


def parataxis_content(verb: Token) -> ContentFound | None:
    """"The talks were candid, she said": the cue hangs off the reported clause."""
    if verb.dep_ != "parataxis" or verb.head.i == verb.i:
        return None
    head = verb.head
    s, e = _subtree_span(head, exclude=verb)
    return ContentFound(s, e, "parataxis")


def control_content(verb: Token, lex: CueLexicon) -> ContentFound | None:
    if lemma(verb) not in lex.control:
        return None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "pobj") and c.i < xcomp.i
                and c.tag_ not in ("WDT", "WP")), None)  # "a number that drivers can call to ...": no one asked
    prt = particle_of(verb, lex)
    if obj is None and prt is not None:  # "called on Baku to ..."
        obj = next((p for p in prt.children if p.dep_ == "pobj"), None)
    if obj is None and lemma(verb) in OBJECT_CONTROL and not any(c.dep_ in ("nsubjpass", "auxpass")
                                                                 for c in verb.children):
        return None  # "people can call to get information": no one is asked, nothing said
    s, e = _subtree_span(xcomp)
    if obj is not None:
        s = min(s, obj.left_edge.idx)
    return ContentFound(s, e, "control")


# Control cues whose infinitive is a request only with the person asked (an object,
# "called on X to", or the passive subject "was urged to"): "urged them to", not "call to get".
OBJECT_CONTROL = frozenset({"call", "urge", "implore", "tell"})


NONRESTRICTIVE_MARKS = frozenset({",", "--", "—", "–", "-"})


def _without_nonrestrictive(head: Token, s: int, e: int) -> tuple[int, int]:
    """An object's span without a comment set off after it ("praised the proposals,
    which include ...", "endorsed the campaign, the latest chapter in ...", "call it
    whatever you want -- a network, ..."): the writer's aside, not what was said."""
    doc = head.doc
    # on the head, or on a noun inside that ends the phrase ("reaffirmed its faith in
    # Anil, who is the company's chief")
    ends = [t for t in head.subtree if t.i >= head.i and t.right_edge.i == head.right_edge.i]
    for c in (r for t in ends for r in t.rights):
        if c.dep_ in ("relcl", "appos") and c.left_edge.i - 1 > head.left_edge.i:
            mark = doc[c.left_edge.i - 1]
            if mark.text in NONRESTRICTIVE_MARKS and (c.dep_ == "appos" or c.left_edge.tag_ in ("WDT", "WP", "WP$", "WRB")):
                return s, min(e, mark.idx)
    return s, e


def _without_next_subject(head: Token, s: int, e: int) -> tuple[int, int]:
    """An object's span without a conjunct that is the subject of the next participle
    ("demanding an apology and Ulmsk saying ...": Ulmsk speaks, it was not demanded)."""
    doc = head.doc
    for c in head.rights:
        nxt = c.i + 1
        subject = absolute_subject(doc[nxt]) if c.dep_ == "conj" and nxt < len(doc) else None
        if subject is not None and subject.i == c.i:
            cc = next((d for d in head.children if d.dep_ == "cc" and d.i < c.i), None)
            last = doc[(cc.i if cc is not None else c.left_edge.i) - 1]
            return s, min(e, last.idx + len(last))
    return s, e


CONDITIONAL_MARKS = {"if", "unless", "provided", "providing", "lest"}


def without_cue_adjuncts(cue: Token, start: int, end: int, lex: CueLexicon) -> tuple[int, int]:
    """A content that is the cue's object or infinitive, cut before the adverbial
    clauses of the cue that follow it: "indicates a tightening race as Trump
    consolidates ...", "backed off some of his proposals, dialing back ...",
    "highlights the killings ... to help give context ...": they tell when and
    why it was said, not what. A clausal content (said that ..., because ...)
    keeps its clauses: the parser often hangs them on the cue. On PolNeAR dev
    (tagger-only contents): quotes F1 0.7797 -> 0.7812, attribution 0.7376 -> 0.7395;
    also cutting coordinated verbs and noun-phrase times lost (0.7783)."""
    doc = cue.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span[0].i <= cue.i or span[0].text in QUOTE_MARKS:
        return start, end
    first = span[0]
    opening = [t for t in span if t.left_edge.i == first.i and t.head.i != t.i]
    head = max(opening, key=lambda t: t.right_edge.i, default=None)
    if head is None or head.right_edge.i >= span[-1].i or head.dep_ not in ("dobj", "xcomp", "pobj"):
        return start, end
    on_cue = head.head.i == cue.i or (head.head.dep_ in ("prep", "prt") and head.head.head.i == cue.i)
    if not on_cue:
        return start, end
    object_end = head.right_edge.i
    rest = doc[object_end + 1:span.end]
    tops = [x for x in rest if not rest.start <= x.head.i < rest.end]
    if tops and tops[0].i == rest.start and tops[0].dep_ == "prep" and tops[0].lower_ == "as" \
            and tops[0].head.i == cue.i:
        # "described the result as an "absolute giveaway" after ...": the "as"
        # predicate belongs to the object; the clause after it is the cue's
        object_end = tops[0].right_edge.i
        rest = doc[object_end + 1:span.end]
        tops = [x for x in rest if not rest.start <= x.head.i < rest.end]
    if not tops or not all(x.head.i == cue.i and x.dep_ in ("advcl", "punct") for x in tops):
        return start, end
    if rest[0].dep_ == "advcl" and rest[0].tag_ in ("VBG", "VBN"):
        return start, end  # "her husband making millions": no comma, a participle on the object read onto the cue
    clause = next((x for x in tops if x.dep_ == "advcl"), None)
    if clause is None:
        return start, end
    if lemma(cue) in lex.control and any(c.tag_ == "TO" for c in clause.children):
        return start, end  # "pleading with officers not to shoot": the infinitive is what was asked
    if any(c.lower_ in CONDITIONAL_MARKS or (c.lower_ == "in" and any(g.lower_ == "case" for g in c.children))
           for c in clause.children):
        return start, end  # "threatened sanctions if the talks fail": the condition is part of what was said
    last = doc[object_end]
    while last.i > first.i and last.is_punct and last.text not in QUOTE_MARKS:
        last = doc[last.i - 1]
    return start, last.idx + len(last)


# Prepositions a noun takes for its complement ("agreement with", "commitment to",
# "support for", "concern about"), which the parser often hangs on the verb instead.
NOUN_COMPLEMENT_PREPS = frozenset({"with", "to", "for", "of", "about", "over", "against", "between", "toward",
                                   "towards"})
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Who statements are made to, beside the role lexicon's persons and groups.
AUDIENCE_NOUNS = frozenset({"staff", "reporter", "journalist", "audience", "crowd", "delegate", "fan", "shareholder",
                            "investor", "employee", "colleague", "viewer", "listener", "reader", "mp", "senator"})


def _is_party(tok: Token) -> bool:
    """A person, group or organisation: after "to" or "with" the one spoken to or with."""
    if tok.pos_ == "PRON" or tok.ent_type_ in PARTY_ENTITIES:
        return True
    rlex = load_role_lexicon()
    lem = tok.lemma_.lower()
    return lem in AUDIENCE_NOUNS or lem in rlex.role_gender or lem in rlex.org_nominals \
        or tok.lower_ in rlex.group_nouns


def _object_complements_end(verb: Token, obj: Token, end: int) -> int:
    """The end of an object with the prepositional phrases that complete it, which the
    parser hung on the verb: "expressed his agreement with the comparison of the exodus
    in 2023 with the genocide", "reaffirmed their commitment to the plan". Runs to the
    last phrase whose preposition a noun takes ("with", "to", "for", ...; the phrases
    between come along), over phrases only, right after the object; a person or
    organisation after it is who it was said to or with ("discussed the plan with the
    mayor", "announced the cuts to staff"), and a phrase with any other preposition
    alone ("criticised the plan in a statement on Monday") tells where or when."""
    doc = verb.doc
    preps = {c.i: c for c in verb.children if c.dep_ == "prep" and c.i > obj.right_edge.i}
    j, last = obj.right_edge.i + 1, None
    while j < len(doc):
        if doc[j].text in QUOTE_MARKS:
            j += 1
            continue
        prep = preps.get(j)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            break
        if prep.lower_ in NOUN_COMPLEMENT_PREPS and not (prep.lower_ in ("to", "with") and _is_party(pobj)):
            last = prep
        elif prep.lower_ in ("to", "with"):
            break  # "... to staff": the hearer; what follows is not the object's
        j = prep.right_edge.i + 1
    if last is None:
        return end
    tail = last.right_edge
    return max(end, tail.idx + len(tail))


def object_content(verb: Token, lex: CueLexicon) -> ContentFound | None:
    lem = lemma(verb)
    if lem not in lex.object:
        return None
    prt = particle_of(verb, lex)
    if prt is not None:
        pobj = next((p for p in prt.children if p.dep_ in ("pobj", "pcomp")), None)
        if pobj is not None:
            s, e = _without_nonrestrictive(pobj, *_subtree_span(pobj))
            return ContentFound(s, e, "object")
    if lem in lex.particle_only:
        return None
    if lem in REPORTED_AS_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None  # "quoted the minister as saying ...": the minister's statement, found from "saying"
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS and c.pos_ not in ("PRON",):
            s, e = _without_next_subject(c, *_without_nonrestrictive(c, *_subtree_span(c)))
            if lem in NAMING_VERBS and not any(d.i > c.right_edge.i and d.dep_ in PREDICATE_DEPS
                                               for d in verb.children) and not _quoted_after(c) \
                    and not any(d.pos_ == "PRON" or d.tag_ in ("WP", "WDT") for d in verb.children
                                if d.dep_ in ("dobj", "nsubj", "nsubjpass") and d.i != c.i):
                return None  # "called an emergency meeting": convened, not said
            # "called the plan “a farce”", "called Palin a clown": the
            # predicate after the object belongs to the content.
            for d in verb.children:
                if d.i > c.right_edge.i and d.dep_ in PREDICATE_DEPS:
                    e = max(e, _subtree_span(d)[1])
                # "accused Yerevan of undermining the talks", "blamed Armenia for the
                # fighting": the charge is what was said, not only its target.
                elif d.i == c.right_edge.i + 1 and d.dep_ == "prep" and d.lower_ in ("of", "for") \
                        and lem in CHARGE_VERBS:
                    e = max(e, _subtree_span(d)[1])
            if lem not in CHARGE_VERBS and lem not in NAMING_VERBS:
                e = _object_complements_end(verb, c, e)
            return ContentFound(s, e, "object")
    return None


# Subjects by which the writer comments on the event just reported ("... and this
# happened during the pogroms"): the clause they open is the writer's.
EVENT_ANAPHORS = frozenset({"this", "that"})


def _before_next_clause(verb: Token, after: int) -> Token | None:
    """The last token before a clause coordinated to ``verb`` whose subject is "this" or
    "that", the reported event itself ("400,000 people were forced to flee, according to
    estimates, and this happened during the pogroms": the estimates give the number, the
    writer says when it happened), or None. A coordinated clause with any other subject
    may be part of what the source says ("only a quarter could afford insurance, and
    only a quarter of those took out policies") and stays."""
    for c in verb.children:
        if c.dep_ == "conj" and c.i >= after and c.pos_ in ("VERB", "AUX") and any(
                s.dep_ in ("nsubj", "nsubjpass") and s.lower_ in EVENT_ANAPHORS and s.n_lefts + s.n_rights == 0
                for s in c.children):
            j = c.left_edge.i - 1
            while j > after and (verb.doc[j].is_punct or verb.doc[j].dep_ == "cc"):
                j -= 1
            return verb.doc[j] if j >= after else None
    return None


def without_writers_clause(according: Token, start: int, end: int) -> tuple[int, int]:
    """A content of "according to X" (a tagger's, say) cut where the writer's own
    comment on the reported event begins (``_before_next_clause``)."""
    phrase = according.doc[according.i + 1]
    last = _before_next_clause(according.head, phrase.right_edge.i + 1) if according.dep_ == "prep" else None
    if last is None or not (start < last.idx + len(last) < end):
        return start, end
    return start, last.idx + len(last)


def according_to_content(according: Token) -> tuple[ContentFound, Token] | None:
    """Content and source-head token of "according to X": the rest of the
    sentence on the other side of the phrase (PolNeAR takes the whole
    sentence, coordinated clauses included, not just the verb it hangs on)."""
    doc = according.doc
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in according.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = according.sent
    phrase_end = max(pobj.right_edge.i, to.i) + 1
    before = [t for t in doc[sent.start:according.i] if not t.is_punct and t.dep_ not in ("cc", "advmod")]
    if not before:
        # "According to X, ..." : the content follows.
        if phrase_end >= sent.end:
            return None
        s_tok, e_tok = doc[phrase_end], doc[sent.end - 1]
    else:
        # "..., according to X." : the content precedes.
        s_tok, e_tok = doc[sent.start], doc[according.i - 1]
        after = [t for t in doc[phrase_end:sent.end] if not t.is_punct]
        if after and any(t.dep_ == "ROOT" for t in after):
            # "In the 1990s, according to estimates, 400,000 people fled": the
            # main clause follows the phrase; the sentence minus the phrase, up to
            # a clause of the writer's own coordinated after it.
            e_tok = _before_next_clause(according.head, phrase_end) or doc[sent.end - 1]
            gap = (according.idx, doc[phrase_end - 1].idx + len(doc[phrase_end - 1]))
            return ContentFound(s_tok.idx, e_tok.idx + len(e_tok), "according", gap), pobj
    return ContentFound(s_tok.idx, e_tok.idx + len(e_tok), "according"), pobj


def verb_content(verb: Token, lex: CueLexicon) -> ContentFound | None:
    """First rule that applies, most specific first."""
    lem = lemma(verb)
    if lem in lex.clause or lem in lex.weak_clause:
        found = clause_content(verb, lex)
        if found:
            return found
    found = control_content(verb, lex)
    if found:
        return found
    found = object_content(verb, lex)
    if found:
        return found
    if lem in lex.clause:
        return parataxis_content(verb)
    return None
