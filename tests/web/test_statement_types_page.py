"""An article page tells what was said from what someone believes or a report found: the
real app over a real store file (FastAPI's TestClient)."""
from __future__ import annotations

import re

from fastapi.testclient import TestClient

from quotegraph.web.app import create_app
from tests.conftest import store_file
from tests.fixtures.store.builders import article


def test_beliefs_are_marked_apart_from_statements_on_the_article_page(tmp_path):
    doc = article("typed-1", [("Ana Lind", "PERSON", None, "The bridge will open in May"),
                              ("Ana Lind", "PERSON", None, "the council wants a second bridge")],
                  types=["speech", "belief"])
    client = TestClient(create_app(store_file(tmp_path / "typed.db", [doc])), raise_server_exceptions=False)
    page = client.get("/documents/typed-1")
    assert page.status_code == 200
    marks = {m.group(2): m.group(1) for m in re.finditer(r'<mark id="q-[^"]+" class="quote ([^"]+)"[^>]*>([^<]+)',
                                                         page.text)}
    (said_mark,) = [cls for text, cls in marks.items() if "open in May" in text]
    (believed_mark,) = [cls for text, cls in marks.items() if "second bridge" in text]
    assert "not-said" not in said_mark and "not-said" in believed_mark
    cards = re.findall(r'<article class="card[^"]*"[^>]*>(.*?)</article>', page.text, re.S)
    said, believed = (c for c in cards if "bridge" in c)
    assert 'class="type type-belief"' in believed and 'class="type' not in said
