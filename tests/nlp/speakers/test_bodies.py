"""Organisations that speak through a voice noun or a description: the speaker is the
body the phrase names, not the phrase (issue 17, BBC labels classes "description
containing the name" and "another named entity"; organisations the model reads as
places or misses). Sentences written for these tests (fictional names); real spaCy
model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_name_before_a_voice_noun_is_the_body_even_when_the_model_reads_a_place():
    text = ("Phones Fill Up\n\nPhones are full of old photos, a Toshiba study has found.\n\n"
            "The study said that users rarely delete pictures.")
    first = speaker_of(text, "full of old photos")
    assert (first.name, first.type) == ("Toshiba", "ORG")
    # "the study" later is the same body's study
    assert speaker_of(text, "rarely delete pictures").name == "Toshiba"


def test_a_body_the_text_calls_the_x_speaks_through_its_officials():
    text = ("Harbour Deal Collapses\n\nA US firm has pulled out of a port contract, Pentagon officials said on "
            "Monday.\n\nThe Pentagon said the work would continue.")
    assert speaker_of(text, "pulled out of a port contract").name == "Pentagon"


def test_a_country_acronym_with_officials_stays_a_group():
    text = ("Arms Row\n\nThe talks went badly in Brussels on Monday. US officials say they are not satisfied with "
            "the new code.")
    speaker = speaker_of(text, "not satisfied with")
    assert speaker.name != "US" and speaker.type == "GROUP"


def test_an_acronym_the_model_reads_as_a_place_is_a_body():
    text = ("Jobs Warning\n\nCutting jobs will be a false economy, a TUC report has warned. The TUC said "
            "that the savings were small.")
    assert speaker_of(text, "false economy").name == "TUC"
    speaker = speaker_of(text, "savings were small")
    assert (speaker.name, speaker.type) == ("TUC", "ORG")


def test_a_spokesman_for_a_body_is_the_body_with_the_role_kept():
    text = "Mail Woes\n\nSpam is rising, a spokesman for Reporters Without Borders said on Monday."
    speaker = speaker_of(text, "Spam is rising")
    assert (speaker.name, speaker.role) == ("Reporters Without Borders", "spokesman")


def test_figures_compiled_by_a_body_are_the_body():
    text = "Chip Sales\n\nSales rose 5% in May, according to figures compiled by Chart-Track for the trade body."
    assert speaker_of(text, "Sales rose 5%").name == "Chart-Track"


def test_a_statement_from_a_possessed_body_is_not_the_possessor():
    text = ("Summit Plans\n\nThe fund is voluntary, a spokesman for the UN's Quillan Summit on Water said on "
            "Friday.")
    speaker = speaker_of(text, "fund is voluntary")
    assert speaker.name not in ("UN", "United Nations")


def test_a_description_ending_in_the_name_is_the_name():
    text = "Insurer Fined\n\nThe world's biggest insurance broker Marsh & McLennan said it would pay $850m."
    speaker = speaker_of(text, "would pay $850m")
    assert (speaker.name, speaker.type) == ("Marsh & McLennan", "ORG")


def test_an_organisation_noun_after_the_name_is_cut_off():
    text = ("Trader Jailed\n\nA trader was jailed on Friday. \"He wept,\" the Associated Press news agency "
            "reported.\n\nThe AP said he was led away.")
    assert speaker_of(text, "He wept").name == "Associated Press"
    assert speaker_of(text, "led away").name == "Associated Press"  # the acronym of the name the text gave


def test_a_name_the_model_missed_before_a_spokesman_or_after_a_firm_noun():
    text = ("List Row\n\nThe list was short, an Operation Black Vote spokesman said.\n\n"
            "Prices rose, accountancy firm Ernst & Young said.")
    assert speaker_of(text, "list was short").name == "Operation Black Vote"
    assert speaker_of(text, "Prices rose").name == "Ernst & Young"


def test_a_plural_role_is_a_group_not_an_organisation_name():
    text = "Voting Reform\n\nThe register is incomplete, MPs said in a report published on Tuesday."
    speaker = speaker_of(text, "register is incomplete")
    assert speaker.type == "GROUP"


def test_a_modified_organisation_nominal_is_the_firm_named_before():
    text = "Sales rise in May\n\nNokia said its sales rose in May. The Finnish firm added that profits fell."
    assert speaker_of(text, "profits fell").name == "Nokia"


def test_a_country_in_the_nominal_does_not_pick_one_of_several_firms():
    text = ("Car Talks\n\nOrtana Motors is in talks with Bexley Autos. Ortana has lost support from shareholder "
            "Dravenholt. The US-German firm said it would stop its backing.")
    speaker = speaker_of(text, "stop its backing")
    assert speaker is None or speaker.name not in ("Ortana Motors", "Bexley Autos")


def test_a_name_with_function_words_and_its_bracketed_acronym_are_one_body():
    text = ("Film Piracy\n\nThe Motion Picture Association of America (MPAA) sued the site on Monday.\n\n"
            "The MPAA said that it would sue more sites.")
    assert speaker_of(text, "sue more sites").name == "Motion Picture Association of America"


def test_a_body_named_with_of_or_for_keeps_its_whole_name():
    text = "Trade Gap\n\nThe trade gap widened in May, the Office for National Statistics said on Friday."
    speaker = speaker_of(text, "trade gap widened")
    assert (speaker.name, speaker.type) == ("Office for National Statistics", "ORG")


def test_a_report_with_no_maker_named_is_no_speaker():
    text = "Voting Reform\n\nThe register is incomplete, the report said. It called for urgent changes."
    assert speaker_of(text, "register is incomplete") is None


def test_a_document_filed_by_a_person_is_that_person():
    text = ("Bank Accused\n\nThe bank hid assets, according to a legal complaint filed against the bank by Spanish "
            "Judge Tomas Verano.")
    assert speaker_of(text, "hid assets").name == "Tomas Verano"


def test_a_headline_read_as_a_name_is_no_antecedent_of_an_organisation_nominal():
    text = "Club Fined\n\nThe team have been fined £50,000 by the league. The club said it would appeal."
    speaker = speaker_of(text, "would appeal")
    assert speaker is None or speaker.name != "Club Fined"


def test_a_name_the_model_ends_inside_its_acronym_bracket_stops_before_the_bracket():
    # "WHO" is also a word: the model's entity runs on into "(WHO" and stops there
    text = ("Vaccines\n\nThe World Health Organisation (WHO) said that vaccination rates had doubled. "
            "The WHO said that more clinics were needed.")
    assert speaker_of(text, "vaccination rates").name == "World Health Organisation"
    assert speaker_of(text, "more clinics").name == "World Health Organisation"


def test_a_name_with_a_capitalised_preposition_is_a_body_and_starts_before_it():
    # the model may begin the name at "Without" and read the rest as a person
    text = "Harbour Row\n\nKessary blocked reporters from the port, Reporters Without Borders said on Monday."
    speaker = speaker_of(text, "blocked reporters from the port")
    assert (speaker.name, speaker.type) == ("Reporters Without Borders", "ORG")
    text = ("Harbour Row\n\nKessary has been accused of blocking access to Google News by the media watchdog, "
            "Reporters Without Borders.")
    speaker = speaker_of(text, "blocking access to Google News")
    assert (speaker.name, speaker.type) == ("Reporters Without Borders", "ORG")


def test_a_party_named_by_its_members_is_a_body():
    text = ("Harbour Vote\n\nThe Lib Dems said the harbour deal was a mistake. Kennedy added that the vote was rigged. "
            "The Tories said the deal was fine.")
    for fragment in ("harbour deal was a mistake", "the deal was fine"):
        assert speaker_of(text, fragment).type == "ORG"
