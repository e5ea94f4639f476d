"""attach_dates: the dating step at the end of extract(), on DocResults built from
sentences written for these tests (real records, no extraction model needed)."""
from __future__ import annotations

import re


from quotegraph.nlp.dates.attach import CARRIED_RULE, attach_dates, simple_sentences
from quotegraph.records import Document, DocResult, Quote, Span, Speaker
from tests.paths import ROOT



def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span.of(text, start, start + len(needle))


def _quote(text: str, n: int, cue: str, content: str, source: str, speaker: Speaker | None, after: int = 0) -> Quote:
    content_span = _span(text, content, after)
    cue_span = _span(text, cue, after)
    return Quote(id=f"q{n}", kind="indirect", contents=[content_span], cue=cue_span,
                 sources=[_span(text, source, after)], speaker=speaker)


def _result(text: str, quotes: list[Quote], published: str | None, sentences: bool = True, **doc) -> DocResult:
    document = Document(id="t1", source="test", text=text, published=published, **doc)
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^\s][^.\n]*[.]", text)] if sentences else []
    return DocResult(document=document, quotes=quotes, sentences=sents)


def _interval(said: dict) -> tuple:
    return said["start"], said["end"], said["precision"]


MAYOR = Speaker("s1", "Lena Brask", "PERSON", "mayor")
UNION = Speaker("s2", "Dock Workers Union", "ORG")


def test_every_quote_gets_said_on_with_evidence_from_the_text():
    # 2024-02-14 is a Wednesday.
    text = ("The mayor said on Monday that the bridge would reopen in May. "
            "The Dock Workers Union warned that the strike would go on.")
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen in May", "The mayor", MAYOR),
        _quote(text, 1, "warned", "that the strike would go on", "The Dock Workers Union", UNION),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-14"))
    first, second = (q.extra["said_on"] for q in out.quotes)
    assert _interval(first) == ("2024-02-12", "2024-02-12", "day")
    assert first["rule"] == "weekday"
    ev = first["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] and "Monday" in ev["text"]
    # "in May" is inside what was said: it dates nothing about the saying.
    assert _interval(second) == (None, "2024-02-14", "on_or_before_publication")
    assert second["evidence"] is None and second["rule"] == "on_or_before_publication"
    assert set(first) == {"start", "end", "precision", "evidence", "rule"}


def test_input_result_is_not_modified():
    text = "The mayor said on Monday that the bridge would reopen."
    quote = _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR)
    result = _result(text, [quote], None)
    attach_dates(result)
    assert "said_on" not in quote.extra and result.document.published is None and "events" not in result.extra


def test_year_boundary_month_without_year():
    text = "The harbour master said in December that the pier was unsafe."
    q = _quote(text, 0, "said", "that the pier was unsafe", "The harbour master", None)
    out = attach_dates(_result(text, [q], "2025-01-08"))
    assert _interval(out.quotes[0].extra["said_on"]) == ("2024-12-01", "2024-12-31", "month")


def test_dateline_fills_a_missing_publication_date():
    text = ("Harbour bridge to reopen\n\nPortvale, 12.06.2024\n\n"
            "The mayor said on Monday that the bridge would reopen.")
    q = _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR)
    out = attach_dates(_result(text, [q], None, sentences=False))
    assert out.document.published == "2024-06-12"
    assert out.document.meta["published_from"] == "dateline"
    # 2024-06-12 is a Wednesday: Monday is the 10th, resolved against the dateline.
    assert _interval(out.quotes[0].extra["said_on"]) == ("2024-06-10", "2024-06-10", "day")


def test_a_given_publication_date_is_kept_and_none_is_invented():
    text = "Portvale, 12.06.2024\n\nThe mayor said on Monday that the bridge would reopen."
    q = _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR)
    kept = attach_dates(_result(text, [q], "2024-06-20"))
    assert kept.document.published == "2024-06-20" and "published_from" not in kept.document.meta
    bare = "The mayor said on Monday that the bridge would reopen."
    q2 = _quote(bare, 0, "said", "that the bridge would reopen", "The mayor", MAYOR)
    out = attach_dates(_result(bare, [q2], None))
    assert out.document.published is None
    said = out.quotes[0].extra["said_on"]
    assert said["start"] is None and said["precision"] == "unknown"
    assert said["evidence"]["text"].endswith("Monday")  # the cue's date is kept as evidence


