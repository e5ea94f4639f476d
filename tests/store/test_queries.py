"""Queries: speaker aliases, FTS search with phrases, filters, clear errors, record shapes."""
from __future__ import annotations


import pytest

from tests.fixtures.store.builders import article  # noqa: E402

from quotegraph.store import QueryError, QuoteFilter, connect, queries, quote_search, write_results  # noqa: E402
from quotegraph.store.filters import resolve_speakers


def quotes(conn, *, limit=20, offset=0, **filters):
    """The one quote search with the filter given as keywords."""
    return quote_search.search(conn, QuoteFilter(**filters), limit=limit, offset=offset)


def count_quotes(conn, **filters):
    return quote_search.count(conn, QuoteFilter(**filters), cap=None)[0]


@pytest.fixture(scope="module")
def conn(corpus_db):
    return connect(corpus_db, readonly=True)


def ids(found):
    return [q["id"] for q in found]


def test_speaker_matches_surname_case_and_accents(conn):
    # "María" and "Maria" share one speaker; the surname alone finds it too.
    for name in ("Maria Zakharova", "maria zakharova", "Zakharova", "ZAKHAROVA"):
        found = quotes(conn, speaker=name, limit=50)
        assert sorted(ids(found)) == ["rferl-1#q1", "tass-1#q1", "undated#q1"], name
        assert {q["speaker"]["id"] for q in found} == {"maria-zakharova"}
    assert quotes(conn, speaker="Zakharov") == []


def test_speaker_results_are_newest_first_with_undated_last(conn):
    found = quotes(conn, speaker="Zakharova")
    assert [q["document"]["published"] for q in found] == ["2024-02-09", "2024-02-07", None]


def test_search_words_phrases_and_operators(conn):
    assert sorted(ids(quotes(conn, search="security"))) == ["azatutyun-1#q1", "azatutyun-1#q2", "tass-1#q2"]
    assert ids(quotes(conn, search='"security mechanisms"')) == ["tass-1#q2"]
    # A phrase is not the same as both words anywhere.
    assert quotes(conn, search='"mechanisms security"') == []
    assert sorted(ids(quotes(conn, search="opportunity OR dreams"))) == [
        "rferl-1#q1", "rferl-1#q2", "tass-1#q1"]
    assert ids(quotes(conn, search="security NOT border NOT talks")) == ["tass-1#q2"]
    assert sorted(ids(quotes(conn, search="secur* border"))) == ["azatutyun-1#q1"]
    # Stemming: "returning" and "return" share a stem.
    assert sorted(ids(quotes(conn, search="return"))) == ["rferl-1#q2", "tass-1#q1"]
    # Punctuation is searched as text, not read as FTS5 syntax.
    assert quotes(conn, search="RFE/RL: priority") == []


@pytest.mark.parametrize("bad, reason", [
    ('"security mechanisms', "unbalanced quotation mark"),
    ("(security OR border", "unbalanced parentheses"),
    ("security)", "unbalanced parentheses"),
    ("OR security", "needs a search term before it"),
    ("security AND", "needs a term after it"),
    ("security AND OR border", "needs a search term before it"),
    ("()", "empty or incomplete group"),
    ("--- ...", "no words"),
])
def test_malformed_search_says_why(conn, bad, reason):
    with pytest.raises(QueryError, match=reason):
        quotes(conn, search=bad)


@pytest.mark.parametrize("kwargs, reason", [
    ({"since": "Feb 2024"}, "must be a date"),
    ({"until": "2024-02-30"}, "not a valid date"),
    ({"since": "2024-03", "until": "2024-02"}, "after --until"),
    ({"kind": "rumour"}, "must be one of"),
    ({"limit": -1}, "--limit"),
    ({"speaker": "..."}, "no letters"),
])
def test_malformed_filters_say_why(conn, kwargs, reason):
    with pytest.raises(QueryError, match=reason):
        quotes(conn, **kwargs)


def test_outlet_date_and_kind_filters(conn):
    assert sorted(ids(quotes(conn, outlet="rfe/rl"))) == ["rferl-1#q1", "rferl-1#q2"]
    assert quotes(conn, outlet="Nobody Times") == []
    assert sorted(ids(quotes(conn, since="2024-02-08"))) == ["rferl-1#q1", "rferl-1#q2"]
    assert sorted(ids(quotes(conn, until="2023"))) == ["azatutyun-1#q1", "azatutyun-1#q2"]
    assert sorted(ids(quotes(conn, since="2024-02", until="2024-02", kind="indirect"))) == [
        "rferl-1#q2", "tass-1#q2"]
    combined = quotes(conn, search="security", since="2024", speaker="Abrahamian")
    assert ids(combined) == ["tass-1#q2"]
    assert count_quotes(conn, search="security") == 3
    assert len(quotes(conn, limit=2)) == 2
    assert ids(quotes(conn, limit=2, offset=6)) == ["undated#q1"]


def test_quote_json_is_the_design_record_plus_document(conn):
    [q] = quotes(conn, search='"security mechanisms"')
    assert set(q) == {"id", "kind", "contents", "cue", "sources", "speaker", "addressee", "type", "confidence",
                      "document"}
    assert q["document"] == {"id": "tass-1", "outlet": "TASS", "published": "2024-02-07",
                             "url": "https://example.org/tass-1"}
    assert q["speaker"] == {"id": "tigran-abrahamian", "name": "Tigran Abrahamian", "type": "PERSON",
                            "role": "opposition lawmaker"}
    text = queries.document(conn, "tass-1")["text"]
    for span in [*q["contents"], q["cue"], *q["sources"], q["addressee"]]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert q["kind"] == "indirect" and q["addressee"]["text"] == "reporters"


