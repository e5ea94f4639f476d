"""Nominals for a person named before: sport and arts role words ("the flanker",
"the East Kilbride athlete") and a country's person ("the Russian", "the Scot")
(issue 17, BBC labels class "description not resolved"). Sentences written for
these tests (fictional names); real spaCy model and extraction."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_sport_role_nominal_is_the_person_named_before():
    text = ("Arkwright content with fourth\n\nDaniel Arkwright finished fourth in the 60m hurdles in Madrid on Sunday. "
            "\"It was a learning curve,\" said the Dunmore athlete.")
    assert speaker_of(text, "learning curve").name == "Daniel Arkwright"


def test_a_rugby_position_nominal_is_the_player_named_before():
    text = ("Wales Win\n\nWales beat Italy 38-8 in Cardiff. Flanker Owen Tregarth scored twice.\n\n"
            "\"We played with real pace,\" said the flanker.")
    assert speaker_of(text, "real pace").name == "Owen Tregarth"


def test_a_demonym_nominal_is_the_person_of_that_country_named_before():
    text = ("Kovalev Through\n\nIvan Kovalev has reached the quarter-finals in Melbourne.\n\n"
            "\"I feel good,\" said the Russian, who beat Tom Hale in four sets.")
    assert speaker_of(text, "I feel good").name == "Ivan Kovalev"


def test_a_plural_demonym_stays_a_group():
    text = ("Gas Talks\n\nPresident Ivan Kovalev met his counterpart on Monday. The Russians said the price "
            "would rise.")
    speaker = speaker_of(text, "price would rise")
    assert speaker is None or speaker.name != "Ivan Kovalev"


def test_a_surname_with_a_role_joins_the_full_name_the_model_mistyped():
    text = ("Marr in Doha last eight\n\nLena Marr moved into the quarter-finals of the Doha Open and now faces "
            "Serena Williams.\n\nAustralian Open champion Williams survived an early scare to win 1-6 6-1 6-4. "
            "Williams was also far from content. \"I don't know what I was doing there,\" she said. "
            "\"I feel I have an advantage (over Serena) because I have played here,\" said Marr.")
    assert speaker_of(text, "what I was doing there").name == "Serena Williams"
