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


def speech_contents(res) -> list[str]:
    return [" … ".join(c.text for c in q.contents) for q in res.quotes if q.type == "speech"]


@pytest.mark.parametrize("sentence, words", [
    # a stance or an act with only a noun phrase for content: no words reported
    ("The harbour board backed the chairman's plan for the new ferry terminal.", "terminal"),
    ("The fishermen's union objected to the new quotas on cod and haddock.", "quotas"),
    ("The striker, Aron Vik, grew tired of his life in the capital.", "his life"),
    # a reaction with only its target for content: no claim
    ("Mayor Ilse Brandt condemned the remarks of the opposition leader.", "remarks"),
    ("The ferry operator dismissed the criticism from local residents.", "criticism"),
    # a commitment: an act of agreeing, not something said
    ("Nordhavn Ferries agreed to pay $13m to settle the dispute with the harbour board.", "$13m"),
])
def test_no_claim_is_not_listed_as_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert not [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]


@pytest.mark.parametrize("sentence, words", [
    # a claim: a clause, a predicate, a quotation or a noun after a verb of saying
    ("Mayor Ilse Brandt condemned the remarks as an insult to the harbour workers.", "insult"),
    ("The harbour board agreed that the new terminal would open in May.", "terminal"),
    ("The fishermen's union called for a public inquiry into the new quotas.", "inquiry"),
    ("Mayor Ilse Brandt predicted a sharp fall in ferry traffic next winter.", "fall"),
    ("The ferry operator dismissed the \"scaremongering\" of local residents.", "scaremongering"),
])
def test_a_claim_stays_speech(sentence, words):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert [c for c in speech_contents(res) if words in c], [(q.type, [c.text for c in q.contents])
                                                             for q in res.quotes]


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


@pytest.mark.parametrize("sentence, words, expected", [
    # a cue with no word of saying reports an act or a stance, whatever its content
    ("The new harbour law does allow ferry crews to strike for up to two days.", "strike", "belief"),
    ("The ferry operator attempted to steer clear of the dispute between the two unions.", "dispute", "belief"),
    # a verb of saying that is no cue of cues.yaml still reports words
    ("The ferry operator also confessed that it had overcharged passengers for years.", "overcharged", "speech"),
    ("The court decided that the new ferry levy was lawful.", "levy", "speech"),
    ("Mayor Ilse Brandt confided in her deputy that she was unwell.", "unwell", "speech"),
    # a characterisation with "as" says something
    ("Nordhavn Ferries has billed the new boat as the fastest ferry in the north.", "fastest", "speech"),
])
def test_a_cue_without_a_word_of_saying_is_not_speech(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


@pytest.mark.parametrize("sentence, words, expected", [
    # only a topic, or only whom it was about: no claim
    ("The harbour master spoke about the possibility of a second ferry terminal.", "possibility", "belief"),
    ("Aron Vik referred to the first false entries in the harbour accounts.", "false entries", "belief"),
    ("The union leader described Aron Vik.", "Aron Vik", "belief"),
    # a name with an "as" predicate is a claim about it
    ("The harbour board's chairman revealed Nordhavn Ferries as the buyer.", "buyer", "speech"),
])
def test_a_topic_or_a_name_alone_is_no_claim(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]


def test_a_content_parsed_as_a_second_subject_of_its_cue_is_a_clause():
    """"X's rules discriminated against Y, the judges have ruled", misparsed with "rules" as a
    second subject of "ruled": a content before its cue is a reported clause unless it is
    the cue's only subject ("The Greek pair were charged")."""
    from spacy.tokens import Doc

    from quotegraph.nlp.attribution.types import _the_only_subject
    from quotegraph.nlp.spacy_model import get_nlp

    vocab = get_nlp().vocab
    words = ["rules", "discriminated", ",", "judges", "ruled"]
    misparsed = Doc(vocab, words=words, heads=[4, 0, 4, 4, 4], deps=["nsubj", "acl", "punct", "nsubj", "ROOT"])
    assert not _the_only_subject(misparsed[0])
    charged = Doc(vocab, words=["pair", "were", "charged"], heads=[2, 2, 2], deps=["nsubjpass", "auxpass", "ROOT"])
    assert _the_only_subject(charged[0])


@pytest.mark.parametrize("sentence, words, expected", [
    # the subject of a passive cue is what it is about, not what was said
    ("Later that day the e-mail was revealed by the harbour board.", "e-mail", "belief"),
    # "such as" and "as a result" introduce no predicate
    ("The dollar fell, as investors returned their attention to other factors, such as the trade deficit.",
     "other factors", "belief"),
])
def test_no_claim_with_a_passive_subject_or_an_as_that_predicates_nothing(sentence, words, expected):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert types_of(res, words) == [expected], [(q.type, q.cue and q.cue.text, [c.text for c in q.contents])
                                                for q in res.quotes]