def test_speakers_listing(conn):
    listed = {s["id"]: s for s in queries.speakers(conn)}
    z = listed["maria-zakharova"]
    assert z["quotes"] == 3 and z["type"] == "PERSON"
    # "María" has the same name key as "Maria": one alias row, the spelling seen first.
    assert z["aliases"] == ["Maria Zakharova"]
    assert sorted(z["roles"]) == ["diplomat", "spokeswoman"]
    assert sorted(z["outlets"]) == ["RFE/RL", "TASS"]
    assert listed["civil-contract"]["type"] == "ORG"
    assert next(iter(listed)) == "maria-zakharova"  # most quoted first
    assert [s["id"] for s in queries.speakers(conn, name="pashinyan")] == ["nikol-pashinyan"]
    assert [s["id"] for s in queries.speakers(conn, type="ORG")] == ["civil-contract"]


def test_document_and_stats(conn):
    doc = queries.document(conn, "rferl-1")
    assert doc["outlet"] == "RFE/RL" and len(doc["quotes"]) == 2 and len(doc["boilerplate"]) == 1
    assert doc["boilerplate"][0]["text"] == doc["text"][doc["boilerplate"][0]["start"]:doc["boilerplate"][0]["end"]]
    assert queries.document(conn, "missing") is None
    figures = queries.stats(conn)
    assert figures["documents"] == 4 and figures["quotes"] == 7
    assert figures["quotes_by_kind"] == {"direct": 4, "indirect": 3, "mixed": 0}
    assert figures["speakers"] == 5 and figures["outlets"] == 3
    assert (figures["first_published"], figures["last_published"]) == ("2023-11-20", "2024-02-09")


def test_surname_shared_by_several_speakers_lists_their_quotes_newest_first(tmp_path):
    db = connect(tmp_path / "many.db")
    firsts = ["Anna", "Boris", "Carla", "Dmitri"]
    results = []
    for i in range(24):
        name = f"{firsts[i % 4]} Petrosyan"
        published = None if i % 7 == 0 else f"2024-{1 + i % 12:02d}-{1 + i:02d}"
        results.append(article(f"doc-{i}", [(name, "PERSON", None, f"statement number {i}"),
                                            ("Someone Else", "PERSON", None, f"other {i}")], published=published))
    list(write_results(db, results))
    everything = db.execute(
        "SELECT id FROM quotes WHERE speaker_id LIKE '%-petrosyan' ORDER BY published DESC, pk DESC").fetchall()
    expected = [r[0] for r in everything]
    assert len(expected) == 24 and len(resolve_speakers(db, "Petrosyan")) == 4
    for limit, offset in [(5, 0), (5, 5), (10, 18), (50, 0)]:
        assert ids(quotes(db, speaker="Petrosyan", limit=limit, offset=offset)) == \
            expected[offset:offset + limit]
    # Other filters still apply inside each speaker's walk.
    direct = quotes(db, speaker="Petrosyan", kind="direct", since="2024-06", limit=50)
    assert direct and all(q["kind"] == "direct" and q["document"]["published"] >= "2024-06" for q in direct)
    assert count_quotes(db, speaker="Petrosyan") == 24


@pytest.mark.parametrize("search", ["security", "security OR opportunity", '"the border"', "secur*"])
def test_search_with_speaker_gives_the_same_answer_by_either_plan(conn, monkeypatch, search):
    # Pages within the count cap: windows of the newest keys are scanned; beyond it: one query over
    # the index's matches intersected with the speaker's quotes.
    by_checking = quotes(conn, speaker="Pashinyan", search=search, limit=50)
    monkeypatch.setattr(quote_search, "COUNT_CAP", 0)
    by_walking = quotes(conn, speaker="Pashinyan", search=search, limit=50)
    assert ids(by_checking) == ids(by_walking)
    both = quotes(conn, speaker="Zakharova", search="opportunity", limit=50)
    assert sorted(ids(both)) == ["rferl-1#q1", "tass-1#q1"]


def test_said_to_and_said_at_filters(tmp_path):
    """--to matches the words of whom a statement was told, --at those of the occasion (the
    quote's venue), every word anywhere in the phrase, case and LIKE wildcards taken literally."""
    venue = lambda text: {"venue": {"start": 0, "end": len(text), "text": text}}  # noqa: E731
    result = article("brief-1", [("Ada Roe", "PERSON", None, "the port stays shut"),
                                 ("Ada Roe", "PERSON", None, "the ferry sails on Monday"),
                                 ("Ben Sato", "PERSON", None, "the tolls go up")],
                     quote_extra=[venue("a joint Press Conference"), venue("a weekly briefing"), None])
    c = connect(tmp_path / "brief.db")
    list(write_results(c, [result]))
    assert ids(quotes(c, to="reporters")) == ["brief-1#q2"]  # the one told to reporters
    assert ids(quotes(c, at="press conference")) == ["brief-1#q1"]
    assert ids(quotes(c, at="briefing", to="REPORTERS")) == ["brief-1#q2"]
    assert quotes(c, at="summit") == [] and quotes(c, to="report%") == []
