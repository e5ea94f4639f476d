"""Statement dates, dated events and datelines (quotegraph.nlp.dates.statements).

Sentences below are written for these tests; each gives its publication date.
The seed articles are read from ../shared/seeds at run time (never copied), and
the sample corpus's hand labels (samples/gold.json) are compared with said_on.
"""
from __future__ import annotations

import json
import re

import pytest

from quotegraph.nlp.dates.statements import find_events, publication_date_from_text, said_on, sentence_around
from tests.paths import ROOT

SHARED = ROOT.parent / "shared"


def _anchor(text: str, cue: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", text)]
    assert len(starts) > nth, f"{cue!r} not in {text!r}"
    return starts[nth], starts[nth] + len(cue)


def said(text: str, cue: str, published: str | None, nth: int = 0, context: bool = True) -> dict:
    """said_on for the cue, with the sentence found around it and every earlier
    sentence of the text as context (sentences split on '. ')."""
    a = _anchor(text, cue, nth)
    sent = sentence_around(text, a)
    ctx = []
    if context:
        ctx = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.(?:\s|$)", text[: sent[0]])]
    return said_on(text, published, a, sent, ctx)


def interval(r: dict) -> tuple:
    return r["start"], r["end"], r["precision"]


# --- explicit dates ----------------------------------------------------------------

@pytest.mark.parametrize(
    "text, cue, published, expected",
    [
        ("The mayor said on April 18 that the bridge would reopen.", "said", "2024-04-19", ("2024-04-18", "2024-04-18", "day")),
        ("On September 19-20, 2023, the delegates told reporters that no deal was near.", "told", "2024-02-01",
         ("2023-09-19", "2023-09-20", "day")),
        ("The ambassador said on 18 April 2024 that the embassy would stay open.", "said", "2024-05-02", ("2024-04-18", "2024-04-18", "day")),
        ("The governor told reporters on March 4 that the curfew was over.", "told", "2025-03-12", ("2025-03-04", "2025-03-04", "day")),
        ("In October 2024, the harbour master warned that the pier was unsafe.", "warned", "2025-01-15", ("2024-10-01", "2024-10-31", "month")),
        ("The senator argued in 2019 that the tax was unfair.", "argued", "2024-06-01", ("2019-01-01", "2019-12-31", "year")),
    ],
)
def test_explicit_dates(text, cue, published, expected):
    r = said(text, cue, published)
    assert interval(r) == expected
    assert r["evidence"]["text"] in text and text[r["evidence"]["start"]:r["evidence"]["end"]] == r["evidence"]["text"]


def test_day_without_year_crosses_the_year_boundary():
    r = said("The coach said on December 28 that he would stay.", "said", "2025-01-03")
    assert interval(r) == ("2024-12-28", "2024-12-28", "day")
    assert r["rule"] == "day_without_year"


def test_explicit_date_with_year_needs_no_publication_date():
    r = said("The ambassador said on 18 April 2024 that the embassy would stay open.", "said", None)
    assert interval(r) == ("2024-04-18", "2024-04-18", "day")


# --- relative to publication -------------------------------------------------------

@pytest.mark.parametrize(
    "text, cue, published, expected, rule",
    [
        # 2024-02-14 is a Wednesday: a bare weekday is the latest such day on or before it.
        ("The minister said on Wednesday that talks would go on.", "said", "2024-02-14", ("2024-02-14", "2024-02-14", "day"), "weekday"),
        ("The minister said on Monday that talks would go on.", "said", "2024-02-14", ("2024-02-12", "2024-02-12", "day"), "weekday"),
        ("The minister said on Thursday that talks would go on.", "said", "2024-02-14", ("2024-02-08", "2024-02-08", "day"), "weekday"),
        # 2025-01-02 is a Thursday; its Monday is in the previous year.
        ("The chairman said on Monday that he would resign.", "said", "2025-01-02", ("2024-12-30", "2024-12-30", "day"), "weekday"),
        ("The coach said yesterday that the team was ready.", "said", "2024-03-01", ("2024-02-29", "2024-02-29", "day"), "yesterday"),
        ("Earlier this week, the union said it would strike.", "said", "2024-02-14", ("2024-02-12", "2024-02-14", "week"), "this_week"),
        ("The regulator said last week that fares would rise.", "said", "2024-02-14", ("2024-02-05", "2024-02-11", "week"), "last_week"),
        ("The regulator said last month that fares would rise.", "said", "2024-01-10", ("2023-12-01", "2023-12-31", "month"), "last_month"),
        ("The mayor had stated in February that the square would be rebuilt.", "stated", "2024-06-20",
         ("2024-02-01", "2024-02-29", "month"), "month_without_year"),
        ("The mayor said in December that the square would be rebuilt.", "said", "2024-01-10",
         ("2023-12-01", "2023-12-31", "month"), "month_without_year"),
        ("The mayor said in January that the square would be rebuilt.", "said", "2024-01-10",
         ("2024-01-01", "2024-01-10", "month"), "month_without_year"),
        ("The union warned last September that jobs were at risk.", "warned", "2024-02-14", ("2023-09-01", "2023-09-30", "month"), "last_month_name"),
        ("The union warned last September that jobs were at risk.", "warned", "2024-10-05", ("2024-09-01", "2024-09-30", "month"), "last_month_name"),
        ("The union warned last September that jobs were at risk.", "warned", "2024-09-20", ("2023-09-01", "2023-09-30", "month"), "last_month_name"),
        ("The judge said earlier this month that the case was closed.", "said", "2024-02-14", ("2024-02-01", "2024-02-14", "month"), "this_month"),
        ("The judge said this month that the case was closed.", "said", "2024-02-14", ("2024-02-01", "2024-02-14", "month"), "this_month"),
        ("The judge said last year that the case was closed.", "said", "2024-02-14", ("2023-01-01", "2023-12-31", "year"), "last_year"),
        ("The judge said earlier this year that the case was closed.", "said", "2024-02-14", ("2024-01-01", "2024-02-14", "year"), "this_year"),
        # 2024-02-13 is a Tuesday: "last Tuesday" is the one before, not the same day.
        ("The clerk said last Tuesday that the file was lost.", "said", "2024-02-13", ("2024-02-06", "2024-02-06", "day"), "last_weekday"),
        ("The clerk said two weeks ago that the file was lost.", "said", "2024-02-14", ("2024-01-29", "2024-02-04", "week"), "ago"),
        ("The clerk said in May that the file was lost.", "said", "2024-07-01", ("2024-05-01", "2024-05-31", "month"), "month_without_year"),
    ],
)
def test_relative_to_publication(text, cue, published, expected, rule):
    r = said(text, cue, published)
    assert interval(r) == expected
    assert r["rule"] == rule


# --- relative to another dated mention --------------------------------------------

def test_months_later_counts_from_the_previous_dated_mention():
    text = "The ferry treaty was signed in October 2022. Four months later, the transport minister said it had failed."
    r = said(text, "said", "2024-01-05")
    assert interval(r) == ("2023-02-01", "2023-02-28", "month")
    assert r["rule"] == "relative_to_event" and r["evidence"]["text"] == "Four months later"


def test_at_the_time_takes_the_nearest_earlier_dated_mention():
    text = (
        "The first strike began in 2019. The port closed on March 3, 2021, after a storm. "
        "The harbour master said at the time that it would reopen within a week."
    )
    r = said(text, "said", "2024-05-01")
    assert interval(r) == ("2021-03-03", "2021-03-03", "day")
    assert r["rule"] == "at_the_time"


def test_at_the_time_reference_is_resolved_against_publication():
    text = "The mayor spoke about the floods in February. Her deputy countered at the time that the dams were safe."
    r = said(text, "countered", "2024-06-20")
    assert interval(r) == ("2024-02-01", "2024-02-29", "month")


def test_at_the_time_without_any_earlier_date_falls_back_to_publication():
    r = said("The harbour master said at the time that it would reopen.", "said", "2024-05-01")
    assert interval(r) == (None, "2024-05-01", "on_or_before_publication")


def test_context_is_only_used_when_given():
    text = "The ferry treaty was signed in October 2022. Four months later, the transport minister said it had failed."
    r = said(text, "said", "2024-01-05", context=False)
    assert r["precision"] == "on_or_before_publication"


# --- before publication / unknown -----------------------------------------------------

def test_no_date_means_on_or_before_publication():
    r = said("The minister said the talks had been useful.", "said", "2024-02-14")
    assert r == {"start": None, "end": "2024-02-14", "precision": "on_or_before_publication", "evidence": None, "rule": "on_or_before_publication"}


def test_no_date_and_no_publication_is_unknown():
    r = said("The minister said the talks had been useful.", "said", None)
    assert (r["start"], r["end"], r["precision"], r["evidence"]) == (None, None, "unknown", None)


def test_relative_date_without_publication_is_unknown_but_keeps_its_evidence():
    r = said("The minister said on Friday that the talks had been useful.", "said", None)
    assert (r["start"], r["end"], r["precision"]) == (None, None, "unknown")
    assert r["evidence"]["text"] == "on Friday"
    assert r["rule"] == "weekday_without_publication_date"


# --- which expression dates the cue -----------------------------------------------

@pytest.mark.parametrize(
    "text, cue, published, expected",
    [
        # A date modifying a noun in the content is an event, not the saying.
        ("The ministry said on Wednesday that it regretted the March 2021 blockade.", "said", "2024-02-14",
         ("2024-02-14", "2024-02-14", "day")),
        ("The ministry said that it regretted the March 2021 blockade.", "said", "2024-02-14",
         (None, "2024-02-14", "on_or_before_publication")),
        ("Officials blamed the port authority for Tuesday’s collapse, a spokesman said.", "said", "2024-02-14",
         (None, "2024-02-14", "on_or_before_publication")),
        # A date inside the reported clause, before or after the cue.
        ("The lawmakers were stopped on Monday at the bridge, the ministry said.", "said", "2024-02-15",
         (None, "2024-02-15", "on_or_before_publication")),
        ("The spokesman said the vote was held on Monday.", "said", "2024-02-15", (None, "2024-02-15", "on_or_before_publication")),
        ("The spokesman said that the vote would take place in June.", "said", "2024-02-15",
         (None, "2024-02-15", "on_or_before_publication")),
        # Inside quotation marks vs. attached to the cue after the quote.
        ("“We met on Monday and we will meet again,” she told reporters on Thursday.", "told", "2024-02-16",
         ("2024-02-15", "2024-02-15", "day")),
        # A relative clause the cue is not part of dates something else...
        ("The envoy, who met the president yesterday, told a briefing that both sides wanted a deal.", "told", "2024-02-16",
         (None, "2024-02-16", "on_or_before_publication")),
        # ...but dates the cue when the cue is inside it.
        ("Responding to the mayor, who on Tuesday called the plan reckless, the governor said it was sound.", "called", "2024-02-16",
         ("2024-02-13", "2024-02-13", "day")),
        ("Responding to the mayor, who on Tuesday called the plan reckless, the governor said it was sound.", "said", "2024-02-16",
         (None, "2024-02-16", "on_or_before_publication")),
        # Fronted adverbials set off by commas belong to the main verb.
        ("On Tuesday, after a long cabinet meeting, the prime minister said the budget was final.", "said", "2024-02-16",
         ("2024-02-13", "2024-02-13", "day")),
        ("Thus, on April 2, during a briefing, when asked whether the fares would rise, the spokesman urged patience.", "urged",
         "2024-04-05", ("2024-04-02", "2024-04-02", "day")),
        ("Speaking at a news briefing on Wednesday, the spokeswoman said: “The border stays open.”", "said", "2024-02-16",
         ("2024-02-14", "2024-02-14", "day")),
        ("On Tuesday the minister said the budget was final.", "said", "2024-02-16", ("2024-02-13", "2024-02-13", "day")),
        ("The deputy minister said Tuesday that the budget was final.", "said", "2024-02-16", ("2024-02-13", "2024-02-13", "day")),
        # ...unless the cue only closes the sentence: then the clause before it is the content.
        ("On Monday, police arrested five men near the harbour, the ministry said.", "said", "2024-02-16",
         (None, "2024-02-16", "on_or_before_publication")),
        ("On Monday, police arrested five men near the harbour, the ministry said on Wednesday.", "said", "2024-02-16",
         ("2024-02-14", "2024-02-14", "day")),
        # A participle cue shares the time of its main verb.
        ("The union on Friday rejected the offer, saying it was far too low.", "saying", "2024-02-19",
         ("2024-02-16", "2024-02-16", "day")),
        # A date of another clause: coordinated, or attached to another verb.
        ("The council made the same claim in February, and the union replied: “Nonsense.”", "replied", "2024-06-10",
         (None, "2024-06-10", "on_or_before_publication")),
        ("A report published Monday said the council had overspent.", "said", "2024-06-12",
         (None, "2024-06-12", "on_or_before_publication")),
        ("The president will get one more chance on Saturday to poke fun at the press.", "to poke fun at", "2024-06-14",
         (None, "2024-06-14", "on_or_before_publication")),
        # Between subject and verb.
        ("The ministry on Thursday rejected the claims.", "rejected", "2024-02-16", ("2024-02-15", "2024-02-15", "day")),
        # Two dates: the one in the cue's own clause wins.
        ("On Monday the mayor promised a review; she said on Wednesday that it had begun.", "said", "2024-02-16",
         ("2024-02-14", "2024-02-14", "day")),
        ("The coach told the club’s radio station on Sunday that he would stay, in his first interview since the March 2023 final.",
         "told", "2024-02-16", ("2024-02-11", "2024-02-11", "day")),
        # A wire dateline dates the report, not the statement.
        ("LONDON, March 4 (Example Wire) - The minister said the plan was dead.", "said", "2024-03-04",
         (None, "2024-03-04", "on_or_before_publication")),
        # A nominal cue ("remarks") does not take the time of the verb that governs it.
        ("The ministry on Thursday rejected remarks by the envoy that the border was closed.", "remarks", "2024-02-16",
         (None, "2024-02-16", "on_or_before_publication")),
        # A participial clause after the cue is the content's, not the cue's.
        ("“No comment,” she said, referring to the vote in February.", "said", "2024-06-10",
         (None, "2024-06-10", "on_or_before_publication")),
    ],
)
def test_the_date_attached_to_the_cue_is_chosen(text, cue, published, expected):
    assert interval(said(text, cue, published)) == expected


def test_known_content_spans_are_excluded():
    text = "The mayor said on the radio the bridge would reopen on Friday."
    a = _anchor(text, "said")
    content = (text.index("the bridge"), len(text) - 1)
    r = said_on(text, "2024-02-14", a, (0, len(text)), contents=[content])
    assert r["precision"] == "on_or_before_publication"


# --- ambiguous cases stay coarse -------------------------------------------------------

@pytest.mark.parametrize(
    "text, cue",
    [
        ("The minister said recently that the talks were useful.", "said"),
        ("The minister said in the spring that the talks were useful.", "said"),
        ("The minister said the talks may resume.", "said"),
        ("Talks collapsed in 2020. Several months later, the minister said the door was open.", "said"),
    ],
)
def test_vague_expressions_are_not_turned_into_dates(text, cue):
    r = said(text, cue, "2024-06-10")
    assert interval(r) == (None, "2024-06-10", "on_or_before_publication")


def test_a_week_stays_a_week_and_a_month_a_month():
    assert said("The union said last week that it would strike.", "said", "2024-06-12")["precision"] == "week"
    assert said("The union said last month that it would strike.", "said", "2024-06-12")["precision"] == "month"
    assert said("The union said last year that it would strike.", "said", "2024-06-12")["precision"] == "year"


def test_an_interval_never_ends_after_publication():
    r = said("The council said this week that the road was closed.", "said", "2024-06-12")  # a Wednesday
    assert (r["start"], r["end"]) == ("2024-06-10", "2024-06-12")


# --- dated events --------------------------------------------------------------------

def test_find_events_names_dated_noun_phrases():
    text = (
        "Delegates recalled the June 2021 summit in Lisbon and the 2019 war. "
        "The ministry blamed rebels for Tuesday’s shelling and last October’s flood damage. "
        "The minister said on Tuesday that the talks would go on."
    )
    events = {e["text"]: e for e in find_events(text, "2024-02-14")}
    assert set(events) == {
        "the June 2021 summit in Lisbon", "the 2019 war", "Tuesday’s shelling", "last October’s flood damage",
    }
    assert (events["the June 2021 summit in Lisbon"]["start"], events["the June 2021 summit in Lisbon"]["end"],
            events["the June 2021 summit in Lisbon"]["precision"]) == ("2021-06-01", "2021-06-30", "month")
    assert (events["the 2019 war"]["start"], events["the 2019 war"]["precision"]) == ("2019-01-01", "year")
    assert (events["Tuesday’s shelling"]["start"], events["Tuesday’s shelling"]["end"]) == ("2024-02-13", "2024-02-13")
    assert (events["last October’s flood damage"]["start"], events["last October’s flood damage"]["end"]) == ("2023-10-01", "2023-10-31")
    for e in events.values():
        assert text[e["span"]["start"]:e["span"]["end"]] == e["text"]
        assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]


