""""described X as Y after ...": the "as" predicate is part of the content, the
adverbial clause after it tells when, not what (BBC labels class 2, a content cut
too long). Sentences written for the test."""
from __future__ import annotations

import pytest

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


@pytest.mark.parametrize("predicate", ['an "absolute disaster"', "a fair result"])
def test_the_as_predicate_is_content_and_the_clause_after_it_is_not(predicate):
    text = (f"The manager, Aron Vik, described the draw as {predicate} after his side had missed a host of chances "
            "to win the game.\n")
    res = extract(clean_document(Document(id="t", source="test", text=text)))
    found = [" ".join(c.text for c in q.contents) for q in res.quotes if q.cue and q.cue.text == "described"]
    assert len(found) == 1, found
    assert found[0].startswith(f"the draw as {predicate.rstrip(chr(34))}")
    assert "missed" not in found[0]
