"""Findings' speakers and contents, object contents and the cues of saying again, one
class per test, on sentences written for the test."""
from __future__ import annotations

import pytest

from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


@pytest.fixture(scope="module")
def run():
    cache: dict[str, object] = {}

    def _run(text: str):
        if text not in cache:
            cache[text] = extract(Document(id="t", source="test", text=text))
        return cache[text]
    return _run


def with_cue(res, cue: str):
    found = [q for q in res.quotes if q.cue is not None and q.cue.text.lower() == cue]
    assert found, f"no quote with cue {cue!r}: {[(q.cue and q.cue.text, [c.text for c in q.contents]) for q in res.quotes]}"
    return found[0]


def test_a_document_that_names_no_maker_is_evidence_not_a_speaker(run):
    q = with_cue(run("In the early 1990s, according to various estimates, 300,000 people were forced to leave."),
                 "according to")
    assert q.type == "finding"
    assert [s.text for s in q.sources] == ["various estimates"]  # the phrase stays as evidence
    assert q.speaker is None
    q = with_cue(run("Official figures showed that exports fell in May."), "showed")
    assert q.speaker is None
    q = with_cue(run("A recent poll of Velmoran voters found that most backed the plan."), "found")
    assert q.speaker is None  # the voters were polled; the pollster is not named


def test_a_document_speaks_through_the_maker_it_names(run):
    q = with_cue(run("However, a recent analysis of the Harbor Institute’s Digital Policy Lab (DPL) suggested "
                     "that the plan was flawed."), "suggested")
    assert q.sources[0].text.endswith("(DPL)")
    assert "Digital Policy Lab" in q.speaker.name  # not reduced to the institute, not "a recent analysis"
    q = with_cue(run("According to estimates by the UN, 300,000 people left the region."), "according to")
    assert q.speaker.name == "UN"
    q = with_cue(run("The survey, conducted by the Orvale Institute, found that most savers were worried."), "found")
    assert q.speaker.name == "Orvale Institute"
    # a person is no document: "figure" in the singular
    q = with_cue(run("A senior government figure warned that the deal would fail."), "warned")
    assert q.speaker is not None


def test_according_to_stops_where_the_writers_comment_on_the_event_begins(run):
    text = ("In the early 1990s, according to various estimates, 300,000 people were forced to leave the region "
            "and this happened because of the war.")
    q = with_cue(run(text), "according to")
    assert [c.text for c in q.contents] == ["In the early 1990s", "300,000 people were forced to leave the region"]
    assert len([x for x in run(text).quotes if x.cue and x.cue.text == "according to"]) == 1
    # a coordinated clause with a subject of its own may still be the source's
    text = ("Few had insurance: according to estimates from the ministry, only a quarter of those affected could "
            "afford it, and only a quarter of that group took out policies.")
    q = with_cue(run(text), "according to")
    assert q.contents[-1].text.rstrip(".").endswith("took out policies")


def test_an_object_keeps_the_phrases_that_complete_it(run):
    q = with_cue(run("He also expressed his agreement with the union's comparison of the strike in May 2021 with "
                     "the general strike of 1926."), "expressed")
    assert q.contents[0].text == ("his agreement with the union's comparison of the strike in May 2021 with the "
                                  "general strike of 1926")
    # where and when it was said stay out
    q = with_cue(run("The senator criticised the budget in a statement on Monday."), "criticised")
    assert [c.text for c in q.contents] == ["the budget"]


def test_an_object_loses_the_writers_aside_on_its_last_noun(run):
    q = with_cue(run("Critics condemned the remarks of Jon Arden, who chairs the board."), "condemned")
    assert [c.text for c in q.contents] == ["the remarks of Jon Arden"]


def test_saying_again_or_with_weight_takes_an_object(run):
    q = with_cue(run("On Wednesday the board of Orvale Energy reaffirmed its faith in Anil Rao, who is the "
                     "company's chief."), "reaffirmed")
    assert q.contents[0].text == "its faith in Anil Rao"
    q = with_cue(run("The bank emphasised its support for the merger."), "emphasised")
    assert q.contents[0].text == "its support for the merger"
    # an accounting act is no statement
    res = run("Orvale Media is to restate its accounts for the last three years.")
    assert not [q for q in res.quotes if q.cue is not None and q.cue.text == "restate"]


def test_a_cue_the_writer_quotes_as_one_word_is_still_the_cue(run):
    q = with_cue(run("The mayor listed the projects they had funded, and ‘reaffirmed’ their ‘firm commitment’ to "
                     "the plan."), "reaffirmed")
    assert q.speaker is not None and q.speaker.name == "The mayor"
    assert q.contents[0].text.startswith("their ‘firm commitment’")
