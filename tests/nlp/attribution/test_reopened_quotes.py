"""A quotation mark opening after a sentence end inside an open quotation re-opens
the same quotation (scrapes that lost the paragraph break between two paragraphs
of one quotation; BBC labels class 2). Sentences written for the tests."""
from __future__ import annotations

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.attribution.marks import find_quoted_passages
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def pieces(text: str) -> list[list[str]]:
    return [[text[a:b] for a, b in q.pieces] for q in find_quoted_passages(text)]


def test_a_mark_after_a_sentence_end_reopens_the_quotation_and_the_next_quotation_stands_apart():
    text = ('Ms Dahl said: "The harbour was closed for a week. It cost us dearly. "Nobody asked the fishermen '
            'what they needed." Answering her, the mayor, Aron Vik, said: "The closure saved lives."')
    assert pieces(text) == [
        ['"The harbour was closed for a week. It cost us dearly.', '"Nobody asked the fishermen what they needed."'],
        ['"The closure saved lives."'],
    ]


def test_a_reopened_quotation_after_a_closed_single_quote():
    text = ("He said: \"Back then the posters read: 'Come to the coast'. \"We lived inland.\" "
            "The band toured for ten years after that and never spoke of the coast again.")
    assert pieces(text) == [["\"Back then the posters read: 'Come to the coast'.", '"We lived inland."']]


def test_a_nested_quotation_mid_sentence_still_nests():
    text = 'She said: "They call it a "safe return" scheme, and it works." Then she left.'
    assert pieces(text) == [['"They call it a "safe return" scheme, and it works."']]


def test_each_speaker_keeps_their_own_quotation():
    text = ('The opposition leader, Karin Dahl, said: "If you voted for them, what good did it do you? Your vote was '
            'wasted. "What people needed was a party that listened." Responding to the claims, the minister, Aron '
            'Vik, said: "The opposition is soft on crime and would raise taxes."\n')
    res = extract(clean_document(Document(id="t", source="test", text=text)))
    by_speaker = {q.speaker.name if q.speaker else None: " ".join(c.text for c in q.contents) for q in res.quotes}
    assert "soft on crime" in by_speaker.get("Aron Vik", ""), by_speaker
    assert "soft on crime" not in by_speaker.get("Karin Dahl", ""), by_speaker
    assert "party that listened" in by_speaker.get("Karin Dahl", ""), by_speaker
