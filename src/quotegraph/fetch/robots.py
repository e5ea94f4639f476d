"""robots.txt, read once per host and run, with the standard library's parser.

RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot
be read (5xx, network error) disallows everything for now, since the server may
be saying "not now"; a Crawl-delay slows our requests to that host.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser


@dataclass(frozen=True)
class RobotsAnswer:
    allowed: bool
    crawl_delay_s: float | None = None


# RFC 9309 lets a crawler keep robots.txt for up to 24 hours; an unreadable one is
# asked again sooner, so a watch that met a server error is not locked out for a day.
FRESH_S = 24 * 3600
RETRY_UNREADABLE_S = 600


class RobotsCache:
    """robots.txt per scheme+host; ``get_text(url) -> (status, text)`` does the download."""

    def __init__(self, user_agent: str, get_text: Callable[[str], tuple[int, str]]):
        self._agent = user_agent.split("/")[0]
        self._get_text = get_text
        self._parsers: dict[str, tuple[float, RobotFileParser | bool]] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def check(self, url: str) -> RobotsAnswer:
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        parser = self._parser(root)
        if parser is True:
            return RobotsAnswer(True)
        if parser is False:
            return RobotsAnswer(False)
        delay = parser.crawl_delay(self._agent)
        return RobotsAnswer(parser.can_fetch(self._agent, url), float(delay) if delay else None)

    def _parser(self, root: str) -> RobotFileParser | bool:
        with self._lock:
            lock = self._host_locks.setdefault(root, threading.Lock())
        with lock:  # one download per host, others wait for it
            if root in self._parsers and self._parsers[root][0] > time.monotonic():
                return self._parsers[root][1]
            try:
                status, text = self._get_text(root + "/robots.txt")
            except OSError:
                status, text = 599, ""
            if 400 <= status < 500:
                result: RobotFileParser | bool = True
            elif status >= 500 or status == 0:
                result = False
            else:
                parser = RobotFileParser()
                parser.parse(text.splitlines())
                result = parser
            keep = RETRY_UNREADABLE_S if result is False else FRESH_S
            self._parsers[root] = (time.monotonic() + keep, result)
            return result
