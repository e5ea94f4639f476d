"""A surname spelt another way than the full name the document gives (issue 17, speaker
audit on BBC: "Hassel"/"Hassall" for Brian Hassell, "Ilston" for Susan Illston), a given
name the model read as a place, a name the model ran over a spaced dash. Sentences and
names written for these tests; real spaCy model and extraction."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from quotegraph.names import misspelt_surname_of, parse_person
from quotegraph.nlp.lexicon import load_role_lexicon
from quotegraph.nlp.pipeline import parse
from quotegraph.nlp.speakers.entities import correct_entities
from tests.fixtures.nlp.speakers import extract_text as run, speaker_in


AGENT = ("Midfielder wants move\n\nThe midfielder's agent, Dorian Kettell, says no offer has been received "
         "from the northern club. Kettel says the player would \"desperately like to stay\" but will seek a move. "
         "\"I know there is interest from a club abroad,\" said Kettel. Kettall made it clear that a move was "
         "possible.")


def test_a_surname_with_a_letter_doubled_or_replaced_is_the_person_named_in_full():
    res = run(AGENT)
    # "Kettel" (the model reads it as a firm) and "Kettall" are both Dorian Kettell
    for fragment in ("desperately like to stay", "interest from a club abroad", "a move was possible"):
        sp = speaker_in(res, fragment)
        assert (sp.name, sp.type) == ("Dorian Kettell", "PERSON"), fragment


def test_a_misspelling_that_fits_two_people_joins_neither():
    text = ("The firm's owners, Anna Berrick and Peter Burrick, met on Monday. "
            "\"We will sell the firm,\" said Barrick.")
    assert speaker_in(run(text), "We will sell").name not in ("Anna Berrick", "Peter Burrick")
    text = "The firm's owner, Peter Burrick, met the buyers. \"We will sell the firm,\" said Barrick."
    assert speaker_in(run(text), "We will sell").name == "Peter Burrick"


def test_a_letter_added_or_changed_at_either_end_makes_another_surname():
    text = "Rhodri Brown spoke first at the meeting. \"It is over,\" said Browne."
    assert speaker_in(run(text), "It is over").name != "Rhodri Brown"
    assert misspelt_surname_of("browne", {"brown"}) is None
    assert misspelt_surname_of("roberts", {"robert"}) is None
    assert misspelt_surname_of("janson", {"hanson"}) is None
    assert misspelt_surname_of("bosh", {"bush"}) is None  # too short to tell a typo from a name
    assert misspelt_surname_of(parse_person("Hassall").surname, {parse_person("Brian Hassell").surname}) == "hasel"


def test_a_given_name_read_as_a_place_still_starts_the_full_name():
    text = ("Wales hails new hero\n\nOne game into his career, and Corwin Haddle is already a legend. At 23, "
            "Haddle has the world at his feet. Haddle's display ensured the win. \"It was out of range but I "
            "looked at Corwin, and he nodded,\" said Thomas. Haddle, surveying the posts, relished the moment. "
            "\"I knew I would get it,\" Haddle said later.")
    sp = speaker_in(run(text), "I knew I would get it")
    assert (sp.name, sp.type) == ("Corwin Haddle", "PERSON")


def test_a_person_name_the_model_ran_over_a_spaced_dash_ends_at_the_dash():
    text = "Owen Prydderch - Wales' defensive coach - is a former Saints player."
    sdoc = parse(text)
    dash = next(t.i for t in sdoc if t.text == "-")
    sdoc.ents = [SpacySpan(sdoc, 0, dash + 2, label="PERSON")]  # the model's misreading, as seen on BBC
    names = {e.text for e in correct_entities(sdoc, load_role_lexicon())}
    assert "Owen Prydderch" in names and not any("Wales" in n for n in names)
