"""Descriptions resolved to the entity the document identifies (issue 17, BBC class
"description not resolved to the entity it refers to"; classes read on BBC sample seed
1817). Sentences written for these tests; real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_speaker_left_as_written_is_no_antecedent_of_an_organisation_nominal():
    text = ("Search results\n\nVantex Inc has changed the way it ranks news pages. The group in a statement said "
            "the change was small. The search giant said the update would reach Europe in May.")
    assert speaker_of(text, "reach Europe").name == "Vantex Inc"
    text = ("Search results\n\nVantex Inc has changed the way it ranks news pages. The group in a statement said "
            "the change was small. The firm said the update would reach Europe in May.")
    assert speaker_of(text, "reach Europe").name == "Vantex Inc"


def test_a_description_set_off_beside_a_name_is_a_name_of_it_later():
    text = ("Index\n\nThe Vantor Institute, a Berlin-based think tank, has published its yearly index. Ministers "
            "rejected the index. The think tank said prices had risen.")
    assert speaker_of(text, "prices had risen").name == "Vantor Institute"


def test_an_opening_prepositional_phrase_is_no_apposition():
    # "In a statement, the firm said": "a statement" is no name of the firm, so a later
    # "a statement" described nothing
    text = ("Jobs\n\nIn a statement, Harlow Motors said 200 jobs would go. Union leader Ben Carr said the "
            "cuts were a disgrace. A statement from the council said it would help.")
    speaker = speaker_of(text, "it would help")
    assert speaker is None or speaker.name != "Harlow Motors"


def test_a_party_spokesperson_speaks_for_the_party():
    text = "Schools row\n\nMinisters plan to close 40 schools. A Conservative spokeswoman said the plan would hurt rural areas."
    speaker = speaker_of(text, "hurt rural")
    assert (speaker.name, speaker.type) == ("Conservatives", "ORG")
    text = "Schools row\n\nMinisters plan to close 40 schools. A Liberal Democrat spokesman said the plan was rushed."
    assert speaker_of(text, "plan was rushed").name == "Liberal Democrats"
    # named as the document names the party
    text = "Row\n\nThe Conservative Party set out plans. A Conservative spokeswoman said the plan was fair."
    assert speaker_of(text, "plan was fair").name == "Conservative Party"
    text = "Row\n\nLabour has set out its plans. A Labour spokesman said the plan was fair. He said the party would win."
    assert speaker_of(text, "party would win").name == "Labour"


def test_a_role_description_no_one_before_fits_is_the_person_the_next_sentence_has_speaking():
    text = ("Fines for fans\n\nScotland's justice minister has warned football fans that she will ban them from "
            "matches.\n\nAnna Korvel said exclusion orders were among the measures being considered.")
    assert speaker_of(text, "ban them from").name == "Anna Korvel"
    text = ("Police plans\n\nParty leader Tom Hale set out police plans. Responding to the plans, the chairman of "
            "the Police Guild of Wessex said independence was essential.\n\nJan Berrow said: \"It is a service, "
            "not a football.\"")
    assert speaker_of(text, "independence was essential").name == "Jan Berrow"


def test_a_role_description_is_not_a_next_person_who_has_another_role_or_a_description_of_his_own():
    for introduced in ("Economist Tom Green said", "Tom Green, a farmer from Kent, said"):
        text = ("Lords\n\nBetty Marsh said she wanted a Speaker. The lord chancellor hinted reforms would come.\n\n"
                f"{introduced} he was worried about the plans.")
        assert speaker_of(text, "reforms would come").name == "The lord chancellor"


def test_a_description_cut_before_a_name_is_not_read_as_a_role_description():
    text = ("Trade talks\n\nIraq's Trade Minister Ali Hassan Rahim welcomed the move, saying it was significant. "
            "Karim Nadir, Afghanistan's envoy in Geneva, said accession would help.")
    speaker = speaker_of(text, "significant")
    assert speaker is None or speaker.name != "Karim Nadir"


def test_a_two_word_demonym_and_an_award_winner_are_the_person_named_before():
    text = ("Hobbit film\n\nDirector Piet Janssen has said the film is four years away. The Oscar winner said there "
            "was a desire to make it. \"It will take lawyers,\" said the New Zealander.")
    assert speaker_of(text, "desire to make").name == "Piet Janssen"
    assert speaker_of(text, "It will take lawyers").name == "Piet Janssen"


def test_the_youngster_is_the_player_named_before():
    text = ("Tennis\n\nSarah Collins beat the top seed in three sets on Sunday. \"I played my best tennis,\" the "
            "youngster said.")
    assert speaker_of(text, "best tennis").name == "Sarah Collins"


def test_a_legal_submission_is_the_words_of_the_one_suing():
    text = ("Lawsuit\n\nSinger Britney Lane is suing four insurers over her cancelled tour. The legal submission "
            "described the tour as \"a highly crafted production\".")
    assert speaker_of(text, "highly crafted").name == "Britney Lane"


def test_the_statement_after_in_a_statement_is_the_body_that_made_it():
    text = ("Candidate quits\n\nTom Vale has quit as a candidate for the Conservative Party. In a statement, the "
            "Conservative Party said his comment had been taken out of context. \"He fully supports the party's "
            "policies,\" said the statement.")
    assert speaker_of(text, "fully supports").name == "Conservative Party"


def test_an_unnamed_dealers_pronoun_is_the_dealer_not_the_analyst_before():
    text = ("Shops\n\n\"It's a result,\" said Nick Boyd, an analyst at Evolve Securities. However, one dealer, who "
            "asked not to be named, told Reuters the sales were poor. \"Christmas has been tough,\" he said.")
    assert speaker_of(text, "Christmas has been tough").name == "one dealer"


def test_a_team_named_by_a_body_speaks_for_the_body():
    text = "Worm\n\nA worm used Google to spread. \"We will review our procedures,\" the Google team said."
    assert speaker_of(text, "review our").name == "Google"