def test_events_relative_to_a_missing_publication_date_are_left_out():
    text = "The ministry blamed rebels for Tuesday’s shelling, recalling the 2019 war."
    assert [e["text"] for e in find_events(text, None)] == ["the 2019 war"]


def test_find_events_only_looks_inside_the_given_spans():
    text = "Caption: the 2019 war memorial. Body: delegates recalled the June 2021 summit in Lisbon."
    body = (text.index("Body"), len(text))
    assert [e["text"] for e in find_events(text, "2024-01-01", spans=[body])] == ["the June 2021 summit in Lisbon"]


def test_clause_events_are_opt_in_and_skip_statements():
    text = (
        "The commission was set up last October but suspended its work four months later. "
        "The two countries fought a short war in 2019 over the valley. "
        "The minister said on Tuesday that talks would resume."
    )
    assert find_events(text, "2025-03-05") == []  # no date modifies a noun here
    events = find_events(text, "2025-03-05", include_clauses=True)
    got = [(e["kind"], e["text"], e["start"], e["end"], e["precision"]) for e in events]
    assert got == [
        ("clause", "The commission was set up last October", "2024-10-01", "2024-10-31", "month"),
        ("clause", "suspended its work four months later", "2025-02-01", "2025-02-28", "month"),
        ("clause", "The two countries fought a short war in 2019 over the valley", "2019-01-01", "2019-12-31", "year"),
    ]  # "said on Tuesday" is a statement date, left to said_on


