"""Issue 17 item 4, honest dates: a statement's said_on never claims more than the
article gives. Each class on sentences written for this test; publication dates
are given per case (2025-03-07 is a Friday, 2025-05-10 a Saturday)."""
from __future__ import annotations

import pytest

from quotegraph.nlp.dates.attach import attach_dates
from quotegraph.said_on import ON_OR_BEFORE, normalise, said_on_label
from tests.nlp.dates.test_attach import MAYOR, UNION, _quote, _result
from tests.nlp.dates.test_expressions import interval, said

BOUND = ON_OR_BEFORE


@pytest.mark.parametrize(
    "text, cue, published",
    [
        # Reported speech in the past tense, no date anywhere in the sentence.
        ("The harbour master said the ferries had stopped running.", "said", "2025-03-07"),
        ("Officials told the inquiry that the records were lost.", "told", "2025-03-07"),
        ("“We are not leaving,” the tenants’ spokeswoman insisted.", "insisted", "2025-03-07"),
        # Present tense in an article of that day: still only "by the time it was published".
        ("The harbour master says the ferries will run again soon.", "says", "2025-03-07"),
        ("Ms Orlen says she is confident of a deal.", "says", "2025-03-07"),
        ("According to the council, the road will stay shut.", "According to", "2025-03-07"),
    ],
)
def test_an_undated_statement_is_on_or_before_publication_not_a_day(text, cue, published):
    r = said(text, cue, published)
    assert interval(r) == (None, published, BOUND)
    assert r["evidence"] is None and r["rule"] == BOUND


@pytest.mark.parametrize(
    "text, cue, published",
    [
        # The date belongs to the event named in the content, not to the saying.
        ("The spokesman said the vote on 5 May would be postponed.", "said", "2025-05-10"),
        ("The spokesman said the vote on May 5 would be postponed.", "said", "2025-05-10"),
        ("The spokesman said the vote on Tuesday had been postponed.", "said", "2025-05-10"),
        ("The minister said the talks in April were useful.", "said", "2025-05-10"),
        ("The minister said the March 2024 agreement still held.", "said", "2025-05-10"),
        ("The minister said that the talks on Thursday were useful.", "said", "2025-05-10"),
        ("The floods on Monday were the worst in decades, the mayor said.", "said", "2025-05-10"),
    ],
)
def test_a_date_of_the_event_in_the_content_does_not_date_the_saying(text, cue, published):
    assert interval(said(text, cue, published)) == (None, published, BOUND)


@pytest.mark.parametrize(
    "text, cue, published, expected",
    [
        # Relative to publication: the interval and precision the expression gives.
        ("The mayor said on Wednesday that the bridge would reopen.", "said", "2025-03-07",
         ("2025-03-05", "2025-03-05", "day")),
        ("The mayor said yesterday that the bridge would reopen.", "said", "2025-03-07",
         ("2025-03-06", "2025-03-06", "day")),
        ("The mayor said last week that the bridge would reopen.", "said", "2025-03-07",
         ("2025-02-24", "2025-03-02", "week")),
        ("The mayor said earlier this week that the bridge would reopen.", "said", "2025-03-07",
         ("2025-03-03", "2025-03-07", "week")),
        # "earlier this month": the month so far, ending at publication.
        ("Earlier this month, the mayor said the bridge would reopen.", "said", "2025-03-07",
         ("2025-03-01", "2025-03-07", "month")),
        ("The mayor told reporters last month that the bridge would reopen.", "told", "2025-03-07",
         ("2025-02-01", "2025-02-28", "month")),
        # The addressee sits between cue and date: the date is still the cue's.
        ("The mayor told the council on Thursday the bridge would reopen.", "told", "2025-03-07",
         ("2025-03-06", "2025-03-06", "day")),
        ("The union said on 5 May that the strike would go ahead.", "said", "2025-05-10",
         ("2025-05-05", "2025-05-05", "day")),
    ],
)
def test_a_date_of_the_saying_keeps_its_interval_and_precision(text, cue, published, expected):
    assert interval(said(text, cue, published)) == expected


def test_attach_dates_bounds_undated_quotes_and_keeps_dated_ones():
    text = ("The mayor said on Wednesday that the bridge would reopen. "
            "The Dock Workers Union says the strike will go on.")
    quotes = [
        _quote(text, 0, "said", "that the bridge would reopen", "The mayor", MAYOR),
        _quote(text, 1, "says", "the strike will go on", "The Dock Workers Union", UNION),
    ]
    first, second = (q.extra["said_on"] for q in attach_dates(_result(text, quotes, "2025-03-07")).quotes)
    assert (first["start"], first["end"], first["precision"]) == ("2025-03-05", "2025-03-05", "day")
    assert (second["start"], second["end"], second["precision"]) == (None, "2025-03-07", BOUND)
    assert said_on_label(first) == "5 Mar 2025"
    assert said_on_label(second) == "on or before 7 Mar 2025"


def test_a_bound_is_never_carried_as_a_speech_event_date():
    # The union's first statement is undated: its later one must not inherit anything, and
    # the mayor's dated statement does not carry to another speaker.
    text = ("The Dock Workers Union said the strike would go on. The mayor said on Monday that talks had failed. "
            "The union added that it would not back down.")
    quotes = [
        _quote(text, 0, "said", "the strike would go on", "The Dock Workers Union", UNION),
        _quote(text, 1, "said", "that talks had failed", "The mayor", MAYOR, after=50),
        _quote(text, 2, "added", "that it would not back down", "The union", UNION),
    ]
    out = [q.extra["said_on"] for q in attach_dates(_result(text, quotes, "2025-03-07")).quotes]
    assert [o["precision"] for o in out] == [BOUND, "day", BOUND]
    assert out[2]["start"] is None and out[2]["end"] == "2025-03-07"


@pytest.mark.parametrize(
    "said_on, label",
    [
        ({"start": None, "end": "2025-03-04", "precision": BOUND}, "on or before 4 Mar 2025"),
        ({"start": "2025-03-03", "end": "2025-03-09", "precision": "week"}, "week of 3 Mar 2025"),
        ({"start": "2025-03-03", "end": "2025-03-07", "precision": "week"}, "week of 3 Mar 2025 (to 7 Mar 2025)"),
        ({"start": "2025-03-01", "end": "2025-03-31", "precision": "month"}, "Mar 2025"),
        ({"start": "2025-03-01", "end": "2025-03-07", "precision": "month"}, "Mar 2025 (1–7)"),
        ({"start": "2024-01-01", "end": "2024-12-31", "precision": "year"}, "2024"),
        ({"start": "2025-03-04", "end": "2025-03-05", "precision": "day"}, "4–5 Mar 2025"),
        ({"start": None, "end": None, "precision": "unknown"}, "date unknown"),
    ],
)
def test_labels_say_no_more_than_the_interval(said_on, label):
    assert said_on_label(said_on) == label


def test_records_from_before_store_version_5_read_as_bounds():
    legacy = {"start": "2025-03-04", "end": "2025-03-04", "precision": "before_publication",
              "evidence": None, "rule": "before_publication"}
    assert normalise(legacy, "2025-03-04") == {"start": None, "end": "2025-03-04", "precision": BOUND,
                                               "evidence": None, "rule": BOUND}
    assert normalise(None, "2025-03-04")["precision"] == BOUND
    assert normalise(None, None)["precision"] == "unknown"
    dated = {"start": "2025-03-03", "end": "2025-03-03", "precision": "day", "evidence": None, "rule": "weekday"}
    assert normalise(dated, "2025-03-04") is dated
