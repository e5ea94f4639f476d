"""Beliefs and findings told apart from speech (issue 17, BBC labels class 3):
sentences written for the tests (fictional names), the real pipeline."""
from __future__ import annotations

import pytest

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def run(text: str):
    return extract(clean_document(Document(id="t", source="test", text=text)))


def types_of(res, words: str) -> list[str]:
    return [q.type for q in res.quotes if any(words in c.text for c in q.contents)]


@pytest.mark.parametrize("sentence", [
    "The coach, Aron Vik, is determined that his side will not sit back after their strong start.",
    "The ferry operator is worried that higher fuel prices will keep the new route shut.",
    "Harbour officials are confident that the new route will open before the summer.",
    "The two firms estimate that the new route will open before the summer.",
])
def test_a_state_of_mind_or_an_estimate_is_a_belief(sentence):
    res = run(f"{sentence} Talks resume on Monday.\n")
    found = [q.type for q in res.quotes]
    assert found == ["belief"], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


def test_it_said_after_a_report_is_a_finding_and_after_a_person_is_speech():
    report = ("The harbour board's annual report was published on Tuesday. "
              "It said that ferry traffic had fallen by a fifth since 2019.\n")
    assert types_of(run(report), "ferry traffic") == ["finding"]
    person = ("The harbour board's chairman, Aron Vik, spoke on Tuesday. "
              "He said that ferry traffic had fallen by a fifth since 2019.\n")
    assert types_of(run(person), "ferry traffic") == ["speech"]
    company = ("Nordhavn Ferries published its results on Tuesday. "
               "It said that ferry traffic had fallen by a fifth since 2019.\n")
    assert types_of(run(company), "ferry traffic") == ["speech"]


def test_a_chain_of_it_said_keeps_the_report_as_its_antecedent():
    text = ("The harbour board's annual report was published on Tuesday. "
            "It said that ferry traffic had fallen by a fifth since 2019. "
            "It also said that two berths would close next year.\n")
    assert types_of(run(text), "two berths") == ["finding"]


def test_hopes_is_a_belief_and_it_found_after_a_study_found_is_a_finding():
    res = run("The coach, Aron Vik, hopes that the new signings will settle quickly. Talks resume on Monday.\n")
    assert types_of(res, "new signings") == ["belief"]
    text = ("Photos, songs and e-mails are being hoarded on phones and laptops, a Nordhavn study found. "
            "It found that more than half of owners kept 2,000 songs on their phones.\n")
    assert types_of(run(text), "2,000 songs") == ["finding"]


