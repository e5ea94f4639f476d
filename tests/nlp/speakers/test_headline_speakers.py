"""A headline naming its speaker by a role ("Velmoran MP defends ...") takes the person
its body statement names; a headline naming someone itself, or naming the body speaker's
aide, keeps its own speaker. The real pipeline on articles written for these tests."""
from __future__ import annotations

from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import extract
from quotegraph.nlp.speakers.headline_speakers import headline_speakers
from quotegraph.records import Document, Quote, Span, Speaker


def _headline(text: str):
    title = text.split("\n", 1)[0]
    res = extract(Document(id="h", source="test", text=text, format="txt", title=title, published="2024-03-06"))
    (head,) = [q for q in res.quotes if q.type == "headline"]
    return head, res


BODY = ("Velmoran MP Oren Stal said on Tuesday that the detained harbour officials must be freed at once. "
        "Stal, who chairs the committee on fisheries, said the trial was a disgrace.")


def test_a_role_in_the_headline_takes_the_person_the_body_names():
    head, res = _headline("Velmoran MP says detained harbour officials must be freed\n\n" + BODY)
    assert head.speaker is not None and head.speaker.name == "Oren Stal"
    assert head.sources[0].text == "Velmoran MP"  # the mention as written stays the evidence
    # the described speaker is gone, its mention kept with the named one
    assert all(sp.name != "Velmoran MP" for sp in res.speakers.values())
    assert any(m.text == "Velmoran MP" for m in res.mentions[head.speaker.id])


def _pair(headline_source: str, headline_speaker: Speaker | None):
    """A headline quote linked to a body statement by Oren Stal (records as extraction makes them)."""
    text = f"{headline_source} says harbour officials must be freed\n\nOren Stal said the officials must be freed."
    stal = Speaker("h#oren-stal", "Oren Stal", "PERSON", "MP")
    body_start = text.index("the officials")
    body = Quote(id="h#q1", kind="indirect", contents=[Span.of(text, body_start, len(text) - 1)],
                 sources=[Span.of(text, text.index("Oren"), text.index(" said"))], speaker=stal)
    head = Quote(id="h#q0", kind="indirect", type="headline", contents=[Span.of(text, text.index("harbour"), text.index("\n"))],
                 sources=[Span.of(text, 0, len(headline_source))], speaker=headline_speaker,
                 extra={"summarises": "h#q1"})
    speakers = {stal.id: stal} | ({headline_speaker.id: headline_speaker} if headline_speaker else {})
    return headline_speakers([head, body], speakers, {}, load_role_lexicon())[0][0]


def test_a_headline_naming_the_body_speakers_aide_or_a_body_keeps_its_own_speaker():
    assert _pair("Velmoran MP", None).speaker.name == "Oren Stal"  # the same records, a role: taken
    assert _pair("Stal aide", None).speaker is None  # an aide is not the man he serves
    ministry = Speaker("h#ministry", "Velmoran Foreign Ministry", "ORG")
    assert _pair("Velmoran Foreign Ministry", ministry).speaker is ministry  # names a body itself
