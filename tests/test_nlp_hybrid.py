"""The tagger/hybrid extraction paths (need the shipped MiniLM tagger model)."""
from __future__ import annotations

import pytest

from quotegraph.nlp.config import ExtractConfig
from quotegraph.nlp.pipeline import extract
from quotegraph.nlp.tagger import MODEL_FILE
from quotegraph.records import Document

TEXT = ("Harbour master Ilse Varga said on Monday that the new pier would open in June. "
        "“We are ready,” she told the Port Gazette.")


def test_missing_tagger_model_is_a_clear_error():
    doc = Document(id="h", source="t", text=TEXT)
    with pytest.raises(RuntimeError, match="needs the tagger model"):
        extract(doc, ExtractConfig(mode="hybrid", tagger_model="/nonexistent/model.onnx"))


@pytest.mark.skipif(not MODEL_FILE.is_file(), reason=f"tagger model not shipped at {MODEL_FILE}")
@pytest.mark.parametrize("mode", ["tagger", "hybrid"])
def test_tagger_modes_attribute_with_syntax_sources(mode):
    res = extract(Document(id="h", source="t", text=TEXT), ExtractConfig(mode=mode))
    by_content = {q.contents[0].text: q for q in res.quotes}
    pier = next(q for c, q in by_content.items() if "pier would open" in c)
    assert pier.speaker is not None and pier.speaker.name == "Ilse Varga"
    ready = next(q for c, q in by_content.items() if "We are ready" in c)
    assert ready.speaker is not None and ready.speaker.name == "Ilse Varga"
    for q in res.quotes:
        for sp in [*q.contents, *q.sources]:
            assert sp.text == TEXT[sp.start:sp.end]
