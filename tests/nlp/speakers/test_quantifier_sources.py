"""Sources that name no one: a quantifier or a count stands for some people (a generic
group, as "analysts" is), and a source cut to its determiner is no speaker at all. The
real pipeline on sentences written for these tests."""
from __future__ import annotations

import pytest

from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def _speaker(text: str, content_word: str):
    quotes = extract(Document(id="u", source="test", text=text)).quotes
    (q,) = [q for q in quotes if any(content_word in c.text for c in q.contents)]
    return q.speaker


@pytest.mark.parametrize("text", [
    "Many said the harbour deal was a mistake.",
    "Some said the harbour deal was a mistake.",
    "Of the 2,000 people asked, 16% said the harbour deal was a mistake.",
    "Everyone said the harbour deal was a mistake.",
    "Only 25% of Velmorans said the harbour deal was a mistake.",
    "One in five dockers said the harbour deal was a mistake.",
])
def test_a_quantifier_or_a_count_is_an_unnamed_group(text):
    speaker = _speaker(text, "harbour")
    assert speaker is not None and speaker.type == "GROUP"


def test_a_named_body_after_its_determiner_keeps_its_name():
    speaker = _speaker("The Lindquay Port Authority said the harbour deal was a mistake.", "harbour")
    assert speaker is not None and speaker.type != "GROUP" and "Lindquay" in speaker.name


def test_a_source_that_is_only_a_determiner_is_no_speaker():
    text = "Savers must fill in a form at the bank. This confirms that the account holder pays no tax."
    quotes = extract(Document(id="u", source="test", text=text)).quotes
    assert all(q.speaker is None or q.speaker.name.lower() != "this" for q in quotes)
    assert any(q.sources and q.sources[0].text == "This" for q in quotes)  # the case is exercised
