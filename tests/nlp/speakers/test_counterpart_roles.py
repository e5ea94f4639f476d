"""A counterpart holds the possessor's office for another country (issue 17 seeds: "his Russian
counterpart, Sergey Lavrov" had no role). Sentences and names written for the test."""
from __future__ import annotations

from tests.fixtures.nlp.speakers import speaker_of


def test_a_counterpart_of_another_country_holds_the_office_for_that_country():
    text = ("It came as Velmoran Foreign Minister Ana Rook and her Dravenian counterpart, Ivo Stahl, held talks. "
            "Before the meeting, Stahl said that the talks would be hard.")
    sp = speaker_of(text, "talks would be hard")
    assert (sp.name, sp.role) == ("Ivo Stahl", "Dravenian Foreign Minister")


def test_a_counterpart_object_of_the_verb_takes_the_subject_s_office():
    text = ("Velmoran Defence Minister Ana Rook met her Dravenian counterpart, Ivo Stahl, on Monday. "
            "Stahl said that the talks went well.")
    assert speaker_of(text, "talks went well").role == "Dravenian Defence Minister"
    text = "Defence Minister Ana Rook met her counterpart, Ivo Stahl, on Monday. Stahl said that the talks went well."
    assert speaker_of(text, "talks went well").role == "Defence Minister"


def test_a_counterpart_of_no_one_with_an_office_has_no_role_from_it():
    text = "Ana Rook met her Dravenian counterpart, Ivo Stahl, on Monday. Stahl said that the talks went well."
    assert speaker_of(text, "talks went well").role is None
