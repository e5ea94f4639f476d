"""A sentence ending in a sum ("$500m.") ends there: the tokenizer's "m." and "k."
abbreviations are units after a number (nlp/spacy_model.py). Sentences written for the test."""
from __future__ import annotations

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def test_a_sentence_ending_in_a_sum_ends_the_reported_clause():
    text = ("The ferry company said it could not yet estimate its legal costs, which it had set at $500m. "
            "It intends to sell two of its older ships next year.\n")
    res = extract(clean_document(Document(id="t", source="test", text=text)))
    said = [" ".join(c.text for c in q.contents) for q in res.quotes if q.cue and q.cue.text == "said"]
    assert len(said) == 1 and said[0].endswith("$500m"), said
