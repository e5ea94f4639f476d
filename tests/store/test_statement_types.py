"""Statement types (speech | belief | finding | headline): stored, filterable everywhere, and
speech unless asked, on the CLI, the JSON API and the search page. Stores written for this
test with several types (extraction marks everything speech today)."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from quotegraph.records import Document, DocResult, Quote, Span, Speaker
from quotegraph.store import QueryError, QuoteFilter, connect, quote_search, write_results
from tests.conftest import run_cli, run_read_cli, store_file
from tests.fixtures.store.builders import article

TYPES = {"speech": 2, "belief": 2, "finding": 1, "headline": 1}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return store_file(tmp_path_factory.mktemp("types") / "q.db", [
        article("north", [("Ada Okafor", "PERSON", "spokeswoman", "the harbour quay opens in March"),
                          ("Ada Okafor", "PERSON", "spokeswoman", "the harbour ferries will be late"),
                          ("Ada Okafor", "PERSON", "spokeswoman", "harbour traffic rose by a tenth"),
                          ("Ada Okafor", "PERSON", "spokeswoman", "harbour quay to open")],
                types=["speech", "belief", "finding", "headline"], outlet="North Post", published="2024-03-01"),
        article("south", [("Bram Teller", "PERSON", "councillor", "the harbour plan is too costly"),
                          ("Bram Teller", "PERSON", "councillor", "the council wants a harbour review")],
                types=["speech", "belief"], outlet="South Post", published="2024-03-02"),
    ])


def types_of(quotes: list[dict]) -> list[str]:
    return sorted(q["type"] for q in quotes)


def test_one_search_filters_by_type_and_defaults_to_speech(db):
    conn = connect(db, readonly=True)
    assert types_of(quote_search.search(conn, QuoteFilter())) == ["speech", "speech"]
    assert types_of(quote_search.search(conn, QuoteFilter(type=None))) == sorted(
        t for t, n in TYPES.items() for _ in range(n))
    for statement_type, n in TYPES.items():
        found = quote_search.search(conn, QuoteFilter(type=statement_type))
        assert types_of(found) == [statement_type] * n
        assert quote_search.count(conn, QuoteFilter(type=statement_type))[0] == n
    # With a speaker, an outlet or words (each plan of the search) the type still applies.
    assert types_of(quote_search.search(conn, QuoteFilter(speaker="Okafor", type="belief"))) == ["belief"]
    assert types_of(quote_search.search(conn, QuoteFilter(outlet="south post", type="belief"))) == ["belief"]
    assert types_of(quote_search.search(conn, QuoteFilter(search="harbour"))) == ["speech", "speech"]
    both = QuoteFilter(search="harbour", speaker="Okafor", type="headline")
    assert [q["contents"][0]["text"] for q in quote_search.search(conn, both)] == ["that harbour quay to open"]
    # The type facet counts every type among the matches, whatever type is shown.
    facet = quote_search.facets(conn, QuoteFilter(search="harbour"))["type"]
    assert {f["value"]: f["count"] for f in facet} == TYPES
    with pytest.raises(QueryError, match="type must be one of"):
        quote_search.search(conn, QuoteFilter(type="rumour"))


def test_cli_listings_default_to_speech_and_take_type(db, tmp_path):
    def listed(*args: str) -> list[dict]:
        out = run_read_cli("quotes", "--db", str(db), "--format", "json", *args)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    assert types_of(listed()) == ["speech", "speech"]
    assert types_of(listed("--type", "belief")) == ["belief", "belief"]
    assert types_of(listed("--type", "headline", "--speaker", "Okafor")) == ["headline"]
    assert len(listed("--type", "all")) == sum(TYPES.values())
    bad = run_read_cli("quotes", "--db", str(db), "--type", "rumour")
    assert bad.returncode == 2 and "--type must be one of" in bad.stderr and "all" in bad.stderr

    timeline = json.loads(run_read_cli("timeline", "--db", str(db), "--format", "json").stdout)
    assert timeline["filters"]["type"] == "speech" and len(timeline["statements"]) == 2
    everything = json.loads(run_read_cli("timeline", "--db", str(db), "--format", "json", "--type", "all").stdout)
    assert everything["filters"]["type"] == "all" and len(everything["statements"]) == sum(TYPES.values())
    findings = json.loads(run_read_cli("timeline", "--db", str(db), "--format", "json", "--type", "finding").stdout)
    assert [e["text"] for e in findings["statements"]] == ["harbour traffic rose by a tenth"]

    # A table export is whole unless --type narrows it.
    for args, n in (([], sum(TYPES.values())), (["--type", "belief"], 2)):
        target = tmp_path / f"quotes{len(args)}.jsonl"
        out = run_read_cli("export", "--db", str(db), "--table", "quotes", "--format", "jsonl", "-o", str(target), *args)
        assert out.returncode == 0, out.stderr
        rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == n and (not args or {r["type"] for r in rows} == {"belief"})
    figures = json.loads(run_read_cli("stats", "--db", str(db), "--format", "json").stdout)
    assert figures["quotes_by_type"] == TYPES


def test_api_takes_type_and_defaults_to_speech(db):
    from quotegraph.web.app import create_app

    client = TestClient(create_app(db), raise_server_exceptions=False)
    page = client.get("/api/quotes").json()
    assert page["type"] == "speech" and page["filters"] == {} and page["total"] == 2
    assert types_of(page["items"]) == ["speech", "speech"]
    assert {f["value"]: f["count"] for f in page["facets"]["type"]} == TYPES
    beliefs = client.get("/api/quotes", params={"type": "belief"}).json()
    assert beliefs["filters"] == {"type": "belief"} and types_of(beliefs["items"]) == ["belief", "belief"]
    assert client.get("/api/quotes", params={"type": "all"}).json()["total"] == sum(TYPES.values())
    words = client.get("/api/quotes", params={"q": "harbour", "speaker": "ada-okafor", "type": "finding"}).json()
    assert [q["type"] for q in words["items"]] == ["finding"] and words["total"] == 1
    bad = client.get("/api/quotes", params={"type": "rumour"})
    assert bad.status_code == 400 and "type must be one of" in bad.json()["error"]
    csv_text = client.get("/api/quotes.csv", params={"type": "headline"}).text
    assert csv_text.count("\n") == 2 and ",headline," in csv_text


def test_search_page_shows_speech_with_a_type_facet(db):
    from html.parser import HTMLParser

    from quotegraph.web.app import create_app

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.facet: dict[str, str] = {}
            self.selected: list[str] = []
            self._in_type = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "select":
                self._in_type = a.get("name") == "type"
            if tag == "option" and self._in_type and "selected" in a:
                self.selected.append(a["value"])
            if tag == "a" and a.get("href", "").startswith("/?") and "type=" in a["href"]:
                self.facet[a.get("title") or ""] = a["href"]

    client = TestClient(create_app(db), raise_server_exceptions=False)
    html = client.get("/").text
    parsed = Links()
    parsed.feed(html)
    assert parsed.selected == ["speech"]
    assert "2 quotes" in html and "the harbour ferries will be late" not in html
    assert {"belief", "finding", "headline", "every statement type"} <= set(parsed.facet)
    for title, wanted in (("belief", ["belief", "belief"]), ("every statement type", None)):
        params = dict(parse_qsl(urlsplit(parsed.facet[title]).query))
        items = client.get("/api/quotes", params=params).json()["items"]
        if wanted is None:
            assert len(items) == sum(TYPES.values())
        else:
            assert types_of(items) == wanted
        assert client.get(parsed.facet[title]).status_code == 200
    belief_page = client.get("/", params={"type": "belief"}).text
    assert "the harbour ferries will be late" in belief_page and "the harbour quay opens in March" not in belief_page


def _said(text: str, content: str, speaker: Speaker, qid: str, statement_type: str) -> Quote:
    start = text.index(content)
    return Quote(qid, "direct", [Span.of(text, start, start + len(content))], speaker=speaker, type=statement_type)


@pytest.mark.slow  # links the store (the MiniLM statement model)
def test_statements_and_reactions_default_to_speech(tmp_path):
    from quotegraph.link.pipeline import run_link

    okafor = Speaker("s1", "Ada Okafor", "PERSON", "harbour spokeswoman")
    teller = Speaker("s1", "Bram Teller", "PERSON", "port councillor")
    speech = "The new quay will open to ferries in March"
    belief = "The ferries will run late all summer"
    docs = []
    for i, outlet in enumerate(("North Post", "South Post")):
        text = f"“{speech},” Ada Okafor said. “{belief},” she believes.\n"
        docs.append(DocResult(Document(f"rep-{i}", f"t/{i}.txt", text, outlet=outlet, published=f"2024-05-0{i + 1}"),
                              [_said(text, speech, okafor, "q1", "speech"), _said(text, belief, okafor, "q2", "belief")],
                              speakers={"s1": okafor}))
    reply = "Nobody in the port ward trusts that date"
    text = f"Bram Teller deplored Okafor’s comments. “{reply},” he thinks.\n"
    docs.append(DocResult(Document("reply", "t/reply.txt", text, outlet="West Post", published="2024-05-03"),
                          [_said(text, reply, teller, "q1", "belief")], speakers={"s1": teller}))
    db = tmp_path / "linked.db"
    conn = connect(db)
    list(write_results(conn, docs))
    run_link(conn)
    conn.close()

    def listed(command: str, *args: str) -> list[dict]:
        out = run_read_cli(command, "--db", str(db), "--format", "json", *args)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    assert [s["text"] for s in listed("statements")] == [speech]
    # Both outlets' reports of the belief are one statement (the second, a copy, marked reused).
    beliefs = {s["text"]: len(s["reports"]) for s in listed("statements", "--type", "belief")}
    assert beliefs == {belief: 2, reply: 1}
    assert len(listed("statements", "--type", "all")) == 3
    # Teller's reaction is a belief of his: not among the speech reactions.
    assert listed("reactions") == []
    [edge] = listed("reactions", "--type", "belief")
    assert (edge["from"]["name"], edge["to"]["name"], edge["verb"]) == ("Bram Teller", "Ada Okafor", "deplored")
    assert len(listed("reactions", "--type", "all")) == 1

    from quotegraph.web.app import create_app

    client = TestClient(create_app(db), raise_server_exceptions=False)
    assert [s["text"] for s in client.get("/api/statements").json()["items"]] == [speech]
    assert len(client.get("/api/statements", params={"type": "belief"}).json()["items"]) == 2


# --- a store with one quote of each of three types, the CLI run as a user runs it --------------

def _store(path):
    result = article("d1", [("Ines Carrow", "PERSON", None, "the strike goes on until the offer improves"),
                            ("Ines Carrow", "PERSON", None, "the union will accept the offer in the end"),
                            ("Harbour Survey", "ORG", None, "most dockers support the strike"),
                            ("Pavel Dunmore", "PERSON", "mayor", "the city will not raise its offer")])
    for quote, kind in zip(result.quotes, ["speech", "belief", "finding", "speech"]):
        quote.type = kind
    conn = connect(path)
    list(write_results(conn, [result]))
    return conn


def test_store_filter_and_cli_default_to_speech(tmp_path):
    from quotegraph.store.filters import statement_type

    conn = _store(tmp_path / "t.db")
    every_type = QuoteFilter(type=statement_type("all"))
    assert sorted(q["type"] for q in quote_search.search(conn, every_type)) == ["belief", "finding", "speech", "speech"]
    assert [q["type"] for q in quote_search.search(conn, QuoteFilter(type="belief"))] == ["belief"]
    conn.close()
    listed = json.loads(run_cli("quotes", "--db", tmp_path / "t.db", "--format", "json").stdout)
    assert len(listed) == 2 and {q["type"] for q in listed} == {"speech"}
    every = json.loads(run_cli("quotes", "--db", tmp_path / "t.db", "--format", "json", "--type", "all").stdout)
    assert len(every) == 4
    bad = run_cli("quotes", "--db", tmp_path / "t.db", "--type", "rumour")
    assert bad.returncode == 2 and "--type must be one of" in bad.stderr


def test_api_type_parameter_and_facet(tmp_path):
    from quotegraph.web.app import create_app

    _store(tmp_path / "w.db").close()
    client = TestClient(create_app(tmp_path / "w.db"), raise_server_exceptions=False)
    assert client.get("/api/quotes").json()["total"] == 2
    assert client.get("/api/quotes", params={"type": "finding"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"type": "all"}).json()["total"] == 4
    assert client.get("/api/quotes", params={"type": "rumour"}).status_code in (400, 422)
    page = client.get("/")
    assert page.status_code == 200 and "Statement type" in page.text and "belief" in page.text