def test_events_from_the_body_only_with_their_evidence():
    text = ("Related: the June 2019 flood in Portvale\n"
            "The council met after the March 2021 blockade of the port. The mayor said the bridge was safe.")
    banner = _span(text, "Related: the June 2019 flood in Portvale")
    q = _quote(text, 0, "said", "the bridge was safe", "The mayor", MAYOR)
    out = attach_dates(_result(text, [q], "2024-02-14", boilerplate=[banner]))
    events = out.extra["events"]
    assert [(e["start"], e["end"], e["precision"]) for e in events] == [("2021-03-01", "2021-03-31", "month")]
    event = events[0]
    assert "blockade" in event["text"]
    for key in ("span", "evidence"):
        assert text[event[key]["start"]:event[key]["end"]] == event[key]["text"]
    assert event["evidence"]["text"] == "March 2021"


# --- one speech event, several sentences ------------------------------------------

def test_date_carries_to_the_same_speaker_in_the_next_sentences():
    # 2024-02-16 is a Friday.
    text = ("The mayor said on Thursday that the bridge would reopen. "
            "Brask added that the repairs had cost less than planned.")
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        _quote(text, 1, "added", "that the repairs had cost less than planned", "Brask", MAYOR),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    carried = out.quotes[1].extra["said_on"]
    assert _interval(carried) == ("2024-02-15", "2024-02-15", "day")
    assert carried["rule"] == CARRIED_RULE
    assert carried["evidence"] == out.quotes[0].extra["said_on"]["evidence"]


def test_date_does_not_carry_to_another_speaker():
    text = ("The mayor said on Thursday that the bridge would reopen. "
            "The Dock Workers Union said that the strike would go on.")
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        _quote(text, 1, "said", "that the strike would go on", "The Dock Workers Union", UNION, after=50),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    assert out.quotes[1].extra["said_on"]["precision"] == "on_or_before_publication"


def test_date_does_not_carry_beyond_the_window():
    filler = "The river rose. The road closed. The ferry stopped. The school shut. "
    text = "The mayor said on Thursday that the bridge would reopen. " + filler + "Brask said that repairs were cheap."
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        _quote(text, 1, "said", "that repairs were cheap", "Brask", MAYOR, after=60),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    assert out.quotes[1].extra["said_on"]["precision"] == "on_or_before_publication"


def test_another_time_in_the_sentence_keeps_the_date_coarse():
    # The second sentence names another time (a meeting "yesterday"): the briefing may
    # have been another day, so the Thursday does not carry.
    text = ("The mayor said on Thursday that the bridge would reopen. "
            "Brask, who met the governor yesterday, told reporters that repairs were cheap.")
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        _quote(text, 1, "told", "that repairs were cheap", "Brask", MAYOR),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    assert out.quotes[1].extra["said_on"]["precision"] == "on_or_before_publication"


