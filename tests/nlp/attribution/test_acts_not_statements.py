"""Acts, verdicts, perceptions and topic-only mentions are no statements (issue 17,
BBC labels class 1): sentences written for the tests (fictional names), the real
pipeline (spaCy, tagger, statement filter)."""
from __future__ import annotations

import pytest

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def run(text: str):
    return extract(clean_document(Document(id="t", source="test", text=text)))


def statements_of(res, speaker_words: str) -> list[str]:
    return [" // ".join(c.text for c in q.contents) for q in res.quotes
            if any(speaker_words in s.text for s in q.sources)]


@pytest.mark.parametrize("sentence,speaker", [
    # legal steps and verdicts
    ("The shipping group Varrow has filed 40 lawsuits against the operators of two harbour websites.", "Varrow"),
    ("The Norrland bank pleaded guilty to failing to report suspicious transfers from the accounts.", "bank"),
    ("Olan Pettersen was convicted of fraud, bribery and extortion by the jury.", "Pettersen"),
    # inquiry: what is studied, not what was found
    ("Several research teams at the institute explored how drivers could react to the new signals.", "teams"),
    ("The audit will also examine whether the harbour board broke its own rules on tenders.", "audit"),
    # choices, experience, making
    ("The council has opted for a system of fixed fines for late payment.", "council"),
    ("More than nine million viewers watched her return to the drama in March.", "viewers"),
    ("The singer Mara Lind is to star in a film about a robbery on a night train.", "Lind"),
    # perception with a bare clause
    ("About twelve million viewers saw him pushed off a bridge by a stranger.", "viewers"),
    # topic only: "few" all but negates the object
    ("Meridian Studios have revealed few details about the sequel so far.", "Meridian"),
])
def test_an_act_verdict_or_perception_is_no_statement(sentence, speaker):
    res = run(f"{sentence} The case continues next month.\n")
    assert statements_of(res, speaker) == []


@pytest.mark.parametrize("sentence,speaker,said", [
    ("The audit said the harbour board broke its own rules on tenders.", "audit",
     "the harbour board broke its own rules on tenders"),
    ("Olan Pettersen said he had been convicted of a fraud he did not commit.", "Pettersen",
     "he had been convicted of a fraud he did not commit"),
])
def test_a_statement_about_an_act_is_kept(sentence, speaker, said):
    res = run(f"{sentence} The case continues next month.\n")
    assert statements_of(res, speaker) == [said]


def test_a_few_is_no_negation():
    res = run("Meridian Studios revealed a few details about the sequel, including its title.\n")
    assert statements_of(res, "Meridian") == ["a few details about the sequel, including its title"]


@pytest.mark.parametrize("text,speaker", [
    # a check, not its result
    ("The referee, Pavel Orsk, went to the video to see if the winger had touched down before the line.", "Orsk"),
    # a title, not words anyone said
    ("The strategy, launched by the harbour board on Monday, is called 'Fair Winds, Safe Harbours'.", "board"),
    # "call to get" asks no one
    ("The service sets up a number that drivers can call to find the safest route home.", "drivers"),
    # what is looked at is a topic
    ("Other projects looked at using touch to steer machines which could sense their users.", "projects"),
])
def test_a_check_a_title_an_objectless_call_and_a_topic_are_no_statement(text, speaker):
    res = run(f"{text} The case continues next month.\n")
    assert statements_of(res, speaker) == []
    assert not any("Fair Winds" in c.text for q in res.quotes for c in q.contents)


def test_a_name_given_by_someone_and_a_request_to_someone_are_statements():
    res = run("The strategy was called 'a recipe for chaos' by the mayor, Lise Haarder. "
              "The minister, Oskar Brandt, called on the council to drop the fines.\n")
    assert any("recipe for chaos" in c.text for q in res.quotes for c in q.contents)
    assert any("drop the fines" in said for said in statements_of(res, "Brandt"))


def test_hearsay_with_no_source_is_no_statement_but_a_named_source_is():
    res = run("Several harbour pilots are said to be angry about the new fees. "
              "Two ministers are now reported to be threatening to resign. "
              "The ferry captains are said by their union to be angry about the new fees.\n")
    found = [([s.text for s in q.sources], " ".join(c.text for c in q.contents)) for q in res.quotes]
    assert found == [(["their union"], "to be angry about the new fees")], found


def test_a_thing_seen_is_no_statement_but_seeing_it_as_something_is_a_view():
    res = run("The captain, Pavel Orsk, sees hope on the horizon for his young side.\n")
    assert statements_of(res, "Orsk") == []
    res = run("The captain, Pavel Orsk, sees the new rules as a threat to his young side.\n")
    assert any("as a threat" in said for said in statements_of(res, "Orsk"))


def test_the_one_addressed_in_the_passive_is_no_speaker():
    res = run("The reserve goalkeeper, Pavel Orsk, missed the trip but had been promised a start in the cup final.\n")
    assert statements_of(res, "Orsk") == []


@pytest.mark.parametrize("sentence,cue,why", [
    ("Pavel Orsk was ordered to pay a fine of $16m.", "ordered", "no source"),
    ("Pavel Orsk was ordered by the court to pay a fine of $16m.", "ordered", None),
    ("Pavel Orsk was told to pay a fine of $16m.", "told", "no source"),
])
def test_a_candidate_whose_subject_was_ordered_or_told_has_no_source(sentence, cue, why):
    from quotegraph.nlp.attribution.nonstatements import why_not_a_statement
    from quotegraph.nlp.attribution.rules import Attribution
    from quotegraph.nlp.pipeline import parse

    sdoc = parse(sentence)
    verb = next(t for t in sdoc if t.text == cue)
    start = sentence.index("to pay")
    att = Attribution(contents=[(start, len(sentence) - 1)], rule="tagger", cue=(verb.idx, verb.idx + len(verb)),
                      cue_token=verb.i, source=(0, len("Pavel Orsk")), source_token=1)
    assert why_not_a_statement(sdoc, att) == why


def test_a_cue_word_in_a_title_is_no_cue():
    """"You Said No" is a song's title inside a sentence of prose (BBC sample 9717); a cue after
    a quotation, or in a headline written in title case, keeps its capital and its statement."""
    res = run("The band's comeback single They Said Yes entered the charts at number three.\n")
    assert [q for q in res.quotes if q.type == "speech"] == [], [(q.type, [c.text for c in q.contents])
                                                                 for q in res.quotes]
    res = run("\"We will win the league,\" Said Aron Vik, the coach.\n")
    assert [q.speaker.name for q in res.quotes if q.type == "speech"] == ["Aron Vik"]
    res = run("Harbour Minister Says Ferry Talks Will Resume\n\nTalks resume on Monday.\n")
    assert [q.type for q in res.quotes] == ["headline"], [(q.type, [c.text for c in q.contents]) for q in res.quotes]