def test_a_fronted_date_takes_the_clause_after_it():
    text = "Earlier this month, the assembly voted to suspend the friendship group."
    (event,) = find_events(text, "2025-03-10", include_clauses=True)
    assert event["text"] == "Earlier this month, the assembly voted to suspend the friendship group"
    assert (event["start"], event["end"]) == ("2025-03-01", "2025-03-10")


def test_future_clauses_with_publication_relative_dates_are_not_dated_backwards():
    # Published Wednesday 2025-03-05: "will ... on Monday" is the coming Monday, not
    # the 3rd the news convention gives a bare weekday, so no event is dated.
    text = ("The council will vote on the budget on Monday. "
            "The council voted on the harbour plan on Monday. "
            "The new bridge is due to open in 2027.")
    got = [(e["text"], e["start"]) for e in find_events(text, "2025-03-05", include_clauses=True)]
    assert got == [
        ("The council voted on the harbour plan on Monday", "2025-03-03"),
        ("The new bridge is due to open in 2027", "2027-01-01"),  # an explicit year stays dated
    ]


def test_bare_dates_and_capitalised_today_are_not_events():
    text = "Harbour News Today\n08.03.2025\nA crowd at the quay, March 3, 2025.\nSubscribe Today"
    assert find_events(text, "2025-03-08", include_clauses=True) == []


