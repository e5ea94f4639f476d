"""Reaction edges from the parse (real spaCy model, sentences written for the tests)."""
import pytest

from quotegraph.link.reactions import QuoteInDoc, find_reactions, get_nlp


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def edges(text, nlp, quotes=()):
    return [(r.from_name, r.to_name, r.verb) for r in find_reactions("d", text, list(quotes), nlp)]


def test_possessive_comments(nlp):
    text = "Anna Petrosian, an opposition lawmaker, deplored Ivanova’s comments on Friday."
    (e,) = find_reactions("d", text, [], nlp)
    assert (e.from_name, e.to_name, e.verb) == ("Anna Petrosian", "Ivanova", "deplored")
    assert text[e.start:e.end] == e.evidence and "deplored" in e.evidence


def test_remarks_by_and_responding_to(nlp):
    assert edges("The Velmoran Foreign Ministry rejected remarks by spokeswoman Marta Kelnik.", nlp) == [
        ("The Velmoran Foreign Ministry", "Marta Kelnik", "rejected")]
    assert edges("Responding to Foreign Minister Teodor Halvari, Kelnik said the deputies were safe.", nlp) == [
        ("Kelnik", "Teodor Halvari", "Responding")]


def test_an_opening_participle_has_the_main_clause_subject_for_its_own(nlp):
    """The parser reads the name ending "Responding to X" as the participle's subject when a
    relative clause follows it: the responder is still the main clause's subject."""
    assert edges("Responding to Velmoran Foreign Minister Teodor Halvari, who on Tuesday called the detention "
                 "a «hostage-taking», Kelnik said that such words do not help.", nlp) == [
        ("Kelnik", "Teodor Halvari", "Responding")]


def test_countered_without_object_answers_the_last_quoted_speaker(nlp):
    text = ("Ivanova had stated in May that the talks would resume soon. "
            "Karen Sarkisian, a regional official, countered at the time that nobody had been invited.")
    quotes = [QuoteInDoc("q1", "Olga Ivanova", 0, 57)]
    (e,) = find_reactions("d", text, quotes, nlp)
    assert (e.from_name, e.to_name, e.to_quote) == ("Karen Sarkisian", "Olga Ivanova", "q1")


def test_pronoun_subject_resolves_to_the_quoted_speaker(nlp):
    # (a named object is answered only when it is a person by the parse or a quoted speaker:
    # the model reads a bare "Petrov" as an organisation, "Ivan Petrov" as a person)
    text = "“We will not sign,” Lev Markov said. He also criticised Ivan Petrov for the delay."
    quotes = [QuoteInDoc("q1", "Lev Markov", 1, 17)]
    assert edges(text, nlp, quotes) == [("Lev Markov", "Ivan Petrov", "criticised")]


def test_no_edge_without_someone_answered(nlp):
    assert edges("Russia welcomes and supports this step.", nlp) == []
    assert edges("The committee rejected the budget on Tuesday.", nlp) == []
    assert edges("Nothing here is a reaction at all.", nlp) == []


def test_a_reaction_not_yet_made_is_no_edge(nlp):
    quotes = [QuoteInDoc("q1", "Marta Kelnik", 0, 40)]
    text = ("Marta Kelnik said the border would stay shut for a month. "
            "Halvari said Velmora would need time to study the report before it formally responds. "
            "Halvari would reject Kelnik's claims, an aide said.")
    assert edges(text, nlp, quotes) == []


def test_a_product_or_an_event_is_not_someone_answered(nlp):
    assert edges("Oren Stal praised the Toyota Prius as the best car of the year.", nlp) == []
    # ... and a body that says nothing in the article is praised, not answered
    assert edges("Oren Stal criticised the Lindquay Port Authority for the delay.", nlp) == []
    quotes = [QuoteInDoc("q1", "Lindquay Port Authority", 0, 30)]
    text = "The ferry will sail in May, the Lindquay Port Authority said. Oren Stal criticised the Lindquay Port Authority."
    assert edges(text, nlp, quotes) == [("Oren Stal", "the Lindquay Port Authority", "criticised")]
    assert edges("The Kessary stock market closed higher in response to Teodor Halvari's victory in the election.",
                 nlp) == []


def test_calls_for_something_answer_no_one_in_particular(nlp):
    text = ("Marta Kelnik said the tolls were fair. "
            "However, Oren Stal rejected calls for a windfall tax on the port's profits.")
    assert edges(text, nlp, [QuoteInDoc("q1", "Marta Kelnik", 20, 38)]) == []
    # ... while "the criticism" points back at the words just quoted
    text = "Marta Kelnik said the tolls were unfair. Oren Stal rejected the criticism."
    assert edges(text, nlp, [QuoteInDoc("q1", "Marta Kelnik", 18, 39)]) == [("Oren Stal", "Marta Kelnik", "rejected")]


def test_the_words_of_someone_and_a_first_person_inside_a_quotation(nlp):
    text = '"I fully welcome the words of Mr Halvari," said Oren Stal, "but we need to see decisions."'
    quotes = [QuoteInDoc("q1", "Oren Stal", 1, 40)]
    assert edges(text, nlp, quotes) == [("Oren Stal", "Halvari", "welcome")]


def test_whose_words_are_answered(nlp):
    # with / from / made by / a party adjective name the owner of the words answered
    assert edges("Oren Stal said: \"Whilst I disagree with Marta Kelnik's views, the harbour must stay open.\"",
                 nlp, [QuoteInDoc("q1", "Oren Stal", 11, 80)]) == [("Oren Stal", "Marta Kelnik", "disagree")]
    assert edges("Responding to criticism from the former harbour master Ivan Petrov, Oren Stal said the port was safe.",
                 nlp) == [("Oren Stal", "Ivan Petrov", "Responding")]
    assert edges("Oren Stal rejected the claim made by Ivan Petrov that the port was unsafe.", nlp) == [
        ("Oren Stal", "Ivan Petrov", "rejected")]


def test_a_reaction_denied_or_in_another_sense_is_no_edge(nlp):
    quotes = [QuoteInDoc("q1", "Ivan Petrov", 0, 38)]
    text = ("Ivan Petrov said the port was unsafe. "
            "Oren Stal added: \"I don't respond to anything he says.\" "
            "Lev Markov responded well last week in his goalkicking for the club.")
    assert edges(text, nlp, quotes) == []


def test_an_unnamed_asker_and_an_act_are_not_someone_answered(nlp):
    quotes = [QuoteInDoc("q1", "Ivan Petrov", 0, 38)]
    text = ("Ivan Petrov said the port was unsafe. Asked if the port would close, Oren Stal replied that it would not. "
            "Lev Markov said he fundamentally disagreed with locking people up.")
    assert edges(text, nlp, quotes) == []


def test_he_is_not_a_group_quoted_before(nlp):
    quotes = [QuoteInDoc("q1", "Ivan Petrov", 0, 30), QuoteInDoc("q2", "the dockers", 40, 75)]
    text = ("Ivan Petrov said the deal was good. The dockers said the deal was bad and unfair. "
            "He also criticised Lev Markov for the delay.")
    assert edges(text, nlp, quotes) == [("Ivan Petrov", "Lev Markov", "criticised")]