def test_a_spokesperson_shares_the_date_of_the_organisation_she_speaks_for():
    ministry = Speaker("s3", "Portvale Transport Ministry", "ORG")
    spokeswoman = Speaker("s4", "Ida Holm", "PERSON", "Portvale Transport Ministry spokeswoman")
    text = ("The Portvale Transport Ministry said on Wednesday that fares would rise. "
            "Spokeswoman Ida Holm said at a briefing that the rise was modest.")
    quotes = [
        _quote(text, 0, "said", "that fares would rise", "The Portvale Transport Ministry", ministry),
        _quote(text, 1, "said", "that the rise was modest", "Spokeswoman Ida Holm", spokeswoman, after=60),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    assert _interval(out.quotes[1].extra["said_on"]) == ("2024-02-14", "2024-02-14", "day")


def test_without_resolved_speakers_a_surname_links_and_a_pronoun_does_not():
    text = ("Harbour master Ole Dahl said on Thursday that the pier was unsafe. "
            "Dahl said that repairs would start soon. "
            "She said that the boats had been moved.")
    quotes = [
        _quote(text, 0, "said", "that the pier was unsafe", "Harbour master Ole Dahl", None),
        _quote(text, 1, "said", "that repairs would start soon", "Dahl", None, after=60),
        _quote(text, 2, "said", "that the boats had been moved", "She", None, after=100),
    ]
    out = attach_dates(_result(text, quotes, "2024-02-16"))
    assert out.quotes[1].extra["said_on"]["rule"] == CARRIED_RULE
    assert out.quotes[2].extra["said_on"]["precision"] == "on_or_before_publication"


def test_simple_sentences_when_extraction_gave_none():
    text = "Mr. Dahl said the pier was unsafe. “It will close,” he said.\nNew line here"
    sents = [text[a:b] for a, b in simple_sentences(text)]
    assert sents == ["Mr. Dahl said the pier was unsafe.", "“It will close,” he said.", "New line here"]
    q = _quote(text, 0, "said", "the pier was unsafe", "Mr. Dahl", None)
    out = attach_dates(_result(text, [q], "2024-02-16", sentences=False))
    assert out.quotes[0].extra["said_on"]["precision"] == "on_or_before_publication"


def test_carrying_improves_agreement_with_the_sample_gold():
    """Gold attributions over the ingested sample texts: said_on (start, end,
    precision) agreement with the hand labels, without and with the carry."""
    from quotegraph.ingest import read_inputs
    from quotegraph.nlp.dates import attach as dating
    from quotegraph.evaluate.dating import agreement, gold_results

    samples = ROOT / "samples"
    docs = {d.id: d for d in read_inputs([samples], samples / "meta.csv") if isinstance(d, Document)}
    golds = gold_results(samples, docs)
    assert sum(len(g.labels) for g in golds) >= 80 and not any(g.missing for g in golds)
    after = agreement(golds, attach_dates)

    def own_dates_only(result: DocResult) -> DocResult:
        saved = dating.CARRY_WINDOW_SENTENCES
        dating.CARRY_WINDOW_SENTENCES = -1
        try:
            return attach_dates(result)
        finally:
            dating.CARRY_WINDOW_SENTENCES = saved

    before = agreement(golds, own_dates_only)
    assert after.agree >= before.agree + 10, (before.agree, after.agree)
    assert after.rate >= 0.88, after.misses
    # No carried date contradicts a label.
    carried_misses = [m for m in after.misses if m[2]["rule"] == CARRIED_RULE]
    assert carried_misses == []


def test_dating_twice_changes_nothing():
    # extract() will run attach_dates; a caller running it again must get the same record.
    text = ("Portvale, 12.06.2024\n\nThe mayor said on Monday that the bridge would reopen. "
            "Brask added that the March 2021 blockade was over.")
    quotes = [_quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
              _quote(text, 1, "added", "that the March 2021 blockade was over", "Brask", MAYOR)]
    once = attach_dates(_result(text, quotes, None))
    twice = attach_dates(once)
    assert [q.extra for q in twice.quotes] == [q.extra for q in once.quotes]
    assert twice.extra == once.extra and twice.document.meta == once.document.meta
    assert once.quotes[1].extra["said_on"]["rule"] == CARRIED_RULE


def test_a_date_with_no_year_carries_in_an_article_with_no_publication_date():
    # seed 002: "on April 18, during a weekly briefing, ... Zakharova urged ...", then her
    # quotation from the same briefing; the article gives no publication date
    text = ("On April 18, during a briefing, the mayor urged calm. "
            "Brask added that the repairs had cost less than planned.")
    quotes = [
        _quote(text, 0, "urged", "calm", "the mayor", MAYOR),
        _quote(text, 1, "added", "that the repairs had cost less than planned", "Brask", MAYOR),
    ]
    out = attach_dates(_result(text, quotes, None))
    first, carried = out.quotes[0].extra["said_on"], out.quotes[1].extra["said_on"]
    assert first["precision"] == "unknown" and first["evidence"]["text"] == "April 18"
    assert carried["rule"] == CARRIED_RULE and carried["evidence"] == first["evidence"]
    assert carried["start"] is None and carried["precision"] == "unknown"  # no year is invented


def test_a_long_quotation_with_its_cue_at_the_end_is_measured_from_where_it_starts():
    # 2024-02-16 is a Friday; the quotation runs five sentences, its cue after them
    text = ("The mayor said on Thursday that the bridge would reopen. "
            "\"One. Two. Three. Four. The repairs cost less than planned.\" Brask said.")
    start = text.index('"One.')
    end = text.index('planned."') + len('planned."')
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        Quote(id="q1", kind="direct", contents=[Span.of(text, start, end)], cue=_span(text, "said", start),
              sources=[_span(text, "Brask")], speaker=MAYOR),
    ]
    sents = [(m.start(), m.end()) for m in re.finditer(r"[^\s][^.\n]*[.]", text)]
    out = attach_dates(DocResult(document=Document(id="t1", source="test", text=text, published="2024-02-16"),
                                 quotes=quotes, sentences=sents))
    carried = out.quotes[1].extra["said_on"]
    assert carried["rule"] == CARRIED_RULE and _interval(carried) == ("2024-02-15", "2024-02-15", "day")