# --- publication date from a dateline ---------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("Harbour to reopen\nApril 19, 2024\nThe harbour will reopen.", "2024-04-19"),
        ("Harbour to reopen\n19.04.2024\nThe harbour will reopen.", "2024-04-19"),
        ("Menu | News\nUlmsk, 08.03.2025\n\nThe harbour will reopen.", "2025-03-08"),
        ("Published: 19 April 2024 10:15\nThe harbour will reopen.", "2024-04-19"),
        ("Friday, April 19, 2024\nThe harbour will reopen.", "2024-04-19"),
        ("2024-04-19\nThe harbour will reopen.", "2024-04-19"),
        ("13/04/2025\nThe harbour will reopen.", "2025-04-13"),
        # never invented:
        ("03/04/2025\nThe harbour will reopen.", None),
        ("31.02.2024\nThe harbour will reopen.", None),
        ("LONDON, March 4 (Example Wire) - The harbour will reopen.", None),
        ("Harbour to reopen\nThe harbour, closed since April 19, 2024, will reopen.", None),
        ("A crowd at the quay on the day of the closure, March 3, 2025.\nThe harbour will reopen.", None),
        ("\n".join(f"Paragraph {i} of the article." for i in range(20)) + "\nApril 19, 2024", None),
        ("The harbour will reopen.", None),
    ],
)
def test_publication_date_from_text(text, expected):
    assert publication_date_from_text(text) == expected


