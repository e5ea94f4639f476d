"""Descriptions resolve to the one entity the document names for them, and stay as
written when it names none (issue 17, BBC labels class "description not resolved").
Sentences written for these tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_lede_description_is_the_person_named_first_in_the_next_paragraph():
    text = ("Judges attack detention rules\n\n"
            "A senior barrister who has resigned from the panel says the detention rules are unjust.\n\n"
            "Edwin Farrowby quit when ministers ignored the court's ruling. He was one of twelve lawyers on the panel.")
    assert speaker_of(text, "detention rules are unjust").name == "Edwin Farrowby"


def test_a_possessive_description_is_the_person_named_next_not_the_possessor():
    text = ("Budget rule 'safe', says ex-aide\n\n"
            "Treasurer Marion Vale will meet her budget rule easily, according to her former chief adviser.\n\n"
            "Once one of Ms Vale's closest aides, Tobias Renner hinted at tax cuts in March.")
    assert speaker_of(text, "meet her budget rule").name == "Tobias Renner"


def test_a_description_after_people_were_named_is_not_guessed_from_the_next_paragraph():
    text = ("Mayor Ines Darrow opened the bridge on Monday. A local official said the costs had doubled.\n\n"
            "Piet Vorland, who runs the ferry, fears for his business.")
    speaker = speaker_of(text, "costs had doubled")
    assert speaker is None or speaker.name != "Piet Vorland"


def test_a_firm_named_like_a_person_of_the_article_is_the_firm():
    text = ("Harlan, the US truck maker, reported higher profits on Thursday. Chairman Jon Harlan said the "
            "year had gone well. But Harlan said it would not give guidance for the first quarter.")
    speaker = speaker_of(text, "not give guidance")
    assert speaker.name == "Harlan" and speaker.type == "ORG"
    assert speaker_of(text, "year had gone well").name == "Jon Harlan"


def test_a_description_is_not_the_next_named_person_when_his_role_differs():
    text = ("A Ruritanian MP has said that foreign observers broke the law.\n\n"
            "Ilya Marten, a farmer from the border region, said the observers had been polite.")
    speaker = speaker_of(text, "observers broke the law")
    assert speaker is None or speaker.name != "Ilya Marten"


def test_a_lede_firm_description_is_the_firm_named_next():
    text = ("Bank pays victims\n\n"
            "A Veldorian bank has said it will donate $5m to flood victims under a court settlement.\n\n"
            "Harkness Bank will put the money in a fund managed by a charity. The bank had been accused of "
            "hiding assets.")
    assert speaker_of(text, "donate $5m").name == "Harkness Bank"
