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


def test_countered_without_object_answers_the_last_quoted_speaker(nlp):
    text = ("Ivanova had stated in May that the talks would resume soon. "
            "Karen Sarkisian, a regional official, countered at the time that nobody had been invited.")
    quotes = [QuoteInDoc("q1", "Olga Ivanova", 0, 57)]
    (e,) = find_reactions("d", text, quotes, nlp)
    assert (e.from_name, e.to_name, e.to_quote) == ("Karen Sarkisian", "Olga Ivanova", "q1")


def test_pronoun_subject_resolves_to_the_quoted_speaker(nlp):
    text = "“We will not sign,” Lev Markov said. He also criticised Petrov for the delay."
    quotes = [QuoteInDoc("q1", "Lev Markov", 1, 17)]
    assert edges(text, nlp, quotes) == [("Lev Markov", "Petrov", "criticised")]


def test_no_edge_without_someone_answered(nlp):
    assert edges("Russia welcomes and supports this step.", nlp) == []
    assert edges("The committee rejected the budget on Tuesday.", nlp) == []
    assert edges("Nothing here is a reaction at all.", nlp) == []
