"""The fetcher against a real HTTP server on 127.0.0.1, faults included: each
fault is a named failure for that URL, never an exception that stops a run."""
import time

from quotegraph.bench.newsroom import Route, endless, trickle
from quotegraph.fetch.addresses import Origin
from quotegraph.fetch.client import Fetched, FetchFailed, Fetcher
from quotegraph.fetch.policy import USER_AGENT, FetchPolicy


def test_article_fetched_with_user_agent_and_validators(room, fetcher):
    room.synthetic_article("/news/1.html", 1)
    outcome = fetcher.fetch(room.url("/news/1.html"))
    assert isinstance(outcome, Fetched) and outcome.status == 200
    assert b"Meridian Wire" in outcome.body and outcome.etag
    assert room.user_agents == {USER_AGENT}
    again = fetcher.fetch(room.url("/news/1.html"), etag=outcome.etag)
    assert again.not_modified and room.conditional_hits["/news/1.html"] == 1


def test_status_errors_are_named(room, fetcher):
    room.routes["/gone"] = Route(410, b"gone")
    for path, expected in (("/missing", "HTTP 404"), ("/gone", "HTTP 410")):
        outcome = fetcher.fetch(room.url(path))
        assert isinstance(outcome, FetchFailed) and outcome.reason.startswith(expected)


def test_429_and_500_are_retried_then_fail(room, fetcher):
    room.routes["/busy"] = Route(429, b"slow down", headers={"Retry-After": "0"})
    room.routes["/broken"] = Route(500, b"oops")
    for path, status in (("/busy", 429), ("/broken", 500)):
        outcome = fetcher.fetch(room.url(path))
        assert isinstance(outcome, FetchFailed) and outcome.status == status
        assert room.hits[path] == 1 + fetcher.policy.retries


def test_timeout_and_slow_body(room, fetcher):
    room.synthetic_article("/news/ok.html", 3)
    room.routes["/hang"] = Route(200, b"<html>late</html>", delay_s=1.6)
    room.routes["/drip"] = Route(200, trickle(12, 0.5))
    started = time.monotonic()
    hang = fetcher.fetch(room.url("/hang"))
    assert isinstance(hang, FetchFailed) and "timed out" in hang.reason
    drip = fetcher.fetch(room.url("/drip"))
    assert isinstance(drip, FetchFailed) and "longer than" in drip.reason
    assert isinstance(fetcher.fetch(room.url("/news/ok.html")), Fetched)
    assert time.monotonic() - started < 30


def test_redirects_followed_and_loops_named(room, fetcher):
    room.synthetic_article("/news/final.html", 4)
    room.routes["/old"] = Route(301, b"", headers={"Location": "/news/final.html"})
    room.routes["/a"] = Route(302, b"", headers={"Location": "/b"})
    room.routes["/b"] = Route(302, b"", headers={"Location": "/a"})
    moved = fetcher.fetch(room.url("/old"))
    assert isinstance(moved, Fetched) and moved.final_url == room.url("/news/final.html")
    assert [e.status for e in moved.exchanges] == [301, 200]
    loop = fetcher.fetch(room.url("/a"))
    assert isinstance(loop, FetchFailed) and loop.reason.startswith("redirect loop")


def test_robots_disallow_and_content_type(room, fetcher):
    room.robots("User-agent: *\nDisallow: /private/\n")
    room.synthetic_article("/private/a.html", 5)
    room.routes["/report.pdf"] = Route(200, b"%PDF-1.4", content_type="application/pdf")
    denied = fetcher.fetch(room.url("/private/a.html"))
    assert isinstance(denied, FetchFailed) and denied.reason == "disallowed by robots.txt"
    assert room.hits["/private/a.html"] == 0
    pdf = fetcher.fetch(room.url("/report.pdf"))
    assert isinstance(pdf, FetchFailed) and "application/pdf" in pdf.reason


def test_50_mb_response_refused_without_reading_it(room, fetcher):
    room.routes["/huge"] = Route(200, endless(), length=50 * 1024 * 1024)
    room.routes["/huge-chunked"] = Route(200, endless())
    for path in ("/huge", "/huge-chunked"):
        outcome = fetcher.fetch(room.url(path))
        assert isinstance(outcome, FetchFailed) and "limit" in outcome.reason


def test_discovered_private_address_refused_but_named_allowed(room, fetcher):
    room.synthetic_article("/news/x.html", 6)
    named = fetcher.fetch(room.url("/news/x.html"), Origin.user())
    assert isinstance(named, Fetched)
    same_host = fetcher.fetch(room.url("/news/x.html"), Origin.found_on(room.url("/feed.xml")))
    assert isinstance(same_host, Fetched)
    other = fetcher.fetch(room.url("/news/x.html").replace("127.0.0.1", "localhost"),
                          Origin.found_on(room.url("/feed.xml")))
    assert isinstance(other, FetchFailed) and other.reason.startswith("address refused")


def test_per_host_pace(room):
    for i in range(4):
        room.synthetic_article(f"/n/{i}.html", i)
    with Fetcher(FetchPolicy(host_interval_s=0.3, backoff_s=0.05)) as slow:
        started = time.monotonic()
        outcomes = list(slow.fetch_many([(room.url(f"/n/{i}.html"), Origin.user(), {}) for i in range(4)]))
        elapsed = time.monotonic() - started
    assert all(isinstance(o, Fetched) for o in outcomes)
    assert elapsed >= 0.9  # robots.txt + 4 pages, 0.3 s apart on one host