# --- the seeds (read from ../shared, never copied) ------------------------------------

def _seed(prefix: str) -> str:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed articles not found at {seeds}")
    path = next(seeds.glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} not found in {seeds}")
    return path.read_text(encoding="utf-8")


def _said_in_seed(text: str, published: str, pattern: str) -> dict:
    """said_on for the cue word in group 1 of the first match of `pattern`."""
    m = re.search(pattern, text)
    assert m, f"pattern {pattern!r} not found in the seed"
    return said_on(text, published, m.span(1), None)


def test_seed_001_dates():
    text = _seed("001")
    published = "2024-02-14"  # a Wednesday
    events = find_events(text, published)
    fighting = [e for e in events if e["evidence"]["text"].startswith("Tuesday")]
    assert fighting and (fighting[0]["start"], fighting[0]["end"], fighting[0]["precision"]) == ("2024-02-13", "2024-02-13", "day")
    assert "fighting" in fighting[0]["text"]
    offensive = [e for e in events if e["evidence"]["text"] == "last September"]
    assert offensive and (offensive[0]["start"], offensive[0]["end"], offensive[0]["precision"]) == ("2023-09-01", "2023-09-30", "month")
    # "Earlier this week, <a deputy minister> similarly called for ..."
    r = _said_in_seed(text, published, r"Earlier this week, [^.]*?\b(called)\b")
    assert interval(r) == ("2024-02-12", "2024-02-14", "week")
    assert r["evidence"]["text"] == "Earlier this week"
    # "Russia said on Wednesday that ... displaced by last September’s ... offensive."
    r = _said_in_seed(text, published, r"Russia (said) on Wednesday")
    assert interval(r) == ("2024-02-14", "2024-02-14", "day")


