"""Headline statements point at the body statement they summarise (issue 17, item 1)."""
from __future__ import annotations

from quotegraph.nlp.attribution.headlines import link_headlines
from quotegraph.nlp.pipeline import extract
from quotegraph.records import Document, Quote, Span, Speaker


def _q(qid: str, text: str, start: int, type_: str = "speech", speaker: str | None = None) -> Quote:
    sp = Speaker(id=f"d#{speaker}", name=speaker, type="PERSON") if speaker else None
    return Quote(id=qid, kind="indirect", contents=[Span(start, start + len(text), text)], speaker=sp, type=type_)


def test_a_headline_links_to_its_speakers_body_statement_with_most_shared_words():
    head = _q("q0", "ferry will sail again by spring", 0, "headline", "Mira Tesh")
    other = _q("q1", "the budget for the harbour was cut", 100, speaker="Mira Tesh")
    body = _q("q2", "the ferry will sail again before spring arrives", 200, speaker="Mira Tesh")
    rival = _q("q3", "the ferry will sail again by spring", 300, speaker="Oskar Brell")
    out = {q.id: q for q in link_headlines([head, other, body, rival])}
    assert out["q0"].extra["summarises"] == "q2"  # same speaker first, then shared words
    assert all("summarises" not in out[k].extra for k in ("q1", "q2", "q3"))


def test_without_a_speaker_only_a_clear_overlap_links():
    head = _q("q0", "crossings stay closed until further notice", 0, "headline")
    close = _q("q1", "the crossings will stay closed until further notice", 50, speaker="Mira Tesh")
    assert link_headlines([head, close])[0].extra["summarises"] == "q1"
    unrelated = _q("q1", "grain prices rose sharply this week", 50, speaker="Mira Tesh")
    assert "summarises" not in link_headlines([head, unrelated])[0].extra


def test_extraction_links_a_headline_to_the_lede_statement():
    text = ("Harbour chief says ferry will sail again by spring\n\n"
            "The director of the Lindquay port, Mira Tesh, said on Monday that the ferry would sail again by spring.\n\n"
            "\"We are confident the repairs will hold,\" Tesh told reporters.")
    doc = Document(id="h1", source="test", text=text, format="txt",
                   title="Harbour chief says ferry will sail again by spring")
    quotes = extract(doc).quotes
    heads = [q for q in quotes if q.type == "headline"]
    assert heads, [(q.type, q.contents[0].text) for q in quotes]
    target = {q.id: q for q in quotes}[heads[0].extra["summarises"]]
    assert target.type == "speech" and "sail again by spring" in target.contents[0].text


def test_a_headline_after_site_lines_is_typed_headline_without_a_title():
    # plain text as saved from a page: site lines before the headline, no title metadata
    from quotegraph.ingest.clean import clean_document

    text = ("Subscribe\nSupport independent news today!\nJoin Today\nHarbour News\n\n"
            "Port director says ferry will sail again by spring\n\n"
            "The director of the Lindquay port, Mira Tesh, said on Monday that the ferry would sail again by spring, "
            "after repairs to its engines that took most of the winter.\n\n"
            "\"We are confident the repairs will hold,\" Tesh told reporters at the quay.\n")
    doc = clean_document(Document(id="h2", source="test", text=text, format="txt"))
    head_start = text.index("Port director")
    quotes = extract(doc).quotes
    in_headline = [q for q in quotes if head_start <= q.contents[0].start < text.index("\n", head_start)]
    assert in_headline, [(q.type, q.contents[0].text) for q in quotes]
    assert all(q.type == "headline" for q in in_headline)
    body = [q for q in quotes if q.contents[0].start > text.index("\n", head_start)]
    assert body and all(q.type != "headline" for q in body)
