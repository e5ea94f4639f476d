"""Statements that are not statements, and statements that were missed, as
classes (issue 17): sentences written for the tests (fictional names), the real
pipeline (spaCy, tagger, statement filter)."""
from __future__ import annotations

import pytest

from quotegraph.ingest.clean import clean_document
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document


def run(text: str, title: str | None = None):
    return extract(clean_document(Document(id="t", source="test", text=text, title=title)))


def contents(res) -> list[str]:
    return [" // ".join(c.text for c in q.contents) for q in res.quotes]


@pytest.mark.parametrize("inner", ['"reintegration"', '"safe return"'])
def test_a_straight_quoted_paragraph_with_a_straight_quoted_word_is_one_direct_quote(inner):
    text = ("Irena Solvik, the agency's spokeswoman, spoke to reporters on Monday.\n"
            f'"I believe the two questions should be kept apart. The regional authorities have drawn up a special '
            f'{inner} scheme for the families who left. We support that step. Families should be able to go back '
            'to their villages, with their rights and their safety guaranteed," she said, adding that the agency '
            "would help in every way it could.\n")
    res = run(text)
    found = [q for q in res.quotes if any(c.text.startswith('"I believe') for c in q.contents)]
    assert len(found) == 1, contents(res)
    q = found[0]
    assert q.kind == "direct"
    assert q.contents[0].text.endswith('safety guaranteed,"')
    assert q.speaker is not None and q.speaker.name == "Irena Solvik"


def test_the_tagger_reads_a_quotation_with_nested_straight_marks_as_one_content():
    from quotegraph.nlp.attribution.tagger import tag_spans

    text = ("Last week, at a regular briefing, when asked whether the return of the families to the valley should "
            "be linked to other disputes, Irena Solvik urged reporters not to mix the two issues.\n"
            '"It seems to me that these questions must be kept apart. As for the families who left the valley, '
            'as you rightly said, the regional authorities have drawn up a special "return" scheme. The agency '
            'welcomes and backs this step. The families should be able to go back to their villages, with their '
            'rights and, of course, their safety guaranteed," she said.')
    close = text.index('guaranteed,"') + len("guaranteed")
    spans = tag_spans(text)
    opening = text.index('"It seems')
    inside = [s for s in spans if opening <= s.start < close]
    assert [s.label for s in inside] == ["CONTENT"], [(s.label, text[s.start:s.end]) for s in inside]
    assert inside[0].start == opening and inside[0].end >= close
