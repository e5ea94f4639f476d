"""A small news site served on 127.0.0.1: article pages, RSS feeds, a sitemap,
robots.txt, and whatever faults a test asks for (status codes, slow or endless
bodies, redirect loops, huge responses). Used by the fetch tests and by
``quotegraph bench watch``; everything it serves is generated here (fictional).
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SPEAKERS = [("Mara Velde", "foreign minister of Ostrava"), ("Teodor Halvari", "Velmora's foreign minister"),
            ("Ines Carrow", "spokeswoman for the Harbour Union"), ("Pavel Dunmore", "mayor of Kessary"),
            ("Lena Oskarsdottir", "head of the Northwind Relief Agency")]
TOPICS = ["the border crossings", "the grain corridor", "the harbour strike", "refugee convoys", "the fuel subsidy"]


@dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0        # before the status line
    length: int | None = None   # Content-Length to announce (default: len(body) for bytes)


class Newsroom:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional_hits: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self._server: ThreadingHTTPServer | None = None

    # -- content --------------------------------------------------------------------------
    def article(self, path: str, title: str, paragraphs: list[str], published: str = "2026-03-04") -> str:
        html = ("<!doctype html><html><head><meta charset='utf-8'>"
                f"<title>{title}</title><meta property='article:published_time' content='{published}'>"
                "<meta property='og:site_name' content='Meridian Wire'></head><body>"
                "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
                f"<article><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) +
                "</article><footer>© Meridian Wire. All rights reserved.</footer></body></html>")
        body = html.encode("utf-8")
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        self.routes[path] = Route(200, body, headers={"ETag": etag, "Last-Modified": formatdate(usegmt=True)})
        return path

    def synthetic_article(self, path: str, n: int) -> str:
        name, role = SPEAKERS[n % len(SPEAKERS)]
        topic = TOPICS[(n // len(SPEAKERS)) % len(TOPICS)]
        day = 1 + n % 27
        return self.article(path, f"{name} speaks on {topic} ({n})", [
            f"KESSARY, March {day} - {name}, {role}, said on Tuesday that talks on {topic} would resume "
            f"within {2 + n % 9} days.",
            f"“We have waited long enough, and the people of the region deserve an answer on {topic},” "
            f"{name.split()[0]} told reporters after the meeting.",
            f"Officials in the capital declined to comment. The ministry said in a statement that "
            f"{100 + n} families had been moved since the start of the month.",
        ], published=f"2026-03-{day:02d}")

    def feed(self, path: str, links: list[str], title: str = "Meridian Wire") -> str:
        items = "".join(f"<item><title>{link}</title><link>{self.url(link)}</link></item>" for link in links)
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
                f"<link>{self.url('/')}</link>{items}</channel></rss>").encode("utf-8")
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        self.routes[path] = Route(200, body, "application/rss+xml", {"ETag": etag})
        return path

    def sitemap(self, path: str, links: list[str]) -> str:
        urls = "".join(f"<url><loc>{self.url(link)}</loc></url>" for link in links)
        body = ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{urls}</urlset>").encode("utf-8")
        self.routes[path] = Route(200, body, "application/xml")
        return path

    def robots(self, text: str) -> None:
        self.routes["/robots.txt"] = Route(200, text.encode(), "text/plain")

    # -- serving --------------------------------------------------------------------------
    def start(self) -> str:
        room = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path
                room.hits[path] += 1
                room.user_agents.add(self.headers.get("User-Agent", ""))
                route = room.routes.get(path) or room.routes.get(path.split("?")[0])
                if route is None:
                    route = Route(404, b"<html><body>not found</body></html>")
                if route.delay_s:
                    time.sleep(route.delay_s)
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    room.conditional_hits[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                try:
                    if callable(route.body):
                        if route.length is not None:
                            self.send_header("Content-Length", str(route.length))
                        else:
                            self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for chunk in route.body():
                            if route.length is not None:
                                self.wfile.write(chunk)
                            else:
                                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        if route.length is None:
                            self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.send_header("Content-Length", str(route.length if route.length is not None
                                                              else len(route.body)))
                        self.end_headers()
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size limit, timeout): expected

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base

    @property
    def base(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path if self._server else path

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def endless(chunk: int = 64 * 1024, total: int = 50 * 1024 * 1024) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes produced lazily (the 50 MB response)."""
    def produce() -> Iterator[bytes]:
        sent = 0
        block = b"<p>" + b"x" * (chunk - 7) + b"</p>\n"
        while sent < total:
            yield block
            sent += len(block)
    return produce


def trickle(pieces: int, pause_s: float) -> Callable[[], Iterator[bytes]]:
    """A slow body: ``pieces`` small chunks ``pause_s`` apart."""
    def produce() -> Iterator[bytes]:
        for _ in range(pieces):
            time.sleep(pause_s)
            yield b"<p>still loading</p>"
    return produce


def build_site(room: Newsroom, pages: int, feeds: int) -> list[str]:
    """``pages`` synthetic articles spread over ``feeds`` RSS feeds; returns the feed paths."""
    paths = [room.synthetic_article(f"/news/{n}.html", n) for n in range(pages)]
    per_feed = max(1, -(-pages // feeds))
    return [room.feed(f"/feeds/{f}.xml", paths[f * per_feed:(f + 1) * per_feed]) for f in range(feeds)]


def main() -> None:
    """Serve a synthetic site in its own process (so the bench's client does not share its GIL):
    prints the base URL, then one feed URL a line, and serves until killed."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=20)
    args = parser.parse_args()
    room = Newsroom()
    room.start()
    feeds = build_site(room, args.pages, args.feeds)
    print(room.base, flush=True)
    for feed in feeds:
        print(room.url(feed), flush=True)
    print("ready", flush=True)
    try:
        while sys.stdin.read(1):
            pass
    finally:
        room.stop()


if __name__ == "__main__":
    main()
