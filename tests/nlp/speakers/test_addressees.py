"""Who a statement was made to (nlp/speakers/addressee.py), one class per test, on
sentences written for the test. A question put to someone is a statement of the asker
(none when the sentence names no asker) addressed to the one asked."""
from __future__ import annotations

import pytest

from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


@pytest.fixture(scope="module")
def quote():
    def _quote(text: str, fragment: str, cue: str | None = None):
        res = extract(Document(id="t", source="test", text=text))
        found = [q for q in res.quotes if any(fragment in c.text for c in q.contents)
                 and (cue is None or (q.cue is not None and q.cue.text.startswith(cue)))]
        assert found, f"no quote containing {fragment!r}: {[(q.cue and q.cue.text, [c.text for c in q.contents]) for q in res.quotes]}"
        q = found[0]
        if q.addressee is not None:
            assert q.addressee.text == text[q.addressee.start:q.addressee.end]
        return q
    return _quote


def addressee(q) -> str | None:
    return q.addressee.text if q.addressee is not None else None


def test_the_answer_is_addressed_to_whoever_put_the_question(quote):
    q = quote("“The talks will go on,” Ana Lupu said, answering a question from a Polish reporter.",
              "The talks will go on")
    assert addressee(q) == "a Polish reporter"
    q = quote("In response to a question from a local journalist, the minister said the border would stay open.",
              "the border would stay open")
    assert addressee(q) == "a local journalist"


def test_the_object_of_a_verb_of_telling_is_the_hearer(quote):
    q = quote("The governor reminded the visiting reporters that the budget had been approved in March.",
              "the budget had been approved")
    assert addressee(q) == "the visiting reporters"


def test_an_object_is_the_hearer_only_when_what_was_said_stands_elsewhere(quote):
    assert addressee(quote("Senator Ola Berg asked the minister whether the tax would rise.",
                           "whether the tax would rise")) == "the minister"
    assert addressee(quote("Ola Berg urged the council to delay the vote.", "delay the vote")) == "the council"
    assert addressee(quote("Ola Berg urged restraint.", "restraint")) is None


def test_a_question_in_the_passive_is_addressed_to_the_one_asked_and_has_no_asker(quote):
    q = quote("Asked about the strike, the mayor said talks would resume on Monday.", "the strike")
    assert addressee(q) == "the mayor"
    assert q.sources == [] and q.speaker is None
    q = quote("The minister was asked whether the tax would rise.", "whether the tax would rise")
    assert addressee(q) == "The minister"
    assert q.speaker is None


def test_a_named_asker_asks_the_question_and_hears_the_answer(quote):
    text = "Asked by reporters whether she would resign, the governor said she had no such plans."
    question = quote(text, "whether she would resign")
    assert [s.text for s in question.sources] == ["reporters"]
    assert addressee(question) == "the governor"
    answer = quote(text, "she had no such plans")
    assert [s.text for s in answer.sources] == ["the governor"]
    assert addressee(answer) == "reporters"


def test_the_one_asked_is_never_the_asker(quote):
    # without a comma the tagger reads "she" as the source of the question too
    q = quote("Asked whether she was nervous about the final she said: “Not at all.”", "nervous about the final")
    assert addressee(q) == "she"
    assert q.sources == [] and q.speaker is None


def test_the_hearer_stops_before_a_clause_set_off_by_a_comma(quote):
    q = quote("Premier Jon Arden said in an interview with The Courier, published on Friday, that taxes would fall.",
              "taxes would fall")
    assert addressee(q) == "The Courier"


def test_a_verb_sharing_its_heads_subject_was_said_where_its_head_was(quote):
    q = quote("In an interview with the Harbor Gazette, Juri Tamm refused to name a date, saying the party "
              "would decide.", "the party would decide")
    assert addressee(q) == "the Harbor Gazette"


# -- the asker of a question with none in its sentence: the journalist described before (seed 002)

def _question(text: str, fragment: str):
    from quotegraph.nlp.pipeline import extract as _extract
    from quotegraph.records import Document as _Document
    res = _extract(_Document(id="t", source="test", text=text))
    found = [q for q in res.quotes if any(fragment in c.text for c in q.contents)]
    assert found, [[c.text for c in q.contents] for q in res.quotes]
    return found[0]


def test_an_agentless_question_was_asked_by_the_journalist_described_before():
    text = ("Ana Rook, the official representative of the Velmoran Foreign Ministry, reminded the Dravenian "
            "journalist about the refugees who left in 1990. Thus, on April 18, during a weekly briefing, when asked "
            "whether the issue of the return of the refugees should not be considered together with the border "
            "talks, Rook urged not to put both issues on the same plane.")
    q = _question(text, "considered together with the border talks")
    assert q.speaker is not None and q.speaker.name == "the Dravenian journalist"
    assert q.sources[0].text == "the Dravenian journalist"


def test_no_asker_when_the_document_describes_two_journalists():
    text = ("Ana Rook, the official representative of the Velmoran Foreign Ministry, met an Ulmian journalist and "
            "reminded the Dravenian journalist about the refugees who left in 1990. Thus, on April 18, during a "
            "weekly briefing, when asked whether the issue of the return of the refugees should not be considered "
            "together with the border talks, Rook urged not to put both issues on the same plane.")
    q = _question(text, "considered together with the border talks")
    assert q.speaker is None or "journalist" not in q.speaker.name


def venue(q) -> str | None:
    return q.extra["venue"]["text"] if "venue" in q.extra else None


@pytest.mark.parametrize("text, fragment, hearer, setting", [
    # an occasion as the object of "told" is where it was said, nobody heard it there
    ("Ministry spokeswoman Ana Rook told a news briefing that the ferry talks would resume.",
     "the ferry talks would resume", None, "a news briefing"),
    ("“The port stays open,” Mayor Ilse Brandt told a press conference in Kessary.",
     "The port stays open", None, "a press conference"),
    # a hearer and a setting, apart
    ("Ana Rook told reporters at a press conference that the ferry talks would resume.",
     "the ferry talks would resume", "reporters", "a press conference"),
    ("Speaking at a rally in the capital, Juri Tamm said the party would win the vote.",
     "the party would win", None, "a rally"),
    # "in an interview with X": X heard it, the interview is the setting
    ("Juri Tamm said in an interview with the Harbor Gazette that he would not run again.",
     "he would not run again", "the Harbor Gazette", "an interview with the Harbor Gazette"),
    # the occasion, not what else the sentence says about it
    ("Juri Tamm said in an interview ahead of a meeting in Kessary to discuss the port that taxes would fall.",
     "taxes would fall", None, "an interview"),
    # no occasion named: no venue
    ("Ana Rook told the harbour council that the ferry talks would resume.",
     "the ferry talks would resume", "the harbour council", None),
])
def test_a_setting_is_the_venue_not_the_addressee(quote, text, fragment, hearer, setting):
    q = quote(text, fragment)
    assert addressee(q) == hearer
    assert venue(q) == setting
    if setting is not None:
        span = q.extra["venue"]
        assert text[span["start"]:span["end"]] == setting


def test_a_hearer_stops_before_the_content_the_parse_hung_on_it(quote):
    q = quote("The harbour board told its counterparts of its decision to close the port.", "its decision")
    assert addressee(q) == "its counterparts"


def test_what_is_told_is_not_the_hearer(quote):
    q = quote("The new film tells the story of a harbour pilot who lost his licence.", "harbour pilot")
    assert addressee(q) is None
