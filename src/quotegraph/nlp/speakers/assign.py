"""The speaker of one attribution: its source resolved to a named speaker of the
document, or a speaker described as written ("a source", "Local farmers").

The source span stays as written (it is the evidence); the speaker is a person,
organisation or group noun phrase, never a time expression, a dateline or a
clause: an unnamed speaker is named by the core of its phrase ("The firm,
which is to receive ..." is "The firm").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...records import Document, Speaker
from ..lexicon import RoleLexicon
from .coref import SpeakerResolver, unnamed_speaker
from .phrases import core_end, past_dateline

NO_SPEAKER_HEADS = ("i", "we", "you", "who", "which", "that")
# Documents and things: "The report", "the lawsuit", "a survey of 1,300 bosses" with no
# maker the document names are no speaker (the label guide's null); the source span stays
# on the quote as the evidence. A named maker was found before ("a Toshiba study").
DOCUMENT_HEADS = frozenset("""report study survey poll research data statistics lawsuit suit complaint papers
    document book letter article story ruling judgment judgement verdict budget message proposal section approach
    law bill legislation injury paper memo dossier accounts""".split())


def assign_speaker(doc: Document, sdoc: Doc, source: tuple[int, int] | None, source_token: int | None,
                   resolver: SpeakerResolver, rlex: RoleLexicon) -> tuple[Speaker | None, str]:
    """Resolve the source to a speaker; an unresolvable pronoun or a time expression gives none."""
    if source is None:
        return None, ""
    s, e = source
    head_tok = sdoc[source_token] if source_token is not None else None
    antecedent = _relative_antecedent(head_tok) or _quoted_subject(head_tok)
    if antecedent is not None:
        # "Gwyneth Dunwoody, who says ...", "the National Council for Adoption, which said":
        # the relative pronoun speaks for the noun phrase its clause hangs on; "Geoff Dixon
        # was quoted by The Australian as saying": the one quoted speaks, not the paper
        a_start = antecedent.left_edge.idx
        speaker, how = assign_speaker(doc, sdoc, (a_start, core_end(sdoc, antecedent.i, s)), antecedent.i,
                                      resolver, rlex)
        return (speaker, how) if speaker is not None else (None, "unresolved")
    described = _one_person_described(head_tok, s, e, resolver)
    if described is not None:
        source_token, head_tok = described.i, described
    elif head_tok is not None and any(c.dep_ == "conj" and s <= c.idx < e
                                      and "&" not in doc.text[head_tok.idx:c.idx]
                                      for c in head_tok.children):  # "Ernst & Young" is one firm
        # "President Vladimir Putin and other Russian officials": the group said it,
        # not the first name in it; later "they" refers to this group.
        cluster = resolver.cluster_as_written(" ".join(doc.text[s:e].split()), "GROUP")
        resolver.mark_speaker(cluster, s, e)
        return resolver.speaker_for(cluster, doc.id), "as_written"
    cluster, how = resolver.resolve(s, e, source_token)
    if cluster is not None:
        resolver.mark_speaker(cluster, s, e)
        return resolver.speaker_for(cluster, doc.id), how
    head = head_tok.lower_ if head_tok is not None else ""
    lemma = head_tok.lemma_.lower() if head_tok is not None else ""
    if how == "time" or head in rlex.pronouns or head in NO_SPEAKER_HEADS or lemma in DOCUMENT_HEADS:
        return None, "unresolved"
    start = past_dateline(doc.text, s, e)
    end = core_end(sdoc, source_token, e) if head_tok is not None and start <= head_tok.idx < e else e
    written = " ".join(doc.text[start:end].split()) or " ".join(doc.text[s:e].split())
    name, typ = unnamed_speaker(written, head, rlex, head_tok.tag_ if head_tok is not None else "")
    cluster = resolver.cluster_as_written(name, typ)
    resolver.mark_speaker(cluster, s, e)
    return resolver.speaker_for(cluster, doc.id), "as_written"


def _relative_antecedent(head: Token | None) -> Token | None:
    """The noun a relative pronoun source stands for ("Inoni, who vowed": Inoni)."""
    if head is None or head.lower_ not in ("who", "which", "that") or head.dep_ not in ("nsubj", "nsubjpass") \
            or head.head.dep_ != "relcl":
        return None
    noun = head.head.head
    if noun.pos_ == "PRON" and noun.dep_ == "appos":  # "George W Bush himself, who told"
        noun = noun.head
    return noun if noun.pos_ in ("PROPN", "NOUN") and noun.i < head.i else None


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
