"""`quotegraph fetch` and `quotegraph watch` end to end against a real local news
site: discovery, dedupe, named errors per URL, archive re-ingest, SIGKILL resume."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quotegraph.bench.newsroom import Newsroom, Route
from tests.conftest import CLI_ENV, run_cli

QUOTEGRAPH = [sys.executable, "-m", "quotegraph"]


@pytest.fixture
def site():
    room = Newsroom()
    room.start()
    room.robots("User-agent: *\nDisallow: /private/\n")
    pages = [room.synthetic_article(f"/news/{i}.html", i) for i in range(6)]
    room.synthetic_article("/private/p.html", 50)
    room.routes["/news/slow.html"] = Route(200, b"<html>late</html>", delay_s=3)
    room.feed("/feeds/world.xml", pages[:4] + ["/news/0.html?utm_source=rss&utm_medium=feed", "/private/p.html",
                                                "/news/missing.html"])
    room.feed("/feeds/empty.xml", [])
    room.routes["/feeds/broken.xml"] = Route(200, b"<rss><channel><item><title>x", "application/rss+xml")
    room.sitemap("/sitemap.xml", pages[3:])
    yield room
    room.stop()


def _run(args):
    return run_cli(*args)


def _lists(tmp_path, room):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("\n".join(room.url(p) for p in ("/feeds/world.xml", "/feeds/empty.xml", "/feeds/broken.xml")))
    sitemaps = tmp_path / "sitemaps.txt"
    sitemaps.write_text(room.url("/sitemap.xml") + "\n")
    return feeds, sitemaps


def _store(db):
    with sqlite3.connect(db) as conn:
        docs = sorted(conn.execute("SELECT id, hash FROM documents"))
        quotes = sorted(conn.execute("SELECT doc_id, id, content, speaker_name FROM quotes"))
    return docs, quotes


def test_watch_round_discovers_dedupes_and_names_errors(site, tmp_path):
    feeds, sitemaps = _lists(tmp_path, site)
    db = tmp_path / "q.db"
    run = _run(["watch", "--feeds", str(feeds), "--sitemaps", str(sitemaps), "--once", "--db", str(db),
                "--host-interval", "0", "--timeout", "2"])
    assert run.returncode == 1, run.stderr  # some URLs failed, and the round went on
    assert "disallowed by robots.txt" in run.stderr and "HTTP 404" in run.stderr
    assert "malformed feed" in run.stderr
    docs, quotes = _store(db)
    assert len(docs) == 6 and quotes
    assert all(site.hits[f"/news/{i}.html"] == 1 for i in range(6))  # utm duplicate and sitemap overlap: once
    assert site.hits["/private/p.html"] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM link_state").fetchone()[0] == 6  # linked on arrival
        warcs = [r[0] for r in conn.execute("SELECT warc_path FROM fetch_urls WHERE state = 'stored'")]
        meta = [json.loads(r[0]) for r in conn.execute("SELECT meta FROM documents")]
    assert all(m["warc_record"]["id"].startswith("<urn:uuid:") for m in meta)
    # a second round fetches nothing again
    again = _run(["watch", "--once", "--db", str(db), "--host-interval", "0", "--timeout", "2"])
    assert "0 new URLs, 0 fetched" in again.stdout + again.stderr
    assert all(site.hits[f"/news/{i}.html"] == 1 for i in range(6))
    # the archive re-ingested elsewhere gives the same records
    copy = tmp_path / "copy.db"
    ingest = _run(["ingest", *warcs, "--db", str(copy)])
    assert ingest.returncode == 0, ingest.stderr
    assert _store(copy) == _store(db)


def test_sigkill_mid_round_then_resume_equals_uninterrupted(site, tmp_path):
    feeds, sitemaps = _lists(tmp_path, site)
    site.feed("/feeds/world.xml", [f"/news/{i}.html" for i in range(6)] + ["/news/slow.html"])
    args = ["--feeds", str(feeds), "--once", "--host-interval", "0", "--timeout", "5", "--concurrency", "1"]
    whole = tmp_path / "whole.db"
    assert _run(["watch", *args, "--db", str(whole)]).returncode in (0, 1)
    hits_whole = dict(site.hits)

    site.hits.clear()
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([*QUOTEGRAPH, "watch", *args, "--db", str(killed)], env=CLI_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while site.hits["/news/slow.html"] == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    fetched_before = {p: n for p, n in site.hits.items() if p.startswith("/news/")}
    assert _run(["watch", *args, "--db", str(killed)]).returncode in (0, 1)
    assert _store(killed) == _store(whole)
    for path, n in fetched_before.items():
        if path != "/news/slow.html":  # the page in flight at the kill is the only one fetched again
            assert site.hits[path] == n, path
    assert hits_whole["/news/0.html"] == 1
