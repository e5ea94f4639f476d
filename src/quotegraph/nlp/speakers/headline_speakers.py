"""A headline that names its speaker by a role takes the person its body statement names.

"Russian MP speaks in defence of ..." is a headline statement linked
(attribution/headlines.py, ``extra["summarises"]``) to the lede's statement by
Konstantin Zatulin: the headline describes, the body names. The headline keeps its
source span as written (the evidence) and takes the body statement's speaker; the
described speaker is dropped from the document's speakers when nothing else is said
by it, and its mention joins the named speaker's mentions.

Only a description whose head is a person's role ("Russian MP", "Minister",
"Putin aide") is replaced, only by a PERSON, and never when the headline's words
include the body speaker's name (an aide is not the man he serves).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...records import Quote, Span, Speaker
from ..lexicon import RoleLexicon

SUMMARISES_KEY = "summarises"  # set by attribution/headlines.link_headlines
DETERMINERS = {"a", "an", "the"}
# A headline's speaker phrase is short ("Top Velmoran diplomat"); a longer one is a clause.
MAX_DESCRIPTION_WORDS = 5


def headline_speakers(
    quotes: list[Quote], speakers: dict[str, Speaker], mentions: dict[str, list[Span]], lex: RoleLexicon
) -> tuple[list[Quote], dict[str, Speaker], dict[str, list[Span]]]:
    """The quotes with each described headline speaker replaced by its body statement's
    named person; speakers and mentions updated to match (new containers, inputs untouched)."""
    by_id = {q.id: q for q in quotes}
    out: list[Quote] = []
    moved: dict[str, list[Span]] = {}
    for q in quotes:
        body = by_id.get(q.extra.get(SUMMARISES_KEY, ""))
        person = body.speaker if body is not None else None
        if q.type != "headline" or person is None or not _takes(q, person, lex):
            out.append(q)
            continue
        out.append(replace(q, speaker=person))
        moved.setdefault(person.id, []).append(q.sources[0])
    if not moved:
        return quotes, speakers, mentions
    used = {q.speaker.id for q in out if q.speaker is not None}
    speakers = {sid: sp for sid, sp in speakers.items() if sid in used}
    merged = {sid: list(spans) for sid, spans in mentions.items() if sid in used}
    for sid, spans in moved.items():
        merged[sid] = sorted({*merged.get(sid, []), *spans}, key=lambda s: (s.start, s.end))
    return out, speakers, merged


def _takes(headline: Quote, person: Speaker, lex: RoleLexicon) -> bool:
    if person.type != "PERSON" or not headline.sources:
        return False
    if headline.speaker is not None and headline.speaker.id == person.id:
        return False
    if headline.speaker is not None and headline.speaker.type in ("PERSON", "ORG", "GPE") \
            and not _described_person(headline.speaker.name, lex):
        return False  # the headline names someone itself ("Russian MFA", "Lavrov")
    written = headline.sources[0].text
    if not _described_person(written, lex):
        return False
    name_words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", person.name)}
    return not name_words & {w.lower() for w in re.findall(r"[^\W\d_]{2,}", written)}


def _described_person(phrase: str, lex: RoleLexicon) -> bool:
    """A short phrase whose last word is a person's role ("Russian MP", "Ex-minister")."""
    words = [w for w in re.findall(r"[\w’'-]+", phrase) if w.lower() not in DETERMINERS]
    if not words or len(words) > MAX_DESCRIPTION_WORDS:
        return False
    head = words[-1].lower().split("-")[-1]
    return head in lex.role_gender
