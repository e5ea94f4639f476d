"""Speakers named by their whole, right name (issue 17, item 2): one class per test, found on
BBC sample 2817 and tested on sentences written for these tests (fictional names). Real
spaCy model and extraction."""
from __future__ import annotations

from quotegraph.names import parse_person
from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import parse
from quotegraph.nlp.speakers.entities import correct_entities
from spacy.tokens import Span
from tests.fixtures.nlp.speakers import extract_text as run, speaker_in


# -- a title's holder, not the body, portfolio or party opening the title ------------

def test_a_source_cut_inside_a_title_is_the_titles_holder():
    res = run("The price of coal will fall, said Treasury Under Secretary Mark Fennimore. "
              "He added that talks would go on.")
    assert speaker_in(res, "price of coal").name == "Mark Fennimore"


def test_a_body_opening_a_title_is_not_the_speaker():
    res = run("Prices will rise, Association of Rural Bakers president Hilda Grove said on Monday.")
    assert speaker_in(res, "Prices will rise").name == "Hilda Grove"


def test_a_relative_speaker_after_a_portfolio_title_is_its_holder():
    res = run('The plan was backed by Culture, Media and Sport Secretary Anna Dowling, who said: "We must act."')
    assert speaker_in(res, "We must act").name == "Anna Dowling"


def test_a_portfolio_named_only_in_a_title_is_no_antecedent():
    res = run("A veterans' campaign group is to target nine seats. The group will field a candidate "
              "against Armed Forces Minister Peter Walsh in Kilbride. The group said it is well organised.")
    assert speaker_in(res, "well organised").name != "Armed Forces"


# -- titles of the church make a person ------------------------------------------------

def test_a_cardinal_is_a_person_his_pronouns_and_the_cardinal_refer_to():
    res = run("Money spent on war should have gone to the poor, Cardinal Anselm Berrow-O'Neill has said. "
              "Speaking on the radio, he criticised the cost. The cardinal said 2005 should be the year of change.")
    first = speaker_in(res, "Money spent on war")
    assert (first.name, first.type) == ("Anselm Berrow-O'Neill", "PERSON")
    assert speaker_in(res, "year of change").name == "Anselm Berrow-O'Neill"


# -- every part of a person's name -----------------------------------------------------

def test_a_name_with_a_surname_particle_is_a_person_pronouns_reach():
    res = run('Rodrigo de Rato, the fund\'s managing director, said the loan would help. "I believe it," he said.')
    first = speaker_in(res, "loan would help")
    assert (first.name, first.type) == ("Rodrigo de Rato", "PERSON")
    assert speaker_in(res, "I believe it").name == "Rodrigo de Rato"


def test_a_name_the_model_cut_at_a_middle_initial_is_one_person():
    res = run("District Attorney Bruce L Castor Jr, who was in charge of the case, said that no one had "
              "complained. He also said the delay was a factor.")
    assert speaker_in(res, "no one had complained").name == "Bruce L Castor"
    assert speaker_in(res, "delay was a factor").name == "Bruce L Castor"


def test_a_nationality_after_a_given_name_or_title_is_a_surname():
    assert parse_person("Mike German").surname == "german"
    assert parse_person("Mr French").surname == "french"
    assert parse_person("Deputy Minister German") is None  # a role, then a people: no name
    assert parse_person("German") is None
    res = run("Welsh Liberal Democrat leader Mike German said the plan was flawed. "
              "German said the party would fight it. Mr German added that talks would go on.")
    assert speaker_in(res, "party would fight").name == "Mike German"
    assert speaker_in(res, "talks would go on").name == "Mike German"


def test_a_source_cut_at_the_hyphen_of_a_surname_is_the_whole_name():
    res = run("Airline founder Nikos Papa-Dimitriou has criticised the plan. "
              "Papa-Dimitriou said the fares were too high.")
    assert speaker_in(res, "fares were too high").name == "Nikos Papa-Dimitriou"


def test_the_owner_before_a_possessed_name_is_no_part_of_it():
    res = run("The plan was attacked by the Lib Dems' Charles Kenward, who said it was unfair.")
    assert speaker_in(res, "it was unfair").name == "Charles Kenward"


# -- the whole name of a body ------------------------------------------------------------

def test_a_ministry_of_two_portfolios_keeps_both():
    res = run("Growth will slow, the Finance and Planning Ministry said in a statement. It blamed oil prices.")
    assert speaker_in(res, "Growth will slow").name == "Finance and Planning Ministry"
    assert speaker_in(res, "oil prices").name == "Finance and Planning Ministry"
    assert speaker_in(run("Prices rose, Britain and France said."), "Prices rose").name == "Britain and France"


