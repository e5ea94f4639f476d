"""A definite description that states an age or an origin ("the 14-year-old", "the
Australian-born actress") is the person the document describes that way, not the person named
last; with two people described alike, or nobody, it names no one (issue 17, item 2; profiles.py).
Sentences written for these tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_an_age_after_the_name_decides_the_age_description():
    text = ("Mara Quill, 14, won the junior title in Leeds on Sunday. Her coach, Dennis Orlov, said she had "
            "trained every morning. \"I never expected to win,\" the 14-year-old said.")
    assert speaker_of(text, "never expected to win").name == "Mara Quill"


def test_an_age_before_the_name_decides_the_age_description():
    text = ("The 60-year-old Tim Wardle has run the club since 1990. Chairman Bob Hale said he would stay. "
            "\"I am not going anywhere,\" the 60-year-old said.")
    assert speaker_of(text, "not going anywhere").name == "Tim Wardle"


def test_an_age_description_skips_a_person_of_another_age():
    text = ("Striker Paul Denner is 34. Winger Tom Acre, 21, scored twice. Manager Ed Rusk praised both "
            "players. \"He is still improving,\" the 34-year-old said.")
    assert speaker_of(text, "still improving").name == "Paul Denner"


def test_an_age_in_an_apposition_decides_the_description():
    text = ("Celia Marsh, 32, stars in the play. Co-star Jane Rolt said rehearsals were going well. "
            "\"It is a dream role,\" the 32-year-old told reporters.")
    assert speaker_of(text, "dream role").name == "Celia Marsh"


def test_an_origin_picks_the_actress_of_that_origin_over_one_named_later():
    text = ("Australian-born actress Celia Marsh and British actress Jane Rolt will share the stage. "
            "Jane Rolt said the script was the best she had read. "
            "\"It is a dream role,\" the Australian-born actress said.")
    assert speaker_of(text, "dream role").name == "Celia Marsh"


def test_an_origin_in_an_apposition_decides_the_description():
    text = ("The play stars Ione Blair, the Scottish actress, and Kate Fenn. Kate Fenn said the "
            "rehearsals were long. \"I loved the script,\" said the Scottish actress.")
    assert speaker_of(text, "loved the script").name == "Ione Blair"


def test_a_role_given_by_a_copula_decides_the_role_description():
    text = ("Paul Denner is a singer from Leeds. His manager Tom Acre said the tour was booked. "
            "\"We sold out in an hour,\" the singer said.")
    assert speaker_of(text, "sold out").name == "Paul Denner"


def test_two_people_of_the_stated_age_named_together_leave_the_description():
    text = ("Mara Quill, 14, and Lena Brook, 14, reached the final in Leeds. Coach Dennis Orlov said both "
            "had trained hard. \"I never expected to get this far,\" the 14-year-old said.")
    speaker = speaker_of(text, "never expected to get this far")
    assert speaker is None or speaker.name not in ("Mara Quill", "Lena Brook", "Dennis Orlov")


def test_a_person_of_another_stated_age_is_never_the_age_description():
    text = ("Tom Acre, 21, scored twice for Rovers on Saturday. \"It was a proud day for the club,\" "
            "the 34-year-old said.")
    speaker = speaker_of(text, "proud day")
    assert speaker is None or speaker.name != "Tom Acre"


def test_a_body_description_with_an_origin_is_the_body_of_that_country():
    text = ("Jarvis Holdings sold its stake to Spain's Grupo Ferrol for £146m. Jarvis Holdings said the "
            "sale would cut its debts. Grupo Ferrol already owns the rest of the line. "
            "The Spanish group said it was keen to buy more assets.")
    assert speaker_of(text, "keen to buy").name == "Grupo Ferrol"


def test_a_body_of_no_stated_origin_the_narration_turned_to_keeps_the_description():
    text = ("Airbus and its US rival Boeing traded accusations over subsidies. Separately, the delivery firm "
            "Parcelo Express said it had ordered ten jets. The US company said it needed more freight capacity.")
    speaker = speaker_of(text, "more freight capacity")
    assert speaker is None or speaker.name != "Boeing"


def test_a_body_description_with_an_origin_skips_a_later_body_of_another_country():
    text = ("German carmaker Velmo Motors and US firm Harkon Industries signed a deal on Monday. Harkon "
            "Industries said it would build a plant. The German firm said the deal would create 500 jobs.")
    assert speaker_of(text, "create 500 jobs").name == "Velmo Motors"


def test_a_body_called_by_another_trade_is_not_the_description():
    text = ("French bank Credor Finance lent money to French carmaker Autex Motors and Dutch firm Rolva Group. "
            "Rolva Group said the loan helped. The French carmaker said it would repay it early.")
    assert speaker_of(text, "repay it early").name == "Autex Motors"


def test_a_bare_spokesman_after_a_body_as_subject_speaks_for_that_body():
    text = ("Scientists at Harwell Laboratory criticised the plan. The Department for Rural Affairs would not "
            "comment on the concerns. A spokeswoman said: \"The plan is still being drafted.\"")
    assert speaker_of(text, "still being drafted").name == "Department for Rural Affairs"


def test_a_bare_spokesman_after_a_sentence_about_a_person_is_no_body_of_it():
    text = ("Mayor Ines Darrow met Velto Energy on Monday. Ines Darrow later visited the site. "
            "A spokesman said: \"The talks went well.\"")
    speaker = speaker_of(text, "talks went well")
    assert speaker is None or speaker.name != "Velto Energy"


def test_a_bare_spokesman_named_next_as_that_bodys_spokesman_is_that_person():
    text = ("The forum is being held by the Velmoran Traders Association (VTA). Last year VTA urged members to "
            "boycott the fair. But a spokesman stressed the meeting was \"not a protest\". \"We want to talk,\" "
            "VTA spokesman Omar Fennick said.")
    assert speaker_of(text, "not a protest").name == "Omar Fennick"


def test_a_demonym_is_the_person_of_that_country_not_the_last_speaker():
    text = ("American Andy Roddick beat Australian Lleyton Hewitt in three sets on Sunday. Roddick said he had "
            "served well. "
            "\"I was too slow in the first set,\" the Australian said.")
    assert speaker_of(text, "too slow").name == "Lleyton Hewitt"


def test_a_people_noun_is_the_person_of_that_nation_named_with_a_possessive():
    text = ("Scotland's Ian Mackie finished third in the 200m. Germany's Alexander Kosenkow won the race. "
            "\"I am happy with that time,\" said the Scot.")
    assert speaker_of(text, "happy with that time").name == "Ian Mackie"


def test_a_description_states_its_age_origin_role_and_gender():
    from quotegraph.nlp.lexicon import load_role_lexicon
    from quotegraph.nlp.spacy_model import get_nlp
    from quotegraph.nlp.speakers.profiles import describe

    lex, text = load_role_lexicon(), "Later the Australian-born actress and the 14-year-old spoke."
    doc = get_nlp()(text)
    actress = describe(doc, text.index("the Australian"), text.index(" and"), lex)
    assert actress.origins == {"australia"} and actress.roles == ("actress",) and actress.gender == "F"
    assert actress.age is None and actress.profiled
    teen = describe(doc, text.index("the 14"), text.index(" spoke"), lex)
    assert teen.age == 14 and not teen.origins


def test_a_country_its_adjective_and_its_people_share_one_origin():
    from quotegraph.nlp.speakers.profiles import origin_key

    assert origin_key("Australia") == origin_key("Australian") == origin_key("Aussie")
    assert origin_key("Scotland's") == origin_key("Scottish") == origin_key("Scot")
    assert origin_key("Spain") == origin_key("Spanish") != origin_key("Swedish")


def test_an_origin_left_unsaid_for_the_person_the_narration_turned_to_keeps_the_salience_reading():
    text = ("Carl Moss beat Dan Rood in three sets. US coach Pat Kimble wants his players to practise on clay. "
            "Rood was left frustrated after losing. \"I had my chances,\" said the American.")
    speaker = speaker_of(text, "had my chances")
    assert speaker is None or speaker.name != "Pat Kimble"


def test_a_party_word_is_no_origin_that_lets_a_co_chairman_pass_for_the_leader():
    text = ("Tory leader Michael Harwood and Tory co-chairman Liam Foss spoke in Leeds. "
            "\"We will win,\" the Tory leader said.")
    assert speaker_of(text, "We will win").name == "Michael Harwood"


def test_a_body_description_saying_more_than_its_profile_is_not_decided_by_it():
    text = ("Nigerian banks Ruma Bank and Standard Ekiti Bank plan to merge. The deal follows a directive "
            "from the Nigerian central bank, which said the sector needed more consolidation.")
    speaker = speaker_of(text, "needed more consolidation")
    assert speaker is None or speaker.name not in ("Ruma Bank", "Standard Ekiti Bank")



def test_a_profile_reads_ages_set_off_after_a_name_and_never_a_number_before_it():
    from quotegraph.nlp.lexicon import load_role_lexicon
    from quotegraph.nlp.spacy_model import get_nlp
    from quotegraph.nlp.speakers.coref import SpeakerResolver
    from quotegraph.nlp.speakers.entities import correct_entities

    lex = load_role_lexicon()
    sdoc = get_nlp()("Ossie Daven, 71, has appeared in 7 Martin Kessler movies. Australian-born writer Ann Ruel "
                     "is 40. Tim Hale is a singer.")
    resolver = SpeakerResolver(sdoc, correct_entities(sdoc, lex), lex)
    profiles = {resolver.clusters[k].name: p for k, p in resolver.profiles.items()}
    assert profiles["Ossie Daven"].ages == {71}
    assert not profiles["Martin Kessler"].ages
    assert profiles["Ann Ruel"].ages == {40} and profiles["Ann Ruel"].origins == {"australia"}
    assert profiles["Tim Hale"].roles == ["singer"]
