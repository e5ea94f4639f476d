"""A speaker named by part of the name when the document gives the whole name (issue 17, item 2):
the model read the full name as a body or tagged part of it only, so the surname that speaks
stayed a person of its own. Sentences written for these tests; real spaCy model and extraction."""
from __future__ import annotations

import pytest

from tests.fixtures.nlp.speakers import extract_text as run, speaker_in


# -- a two-word name the model read as a body, whose surname speaks alone ----------------

@pytest.mark.parametrize("name", ["Hamish Calder", "Lachlan Moffat"])
def test_a_full_name_read_as_a_body_is_the_person_its_surname_names(name):
    surname = name.split()[1]
    res = run(f'Former Scotland international {name} fears the row will hurt the game. '
              f'"This is terrible news," said {surname}.')
    speaker = speaker_in(res, "terrible news")
    assert (speaker.name, speaker.type) == (name, "PERSON")


# -- a hyphenated surname the model tagged without its given name ------------------------

def test_a_given_name_before_a_hyphenated_surname_joins_it():
    res = run('The firm uses the orange logo. Founder Stelios Vardi-Kostas has pledged to contest the action. '
              'Mr Vardi-Kostas said: "We have nothing to fear."')
    speaker = speaker_in(res, "nothing to fear")
    assert (speaker.name, speaker.type) == ("Stelios Vardi-Kostas", "PERSON")


# -- a given name tagged alone, the surname that speaks right after it --------------------

def test_a_given_name_tagged_alone_takes_the_surname_after_it():
    res = run("The federation has also threatened three-time women's short-course champion Edith Masai "
              "with a similar ban. Masai said she had been injured.")
    speaker = speaker_in(res, "had been injured")
    assert (speaker.name, speaker.type) == ("Edith Masai", "PERSON")


def test_two_people_named_apart_stay_apart():
    res = run("Coach Edith Masai picked Anna Roe. Roe said she was delighted to be chosen.")
    assert speaker_in(res, "delighted").name == "Anna Roe"
