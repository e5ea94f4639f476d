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


def statements_of(res, speaker_words: str) -> list[str]:
    return [" // ".join(c.text for c in q.contents) for q in res.quotes
            if any(speaker_words in s.text for s in q.sources)]


@pytest.mark.parametrize("sentence,speaker", [
    ("Minister Oskar Brandt gave no details about those talks.", "Brandt"),
    ("The mayor, Lise Haarder, made no comment on the audit.", "Haarder"),
    ("Pelle Orsund offered no explanation for the delay.", "Orsund"),
    ("The ministry said nothing about the missing funds.", "ministry"),
])
def test_a_negated_object_reports_nothing_said(sentence, speaker):
    text = f"{sentence} The harbour reopened on Friday.\n"
    assert statements_of(run(text), speaker) == []


def test_a_negated_object_leaves_a_clause_that_was_said():
    res = run("Oskar Brandt said no decision on the new harbour had been taken yet.\n")
    assert statements_of(res, "Brandt") == ["no decision on the new harbour had been taken yet"]


@pytest.mark.parametrize("sentence,speaker", [
    ("A spokesman for the shipyard declined to comment.", "spokesman"),
    ("The firm refused to say how many jobs would go.", "firm"),
    ("Halvard Moen, the chief executive, declined to say whether the plant would close.", "Moen"),
    ("The regional council approved the expansion of the airport on Monday.", "council"),
    ("The dockers union accepted a pay rise of four percent.", "union"),
    ("The company shelved its plans for a second plant.", "company"),
    ("Parliament voted on Tuesday to suspend the fishing agreement.", "Parliament"),
    ("The shipyard was unavailable to comment on why the launch had been delayed.", "shipyard"),
    ("An appeals tribunal overturned the ban on the two sprinters.", "tribunal"),
    ("A district judge barred the banks from lending to the shipyard.", "judge"),
])
def test_refusals_and_acts_are_no_attribution(sentence, speaker):
    text = f"{sentence} Talks will resume next month.\n"
    assert statements_of(run(text), speaker) == []


def test_an_act_verb_with_a_clause_reports_what_was_accepted():
    res = run("The opposition leader, Karin Dahl, accepted that the most likely outcome was another defeat.\n")
    assert statements_of(res, "Karin Dahl") == ["that the most likely outcome was another defeat"]


def test_a_statement_about_an_act_is_still_a_statement():
    res = run("The council approved the expansion of the airport, the mayor, Lise Haarder, said on Monday.\n")
    assert statements_of(res, "Haarder") == ["The council approved the expansion of the airport"]


def test_a_question_is_not_a_speaker():
    res = run("Asked about the talks, Minister Oskar Brandt disagreed with a question suggesting that the border "
              "deal had collapsed.\n")
    assert not any("question" in s.text for q in res.quotes for s in q.sources)


def test_a_clause_across_a_semicolon_is_not_the_next_speakers_and_an_ellipsis_is_no_content():
    res = run("Marvia says the permit was never issued; Ostland says it was.\n")
    assert statements_of(res, "Ostland") == []
    assert statements_of(res, "Marvia") == ["the permit was never issued"]


@pytest.mark.parametrize("text,speaker,said", [
    ("BRANDOVER, June 4 (Harbour Post) - The head of the dockers union, Jane Roe, said the strike would go on "
     "until the port authority made a new offer.\n\nThe port authority said it would not change its offer.\n",
     "Jane Roe", "the strike would go on until the port authority made a new offer"),
    ("TALLMOOR, June 5 (Harbour Post) - Striking dockers blocked the northern gate on Thursday, union officials "
     "said.\n\nThe port authority said it would not change its offer.\n",
     "union officials", "Striking dockers blocked the northern gate on Thursday"),
])
def test_a_dateline_is_never_speaker_or_content(text, speaker, said):
    res = run(text)
    city = text.split(",")[0]
    assert not any(q.speaker and city in q.speaker.name for q in res.quotes)
    for q in res.quotes:
        for part in [*q.contents, *q.sources]:
            assert "Harbour Post" not in part.text and city not in part.text
    found = [q for q in res.quotes if q.sources and speaker in q.sources[0].text]
    assert [[c.text for c in q.contents] for q in found] == [[said]]


@pytest.mark.parametrize("reply", ["Ostland says it was.", "Ostland says it did.", "Ostland says they would."])
def test_an_affirmative_elliptical_clause_is_no_content(reply):
    res = run(f"Marvia insists the permit was never issued. {reply}\n")
    assert statements_of(res, "Ostland") == []


def test_an_elliptical_denial_is_a_statement():
    res = run("Ostland insists the permit was issued. Marvia says it was not.\n")
    assert statements_of(res, "Marvia") == ["it was not"]


@pytest.mark.parametrize("first,second", [("Marvia", "Ostland"), ("the union", "the port authority")])
def test_with_one_side_demanding_and_the_other_saying_each_speaks_for_itself(first, second):
    res = run(f"The talks ended on Friday, with {first} demanding a new offer and {second} saying it had nothing "
              "more to give.\n")
    assert statements_of(res, first) == ["a new offer"]
    said = [q for q in res.quotes if q.cue and q.cue.text == "saying"]
    assert [q.sources[0].text for q in said] == [second]


def test_headline_and_captions_are_never_a_body_statements_content_or_speaker():
    title = "Union chief: the strike will go on until spring"
    caption = "Jane Roe, head of the dockers union, speaking to strikers at the northern gate"
    text = (f"{title}\n\n{caption}\n{caption}\nPhoto: Harbour Post / Ivo Lind\n\n"
            "Jane Roe, the head of the dockers union, said on Monday that the strike would go on until the port "
            "authority made a new offer.\n\n"
            "The port authority said it would not change its offer.\n\n"
            "Related Articles\nDockers vote to strike over pay\n")
    res = run(text, title=title)
    furniture = [(b.start, b.end) for b in res.document.boilerplate]
    headline = (0, len(title))
    assert furniture, "the captions and the related-articles block are marked"
    for q in res.quotes:
        parts = [*q.contents, *q.sources]
        if all(c.end <= headline[1] for c in q.contents):
            continue  # a headline statement of its own
        for part in parts:
            assert not any(part.start < b and a < part.end for a, b in [*furniture, headline]), part.text
    body = [q for q in res.quotes if q.sources and q.sources[0].text.startswith("Jane Roe")]
    assert [[c.text for c in q.contents] for q in body] == [
        ["that the strike would go on until the port authority made a new offer"]]
