"""Content spans repaired as classes (nlp/attribution/content_repair.py): a clause cut
mid-sentence runs on to its end, a passive agent leaves the content for the source, and one
cue's contents either side of it are one statement. Sentences written for the tests
(fictional names), the real pipeline."""
from __future__ import annotations

import pytest

from quotegraph.nlp.attribution.content_repair import _clause_completed, _whole_words
from quotegraph.nlp.attribution.rules import Attribution
from quotegraph.nlp.pipeline import parse
from tests.nlp.attribution.test_statement_types import run


def statements(res) -> list[tuple[str, str, str | None]]:
    return [(q.type, " … ".join(c.text for c in q.contents), q.speaker.name if q.speaker else None)
            for q in res.quotes]


@pytest.mark.parametrize("sentence, whole", [
    # a second clause of the cue, coordinated with the first
    ("The agency said a valve in the brakes could crack during normal driving and fragments could "
     "injure people if the bonnet was open.", "fragments could injure people if the bonnet was open"),
    # a relative clause of the content's last noun
    ("Passengers are warned never to accept parcels from people they do not know.", "people they do not know"),
])
def test_a_clause_cut_mid_sentence_runs_to_its_end(sentence, whole):
    res = run(f"{sentence} Talks resume on Monday.\n")
    assert any(whole in content for _, content, _ in statements(res)), statements(res)


def test_a_passive_agent_is_the_source_not_the_content():
    res = run("Aron Vik argued that the levy was fair. But this argument was dismissed as \"ridiculous\" "
              "by Judge Ana Ruiz. Talks resume on Monday.\n")
    dismissed = [s for s in statements(res) if "ridiculous" in s[1]]
    assert dismissed and all("Ruiz" not in content for _, content, _ in dismissed), statements(res)
    assert any(speaker == "Ana Ruiz" for _, _, speaker in dismissed), statements(res)


def test_contents_either_side_of_one_cue_are_one_statement():
    res = run("Mayor Ilse Brandt spoke to reporters on Monday. Whether she still had something to offer, "
              "she said, was a question for voters. Talks resume on Monday.\n")
    parts = [s for s in statements(res) if "question" in s[1] or "something to offer" in s[1]]
    assert len(parts) == 1 and "something to offer" in parts[0][1] and "question" in parts[0][1], statements(res)


def test_a_run_on_never_takes_in_another_statement():
    res = run("Aron Vik said the ferries were late again and Ilse Brandt said that fares would rise. "
              "Talks resume on Monday.\n")
    contents = [c for _, c, _ in statements(res)]
    assert not [c for c in contents if "late" in c and "fares" in c], contents
    assert [c for c in contents if "fares would rise" in c], contents


def test_a_clause_run_on_may_take_in_a_closed_quotation():
    res = run("Aron Vik spoke on Monday. He said Tory plans to cut the ferry levy would \"cut deep into "
              "public services\". Talks resume on Monday.\n")
    assert any("would \"cut deep into public services" in c for _, c, _ in statements(res)), statements(res)


def test_one_cue_keeps_the_whole_content_not_a_piece_of_it():
    res = run("Officials have confirmed climate change was discussed when Senator Aron Vik visited the mayor. "
              "Talks resume on Monday.\n")
    contents = [c for _, c, _ in statements(res)]
    assert contents == ["climate change was discussed when Senator Aron Vik visited the mayor"], contents


def test_a_content_never_starts_or_ends_inside_a_word():
    # a tagger's span boundary inside "re-examined" and inside "plans", grown to whole words
    text = "The police chief said the plans for late opening should be re-examined soon."
    sdoc = parse(text)
    start, end = text.index("ans for"), text.index("-examined")
    att = Attribution([(start, end)], "tagger", (16, 20), 3)
    fixed = _whole_words(sdoc, att)
    assert [text[s:e] for s, e in fixed.contents] == ["plans for late opening should be re-examined"]


def test_a_clause_read_as_the_cue_object_and_a_clause_without_subject_is_one_content():
    res = run("Officials have confirmed climate change was discussed when influential senator Aron Vik "
              "recently visited the mayor. Talks resume on Monday.\n")
    contents = [c for _, c, _ in statements(res)]
    assert contents == ["climate change was discussed when influential senator Aron Vik recently visited the mayor"], \
        contents


def test_the_one_told_stays_out_of_the_content():
    res = run("Lord Aron Vik told the panel that protecting audiences would always have to be a primary concern "
              "for the watchdog. Talks resume on Monday.\n")
    assert all(not c.startswith("the panel") for _, c, _ in statements(res)), statements(res)


def test_what_the_object_is_blamed_on_is_part_of_the_content():
    text = "Nordhavn Ferries blamed the slump in passenger numbers on the wet summer."
    sdoc = parse(text)
    cue = next(t for t in sdoc if t.text == "blamed")
    start, end = text.index("the slump"), text.index(" on the wet")
    att = Attribution([(start, end)], "tagger", (cue.idx, cue.idx + len(cue)), cue.i)
    fixed = _clause_completed(sdoc, att, [att.cue])
    assert [text[s:e] for s, e in fixed.contents] == ["the slump in passenger numbers on the wet summer"]


# Content bounds (content_bounds.py): an addressee folded into the content by the parser, and
# a second speaker's statement coordinated into it (BBC sample 5717 classes). Sentences
# written for the tests, the real pipeline.

def _speech_contents(text: str) -> list[str]:
    from quotegraph.ingest.clean import clean_document
    from quotegraph.nlp.pipeline import extract
    from quotegraph.records import Document

    res = extract(clean_document(Document(id="t", source="test", text=text + "\n")))
    return [" // ".join(c.text for c in q.contents) for q in res.quotes if q.type == "speech"]


@pytest.mark.parametrize("sentence, content", [
    ("Sources within the party told the BBC Mr Varga had always been in favour of the scheme.",
     "Mr Varga had always been in favour of the scheme"),
    ("He told the World Service programme Go Digital he hoped the laptop would become a tool for schools.",
     "he hoped the laptop would become a tool for schools"),
    # no addressee folded in: the content stays whole
    ("Ms Orlov told reporters the deal would be signed on Friday.", "the deal would be signed on Friday"),
    ("Ms Orlov told reporters that Mr Varga had signed the deal.", "that Mr Varga had signed the deal"),
])
def test_the_addressee_of_told_is_no_part_of_the_content(sentence, content):
    assert content in _speech_contents(sentence)


def test_a_second_speakers_statement_is_cut_from_the_content():
    said = _speech_contents("The Greens say the two men are behaving like children and the Liberals claim "
                            "pride is blocking good government.")
    assert "the two men are behaving like children" in said, said
    assert not any("Liberals" in s for s in said), said


def test_a_coordinated_clause_without_a_verb_of_saying_stays_in_the_content():
    said = _speech_contents("Ms Orlov said sales had risen and the firm expected more orders next year.")
    assert any("the firm expected more orders" in s for s in said), said
