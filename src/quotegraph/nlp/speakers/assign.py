"""The speaker of one attribution: its source resolved to a named speaker of the
document, or a speaker described as written ("a source", "Local farmers").

The source span stays as written (it is the evidence); the speaker is a person,
organisation or group noun phrase, never a time expression, a dateline or a
clause: an unnamed speaker is named by the core of its phrase ("The firm,
which is to receive ..." is "The firm").
"""
from __future__ import annotations

from spacy.tokens import Doc

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
    if head_tok is not None and any(c.dep_ == "conj" and s <= c.idx < e and "&" not in doc.text[head_tok.idx:c.idx]
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
