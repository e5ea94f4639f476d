"""The speaker of one attribution: its source resolved to a named speaker of the
document, or a speaker described as written ("a source", "Local farmers").

The source span stays as written (it is the evidence); the speaker is a person,
organisation or group noun phrase, never a time expression, a dateline or a
clause: an unnamed speaker is named by the core of its phrase ("The firm,
which is to receive ..." is "The firm").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...records import Document, Speaker
from ..lexicon import RoleLexicon
from ..spacy_model import tokens_starting_in
from .aliases import FUNCTION_WORDS
from .coref import SpeakerResolver
from .phrases import CLAUSE_DEPS, CORE_BREAKS, core_end, past_dateline, phrase_head, unnamed_speaker

NO_SPEAKER_HEADS = ("i", "we", "you", "who", "which", "that")
# Words that make no speaker on their own: a source left as just these was cut to its
# determiner ("The" of "The OECD highlighted", "This confirms") and names no one.
DETERMINER_WORDS = frozenset("""the a an this that these those its his her their our my your it
    there here""".split())
# The longest tagged source taken whole when its cut form was only a determiner: a name
# with its article ("The Lindquay Port Authority"), not a clause.
MAX_UNCUT_WORDS = 5
# Documents and things: "The report", "the lawsuit", "a survey of 1,300 bosses" with no
# maker the document names are no speaker (the label guide's null); the source span stays
# on the quote as the evidence. A named maker was found before ("a Toshiba study").
DOCUMENT_HEADS = frozenset("""report study survey poll research data statistics lawsuit suit complaint papers
    document book letter article story ruling judgment judgement verdict budget message proposal section approach
    law bill legislation injury paper memo dossier accounts""".split())


# A sentence end the parser may have missed: a stop after a word, then a capitalised word.
SENTENCE_END = re.compile(r"(?<=\w\w)[.!?]\s+(?=[A-Z][a-z])")
# The rest of a hyphenated word after the hyphen ("-ordinator", "-chairman").
HYPHENATED_REST = re.compile(r"-[a-z][a-z-]*\b")
NOUN_TAGS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Heads no noun phrase has (an adjective can head a nominal: "The 66-year-old said").
CLAUSE_WORD_TAGS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "PART", "ADV"})
# A word in a noun's position is a noun, whatever its tag ("Ex-BBC chat show" with "show" a VERB).
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "ROOT"})
# A relative word opening a source: "which", "who", "whose" (Penn tags).
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Model entity types of a name that can speak.
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# "X, whose spokesman said": a possessed noun a body or person speaks through.
VOICE_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "statement", "office", "lawyer", "lawyers",
                         "agent", "website", "campaign", "question"})


def _antecedent(rel: Token) -> Token | None:
    """The noun a relative clause opened by ``rel`` modifies ("Mirza, who lives in ..." -> Mirza)."""
    for t in rel.ancestors:
        if t.dep_ == "relcl":
            return t.head
    return None


def _named_right_before(sdoc: Doc, rel: Token, ante: Token, rlex: RoleLexicon) -> Token:
    """A name ending right before the relative word, after the common noun the parser hung the
    clause on, is what the clause is about ("labelled a misjudgement by the Conservatives, who
    said": the Conservatives; "a rival in IBM, which argues": IBM): a misjudgement says nothing.
    A person's role or a group is the one who speaks ("the head of Acme, who said")."""
    prev = sdoc[rel.i - 2] if rel.i >= 2 and sdoc[rel.i - 1].text == "," else sdoc[rel.i - 1]
    person_word = ante.lower_ in rlex.role_gender or rlex.plural_role(ante.lower_) or ante.lower_ in rlex.group_nouns
    if ante.pos_ == "NOUN" and not person_word and prev.i > ante.i and prev.pos_ == "PROPN" \
            and prev.ent_type_ in NAMED_TYPES and prev.dep_ == "pobj":
        return prev
    return ante


def _highest_noun(sdoc: Doc, s: int, e: int) -> Token | None:
    """The noun of a span with the fewest ancestors inside the span (the leftmost of equals)."""
    nouns = [t for t in tokens_starting_in(sdoc, s, e) if t.pos_ in NOUN_TAGS]
    if not nouns:
        return None
    return min(nouns, key=lambda t: (sum(1 for a in t.ancestors if s <= a.idx < e), t.i))


def _apposed_role(head: Token, end: int, rlex: RoleLexicon) -> bool:
    """The parser's coordination is one person's name and roles, not several speakers:
    "Kamal Nath, Commerce and Industry Minister", "Ian Fogg, broadband analyst at X" (a name or
    a role, then after a comma a conjunct ending in a person's role word), or "chairman and chief
    executive officer Bill Ford" (roles only, then the name)."""
    conjuncts = [t for t in head.subtree if t.dep_ == "conj" and t.idx < end]
    if not conjuncts or not (head.pos_ == "PROPN" or head.lower_ in rlex.role_gender):
        return False
    last = conjuncts[-1]
    if last.lower_ in rlex.role_gender and last.doc[conjuncts[0].left_edge.i - 1].text == ",":
        return True
    return head.lower_ in rlex.role_gender and all(c.lower_ in rlex.role_gender for c in conjuncts) and any(
        t.pos_ == "PROPN" and t.idx < end for t in last.doc[last.i + 1:last.i + 4])


def _group_end(head: Token, end: int) -> int:
    """Where a coordinated source ends: after its last member's own words, before a comma-set-off
    apposition or relative clause ("Sony, IBM and Toshiba, who have been working ...")."""
    last = head
    while (nxt := max((c for c in last.children if c.dep_ == "conj" and c.idx < end),
                      key=lambda c: c.i, default=None)) is not None:
        last = nxt
    right = last
    for t in head.doc[last.i + 1:]:
        if t.idx >= end or t.text in CORE_BREAKS or t.tag_ in ("WDT", "WP", "WP$") \
                or (t.dep_ in CLAUSE_DEPS and t.head.i <= last.i):
            break
        right = t
    return right.idx + len(right)


def _without_set_off_clauses(sdoc: Doc, s: int, e: int) -> str:
    """The words of a span without its comma-set-off relative clauses: "Mr Walsh, who took
    charge in 2000, and his team" -> "Mr Walsh and his team"."""
    toks = tokens_starting_in(sdoc, s, e)
    drop: set[int] = set()
    for t in toks:
        if t.dep_ == "relcl" and t.head.i < t.i and sdoc[t.left_edge.i - 1].text == ",":
            lo, hi = t.left_edge.i - 1, t.right_edge.i
            drop.update(range(lo, hi + 1 + (hi + 1 < len(sdoc) and sdoc[hi + 1].text == ",")))
    if not drop:
        return " ".join(sdoc.text[s:e].split())
    out = ""
    for t in toks:
        if t.i in drop:
            continue
        if t.i - 1 in drop and out and not out.endswith(" "):
            out += " "
        out += t.text_with_ws
    return " ".join(out.split())


def _comma_after_name(sdoc: Doc, s: int, e: int) -> int | None:
    """Where the first comma of a source stands when a name opens the source and a clause or an
    apposition follows the comma ("Mr Hogan, 2004 saw", "Mr Gref, a well-known opponent of ...")."""
    toks = tokens_starting_in(sdoc, s, e, skip_space=True)
    comma = next((t for t in toks if t.text == ","), None)
    if comma is None or comma.i == toks[0].i:
        return None
    before = [t for t in toks if t.i < comma.i]
    if not any(t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" for t in before) \
            or any(t.dep_ == "conj" for t in toks if t.i > comma.i and t.head.i < comma.i):
        return None  # no name before it, or a list ("Sony, IBM and Toshiba")
    return comma.idx


def assign_speaker(doc: Document, sdoc: Doc, source: tuple[int, int] | None, source_token: int | None,
                   resolver: SpeakerResolver, rlex: RoleLexicon, salient: bool = True) -> tuple[Speaker | None, str]:
    """Resolve the source to a speaker; an unresolvable pronoun or a time expression gives none.
    ``salient`` False: the speaker is not marked as one a later nominal or pronoun refers to."""
    if source is None:
        return None, ""
    s, e = source
    whole = _past_hyphen(doc.text, e, resolver)
    if whole != e:
        e = whole
        source_token = phrase_head(sdoc, s, e)
    if source_token is not None and sdoc[source_token].pos_ == "DET" and sdoc[source_token].idx + 4 < e:
        # '"...," the 23-year-old wrote' parsed with "wrote" as a noun: the tagger's span root
        # is its article; the phrase's own head is the word its other words lead to
        source_token = phrase_head(sdoc, s, e)
    sentence = next((st for st in sdoc.sents if st.start_char < e <= st.end_char + 1), None)
    ends = [m.end() for m in SENTENCE_END.finditer(doc.text, s, e)  # not "Dr. Roe", "Mr. Blair"
            if doc.text[max(0, m.start() - 20):m.start()].split()[-1].lower() not in rlex.titles]
    cut = max([sentence.start_char] if sentence is not None and s < sentence.start_char < e else [], default=s)
    cut = max([cut, *ends])
    if cut > s and any(c.isalpha() for c in doc.text[cut:e]):
        # "... than one for a PhD. Prassana Rambathla, one of his students, says": a
        # source never runs over a sentence end; the speaker is in the cue's sentence.
        s = cut
        source_token = source_token if source_token is not None and sdoc[source_token].idx >= s \
            else phrase_head(sdoc, s, e)
    first = next(iter(tokens_starting_in(sdoc, s, e, skip_space=True)), None)
    if first is not None and first.tag_ in RELATIVE_TAGS:
        # "Capital Economics, which has in the past predicted": the source the tagger took
        # is the relative clause; the speaker is the noun phrase it hangs on.
        ante = _antecedent(first)
        if ante is None or ante.idx >= s or (first.tag_ == "WP$" and first.head.lemma_.lower() not in VOICE_HEADS):
            return None, "unresolved"  # "whose current contract runs out": no one's words
        while ante.dep_ == "conj" and ante.head.i < ante.i:
            ante = ante.head  # "Ryan Cobb and Gordon Rennick, who observed": both, not the last named
        ante = _named_right_before(sdoc, first, ante, rlex)
        # the antecedent's whole phrase up to the relative word: "His wife Sharon, who ...",
        # "the National Council for Adoption, which ..."
        comma = next((t.i for t in sdoc[ante.i + 1:first.i] if t.text == ","), first.i)  # "few, if any, who"
        last = comma - 1
        while last > ante.i and (sdoc[last].is_punct or sdoc[last].is_space):
            last -= 1
        last = max(last, ante.i)
        # what a relative clause reports is background: its speaker does not become the one
        # a later "the minister" refers to ("Asked about the comments of X, who said ..., the
        # minister called ...")
        return assign_speaker(doc, sdoc, (ante.left_edge.idx, sdoc[last].idx + len(sdoc[last])), ante.i,
                              resolver, rlex, salient=False)
    head_tok = sdoc[source_token] if source_token is not None else None
    antecedent = _quoted_subject(head_tok)
    if antecedent is not None:
        # "Geoff Dixon was quoted by The Australian as saying": the one quoted speaks, not
        # the paper (a relative pronoun source was taken to its antecedent above)
        a_start = antecedent.left_edge.idx
        speaker, how = assign_speaker(doc, sdoc, (a_start, core_end(sdoc, antecedent.i, s)), antecedent.i,
                                      resolver, rlex)
        return (speaker, how) if speaker is not None else (None, "unresolved")
    while head_tok is not None and head_tok.dep_ == "relcl" and s <= head_tok.head.idx < e:
        head_tok = head_tok.head  # "a dedicated fan who had become ...": the noun, not its clause's verb
        source_token = head_tok.i
    if head_tok is not None and head_tok.pos_ in CLAUSE_WORD_TAGS and head_tok.dep_ not in NOMINAL_DEPS:
        # "The musical, set on a small Greek island" handed over with "set" as its head: a
        # speaker is a noun phrase, headed by its highest noun
        noun = _highest_noun(sdoc, s, e)
        if noun is not None:
            head_tok, source_token = noun, noun.i
    described = _one_person_described(head_tok, s, e, resolver)
    if described is not None:
        source_token, head_tok = described.i, described
    elif head_tok is not None and head_tok.tag_ in ("NNS", "NNPS") \
            and (including := next((c for c in head_tok.children if c.lower_ == "including" and c.i > head_tok.i),
                                   None)) is not None:
        # "Major firms including Acme, Bolt and Crane, which ...": the group, not a member of it;
        # "Other carriers, including Velmo Air,": the group before the list set off by commas
        cut = sdoc[including.i - 1].idx if sdoc[including.i - 1].text == "," else e
        name = _without_set_off_clauses(sdoc, s, e) if cut == e else " ".join(doc.text[s:cut].split())
        cluster = resolver.cluster_as_written(name, "GROUP")
        if salient:
            resolver.mark_speaker(cluster, s, e)
        return resolver.speaker_for(cluster, doc.id), "as_written"
    elif head_tok is not None and any(c.dep_ == "conj" and s <= c.idx < e and "&" not in doc.text[head_tok.idx:c.idx]
                                      for c in head_tok.children) \
            and not _apposed_role(head_tok, e, rlex):  # "Ernst & Young" is one firm
        # "President Vladimir Putin and other Russian officials": the group said it,
        # not the first name in it; later "they" refers to this group.
        # The group ends with its last member: "Tzekos, Thanou and Kenteris, who have all
        # denied the charges" is "Tzekos, Thanou and Kenteris".
        end = _group_end(head_tok, e)
        cluster = resolver.cluster_as_written(_without_set_off_clauses(sdoc, s, end), "GROUP")
        if salient:
            resolver.mark_speaker(cluster, s, e)
        return resolver.speaker_for(cluster, doc.id), "as_written"
    cluster, how = resolver.resolve(s, e, source_token)
    comma = _comma_after_name(sdoc, s, e)
    if cluster is None and comma is not None:
        # "said Mr King, so many firms were changing ...": the tagger ran the source on
        # into the reported clause; the speaker is what stands before the comma.
        cluster, how = resolver.resolve(s, comma, phrase_head(sdoc, s, comma))
    if cluster is not None:
        if salient:
            resolver.mark_speaker(cluster, s, e)
        return resolver.speaker_for(cluster, doc.id), how
    head = head_tok.lower_ if head_tok is not None else ""
    lemma = head_tok.lemma_.lower() if head_tok is not None else ""
    if how == "time" or head in rlex.pronouns or head in NO_SPEAKER_HEADS or lemma in DOCUMENT_HEADS:
        return None, "unresolved"
    start = past_dateline(doc.text, s, e)
    # the phrase's own head when the tagger gave none ("a dedicated fan who had become ...")
    core_head = source_token if head_tok is not None and start <= head_tok.idx < e else phrase_head(sdoc, start, e)
    end = core_end(sdoc, core_head, e) if core_head is not None else e
    if comma is not None and start < comma < end:
        end = comma  # a name is a noun phrase, not the clause after its comma
    written = " ".join(doc.text[start:end].split()) or " ".join(doc.text[s:e].split())
    if all(w in DETERMINER_WORDS for w in written.lower().split()):
        # A phrase cut to its determiner ("The" of "The OECD highlighted"): the source as
        # tagged when it names something, else no one ("This confirms", "its decision").
        whole = " ".join(doc.text[s:e].split())
        if all(w in DETERMINER_WORDS for w in whole.lower().split()) or len(whole.split()) > MAX_UNCUT_WORDS:
            return None, "unresolved"
        written = whole
    name, typ = _name_in_description(sdoc, start, end, rlex) \
        or unnamed_speaker(written, head, rlex, head_tok.tag_ if head_tok is not None else "")
    cluster = resolver.cluster_as_written(name, typ)
    if salient:
        resolver.mark_speaker(cluster, s, e)
    return resolver.speaker_for(cluster, doc.id), "as_written"


def _name_in_description(sdoc: Doc, start: int, end: int, rlex: RoleLexicon) -> tuple[str, str] | None:
    """"The Reporters Without Borders group" the model left untagged: a body's name of two words or
    more between "the" and the noun that says what it is (not "the South Korean firm": a people)."""
    toks = tokens_starting_in(sdoc, start, end, skip_space=True)
    if len(toks) < 4 or toks[0].lower_ != "the" or not toks[-1].is_lower or toks[-1].lower_ not in rlex.org_nominals:
        return None
    name = toks[1:-1]
    if not (name[0].text[:1].isupper() and name[-1].text[:1].isupper()) \
            or any(t.ent_type_ in ("GPE", "NORP", "PERSON") for t in name) \
            or not all(t.text[:1].isupper() or t.lower_ in FUNCTION_WORDS for t in name):
        return None
    return sdoc.text[name[0].idx:name[-1].idx + len(name[-1])], "ORG"


def _past_hyphen(text: str, end: int, resolver: SpeakerResolver) -> int:
    """A source cut at a hyphen inside a word ("co" of "said co-ordinator Jo Roe", "Tory co"
    of "Tory co-chairman Jo Roe"): its end past the whole word and a name right after it; a
    source cut inside a hyphenated name ("Papa" of "Papa-Dimitriou") ends with the name."""
    if text[end:end + 1] == "-" and text[end - 1:end].isalpha():
        name = next((x for x in resolver.mentions if x.start < end < x.end), None)
        if name is not None:
            return name.end
    if not text[end - 1:end].isalnum() or (m := HYPHENATED_REST.match(text, end)) is None:  # "14" of "14-year-old"
        return end
    end = m.end()
    name = next((x for x in resolver.mentions if x.start == end + 1 and text[end] == " "), None)
    return name.end if name is not None else end


def _one_person_described(head: Token | None, s: int, e: int, resolver: SpeakerResolver) -> Token | None:
    """A coordination that describes one named person twice, not a group: "chairman and chief
    executive Gene Kahn", "Radcliffe's best friend and fellow runner Liz Yelling" (two
    singular role nouns, one name after them), "media and PR strategist Glen Yearwood" (a
    bare noun coordinated into the name's own role). Returns the name's token."""
    if head is None:
        return None
    conjs = [c for c in head.children if c.dep_ == "conj" and s <= c.idx < e]
    if len(conjs) != 1:
        return None
    conj = conjs[0]
    text = head.doc.text
    people = [m for m in resolver.mentions if s <= m.start and m.end <= e and m.cluster.type == "PERSON"
              and not text.startswith(("’s", "'s"), m.end)]  # a possessor ("Radcliffe's") is not described
    if len(people) != 1 or people[0].end <= conj.idx:
        return None
    name = head.doc.char_span(people[0].start, people[0].end, alignment_mode="expand")
    if name is None:
        return None
    lex = resolver.lex
    if head.tag_ == "NN" and conj.tag_ == "NN" and head.pos_ == conj.pos_ == "NOUN" \
            and name.root.head.i in (head.i, conj.i):
        return name.root
    # "media and PR strategist": the bare noun is coordinated with "PR", a modifier of the
    # role word, not with the role ("analysts and economist Jane Roe" are two speakers)
    bare = not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in head.children)
    after_and = head.doc[head.i + 2] if head.i + 2 < len(head.doc) and head.doc[head.i + 1].dep_ == "cc" else None
    if bare and head.is_lower and head.pos_ == "NOUN" and name.start <= conj.i < name.end \
            and not lex.plural_role(head.lower_) and after_and is not None and after_and.dep_ == "compound" \
            and after_and.head.lower_ in lex.role_gender and after_and.head.head.i == conj.i:
        return name.root
    return None


def _quoted_subject(head: Token | None) -> Token | None:
    """"X was quoted by the newspaper as saying": the source read as the paper is X."""
    if head is None or head.dep_ != "pobj" or head.head.lower_ != "by":
        return None
    verb = head.head.head
    if verb.lemma_.lower() != "quote" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject if subject is not None and subject.pos_ in ("PROPN", "NOUN") else None
