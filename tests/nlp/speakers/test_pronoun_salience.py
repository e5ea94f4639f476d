"""Pronoun speakers follow the current speaker, not the nearest name (issue 17,
BBC labels class "another named entity"): names inside reported words, possessors
and objects do not take a "he"/"she"/"it" from the speaker of the narration.
Sentences written for these tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of as quote_speaker


def speaker_of(text: str, fragment: str) -> str | None:
    speaker = quote_speaker(text, fragment)
    return speaker.name if speaker else None


def test_a_name_inside_what_the_speaker_rejected_does_not_take_his_next_he():
    text = ("Former treasury aide Oskar Lindqvist spoke on Monday. Mr Lindqvist rejected the claim that "
            "Mr Haverkamp had been sidelined in the campaign. He said the party's tax plans were sound.")
    assert speaker_of(text, "tax plans were sound") == "Oskar Lindqvist"


def test_a_name_inside_the_quotation_before_he_said_is_not_he():
    text = ("Coach Renzo Altamira named his squad on Friday. The striker Dario Feltrin is injured. "
            "\"Feltrin has no chance of playing on Sunday and maybe not for the rest of the season,\" he said.")
    assert speaker_of(text, "no chance of playing") == "Renzo Altamira"


def test_the_possessor_of_a_subject_is_not_the_subject():
    text = ("\"It is a serious injury,\" said coach Renzo Altamira on Friday about striker Dario Feltrin. "
            "Feltrin's injury means the club will have no left-back for the final. "
            "\"We will have to wait and see,\" he said.")
    assert speaker_of(text, "wait and see") == "Renzo Altamira"


def test_objects_named_after_the_speaker_do_not_take_his_pronoun():
    text = ("Campaign chief Tomas Brandvold explained the new slogan on Tuesday. Nobody, he claimed, could "
            "imagine the opposition leader in power. Voters could, however, picture Erik Solheim or, of course, "
            "Anders Lunde doing the job. So it was right that the campaign examined the opposition's record. "
            "And Lunde would be in the front line of that campaign, he said.")
    assert speaker_of(text, "front line of that campaign") == "Tomas Brandvold"


def test_it_after_a_firm_is_the_firm_not_the_country_in_its_words():
    text = ("Harrowgate Construction has pulled out of a road contract in Veldoria. The firm denied reports it "
            "was withdrawing completely from Veldoria. \"We remain committed to the reconstruction and are "
            "actively working in Veldoria and looking for new projects across the region,\" it said.")
    assert speaker_of(text, "remain committed") == "Harrowgate Construction"


def test_a_sports_role_before_a_name_makes_it_a_person_for_his_pronoun():
    text = ("The visitors have made four changes, with Julien Marchetti and Aurelio Brandt coming into the side. "
            "But captain Fabrice Delorme sees reasons for hope. \"I get the impression we are getting better,\" he said.")
    assert speaker_of(text, "getting better") == "Fabrice Delorme"


def test_a_role_nominal_picks_the_speaker_of_that_role_family_not_a_possessor():
    text = ("Former star Tavita Mauga says he cannot wait to play in former captain Henrik Olafsson's testimonial. "
            "The winger had surgery last year. \"I started training three weeks after my operation,\" said the "
            "giant winger.")
    assert speaker_of(text, "started training") == "Tavita Mauga"


def test_it_after_a_quotation_naming_the_firm_is_still_the_firm():
    text = ("Brennick Holdings, of Leeds, heads a group of firms working on the bridge in Cardale. The firm denied "
            "reports it was leaving. \"Members of the group including Brennick are committed to the project and "
            "are working in Cardale,\" it said in a statement.")
    assert speaker_of(text, "committed to the project") == "Brennick Holdings"


def test_pronouns_in_each_person_s_own_sentence_give_their_genders():
    text = ("Marit Solberg has denied reports that she has pulled out of the final because of her injury. "
            "Tournament chief Paul Annersby said he expected a late withdrawal. "
            "But her spokesman insisted she had simply delayed her entry.")
    assert speaker_of(text, "delayed her entry") == "Marit Solberg"
