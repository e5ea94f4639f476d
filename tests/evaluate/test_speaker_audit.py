"""The speaker audit (`quotegraph audit-speakers`, evaluate/speakers.py) counts what a reader
would correct: a surname speaker the document names in full, but not an organisation the
document itself calls one; full names read through the model's spaced-dash errors.
Sentences and names written for these tests."""
from __future__ import annotations

from quotegraph.evaluate.speakers import (SpeakerAudit, audit_document, clause_name, full_names_by_surname,
                                         named_as_organisation)
from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import extract
from quotegraph.records import DocResult, Document, Quote, Span, Speaker

ORG_NOUNS = load_role_lexicon().org_nominals


def result_with(text: str, speaker: Speaker, entities: list[dict]) -> DocResult:
    doc = Document(id="d", source="test", text=text)
    quote = Quote(id="d#q0", kind="indirect", contents=[Span(0, 4, text[:4])], speaker=speaker)
    return DocResult(document=doc, quotes=[quote], entities=entities)


def person(text: str, start: int) -> dict:
    return {"start": start, "end": start + len(text), "text": text, "label": "PERSON", "model_label": "PERSON"}


def test_an_organisation_the_document_calls_one_is_no_surname_speaker():
    text = "Harlow, the carmaker, said sales rose. Chairman Bill Harlow said so too."
    res = result_with(text, Speaker("org:harlow", "Harlow", "ORG"), [person("Bill Harlow", 48)])
    audit = SpeakerAudit()
    audit_document(res, audit)
    assert audit.surname_named_in_full == [] and len(audit.organisations_sharing_surname) == 1


def test_a_surname_typed_organisation_without_such_words_is_still_counted():
    # "Kettel says": the model's ORG, but nothing in the text says Kettel is a body
    text = "Kettel says the player will stay. The agent, Dorian Kettell, says so too."
    res = result_with(text, Speaker("org:kettel", "Kettel", "ORG"), [person("Dorian Kettell", 45)])
    audit = SpeakerAudit()
    audit_document(res, audit)
    assert len(audit.surname_named_in_full) == 1 and audit.organisations_sharing_surname == []


def test_organisation_words_around_the_name():
    assert named_as_organisation("Harlow", "Harlow, the US car company, said", ORG_NOUNS)
    assert named_as_organisation("Harlow", "shares in carmaker Harlow fell", ORG_NOUNS)
    assert not named_as_organisation("Harlow", "Harlow, the club's new captain, said", ORG_NOUNS)
    assert not named_as_organisation("Harlow", "Harlowe, the US car company, said", ORG_NOUNS)


def test_a_full_name_read_over_a_spaced_dash_gives_no_surname():
    text = "Owen Prydderch - Wales' defensive coach - is a former Saints player."
    res = result_with(text, Speaker("gpe:wales", "Wales", "GPE"), [person("Owen Prydderch - Wales", 0)])
    assert full_names_by_surname(res) == {"priderch": {"Owen Prydderch"}}


def test_the_surname_speakers_of_an_extracted_article():
    text = ("Agent upbeat on move\n\nThe midfielder's agent, Dorian Kettell, says no offer has been received. "
            "\"I know there is interest from a club abroad,\" said Kettel. Mr Ansel, his lawyer, said the "
            "talks were over.")
    audit = SpeakerAudit()
    audit_document(extract(Document(id="t", source="test", text=text)), audit)
    # Kettel is Dorian Kettell; "Mr Ansel" is named in full nowhere: nothing to count
    assert audit.surname_named_in_full == [] and audit.with_speaker >= 2


def test_clause_names_and_the_noun_phrases_with_commas_that_are_none():
    assert clause_name("the MPs who")
    assert clause_name("Kamal Vesh, Commerce and Industry Minister")  # an apposed role
    assert clause_name("Mr Hollis, 2004 saw")
    assert not clause_name("Sony, IBM and Toshiba")  # a list of members
    assert not clause_name("Ministry of Economy, Trade and Industry")
    assert not clause_name("5,196 firms")  # a number
    # commas that are no list: a name with its role, a sentence run on, a quotation, ", and" a clause
    assert clause_name("Culture, Media and Sport Secretary Tessa Vane")
    assert clause_name("than one for a PhD. Priya Ramesh, one of the students and")
    assert clause_name('pet cams", localised news services, and local TV')
    assert clause_name("The organisers of the gathering for fair trade, and many other causes")


def test_a_title_of_the_other_gender_is_another_person_not_a_surname_left_short():
    # "Mrs Howard" beside "Michael Howard" is his wife; "Mr Howard" would be him
    text = "Mrs Harlow will tour the seats. Michael Harlow said his wife would help."
    wife = result_with(text, Speaker("p:mrs-harlow", "Mrs Harlow", "PERSON"), [person("Michael Harlow", 32)])
    audit = SpeakerAudit()
    audit_document(wife, audit)
    assert audit.surname_named_in_full == [] and len(audit.titled_other_gender) == 1
    him = result_with(text, Speaker("p:mr-harlow", "Mr Harlow", "PERSON"), [person("Michael Harlow", 32)])
    audit = SpeakerAudit()
    audit_document(him, audit)
    assert len(audit.surname_named_in_full) == 1 and audit.titled_other_gender == []
    # a given name that decides no gender ("Jan") leaves the title's surname counted
    jan = result_with(text, Speaker("p:mrs-harlow", "Mrs Harlow", "PERSON"), [person("Jan Harlow", 32)])
    audit = SpeakerAudit()
    audit_document(jan, audit)
    assert len(audit.surname_named_in_full) == 1
