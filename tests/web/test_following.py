"""The watch list form and the alerts page, through the real app (TestClient)."""
import re
import sqlite3

from fastapi.testclient import TestClient

from quotegraph.web.app import create_app
from tests.fixtures.web import corpus


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f.]+)"', html)[1]


def test_watch_form_needs_edits_csrf_and_public_addresses(tmp_path):
    db = corpus.build(tmp_path / "w.db")
    read_only = TestClient(create_app(db), raise_server_exceptions=False)
    assert read_only.post("/watch/add", data={"url": "https://example.org/feed.xml", "kind": "feed"}).status_code == 403
    assert 'action="/watch/add"' not in read_only.get("/watch").text

    c = TestClient(create_app(db, allow_edits=True), raise_server_exceptions=False)
    page = c.get("/watch")
    assert page.status_code == 200 and 'action="/watch/add"' in page.text
    token = _token(page.text)
    assert c.post("/watch/add", data={"url": "https://example.org/feed.xml", "kind": "feed"}).status_code == 403
    refused = c.post("/watch/add", data={"url": "http://127.0.0.1:9/feed.xml", "kind": "feed", "csrf_token": token})
    assert refused.status_code == 400 and "--allow-private-fetch" in refused.text
    refused = c.post("/watch/add", data={"url": "http://10.0.0.8/news.html", "kind": "page", "csrf_token": token})
    assert refused.status_code == 400

    trusting = TestClient(create_app(db, allow_edits=True, allow_private_fetch=True), raise_server_exceptions=False)
    token = _token(trusting.get("/watch").text)
    ok = trusting.post("/watch/add", data={"url": "http://127.0.0.1:9/feed.xml", "kind": "feed", "csrf_token": token},
                       follow_redirects=False)
    assert ok.status_code == 303
    listings = trusting.get("/api/watch").json()["listings"]
    assert [(l["url"], l["kind"], l["added_by"]) for l in listings] == [("http://127.0.0.1:9/feed.xml", "feed", "web")]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM watch_listings").fetchone()[0] == 1


def test_alerts_page_lists_matches(tmp_path):
    from quotegraph.follow.alerts import load_rules, run_alerts
    from quotegraph.store import connect

    db = corpus.build(tmp_path / "a.db")
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"alerts:\n  - name: everything\n    to: ['{tmp_path / 'out.jsonl'}']\n")
    conn = connect(db)
    new, errors = run_alerts(conn, load_rules(rules))
    conn.close()
    assert new > 0 and not errors
    c = TestClient(create_app(db), raise_server_exceptions=False)
    data = c.get("/api/alerts").json()["items"]
    assert len(data) == new and all(item["rule"] == "everything" for item in data)
    page = c.get("/alerts")
    assert page.status_code == 200 and data[0]["content"][:30] in page.text.replace("&#39;", "'")
