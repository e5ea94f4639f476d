"""Speakers read from syntax: paragraph-bounded sentences, noun cues, passive speech
verbs and participles (sentences written for these tests)."""
from __future__ import annotations

from quotegraph.nlp.attribution.hybrid import noun_cue_source, spoken_to_or_about
from quotegraph.nlp.attribution.sources import subject_token
from quotegraph.nlp.spacy_model import get_nlp


def token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_a_paragraph_break_starts_a_sentence_a_hard_wrap_does_not():
    # Without the break the small model runs the quotation on into the next paragraph
    # and takes "explained" there for the quotation's cue.
    doc = get_nlp()("“None of them gave the council the answer that it wanted.”\n\nLooking ahead to the future "
                    "of the harbour, Varga explained why she backs the plan.\nThe harbour board met on\nMonday "
                    "in Tessel.\n\nHarbour Plan Approved\n\nThe council approved the plan.")
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts.count("Looking") == 1  # after the blank line, whatever the parser thought
    assert starts.count("The") == 2      # after a line ending in a full stop; after a headline
    assert "Monday" not in starts  # a line wrapped inside a sentence stays one sentence


def test_a_noun_cue_speaks_for_its_possessor_or_the_name_compounded_with_it():
    nlp = get_nlp()
    doc = nlp("The fact-checkers examined Varga's claim that the pier had cost twice as much.")
    span, tok, how = noun_cue_source(token(doc, "claim"))
    assert doc.text[span[0]:span[1]].startswith("Varga") and how == "syntax"
    doc = nlp("The mayor seized on a Tessel Gazette report that the budget was overspent.")
    span, tok, how = noun_cue_source(token(doc, "report"))
    assert "Tessel Gazette" in doc.text[span[0]:span[1]]


def test_who_faces_questions_or_is_asked_is_not_the_speaker():
    nlp = get_nlp()
    doc = nlp("The minister has faced questions about the contracts at the port.")
    assert noun_cue_source(token(doc, "questions")) == (None, None, "target")
    doc = nlp("The minister was asked whether the contracts had been signed.")
    assert spoken_to_or_about(token(doc, "asked"))
    doc = nlp("The minister was asked by reporters whether the contracts had been signed.")
    assert not spoken_to_or_about(token(doc, "asked"))  # the agent speaks
    doc = nlp("None of the families are known to have asked for compensation.")
    assert not spoken_to_or_about(token(doc, "known"))  # a verb of knowing, not of speech


def test_a_participle_cue_is_spoken_by_the_noun_it_describes():
    doc = get_nlp()("The ministry published a statement announcing that the border would reopen.")
    subj = subject_token(token(doc, "announcing"))
    assert subj is not None and subj.text == "statement"


def test_when_asked_the_main_subject_was_spoken_to():
    doc = get_nlp()("When asked whether the two issues were linked, Varga urged reporters to keep them apart.")
    asked = token(doc, "asked")
    assert subject_token(asked) is None  # not Varga: she was asked
    assert spoken_to_or_about(asked)
    assert subject_token(token(doc, "urged")).text == "Varga"
