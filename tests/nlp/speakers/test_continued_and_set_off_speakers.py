"""Wrong-speaker classes read by hand on unlabelled BBC articles drawn like the held-out
set (tools/draw_unlabelled_bbc.py --label-pool, seed 7717): each fixed as a class and tested
here on sentences written for the test (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from quotegraph.nlp.attribution.rules import _source_of
from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.spacy_model import get_nlp
from quotegraph.nlp.speakers.roles import comma_role
from tests.fixtures.nlp.speakers import speaker_of


# -- "She added" right after a speaker known only by a role noun is that speaker ---------------
def test_a_pronoun_continues_a_spokeswoman_not_a_woman_named_before_her():
    text = ('Presenter Carla Dunmore fronted the quiz for two years. "There are no plans for another '
            'series," a spokeswoman said. She added the show "had run its course".')
    assert speaker_of(text, "had run its course").name == "a spokeswoman"


def test_a_pronoun_continues_a_spokeswoman_for_a_body_as_that_body():
    text = ('Presenters Carla Dunmore and Joel Penrith fronted the quiz for two years. "There are no '
            'plans for another series," a spokeswoman for Kestrel TV said. She added the pair "brought '
            'a real warmth to the programme".')
    assert speaker_of(text, "brought a real warmth").name == "Kestrel TV"


def test_a_person_named_in_the_spokesmans_words_is_not_the_next_he():
    text = ("Financier Peter Varga said he was interested in Hollin Foods. A Hollin Foods spokesman said "
            "on Monday it had no evidence that Mr Varga had raised the money. He also said the regulator "
            "had been in touch with the firm.")
    assert speaker_of(text, "regulator had been in touch").name == "Hollin Foods"


def test_a_pronoun_of_the_other_gender_does_not_continue_the_spokeswoman():
    text = ('Director Tom Ashby left the studio in May. "We wish him well," a spokeswoman for Kestrel TV '
            "said. He said the move was his own choice.")
    assert speaker_of(text, "his own choice").name == "Tom Ashby"


# -- a calendar-word surname alone is the person of that surname -------------------------------
def test_a_month_surname_alone_is_the_person_named_in_full_before():
    text = ('Bassist Colin May has said he expects to be on the road with the band from April. May said: '
            '"Suddenly the band is rising again and will take precedence over our lives."')
    assert speaker_of(text, "rising again").name == "Colin May"


def test_a_month_alone_with_no_such_surname_is_no_speaker():
    text = 'Trading was thin all winter. May saw "a return to growth", the chamber of trade said.'
    speaker = speaker_of(text, "a return to growth")
    assert speaker is None or speaker.name.lower() != "may"


# -- a name set off after a role-word head is the speaker's name ------------------------------
def test_a_name_set_off_after_a_long_role_is_the_speaker_and_the_next_she():
    text = ("Ms Dalby said the scheme would work. The Shadow Secretary of State for the Family, Theresa "
            'Coyle, said: "These plans were announced in December." She said the Conservatives would '
            "announce proposals soon.")
    assert speaker_of(text, "announced in December").name == "Theresa Coyle"
    assert speaker_of(text, "announce proposals soon").name == "Theresa Coyle"


# -- a relative pronoun after a name is a source (its antecedent's), not no source ------------
def test_which_after_a_name_is_the_source_of_its_clause():
    doc = get_nlp()("The government should recognise shortcomings of the Treasury's Harland Review, which "
                    "said 40,000 new homes a year were needed in Wessex.")
    verb = next(t for t in doc if t.text == "said")
    span, head = _source_of(verb)
    assert span is not None and doc.text[span[0]:span[1]] == "which"


def test_that_as_a_plain_subject_is_still_no_source():
    doc = get_nlp()("Sales fell in March. That said, the shop expects a good summer.")
    verb = next(t for t in doc if t.text == "said")
    assert _source_of(verb) == (None, None)


# -- "He added" goes on with one who spoke, past a paragraph naming others ----------------------
def test_he_added_is_the_last_speaker_not_the_last_man_named_in_the_match_report():
    text = ('Striker Tomas Ebbe scored twice as Vale beat Hollin 3-1 on Saturday.\n\nHe said: "I am happy I could '
            "play from the start again. I felt good all through the game and it is obvious that I am happy to have "
            "scored another goal. People have talked a lot about my form and I think I have had some months that "
            'were not so good and others that were very good." Ebbe, starting his third match in a row, converted '
            "a low cross from Luis Saar. Defender Marco Pell made it 2-0 at the break, smashing home a free-kick. "
            "Midfielder Karl Rinne reduced the deficit after half-time but Ivo Dalen headed past keeper Sam Orr to "
            "seal victory for his team. Victory took Vale to within six points of leaders Barcelona and Ebbe is "
            'confident Vale can close the gap. He added: "We had several chances and I think we can get back in '
            'touch."')
    assert speaker_of(text, "several chances").name == "Tomas Ebbe"


# -- subject pronouns carry the topic: "he said" is the man they refer to ----------------------
def test_a_chain_of_subject_pronouns_keeps_the_topic_past_a_list_of_other_names():
    text = ("Former Vale captain Remi Dassault says there is no comparison between the two sides. Dassault is one "
            "of the most decorated players in the history of the club. He won the league twice and the cup three "
            "times with Vale. He is now winding down his career in Qatar, alongside the likes of Frank Lenoir, "
            "Josep Guardia, Tito Camar, Gabriel Batti and Chris Dugard. So he is full of admiration for two of his "
            "old colleagues who are likely to line up against Hollin on Wednesday - Paolo Malden and Alessio Costa. "
            '"I am happy that they have managed to play so long at a high level," he said.')
    assert speaker_of(text, "play so long").name == "Remi Dassault"


# -- an opening prepositional phrase's last name has no apposition after its comma -------------
def test_a_role_after_an_opening_phrase_is_the_main_verbs_subject_not_the_places_apposition():
    nlp, lex = get_nlp(), load_role_lexicon()
    doc = nlp("Beckham relief as Real go through\n\nDavid Beckham expressed his relief at Real Madrid's passage "
              "to the Champions League knockout phase.\n\nAfter Real's 3-0 win at Roma, the England skipper "
              "admitted another season of under-achievement would not be tolerated at the Bernabeu stadium.")
    place = next(t for t in doc if t.text == "Roma")
    assert comma_role(doc[place.i:place.i + 1], lex) is None
    apposed = nlp("At the hearing, Oren Vasko, the union leader said the strike would go on.")
    name = next(t for t in apposed if t.text == "Oren")
    assert comma_role(apposed[name.i:name.i + 2], lex) == "union leader"


# -- "the veteran game maker" is the person introduced as "games maker", not a firm ------------
def test_an_org_word_the_document_used_of_a_person_refers_to_that_person():
    text = ("Leading British computer games maker Peter Molden has been made an OBE.\n\nThe head of Lionhead "
            "Studios was granted the honour. He left Bullfrog in 1997 to set up Lionhead Studios. The veteran game "
            "maker says he has one problem still to solve.")
    assert speaker_of(text, "one problem still to solve").name == "Peter Molden"


def test_an_org_word_before_a_persons_role_still_refers_to_the_org():
    text = "Bank chief John Bonder left Hollin Bank in March. The bank said it would appoint a successor by June."
    assert speaker_of(text, "appoint a successor").name == "Hollin Bank"


def test_a_party_named_at_a_sentence_end_is_no_description_of_the_next_paragraphs_person():
    text = ("Reports said he was starting a new political party.\n\nMr Kilroy-Silk explained his plans. On Thursday, "
            "the Vale Independence Party said it had asked Mr Kilroy-Silk to stand down. Later the party said "
            "voters deserved a genuine candidate.")
    assert speaker_of(text, "voters deserved").name == "Vale Independence Party"


# -- a lede's "the elections watchdog has said" is the body the next paragraph has speak -------
def test_a_lede_description_of_a_body_is_the_body_that_speaks_in_the_next_paragraph():
    text = ("A cap on donations to parties should not be introduced yet, the elections watchdog has said.\n\n"
            "Fears that big donors can buy favours have sparked calls for a limit. In a new report, the Harland "
            "Electoral Board says it is worth debating a cap.")
    assert speaker_of(text, "cap on donations").name == "Harland Electoral Board"


def test_a_lede_description_is_not_a_body_the_next_paragraph_only_mentions():
    text = ("Children would be offered two hours of free sport a week by a future Tory government, the party has "
            "said.\n\nThe Club2School policy would provide up to 250m a year for local sports clubs.")
    speaker = speaker_of(text, "free sport a week")
    assert speaker is None or speaker.name != "Club2School"


# -- a one-word name introduced with a body's noun is a firm, whatever the model read ----------
def test_a_name_introduced_as_a_giant_is_the_firm_a_later_the_firm_refers_to():
    text = ("Shares in train and plane-making giant Bombardier have fallen to a 10-year low.\n\nPaul Tellier left "
            "the company amid a restructuring. Earlier this month the firm said it earned $10m in the third quarter.")
    assert speaker_of(text, "earned $10m").name == "Bombardier"


# -- a post-nominal role ("MSP", "MP") is no name of its own -----------------------------------
def test_a_post_nominal_role_after_a_name_leaves_the_name_the_speaker():
    text = ("The Scottish Finance Minister, Tom McCabe MSP, said the settlement was fair. The Tory finance "
            "spokesman, Brian Monteith MSP, said councils would suffer.")
    assert speaker_of(text, "settlement was fair").name == "Tom McCabe"
    assert speaker_of(text, "councils would suffer").name == "Brian Monteith"


# -- "the 23-year-old wrote" parsed with its verb as a noun: the phrase's head, not its article ---
def test_an_age_nominal_whose_parse_hangs_on_its_article_is_the_person_spoken_of():
    text = ("Pop star Britney Spears has attacked US tabloid magazines.\n\nIn a letter on her website, the singer "
            'named celebrity tabloids Us Weekly, In Touch and Star as the worst offenders. "Until you face what is '
            "going on in your life, I guess you'll remain a false tabloid,\" the 23-year-old wrote.")
    assert speaker_of(text, "remain a false tabloid").name == "Britney Spears"


# -- "the companies" after "A and B": the two bodies named together ---------------------------
def test_a_plural_body_noun_is_the_two_bodies_named_together_before_it():
    text = ("Nordhavn Ferries and Baltic Shipping Corp have teamed up to give drivers hands-free access to music in "
            "the car. The system recognises spoken commands. The companies said the technology would be available "
            "in the fourth quarter of 2005.")
    speaker = speaker_of(text, "available in the fourth quarter")
    assert speaker.name == "Nordhavn Ferries and Baltic Shipping Corp" and speaker.type == "GROUP"


def test_a_plural_body_noun_with_no_pair_named_stays_as_written():
    text = ("Nordhavn Ferries has teamed up with a car maker. Baltic Shipping Corp also sells players. The companies "
            "said the technology would be available next year.")
    assert speaker_of(text, "available next year").name == "The companies"


# -- playing positions are roles: before a name, and as "the veteran prop" later ---------------
def test_a_playing_position_before_a_name_is_a_role_and_its_nominal_the_player():
    text = 'Vale held on for a draw at Hollin.\n\nKeeper Tony Bullard said: "We defended well all afternoon."'
    assert speaker_of(text, "defended well").name == "Tony Bullard"
    text = ('Wales prop Gethin Jenks will miss the match. "It is a blow," said coach Mike Rudd. The veteran prop '
            "said he would be back for France.")
    assert speaker_of(text, "back for France").name == "Gethin Jenks"


def test_a_lede_public_body_is_not_another_body_the_next_paragraph_has_speak():
    text = ('Welsh councils should set their taxes at "reasonable levels", says the assembly government.\n\n'
            "Finance Minister Sue Essen said it was a good deal. The Welsh Local Government Association said cuts "
            "may still be unavoidable.")
    speaker = speaker_of(text, "reasonable levels")
    assert speaker is None or "Association" not in speaker.name


# -- party words and post-nominal letters are no part of a person's name -----------------------
def test_a_party_word_before_a_name_and_letters_after_it_are_cut_from_the_name():
    text = ('Mr Blair said he left "without a stain on his character" but Tory Dominic Grieve branded the way '
            "Mr Blunkett's office operated as \"scandalous\". The new chairman of the Bar Council, Guy Mansfield "
            "QC warned there was a real risk that people would be driven into the hands of extremists.")
    assert speaker_of(text, "scandalous").name == "Dominic Grieve"
    assert speaker_of(text, "real risk").name == "Guy Mansfield"


def test_a_party_word_heading_a_source_is_not_the_speaker_the_phrase_names():
    text = ('The Conservatives claimed the plans would amount to an extra tax. "This is typical of Lib Dem '
            'hypocrisy," said Tory shadow local government secretary Caroline Spelman.')
    assert speaker_of(text, "typical of Lib Dem").name == "Caroline Spelman"


def test_a_spokesmans_voice_goes_on_through_its_own_pronouns():
    text = ("A Harwell Party spokesman told the BBC the party avoided those on the lists. \"When we ask which party "
            'they will vote for, that is not marketing," he said. "So it is not covered by the rules."\n\nHe said '
            "the party always asked people if they would be happy to be called again. The Vale Party chairman, "
            "Matthew Tayler, said such calls were illegal.")
    assert speaker_of(text, "happy to be called again").name == "Harwell Party"
