"""Article URLs out of feeds and sitemaps, and one canonical spelling per URL.

Parsing is trafilatura's (``feeds.find_links`` for RSS, Atom and JSON Feed;
``sitemaps.SitemapObject`` for XML and text sitemaps, sitemap indexes included);
canonical URLs are courlan's (``clean_url``: scheme and host lower-cased, default
port, fragments and tracking parameters such as utm_* dropped). trafilatura's
own link filter is replaced by ours: it drops hosts without a registered domain
(``courlan.extract_domain`` is None for 127.0.0.1 or an intranet name), which is
exactly where intranet feeds and the tests' servers live; which addresses may be
fetched is decided in ``addresses.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import clean_url
from trafilatura.feeds import FeedParameters, find_links, is_potential_feed
from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject, is_plausible_sitemap


class ListingError(ValueError):
    """A feed or sitemap that cannot be read as one (reason in the message)."""


@dataclass
class Links:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # child sitemaps of a sitemap index


def canonical_url(url: str) -> str:
    """One spelling per page, so the same article found twice is fetched once."""
    url = urldefrag(url.strip())[0]
    return clean_url(url) or url


def feed_links(body: str, feed_url: str) -> Links:
    text = body.strip()
    if not text:
        raise ListingError("empty feed")
    if not (is_potential_feed(text) or text.startswith("{")):
        raise ListingError("not a feed (no RSS, Atom or JSON Feed document)")
    parts = urlsplit(feed_url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", feed_url)
    links = find_links(text, params)
    if not links and not _has_no_items(text):
        raise ListingError("malformed feed: items without readable links")
    # a channel's own <link> is the site's home page, not an article
    pages = (urljoin(feed_url, link) for link in links if link and link != feed_url)
    return Links(pages=_unique(page for page in pages if urlsplit(page).path not in ("", "/")))


def sitemap_links(body: str, sitemap_url: str) -> Links:
    text = body.strip()
    if not text:
        raise ListingError("empty sitemap")
    if not is_plausible_sitemap(sitemap_url, text):
        raise ListingError("not a sitemap (neither sitemap XML nor a list of URLs)")
    parts = urlsplit(sitemap_url)
    reader = _SitemapReader(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", [])
    reader.current_url = sitemap_url
    reader.content = text
    reader.process()
    return Links(pages=_unique(reader.urls), sitemaps=_unique(reader.sitemap_urls))


class _SitemapReader(SitemapObject):
    """trafilatura's sitemap parsing with our link handling (see the module doc)."""

    def handle_link(self, link: str) -> None:
        if link == self.current_url:
            return
        link = urljoin(self.current_url, link.strip())
        if urlsplit(link).scheme not in ("http", "https"):
            return
        if DETECT_SITEMAP_LINK.search(link):
            self.sitemap_urls.append(link)
        else:
            self.urls.append(link)


def _has_no_items(text: str) -> bool:
    lowered = text[:200_000].lower()
    return "<item" not in lowered and "<entry" not in lowered and '"items"' not in lowered


def _unique(urls) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(url, None)
    return list(seen)
