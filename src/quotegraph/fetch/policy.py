"""How politely and how far quotegraph fetches: one frozen value object."""
from __future__ import annotations

from dataclasses import dataclass

from .. import __version__

USER_AGENT = f"quotegraph/{__version__} (news statement research tool; respects robots.txt)"

# Pages worth reading as articles; feeds and sitemaps are XML or plain text.
ARTICLE_TYPES = ("text/html", "application/xhtml+xml")
LISTING_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
                 "application/xml", "text/xml", "text/plain", "application/x-gzip", "application/gzip",
                 "application/octet-stream") + ARTICLE_TYPES


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = USER_AGENT
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0     # between bytes: a stalled server fails, a slow large one does not
    total_timeout_s: float = 60.0    # whole response, headers to last byte
    max_bytes: int = 10 * 1024 * 1024  # news pages are < 2 MB; a 50 MB response is refused
    retries: int = 3                 # after the first try, on 429, 5xx and connection errors
    backoff_s: float = 1.0           # doubled each retry; Retry-After wins when given (capped below)
    max_backoff_s: float = 60.0
    host_interval_s: float = 1.0     # at least this long between two requests to one host
    host_concurrency: int = 2        # requests in flight to one host
    concurrency: int = 8             # requests in flight in all
    max_redirects: int = 10
    respect_robots: bool = True
