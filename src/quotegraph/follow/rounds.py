"""One round of following: find URLs (named, or in feeds and sitemaps), fetch the
new ones, archive every exchange as WARC, store the articles from those WARC
files with the same reader and extraction as ``ingest``, then link.

Each step leaves its mark in the fetch log (store/fetchlog.py) before the next
starts, so a round killed anywhere resumes where it stopped: pending URLs are
fetched, fetched pages are read from their WARC files, nothing is fetched twice.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..fetch.addresses import AddressRefused, Origin, check_url
from ..fetch.archive import archive_exchanges
from ..fetch.client import Fetched, FetchFailed, Fetcher
from ..fetch.discover import ListingError, canonical_url, feed_links, sitemap_links
from ..fetch.policy import LISTING_TYPES
from ..store import fetchlog

MAX_SITEMAPS_PER_LISTING = 50  # a sitemap index of a large outlet names thousands; the newest come first

# (warc files) -> {warc file: doc id or error text}; the same path as `ingest`.
StoreFiles = Callable[[list[Path]], dict[Path, str | Exception]]


@dataclass
class RoundSummary:
    found: int = 0
    fetched: int = 0
    not_modified: int = 0
    stored: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"{self.found} new URLs, {self.fetched} fetched, {self.not_modified} unchanged, "
                f"{self.stored} stored, {self.failed} failed in {self.seconds:.1f} s")


@dataclass
class Listing:
    url: str
    kind: str  # feed | sitemap
    etag: str | None = None           # validators of the last poll: an unchanged feed costs a 304
    last_modified: str | None = None


def _origin(found_on: str | None) -> Origin:
    """Named on the shell: trusted; typed into the web form ('web'): public addresses only;
    found in a feed or sitemap: that host or public addresses."""
    if found_on is None:
        return Origin.user()
    if found_on == "web":
        return Origin(False)
    return Origin.found_on(found_on)


class Follower:
    def __init__(self, conn: sqlite3.Connection, archive: Path, fetcher: Fetcher, store_files: StoreFiles,
                 link: Callable[[], object] | None = None, on_error: Callable[[str, str], None] | None = None,
                 on_progress: Callable[[str, int, int], None] | None = None):
        fetchlog.ensure_fetch_tables(conn)
        self.conn, self.archive, self.fetcher = conn, archive, fetcher
        self._store_files, self._link = store_files, link
        self._on_error = on_error or (lambda url, reason: None)
        self._on_progress = on_progress or (lambda stage, done, total: None)

    # -- entry points ---------------------------------------------------------------------
    def fetch_named(self, urls: Iterable[str]) -> RoundSummary:
        """``quotegraph fetch``: the user's URLs, fetched again (conditionally) when known."""
        summary, started = RoundSummary(), time.monotonic()
        for url in urls:
            key = canonical_url(url)
            if fetchlog.add_found(self.conn, key, url, None):
                summary.found += 1
            else:
                fetchlog.requeue(self.conn, key)
        self._finish(summary)
        summary.seconds = time.monotonic() - started
        return summary

    def watch_round(self, listings: Iterable[Listing]) -> RoundSummary:
        """``quotegraph watch``: poll each feed and sitemap, then fetch what is new."""
        summary, started = RoundSummary(), time.monotonic()
        round_id = fetchlog.start_round(self.conn)
        for listing in listings:
            listing = self._with_validators(listing)
            for page in self._discover(listing, summary):
                if fetchlog.add_found(self.conn, canonical_url(page), page, listing.url):
                    summary.found += 1
        self._finish(summary)
        summary.seconds = time.monotonic() - started
        fetchlog.finish_round(self.conn, round_id, found=summary.found, fetched=summary.fetched,
                              stored=summary.stored, failed=summary.failed)
        return summary

    def _with_validators(self, listing: Listing) -> Listing:
        row = fetchlog.listing(self.conn, listing.url)
        if row is None:
            return listing
        return Listing(listing.url, listing.kind, row["etag"], row["last_modified"])

    # -- steps ----------------------------------------------------------------------------
    def _finish(self, summary: RoundSummary) -> None:
        self._fetch_pending(summary)
        self._store_fetched(summary)
        if self._link is not None and summary.stored:
            self._link()

    def _discover(self, listing: Listing, summary: RoundSummary) -> list[str]:
        """Article URLs named by one feed or sitemap (sitemap indexes followed)."""
        pages: list[str] = []
        queue, seen = [listing.url], set()
        while queue and len(seen) < MAX_SITEMAPS_PER_LISTING:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            top = url == listing.url
            outcome = self.fetcher.fetch(url, Origin.user() if top else Origin.found_on(listing.url),
                                         accept=LISTING_TYPES, etag=listing.etag if top else None,
                                         last_modified=listing.last_modified if top else None)
            if outcome.exchanges:
                archive_exchanges(self.archive, url, outcome.exchanges)
            if isinstance(outcome, FetchFailed):
                self._fail(summary, url, outcome.reason)
                if top:
                    fetchlog.mark_polled(self.conn, url, error=outcome.reason)
                continue
            if outcome.not_modified:
                fetchlog.mark_polled(self.conn, url)
                continue
            try:
                body = outcome.body.decode("utf-8", "replace")
                links = feed_links(body, url) if listing.kind == "feed" else sitemap_links(body, url)
            except ListingError as exc:
                self._fail(summary, url, str(exc))
                if top:
                    fetchlog.mark_polled(self.conn, url, error=str(exc))
                continue
            if top:
                fetchlog.mark_polled(self.conn, url, etag=outcome.etag, last_modified=outcome.last_modified)
            for page in links.pages:
                try:  # a page named by a feed: same host as the feed, or public
                    check_url(page, Origin.found_on(listing.url))
                except AddressRefused as exc:
                    self._fail(summary, page, f"address refused: {exc}")
                    continue
                pages.append(page)
            queue.extend(s for s in links.sitemaps if s not in seen)
        return pages

    def _fetch_pending(self, summary: RoundSummary) -> None:
        rows = fetchlog.pending(self.conn)
        requests = [(row.requested_url, _origin(row.found_on), {"etag": row.etag, "last_modified": row.last_modified})
                    for row in rows]
        by_requested = {row.requested_url: row for row in rows}
        for done, outcome in enumerate(self.fetcher.fetch_many(requests), 1):
            row = by_requested[outcome.url]
            archived = archive_exchanges(self.archive, outcome.url, outcome.exchanges) if outcome.exchanges else None
            if isinstance(outcome, FetchFailed):
                transient = fetchlog.is_transient(outcome.status) and not outcome.reason.startswith(
                    ("address refused", "disallowed by robots.txt", "redirect loop", "more than"))
                fetchlog.mark_failed(self.conn, row.url, outcome.reason, outcome.status,
                                     str(archived.path) if archived else None, transient=transient)
                self._fail(summary, row.requested_url, outcome.reason)
            elif outcome.not_modified:
                fetchlog.mark_not_modified(self.conn, row.url)
                summary.not_modified += 1
            else:
                assert isinstance(outcome, Fetched) and archived is not None
                fetchlog.mark_fetched(self.conn, row.url, final_url=outcome.final_url, status=outcome.status,
                                      etag=outcome.etag, last_modified=outcome.last_modified,
                                      warc_path=str(archived.path), warc_offset=archived.offset,
                                      warc_record_id=archived.record_id)
                summary.fetched += 1
            self._on_progress("fetch", done, len(rows))

    def _store_fetched(self, summary: RoundSummary) -> None:
        rows = fetchlog.fetched_not_stored(self.conn)
        if not rows:
            return
        outcomes = self._store_files([Path(row.warc_path) for row in rows])
        for row in rows:
            outcome = outcomes.get(Path(row.warc_path))
            if isinstance(outcome, str):
                fetchlog.mark_stored(self.conn, row.url, outcome)
                summary.stored += 1
            else:
                reason = str(outcome) if outcome is not None else "no article found in the fetched page"
                fetchlog.mark_stored(self.conn, row.url, None, error=reason)
                self._fail(summary, row.requested_url, reason)

    def _fail(self, summary: RoundSummary, url: str, reason: str) -> None:
        summary.failed += 1
        summary.errors.append((url, reason))
        self._on_error(url, reason)