@pytest.mark.parametrize("sentence, words, expected", [
    # what a person or a body showed or found is a finding, not words said
    ("The four volunteers showed that they could steer the cursor faster each time.", "steer", "finding"),
    ("The harbour commission found that ferry fares had doubled since 2019.", "fares", "finding"),
    # a decision to act and a wondering are not statements either
    ("Nordhavn Ferries has already decided to sell its cargo arm.", "cargo arm", "belief"),
    ("Some passengers wondered if the new timetable would ever work.", "timetable", "belief"),
    # a noun with its clause is a claim; so is stressing a thing
    ("Mayor Ilse Brandt dismissed speculation that she would resign before the summer.", "resign", "speech"),
    ("Mayor Ilse Brandt stressed the board's support for the new ferry terminal.", "support", "speech"),
])
def test_the_type_of_what_was_shown_decided_or_stressed(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


@pytest.mark.parametrize("text, words", [
    # a share of those a survey asked, named by the participle of asking
    ("Nordhavn Ferries polled 2,000 travellers in May. Most of those questioned said the fares "
     "were too high.", "fares were too high"),
    ("In the north, 69% of those interviewed said they would not use the new ferry.", "not use the new ferry"),
    ("Most respondents said the harbour levy was unfair.", "levy was unfair"),
    # a bare share, or a share of a group, just after the survey is named
    ("The Orvale survey asked 3,000 commuters about the route. 18% said they would walk instead.",
     "walk instead"),
    ("A poll of 500 firms was published on Monday. A third of firms said they would cut jobs.", "cut jobs"),
    ("Most voters said the ferry should stay in the 1975 referendum.", "ferry should stay"),
])
def test_a_share_of_the_people_a_survey_asked_is_a_finding(text, words):
    assert types_of(run(text + "\n"), words) == ["finding"]


@pytest.mark.parametrize("text, words", [
    # no survey near: a group of people speaks
    ("Most analysts said the ferry would close by the summer.", "ferry would close"),
    ("A third of the crew walked out on Monday. Many sailors said the fares were too high.", "fares were too high"),
    # "asked" with an infinitive is a request, not a survey question
    ("Those asked to leave the ferry said they were angry about the delay.", "angry about the delay"),
    # a survey farther back than the passage does not speak for a group
    ("A survey of commuters was published in May. The ferry was late on Monday. The harbour was shut "
     "on Tuesday. The crew left on Wednesday. Most sailors said the route was unsafe.", "route was unsafe"),
])
def test_a_group_with_no_survey_near_still_speaks(text, words):
    assert types_of(run(text + "\n"), words) == ["speech"]


@pytest.mark.parametrize("text, words", [
    # official advice in print
    ("Ferry captains who sail in fog can be fined, new guidelines say.", "can be fined"),
    ("The harbour board's leaflet said that ferries must carry radios.", "must carry radios"),
    # a titled text, however the parser cuts its name
    ("The Prevention of Harbour Crime Bill was published on Tuesday. It proposes that ferry captains "
     "be licensed.", "be licensed"),
    # "it" is one thing: not the people who published the report, but the report
    ("Opposition MPs published a report on Monday. It said that the ferries were unsafe.", "ferries were unsafe"),
    ("Aron Vik published a report on Monday. It said that the ferries were unsafe.", "ferries were unsafe"),
])
def test_guidance_titled_texts_and_it_for_a_report_are_findings(text, words):
    assert types_of(run(text + "\n"), words) == ["finding"]


@pytest.mark.parametrize("text, words", [
    ("Opposition MPs met the harbour board on Monday. It said that the ferries were safe.", "ferries were safe"),
    ("Bill Arnesen, the harbour master, said that the ferries were safe.", "ferries were safe"),
])
def test_it_for_a_body_and_a_man_called_bill_still_speak(text, words):
    assert types_of(run(text + "\n"), words) == ["speech"]


@pytest.mark.parametrize("text, words, expected", [
    # a written text's own words are no speaker's statement
    ('The subject line says: "Your ferry ticket is ready".', "ticket is ready", "finding"),
    ('The e-mail reads: "Your ferry ticket is ready".', "ticket is ready", "finding"),
    ('The banner said "Save our ferry".', "Save our ferry", "finding"),
    # ... but a person who wrote in an e-mail speaks
    ("Aron Vik said in an e-mail that the ferry was late.", "ferry was late", "speech"),
    # a figure of standing is a person; figures of counting are findings
    ("A leading industry figure said the ferries were unsafe.", "ferries were unsafe", "speech"),
    ("Senior party figures said the ferries were unsafe.", "ferries were unsafe", "speech"),
    ("The latest figures suggest that ferry traffic fell.", "ferry traffic fell", "finding"),
])
def test_message_texts_are_no_speech_and_a_leading_figure_is_a_person(text, words, expected):
    assert types_of(run(text + "\n"), words) == [expected]


@pytest.mark.parametrize("text, words, expected", [
    ("The fear is that the touch screen will be treated as a gimmick.", "touch screen", "belief"),
    ("The worry is that ferry fares will rise again.", "fares will rise", "belief"),
    # a fear spoken of in a clause is still what the speaker said
    ("Aron Vik said his fears had been allayed by the harbour board.", "fears had been allayed", "speech"),
])
def test_a_fear_with_no_one_named_is_a_belief(text, words, expected):
    assert types_of(run(text + "\n"), words) == [expected]


@pytest.mark.parametrize("sentence", [
    "The harbour master made it clear that the ferry would not sail before the storm passed.",
    "But Ms Halloran made clear the new fares had not been agreed.",
    "The ferry operator has made it known that the route would close in May.",
])
def test_making_something_clear_is_saying_it(sentence):
    # "make (it) clear / plain" has no verb of saying in it, but it states the clause
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert [q.type for q in res.quotes] == ["speech"], [(q.type, [c.text for c in q.contents]) for q in res.quotes]


def test_steering_clear_is_no_saying_and_a_document_making_clear_is_a_finding():
    res = run("The harbour master tried to steer clear of the row over the fares. "
              "The new contract made it clear that the operator would pay the harbour dues. "
              "The pictures on the departure boards make clear what is going on.\n")
    assert "speech" not in [q.type for q in res.quotes], [(q.type, [c.text for c in q.contents]) for q in res.quotes]
    assert types_of(res, "harbour dues") in ([], ["finding"])