def test_a_body_named_inside_its_description_is_the_name():
    res = run("The Journalists Without Frontiers group said the sentence was harsh.")
    assert (speaker_in(res, "sentence was harsh").name, speaker_in(res, "sentence was harsh").type) == \
        ("Journalists Without Frontiers", "ORG")
    # a people before the noun is a description, not a name
    assert speaker_in(run("The South Korean firm said profits rose."), "profits rose").name != "South Korean"


def test_a_firm_whose_name_opens_with_a_digit_is_named():
    res = run('"Our worry is the budget," consultancy 5Point said in a report.')
    assert speaker_in(res, "Our worry").name == "5Point"


def test_a_channel_of_a_firm_is_not_the_firms_short_name():
    res = run("The Bell Plus box has sold well. Bell has said it aims to have 25% of its subscribers by 2010.")
    assert speaker_in(res, "aims to have").name == "Bell"
    # a firm's short name still joins its full name
    res = run("Rival firm Contrack International won the bid. Contrack said it was pleased.")
    assert speaker_in(res, "it was pleased").name == "Contrack International"


# -- a description's words after "of" are another's ------------------------------------

def test_a_hyphenated_age_stays_in_a_described_speaker_and_names_no_one_else():
    res = run("Officials met Health Secretary Anna Dowling on Monday. Violent games have been hit by "
              "controversy after the game Blitz was blamed by the parents of 14-year-old Tom Hadley.")
    assert speaker_in(res, "the game Blitz").name == "the parents of 14-year-old Tom Hadley"


def test_a_place_in_a_place_position_is_not_a_person_by_the_role_after_its_comma():
    sdoc = parse("About 12% of users were based in Veloria, the campaign's director told the BBC. "
                 "Veloria has jailed 20 bloggers.")
    labels = {e.text: e.label for e in correct_entities(sdoc, load_role_lexicon())}
    assert labels.get("Veloria") != "PERSON"


def test_name_words_after_a_role_word_the_model_split_into_other_types_are_one_person():
    # the model's reading of a real BBC article (the given name a people, the surname untagged, later a
    # firm), set on a real parse
    sdoc = parse("He grew up in Leeds with guitarist Sergio Pizzorni. Pizzorni said the band was happy.")
    given = next(t.i for t in sdoc if t.text == "Sergio")
    later = next(t.i for t in sdoc if t.text == "Pizzorni" and t.i > given + 1)
    sdoc.ents = [Span(sdoc, given, given + 1, label="NORP"), Span(sdoc, later, later + 1, label="ORG")]
    found = {(e.text, e.label) for e in correct_entities(sdoc, load_role_lexicon())}
    assert ("Sergio Pizzorni", "PERSON") in found and ("Pizzorni", "PERSON") in found


# -- a group, not its last or one named member -----------------------------------------

def test_who_after_two_coordinated_names_is_both():
    res = run('Less impressed were fellow students Ryan Cobb and Gordon Rennick, who observed, "The band has changed."')
    assert speaker_in(res, "band has changed").name == "Ryan Cobb and Gordon Rennick"


def test_a_plural_noun_including_names_is_the_group_its_pronoun_continues():
    res = run("Firms including Sony, Hitachi and Toshiba, which have been working on the chip, said it would "
              "ship in May. They also warned that prices would rise.")
    assert speaker_in(res, "ship in May").name == "Firms including Sony, Hitachi and Toshiba"
    assert speaker_in(res, "prices would rise").name == "Firms including Sony, Hitachi and Toshiba"


def test_a_body_whose_name_opens_with_a_role_word_keeps_it_before_a_possessive():
    res = run("Acme posted a loss. On Monday General Foods's figures showed its bank arm made money.")
    assert speaker_in(res, "bank arm made money").name == "General Foods"


def test_a_digit_led_firm_name_the_parser_tagged_a_noun_is_still_a_name():
    # the parser's reading of a real BBC article (the name tagged a common noun), set on a real parse
    sdoc = parse('"Our worry is the budget," consultancy 9Trend said in a report.')
    next(t for t in sdoc if t.text == "9Trend").pos_ = "NOUN"
    assert ("9Trend", "ORG") in {(e.text, e.label) for e in correct_entities(sdoc, load_role_lexicon())}


def test_a_plural_possessive_inside_a_body_name_is_no_owner():
    # "the Lib Dems' Charles Kennedy" cuts the owner off; a body's name ending in its noun keeps it
    assert speaker_in(run("The British Bankers' Association said lending had slowed in March."),
                      "lending had slowed").name == "British Bankers' Association"


def test_a_list_set_off_by_commas_leaves_the_group_before_it():
    speaker = speaker_in(run("Other Velmoran carriers, including Velmo Air and Kessary Jet, said fares would rise."),
                         "fares would rise")
    assert (speaker.name, speaker.type) == ("Other Velmoran carriers", "GROUP")
