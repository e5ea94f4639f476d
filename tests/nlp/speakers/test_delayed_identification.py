"""A lede's indefinite description ("a Velmoran MP") is the person the next paragraphs
name with a role that fits it (issue 17: "'a Russian MP' in a lede is never resolved
although the article names him in its next paragraphs"). Sentences written for these
tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from quotegraph.nlp.spacy_model import get_nlp
from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.speakers.roles import comma_role
from tests.fixtures.nlp.speakers import speaker_of

LEDE = ("As the foreign ministers of Dravenia and Velmora met in Kessary, a Velmoran MP made a rare statement "
        "on the trial of former officials, saying the charges had been invented.\n\n"
        "On Tuesday, Oren Vasko, the deputy chair of the Velmoran parliament's foreign affairs committee, called "
        "the trial a show.\n\n"
        "Before the meeting, Velmoran Foreign Minister Ilse Marrow said that talks would go on.")


def test_a_lede_description_is_the_one_named_later_whose_role_fits_not_a_minister_of_the_same_country():
    # the foreign minister shares only the broad family "politician" with an MP: another post
    assert speaker_of(LEDE, "the charges had been invented").name == "Oren Vasko"


def test_a_noun_phrase_run_straight_into_a_verb_is_no_apposition_of_the_name_before_its_comma():
    nlp, lex = get_nlp(), load_role_lexicon()
    subject = nlp("As the ministers met in Kessary, a Velmoran MP made a rare statement.")
    place = next(t for t in subject if t.text == "Kessary")
    assert comma_role(subject[place.i:place.i + 1], lex) is None
    apposed = nlp("Oren Vasko, a Velmoran MP, made a rare statement.")
    assert comma_role(apposed[0:2], lex) == "Velmoran MP"


def test_a_lede_description_with_two_fitting_people_named_later_stays_unresolved():
    text = ("A Velmoran MP said on Monday that the border would stay closed.\n\n"
            "Oren Vasko, a member of the Velmoran parliament, called the closure a mistake. Another MP, "
            "Lina Perec, a Velmoran lawmaker, said it was needed.")
    speaker = speaker_of(text, "the border would stay closed")
    assert speaker is None or speaker.name not in ("Oren Vasko", "Lina Perec")