def test_seed_002_explicit_day():
    text = _seed("002")
    r = _said_in_seed(text, "2024-04-19", r"on April 18, [^.]*?\b(urged)\b")
    assert interval(r) == ("2024-04-18", "2024-04-18", "day")
    assert r["evidence"]["text"] == "April 18" or r["evidence"]["text"].endswith("April 18")


def test_seed_datelines_are_not_invented():
    for prefix in ("000", "001", "002", "003", "004"):
        assert publication_date_from_text(_seed(prefix)) is None  # the seeds carry no dated dateline


# --- the sample corpus's hand labels ----------------------------------------------------

def _sample_texts() -> dict[str, str]:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    gold = json.loads((ROOT / "samples/gold.json").read_text("utf-8"))
    texts = {}
    for d in gold["documents"]:
        path = ROOT / "samples" / d["file"]
        if d["format"] == "txt":
            texts[d["id"]] = path.read_text("utf-8")
        elif d["format"] == "jsonl":
            recs = {json.loads(l)["id"]: json.loads(l) for l in path.read_text("utf-8").splitlines()}
            texts[d["id"]] = recs[d["record"]]["text"]
        elif d["format"] == "html":
            texts[d["id"]] = trafilatura.extract(path.read_text("utf-8"))
        else:
            with open(path, "rb") as fh:
                for rec in ArchiveIterator(fh):
                    if rec.rec_type == "response" and rec.rec_headers.get_header("WARC-Target-URI") == d["record"]:
                        texts[d["id"]] = trafilatura.extract(rec.content_stream().read().decode("utf-8"))
    return gold, texts


