"""The web app over real SQLite stores written by the store writer (and linked by link/).

Pages and JSON twins are fetched through FastAPI's TestClient (the real app,
real database file); the browser and the real server are in test_web_browser.py.
"""
from __future__ import annotations

import csv
import io
import json
import random
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.web import corpus  # noqa: E402

from quotegraph.link import corrections as link_corrections  # noqa: E402
from quotegraph.store import QuoteFilter, quote_search  # noqa: E402
from quotegraph.store.schema import connect  # noqa: E402
from quotegraph.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory) -> Path:
    return corpus.build(tmp_path_factory.mktemp("web") / "plain.db")


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory) -> Path:
    return corpus.build_linked(tmp_path_factory.mktemp("web") / "linked.db")


@pytest.fixture(scope="module")
def client(plain_db) -> TestClient:
    return TestClient(create_app(plain_db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def linked(linked_db) -> TestClient:
    return TestClient(create_app(linked_db), raise_server_exceptions=False)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_bodies: list[str] = []
        self.marks: dict[str, str] = {}
        self._open_marks: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._in_script = True
        if tag == "mark":
            self._open_marks.append(a.get("id") or "")
            self.marks[self._open_marks[-1]] = ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "mark":
            self._open_marks.pop()

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_bodies.append(data)
        for m in self._open_marks:
            self.marks[m] += data


def tags_of(html: str) -> Tags:
    t = Tags()
    t.feed(html)
    return t


# --------------------------------------------------------------------------- JSON twins

def test_api_quotes_are_the_store_records(client, plain_db):
    body = client.get("/api/quotes", params={"limit": 200}).json()
    conn = connect(plain_db, readonly=True)
    expected = quote_search.search(conn, QuoteFilter(), limit=200)
    assert body["total"] == len(expected) == 7 and not body["total_capped"]
    for got, want in zip(body["items"], expected):
        for key in ("id", "kind", "contents", "cue", "sources", "speaker", "addressee", "confidence"):
            assert got[key] == want[key], key
        assert {k: got["document"][k] for k in want["document"]} == want["document"]


def test_filters_and_facets_count_what_is_stored(client):
    everything = client.get("/api/quotes", params={"limit": 200}).json()
    facets = everything["facets"]
    by_speaker = {f["value"]: f["count"] for f in facets["speaker"]}
    assert by_speaker["ada-okafor"] == 3 and by_speaker["bram-teller"] == 3
    assert {f["value"]: f["count"] for f in facets["kind"]} == {"direct": 5, "indirect": 2}
    assert {f["value"]: f["count"] for f in facets["month"]} == {"2024-02": 3, "2024-03": 4}
    outlets = {f["value"]: f["count"] for f in facets["outlet"]}
    assert outlets["Daily Ledger"] == 4 and outlets["Evening Wire"] == 2

    page = client.get("/api/quotes", params={"speaker": "ada-okafor", "outlet": "Evening Wire"}).json()
    assert page["total"] == 2
    assert {q["document"]["id"] for q in page["items"]} == {"wire-002", "wire-005"}
    dated = client.get("/api/quotes", params={"since": "2024-03-01", "until": "2024-03-02"}).json()
    assert {q["document"]["published"] for q in dated["items"]} == {"2024-03-01", "2024-03-02"}
    assert dated["total"] == 3
    indirect = client.get("/api/quotes", params={"kind": "indirect"}).json()
    assert [q["kind"] for q in indirect["items"]] == ["indirect", "indirect"]
    words = client.get("/api/quotes", params={"q": "ferries AND (quay OR weather)"}).json()
    assert {q["document"]["id"] for q in words["items"]} == {"ledger-001", "wire-002", "wire-005"}
    # A speaker given by name resolves through the aliases.
    assert client.get("/api/quotes", params={"speaker": "Okafor"}).json()["total"] == 3


def test_paging_is_bounded_and_consistent(client):
    first = client.get("/api/quotes", params={"limit": 3}).json()
    second = client.get("/api/quotes", params={"limit": 3, "offset": 3}).json()
    assert len(first["items"]) == 3 and len(second["items"]) == 3
    ids = [(q["document"]["id"], q["id"]) for q in first["items"] + second["items"]]
    assert len(set(ids)) == 6
    for params in ({"limit": 201}, {"limit": 0}, {"offset": -1}, {"limit": "ten"}, {"kind": "rumour"},
                   {"since": "last week"}, {"since": "2024-02-30"}, {"since": "2024-03", "until": "2024-01"}):
        r = client.get("/api/quotes", params=params)
        assert r.status_code == 400, params
        assert r.json()["error"]


@pytest.mark.parametrize("q", ['"unclosed phrase', "(ferries OR quay", "ferries)", "AND", "ferries OR",
                               "NOT", "()", '"', "((", "quay AND AND ferries", "*", ")("])
def test_malformed_search_is_a_clear_400(client, q):
    r = client.get("/api/quotes", params={"q": q})
    assert r.status_code == 400
    assert r.json()["status"] == 400 and len(r.json()["error"]) > 10
    page = client.get("/", params={"q": q})
    assert page.status_code == 400 and "error-box" in page.text


def test_search_syntax_soup_never_gives_a_server_error(client):
    rng = random.Random(5)
    alphabet = ['"', "(", ")", "*", ":", "^", "-", "+", "AND", "OR", "NOT", "NEAR", "quay", "{", "}", "'", "\\", " "]
    for _ in range(150):
        q = "".join(rng.choice(alphabet) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        r = client.get("/api/quotes", params={"q": q})
        assert r.status_code in (200, 400), (q, r.status_code, r.text[:200])


def test_fts_column_filters_and_operators_are_searched_as_text(client):
    # "content:" would be a column filter in raw FTS5; here it is just a word.
    assert client.get("/api/quotes", params={"q": "content:quay"}).status_code == 200
    assert client.get("/api/quotes", params={"q": "NEAR(quay ferries)"}).status_code == 200


def test_speakers_and_documents(client, plain_db):
    speakers = client.get("/api/speakers").json()["items"]
    assert {s["id"] for s in speakers} >= {"ada-okafor", "bram-teller"}
    ada = client.get("/api/speakers/ada-okafor").json()
    assert ada["quotes"] == 3 and ada["canonical"] is False and ada["linked"] is False
    assert [r["role"] for r in ada["roles_over_time"]] == ["harbour authority spokeswoman", "port spokeswoman"]
    assert {o["outlet"]: o["quotes"] for o in ada["outlet_counts"]} == {"Evening Wire": 2, "Daily Ledger": 1}
    doc = client.get("/api/documents/ledger-001").json()
    assert doc["text"].startswith("Menu Home") and len(doc["quotes"]) == 2
    for q in doc["quotes"]:
        for s in q["contents"]:
            assert doc["text"][s["start"]:s["end"]] == s["text"]
    for path in ("/api/speakers/nobody", "/api/documents/nothing", "/api/statements/st-none"):
        r = client.get(path)
        assert r.status_code == 404 and "no " in r.json()["error"]


def test_unlinked_store_says_so(client):
    body = client.get("/api/statements").json()
    assert body == {"items": [], "limit": 50, "offset": 0, "linked": False}
    assert "quotegraph link" in client.get("/statements").text
    assert "quotegraph link" in client.get("/speakers/ada-okafor").text


def test_openapi_documents_typed_twins(client):
    spec = client.get("/openapi.json").json()
    refs = {path: json.dumps(spec["paths"][path]["get"]["responses"]["200"]) for path in
            ("/api/quotes", "/api/speakers", "/api/speakers/{speaker_id}", "/api/statements/{statement_id}",
             "/api/documents/{doc_id}")}
    assert "QuotePage" in refs["/api/quotes"] and "SpeakerList" in refs["/api/speakers"]
    assert "SpeakerDetail" in refs["/api/speakers/{speaker_id}"]
    assert "StatementDetail" in refs["/api/statements/{statement_id}"]
    assert "DocumentOut" in refs["/api/documents/{doc_id}"]
    params = {p["name"]: p for p in spec["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"q", "speaker", "outlet", "since", "until", "limit", "offset"} <= set(params)
    assert params["limit"]["schema"]["maximum"] == 200


# --------------------------------------------------------------------------- exports

def test_exports_match_the_result_list(client):
    api = client.get("/api/quotes", params={"speaker": "bram-teller", "limit": 200}).json()
    r = client.get("/api/quotes.csv", params={"speaker": "bram-teller"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["doc_id"], x["quote_id"]) for x in rows] == [(q["document"]["id"], q["id"]) for q in api["items"]]
    assert all(x["speaker_id"] == "bram-teller" for x in rows)
    lines = client.get("/api/quotes.jsonl", params={"speaker": "bram-teller"}).text.splitlines()
    unlinked = [{k: v for k, v in q.items() if not (k in ("statement_id", "linked_speaker") and v is None)}
                for q in api["items"]]
    assert [json.loads(line) for line in lines] == unlinked
    assert client.get("/api/quotes.csv", params={"q": "(broken"}).status_code == 400
    assert client.get("/api/quotes.xml").status_code == 404
    doc_rows = list(csv.DictReader(io.StringIO(client.get("/api/documents/ledger-001/quotes.csv").text)))
    assert len(doc_rows) == 2 and {r["outlet"] for r in doc_rows} == {"Daily Ledger"}
    sp_rows = list(csv.DictReader(io.StringIO(client.get("/api/speakers.csv").text)))
    assert {r["id"] for r in sp_rows} >= {"ada-okafor", "bram-teller"}


# --------------------------------------------------------------------------- security

HOSTILE_PAGES = ["/", "/?q=reject", "/speakers", "/speakers/script-alert-name-script-vex", "/documents/evil-004",
                 "/?outlet=%3Cb%20onmouseover%3D%22alert(4)%22%3EWire%3C%2Fb%3E"]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_is_escaped_everywhere(client, path):
    r = client.get(path)
    assert r.status_code == 200
    html = r.text
    t = tags_of(html)
    names = {tag for tag, _ in t.tags}
    assert not names & {"img", "b", "iframe", "object", "embed"}, names
    assert all(tag != "svg" or (a.get("class") in ("timeline", "reactions")) for tag, a in t.tags)
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "").replace("onerror=alert(6)&gt;", "")
    for tag, attrs in t.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, attrs)
    assert not t.script_bodies  # no inline script at all
    assert all(a.get("src", "").startswith("/static/") for tag, a in t.tags if tag == "script")
    if path == "/documents/evil-004":
        assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Vex" in html
        assert "javascript:alert(3)" in html  # shown as text, never as a link
        assert t.marks["q-q1-0"] == corpus.XSS_QUOTE


def test_every_response_carries_a_strict_csp(client):
    for path in ("/", "/api/quotes", "/static/style.css", "/nowhere", "/api/quotes?q=(", "/openapi.json"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_store_is_opened_read_only(client, plain_db):
    before = plain_db.read_bytes()
    conn = client.app.state.db.reader()
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        conn.execute("DELETE FROM quotes")
    for path in ("/", "/speakers", "/documents/ledger-001"):
        client.get(path)
    assert plain_db.read_bytes() == before


# --------------------------------------------------------------------------- article markup

@pytest.mark.parametrize("doc_id", ["ledger-001", "wire-002", "ledger-003", "evil-004", "wire-005"])
def test_article_marks_are_exactly_the_quote_offsets(client, doc_id):
    doc = client.get(f"/api/documents/{doc_id}").json()
    t = tags_of(client.get(f"/documents/{doc_id}").text)
    expected = {f"q-{q['id']}-{i}": doc["text"][s["start"]:s["end"]]
                for q in doc["quotes"] for i, s in enumerate(q["contents"])}
    assert t.marks == expected
    described = {a["id"] for tag, a in t.tags if tag == "span" and a.get("id", "").startswith("a-")}
    for tag, attrs in t.tags:
        if tag == "mark":
            assert attrs["tabindex"] == "0" and "confidence" in attrs["title"]
            assert attrs["aria-describedby"] in described
    bp_spans = [a for tag, a in t.tags if tag == "span" and "bp" in (a.get("class") or "").split()]
    assert bool(bp_spans) == bool(doc["boilerplate"])


# --------------------------------------------------------------------------- linked store

def test_statement_shows_every_report_first_marked_with_diffs(linked):
    statements = linked.get("/api/statements").json()
    assert statements["linked"] is True
    top = statements["items"][0]
    assert top["reports"] == 2 and top["speaker_id"]
    st = linked.get(f"/api/statements/{top['id']}").json()
    reports = st["reports"]
    assert [r["quote"]["document"]["id"] for r in reports] == ["ledger-001", "wire-002"]
    assert [r["first"] for r in reports] == [True, False]
    second = reports[1]
    text = " … ".join(s["text"] for s in second["quote"]["contents"])
    assert "".join(p["text"] for p in second["diff"] if p["op"] != "missing") == text
    assert any(p["op"] == "added" and "closes" in p["text"] for p in second["diff"])
    assert reports[0]["similarity"] == 1.0 and 0 < second["similarity"] < 1
    page = linked.get(f"/statements/{top['id']}").text
    assert page.count('<article class="version') == 2 and "first report" in page and "<ins>" in page and "<del>" in page
    csv_rows = list(csv.DictReader(io.StringIO(linked.get(f"/api/statements/{top['id']}/reports.csv").text)))
    assert [r["outlet"] for r in csv_rows] == ["Daily Ledger", "Evening Wire"]


def test_linked_speaker_page_has_statements_timeline_and_reactions(linked, linked_db):
    conn = connect(linked_db, readonly=True)
    (teller_id,) = conn.execute("SELECT id FROM link_speakers WHERE name = 'Bram Teller'").fetchone()
    (okafor_id,) = conn.execute("SELECT id FROM link_speakers WHERE name = 'Ada Okafor'").fetchone()
    teller = linked.get(f"/api/speakers/{teller_id}").json()
    assert teller["canonical"] and teller["quotes"] == 3 and len(teller["statements"]) == 3
    assert [(r["from_speaker"], r["to_speaker"]) for r in teller["reactions_from"]] == [(teller_id, okafor_id)]
    okafor = linked.get(f"/api/speakers/{okafor_id}").json()
    assert [r["from_name"] for r in okafor["reactions_to"]] == ["Bram Teller"]
    page = tags_of(linked.get(f"/speakers/{teller_id}").text)
    svgs = [a.get("class") for tag, a in page.tags if tag == "svg"]
    assert svgs == ["timeline", "reactions"]
    links = [a["href"] for tag, a in page.tags if tag == "a" and "href" in a]
    assert any(h.endswith(f"/speakers/{okafor_id}") for h in links)
    # Search by the canonical speaker; facets count canonical speakers.
    found = linked.get("/api/quotes", params={"speaker": okafor_id}).json()
    assert found["total"] == 3 and all(q["linked_speaker"]["id"] == okafor_id for q in found["items"])
    facet_ids = {f["value"] for f in linked.get("/api/quotes").json()["facets"]["speaker"]}
    assert {teller_id, okafor_id} <= facet_ids
    words = linked.get("/api/quotes", params={"q": "March OR ferries OR port", "limit": 200}).json()["items"]
    expected = [(q["document"]["id"], q["id"]) for q in words if (q.get("linked_speaker") or {}).get("id") == okafor_id]
    both = linked.get("/api/quotes", params={"q": "March OR ferries OR port", "speaker": okafor_id}).json()
    assert expected and [(q["document"]["id"], q["id"]) for q in both["items"]] == expected
    assert both["total"] == len(expected) and not both["total_capped"]
    # The store's name-key speaker points at its canonical one.
    store_view = linked.get("/api/speakers/bram-teller").json()
    assert store_view["canonical"] is False and [c["id"] for c in store_view["linked_as"]] == [teller_id]


# --------------------------------------------------------------------------- edits

def test_edits_are_refused_on_a_read_only_server(client):
    r = client.post("/speakers/ada-okafor/merge", data={"alias": "Ada Okafor", "other": "A. Okafor"})
    assert r.status_code == 403 and "--allow-edits" in r.text
    assert client.get("/speakers/ada-okafor/edit").status_code == 403


def test_edit_forms_need_a_valid_csrf_token(tmp_path):
    db = corpus.build(tmp_path / "edit.db")
    c = TestClient(create_app(db, allow_edits=True), raise_server_exceptions=False)
    form = c.get("/speakers/ada-okafor/edit")
    assert form.status_code == 200 and "qg_csrf" in form.headers["set-cookie"]
    assert "SameSite=strict" in form.headers["set-cookie"] or "samesite=strict" in form.headers["set-cookie"].lower()
    token = [a["value"] for tag, a in tags_of(form.text).tags if tag == "input" and a.get("name") == "csrf_token"][0]
    path = link_corrections.default_path(db)

    no_token = c.post("/speakers/ada-okafor/merge", data={"alias": "Ada Okafor", "other": "A. Okafor"})
    assert no_token.status_code == 403 and not path.exists()
    forged = c.post("/speakers/ada-okafor/merge", data={"alias": "Ada Okafor", "other": "A. Okafor",
                                                        "csrf_token": "0" * 64})
    assert forged.status_code == 403 and not path.exists()
    cross = c.post("/speakers/ada-okafor/merge", data={"alias": "Ada Okafor", "other": "A. Okafor",
                                                       "csrf_token": token}, headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403 and not path.exists()

    ok = c.post("/speakers/ada-okafor/merge", data={"alias": "Ada Okafor", "other": "A. Okafor", "csrf_token": token},
                follow_redirects=False)
    assert ok.status_code == 303
    c.post("/speakers/ada-okafor/rename", data={"alias": "Ada Okafor", "new_name": "Ada N. Okafor", "csrf_token": token})
    c.post("/speakers/ada-okafor/split", data={"alias": "Ada Okafor", "other": "Bram Teller", "csrf_token": token})
    saved = link_corrections.load(path)
    assert saved.merge == [["Ada Okafor", "A. Okafor"]]
    assert saved.rename == {"Ada Okafor": "Ada N. Okafor"}
    assert saved.split == [["Ada Okafor", "Bram Teller"]]


def test_every_link_on_the_pages_leads_somewhere(linked):
    """Crawl the site from the search page: every internal link answers 200."""
    seen: set[str] = set()
    queue = ["/", "/speakers", "/statements"]
    while queue and len(seen) < 150:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        r = linked.get(path)
        assert r.status_code == 200, (path, r.status_code)
        if not r.headers["content-type"].startswith("text/html"):
            continue
        for tag, attrs in tags_of(r.text).tags:
            href = attrs.get("href") or attrs.get("src") or ""
            if href.startswith("/"):
                target = href.split("#")[0]
                if target not in seen and "offset=" not in target:
                    queue.append(target)
    assert any(p.startswith("/statements/st-") for p in seen)
    assert any(p.startswith("/documents/") for p in seen) and any(p.startswith("/api/quotes.csv") for p in seen)


def test_cached_counts_follow_writes_to_the_store(tmp_path):
    from quotegraph.records import Document, DocResult, Quote, Span, Speaker
    from quotegraph.store.writer import write_result

    db = corpus.build(tmp_path / "live.db")
    c = TestClient(create_app(db), raise_server_exceptions=False)
    before = c.get("/api/quotes", params={"q": "ferries"}).json()
    assert c.get("/api/quotes", params={"q": "ferries"}).json()["total"] == before["total"] == 3
    text = "“Ferries will sail at dawn,” the captain said.\n"
    start = text.index("Ferries")
    doc = Document(id="late-006", source="tests/late.txt", text=text, outlet="Night Desk", published="2024-04-01")
    conn = connect(db)
    write_result(conn, DocResult(doc, [Quote("q1", "direct", [Span.of(text, start, start + 26)],
                                             speaker=Speaker("s1", "Captain Ruiz", "PERSON"))]))
    conn.close()
    after = c.get("/api/quotes", params={"q": "ferries"}).json()
    assert after["total"] == 4
    assert {"value": "Night Desk", "label": "Night Desk", "count": 1} in after["facets"]["outlet"]


@pytest.mark.slow
def test_relink_applies_a_rename_made_in_the_ui(tmp_path):
    db = corpus.build_linked(tmp_path / "relink.db")
    c = TestClient(create_app(db, allow_edits=True), raise_server_exceptions=False)
    conn = connect(db, readonly=True)
    (teller_id,) = conn.execute("SELECT speaker_id FROM link_aliases WHERE alias = 'Bram Teller'").fetchone()
    form = c.get(f"/speakers/{teller_id}/edit")
    assert form.status_code == 200
    token = [a["value"] for tag, a in tags_of(form.text).tags if tag == "input" and a.get("name") == "csrf_token"][0]
    assert c.post("/relink", data={"speaker_id": teller_id}).status_code == 403  # no token, no re-link
    c.post(f"/speakers/{teller_id}/rename", data={"alias": "Bram Teller", "new_name": "Councillor Bram Teller",
                                                  "csrf_token": token})
    assert c.get(f"/api/speakers/{teller_id}").json()["name"] == "Bram Teller"  # saved, not yet applied
    done = c.post("/relink", data={"speaker_id": teller_id, "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    (new_id,) = conn.execute("SELECT speaker_id FROM link_aliases WHERE alias = 'Bram Teller'").fetchone()
    assert c.get(f"/api/speakers/{new_id}").json()["name"] == "Councillor Bram Teller"


def test_facet_links_apply_their_filter(client):
    page = tags_of(client.get("/").text)
    facet_links = {}
    for tag, attrs in page.tags:
        href = attrs.get("href") or ""
        if tag == "a" and attrs.get("title") in ("2024-02", "Evening Wire", "indirect"):
            facet_links[attrs["title"]] = href
    assert set(facet_links) == {"2024-02", "Evening Wire", "indirect"}
    for label, href in facet_links.items():
        query = href.split("?", 1)[1]
        quotes = client.get("/api/quotes?" + query).json()["items"]
        assert quotes
        if label == "2024-02":
            assert all(q["document"]["published"].startswith("2024-02") for q in quotes) and len(quotes) == 3
        elif label == "Evening Wire":
            assert all(q["document"]["outlet"] == "Evening Wire" for q in quotes) and len(quotes) == 2
        else:
            assert all(q["kind"] == "indirect" for q in quotes) and len(quotes) == 2


@pytest.mark.slow
def test_statements_show_when_linking_found_no_speakers(tmp_path):
    """Linking ran but resolved no speaker: statements are still listed (a regression seen on the seeds)."""
    from quotegraph.link.pipeline import run_link
    from quotegraph.records import Document, DocResult, Quote, Span
    from quotegraph.store.links import ensure_link_schema
    from quotegraph.store.writer import write_result

    db = tmp_path / "nospeakers.db"
    conn = connect(db)
    said = "“The bridge will reopen on Friday after the inspection,” a source said.\n"
    for i, outlet in enumerate(("North Post", "South Post")):
        start = said.index("The bridge")
        doc = Document(id=f"bridge-{i}", source=f"t/{i}.txt", text=said, outlet=outlet, published=f"2024-05-0{i + 1}")
        write_result(conn, DocResult(doc, [Quote("q1", "direct", [Span.of(said, start, start + 53)],
                                                 sources=[Span.of(said, said.index("a source"), said.index(" said"))])]))
    ensure_link_schema(conn)
    run_link(conn)
    conn.close()
    c = TestClient(create_app(db), raise_server_exceptions=False)
    body = c.get("/api/statements").json()
    assert body["linked"] is True and len(body["items"]) == 1
    statement = c.get(f"/api/statements/{body['items'][0]['id']}").json()
    # The second article copies the first word for word: link/ marks its report as reused text.
    assert [(r["quote"]["document"]["outlet"], r["first"], r["reused"]) for r in statement["reports"]] == [
        ("North Post", True, False), ("South Post", False, True)]
    page = c.get(f"/statements/{body['items'][0]['id']}").text
    assert "One statement, 2 reports" in page and "a source" in page and "reused text" in page


def test_words_and_speaker_together_match_each_filter_alone(client):
    words = client.get("/api/quotes", params={"q": "March OR ferries OR port", "limit": 200}).json()["items"]
    expected = [(q["document"]["id"], q["id"]) for q in words if q["speaker"]["id"] == "ada-okafor"]
    assert len(expected) == 3
    both = client.get("/api/quotes", params={"q": "March OR ferries OR port", "speaker": "ada-okafor"}).json()
    assert sorted((q["document"]["id"], q["id"]) for q in both["items"]) == sorted(expected)
    assert both["total"] == 3 and [f["value"] for f in both["facets"]["speaker"]] == ["ada-okafor"]
    second = client.get("/api/quotes", params={"q": "March OR ferries OR port", "speaker": "ada-okafor",
                                               "limit": 1, "offset": 1}).json()
    assert [(q["document"]["id"], q["id"]) for q in second["items"]] == [
        (q["document"]["id"], q["id"]) for q in both["items"]][1:2]


def test_words_and_speaker_scan_in_windows_gives_exact_pages(plain_db, monkeypatch):
    # Windows of 2 keys: the scan grows window by window, stops once the page is full, and says
    # its count is a lower bound until it has seen every quote.
    from quotegraph.store import quote_search

    monkeypatch.setattr(quote_search, "SCAN_WINDOW", 2)
    c = TestClient(create_app(plain_db), raise_server_exceptions=False)
    params = {"q": "March OR ferries OR port", "speaker": "ada-okafor"}
    words = c.get("/api/quotes", params={"q": params["q"], "limit": 200}).json()["items"]
    expected = [(q["document"]["id"], q["id"]) for q in words if q["speaker"]["id"] == "ada-okafor"]
    assert len(expected) == 3
    pages = []
    for offset in range(4):
        body = c.get("/api/quotes", params={**params, "limit": 1, "offset": offset}).json()
        pages += [(q["document"]["id"], q["id"]) for q in body["items"]]
        assert body["total"] >= min(offset + 1, 3)
        if body["total_capped"]:
            assert "At least" in c.get("/", params={**params, "limit": 1, "offset": offset}).text
    assert pages == expected
    whole = c.get("/api/quotes", params={**params, "limit": 200}).json()
    assert whole["total"] == 3 and not whole["total_capped"]
    assert [(q["document"]["id"], q["id"]) for q in whole["items"]] == expected


def test_no_cdn_hosted_pages(client):
    # FastAPI's Swagger UI would load scripts from a CDN: it is off; our own page lists the API.
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    page = client.get("/api-docs")
    assert page.status_code == 200 and "/api/quotes" in page.text and "QuotePage" in page.text
    for path in ("/", "/api-docs", "/documents/ledger-001"):
        for tag, attrs in tags_of(client.get(path).text).tags:
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                assert not value.startswith(("http://", "https://", "//")) or "ledger.example" in value, value


def test_quotes_carry_said_on_and_reported_on_apart(client):
    """wire-002 (published 2024-02-07) dates its quote "said on Tuesday"; ledger-001's
    quote has no date of its own, so it was said on or before publication."""
    body = client.get("/api/quotes", params={"limit": 200}).json()
    by_key = {(q["document"]["id"], q["id"]): q for q in body["items"]}
    dated, bound = by_key[("wire-002", "q1")], by_key[("ledger-001", "q1")]
    assert dated["document"]["published"] == "2024-02-07"
    assert (dated["said_on"]["start"], dated["said_on"]["end"], dated["said_on"]["precision"]) == (
        "2024-02-06", "2024-02-06", "day")
    assert bound["document"]["published"] == "2024-02-06"
    assert (bound["said_on"]["start"], bound["said_on"]["end"], bound["said_on"]["precision"]) == (
        None, "2024-02-06", "on_or_before_publication")
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "on_or_before_publication" in schema["SaidOn"]["properties"]["precision"]["enum"]


def test_cards_show_said_on_and_reported_on_apart(client):
    html = client.get("/", params={"q": "ferries"}).text
    assert "said 6 Feb 2024" in html and "said on or before 6 Feb 2024" in html
    assert 'reported <time datetime="2024-02-07">' in html


def test_cards_and_the_show_table_say_whom_it_was_said_to_and_at_what_occasion(tmp_path):
    # a venue (Quote.extra, nlp/speakers/addressee.venue_of) and an addressee, written through the
    # real store writer; the page and `quotegraph show` both show them
    from quotegraph.records import Span
    from tests.conftest import run_read_cli, store_file
    from tests.fixtures.store.builders import article

    result = article("brief-1", [("Ada Roe", "PERSON", "spokeswoman", "the quay opens in March"),
                                 ("Ada Roe", "PERSON", "spokeswoman", "the old pier will close")])
    text = result.document.text
    venue = Span.of(text, text.index("Ada Roe"), text.index("Ada Roe") + len("Ada Roe"))  # any span of the text
    result.quotes[1].extra["venue"] = venue.to_dict()
    db = store_file(tmp_path / "venue.db", [result])
    client = TestClient(create_app(db))
    html = client.get("/", params={"q": "pier"}).text
    assert '<span class="to" title="whom it was said to">to reporters</span>' in html
    # ... and the API filters on them: said to reporters, at an occasion with these words
    found = client.get("/api/quotes", params={"to": "reporters", "at": "roe"}).json()["items"]
    assert [q["id"] for q in found] == ["brief-1#q2"]
    assert client.get("/api/quotes", params={"at": "summit"}).json()["items"] == []
    page = client.get("/", params={"to": "reporters", "at": "roe"}).text  # the search page keeps them
    assert 'name="to" value="reporters"' in page and 'name="at" value="roe"' in page and "old pier" in page
    assert "quay opens" not in page
    assert '<span class="venue" title="the occasion it was said at">at Ada Roe</span>' in html
    shown = run_read_cli("show", "brief-1", "--db", str(db))
    assert shown.returncode == 0
    header = next(line for line in shown.stdout.splitlines() if "┃ #" in line)
    row = next(line for line in shown.stdout.splitlines() if line.startswith("│ 2"))
    cells = dict(zip([c.strip() for c in header.split("┃")], [c.strip() for c in row.split("│")]))
    assert cells["to"] == "reporters" and cells["at"] == "Ada Roe"