def test_a_date_does_not_carry_to_a_statement_made_on_another_occasion():
    """The same speaker at a briefing on Tuesday and in a speech: two events, the speech undated;
    at the same briefing again, one event. The real pipeline, sentences written for the test."""
    from quotegraph.nlp.pipeline import extract

    def dated(second: str) -> dict:
        text = ("On Tuesday, Velmoran Foreign Minister Ilko Marev told a news briefing that the ferry talks "
                f"would resume. {second}")
        res = extract(Document(id="t", source="test", text=text, published="2024-02-16"))
        (q,) = [q for q in res.quotes if any("harbour" in c.text for c in q.contents)]
        return q.extra["said_on"]

    assert dated("In a speech to parliament, Marev said that the harbour would stay open.")["rule"] != CARRIED_RULE
    assert dated("At the briefing, Marev also said that the harbour would stay open.")["rule"] == CARRIED_RULE
    assert dated("Marev also said that the harbour would stay open.")["rule"] == CARRIED_RULE


def test_another_speaker_at_the_same_occasion_shares_its_date():
    """A second speaker placed at the occasion already dated ("at the same news conference",
    or taking his turn at a joint press conference) shares its date; a turn after a one-sided
    occasion, or a sentence naming no occasion, does not. The real pipeline, sentences
    written for the test."""
    from quotegraph.nlp.pipeline import extract

    def rule_for(first: str, second: str) -> str:
        text = f"{first} {second}"
        res = extract(Document(id="t", source="test", text=text, published="2024-02-16"))
        (q,) = [q for q in res.quotes if any("harbour" in c.text for c in q.contents)]
        return q.extra["said_on"]["rule"]

    joint = ("At a joint press conference on Tuesday, Velmoran Foreign Minister Ilko Marev said that "
             "the ferry talks would resume.")
    briefing = "At a news briefing on Tuesday, Velmoran Foreign Minister Ilko Marev said that the ferry talks would resume."
    assert rule_for(joint, "In his turn, Dravenian Foreign Minister Oren Stal said that the harbour would stay open.") == CARRIED_RULE
    assert rule_for(briefing, "At the same briefing, port director Oren Stal said that the harbour would stay open.") == CARRIED_RULE
    # A reply after a one-sided briefing may come days later; no occasion named, no date.
    assert rule_for(briefing, "In response, Dravenian Foreign Minister Oren Stal said that the harbour would stay open.") != CARRIED_RULE
    assert rule_for(joint, "Dravenian Foreign Minister Oren Stal said that the harbour would stay open.") != CARRIED_RULE
    # "the same" naming another kind of occasion is not this one.
    assert rule_for(briefing, "At the same summit, port director Oren Stal said that the harbour would stay open.") != CARRIED_RULE