def test_find_events_recovers_the_sample_gold_events():
    gold, texts = _sample_texts()
    found, total = 0, 0
    for d in gold["documents"]:
        text = texts[d["id"]]
        events = find_events(text, d["published"], include_clauses=True)
        for g in d["events"]:
            total += 1
            g0 = text.index(g["text"])
            found += any(
                e["span"]["start"] < g0 + len(g["text"]) and g0 < e["span"]["end"] and (e["start"], e["end"]) == (g["start"], g["end"])
                for e in events
            )
    assert total >= 12
    assert found == total


def test_said_on_agrees_with_the_sample_gold():
    """Statements whose date the gold derives from their own sentence (or from
    publication alone); 'context' labels need the speech event's other sentences
    and are out of said_on's scope."""
    gold, texts = _sample_texts()
    agree, total, misses = 0, 0, []
    for d in gold["documents"]:
        text = texts[d["id"]]
        for s in d["statements"]:
            so = s["said_on"]
            if so["basis"] == "context" and not (so["evidence"] and so["evidence"]["text"] == "at the time"):
                continue
            contents = []
            for c in s["contents"]:
                start = c["start"] if "start" in c else text.index(c["text"])
                contents.append((start, start + len(c["text"])))
            if s["cue"] and "start" in s["cue"]:
                anchor = (s["cue"]["start"], s["cue"]["end"])
            elif s["cue"]:
                occ = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(s["cue"]["text"]) + r"(?!\w)", text)]
                p = min(occ, key=lambda p: abs(p - contents[0][0]))
                anchor = (p, p + len(s["cue"]["text"]))
            else:
                anchor = contents[0]
            sent = sentence_around(text, anchor)
            context = [sentence_around(text, (m.start(), m.start() + 1)) for m in re.finditer(r"\S[^.\n]*[.]", text[: sent[0]])]
            r = said_on(text, d["published"], anchor, sent, context, contents)
            total += 1
            if (r["start"], r["end"], r["precision"]) == (so["start"], so["end"], so["precision"]):
                agree += 1
            else:
                misses.append((s["id"], so, r))
    assert total >= 50
    assert agree / total >= 0.95, misses


def test_said_on_for_quote_uses_cue_sentence_and_context():
    from quotegraph.nlp.dates.statements import said_on_for_quote

    text = (
        "The port closed on March 3, 2021, after a storm. "
        "The harbour master said at the time that it would reopen within a week. "
        "“We will be back,” she told reporters on Friday."
    )
    sentences = [(m.start(), m.end()) for m in re.finditer(r"\S[^.]*\.", text)]
    cue = _anchor(text, "said")
    content = (text.index("that it would"), text.index("within a week") + len("within a week"))
    r = said_on_for_quote(text, "2024-05-03", cue, [content], sentences)
    assert interval(r) == ("2021-03-03", "2021-03-03", "day")
    told = _anchor(text, "told")
    quote = (text.index("We will"), text.index("back") + 4)
    r = said_on_for_quote(text, "2024-05-03", told, [quote], sentences)  # 2024-05-03 is a Friday
    assert interval(r) == ("2024-05-03", "2024-05-03", "day")
    # No cue: the content is the anchor, and a date inside it dates nothing said.
    text2 = text + " “The ferry runs again on Monday.”"
    sentences2 = sentences + [(len(text) + 1, len(text2))]
    inner = (text2.index("The ferry"), text2.index("on Monday") + len("on Monday"))
    r = said_on_for_quote(text2, "2024-05-03", None, [inner], sentences2)
    assert r["precision"] == "on_or_before_publication"
    with pytest.raises(ValueError):
        said_on_for_quote(text, "2024-05-03", None, [], sentences)


def test_quoted_regions_tell_marks_from_apostrophes():
    from quotegraph.nlp.dates.statements import quoted_regions

    text = "Velmora’s envoy said ‘we met on Monday’ and the deputies’ lawyer agreed."
    regions = quoted_regions(text, 0, len(text))
    assert [text[a:b] for a, b in regions] == ["‘we met on Monday’"]
    tail = "the talks go on’, the envoy told reporters on Friday."  # the sentence is a quote's tail
    assert [tail[a:b] for a, b in quoted_regions(tail, 0, len(tail))] == ["the talks go on’"]
    assert said(tail, "told", "2024-05-03")["rule"] == "weekday"
