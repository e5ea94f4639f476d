"""Polite HTTP downloads: robots.txt, a per-host pace and concurrency cap,
timeouts, retries with backoff, conditional GET, vetted redirects, a size limit
and a content-type check. Each outcome is a ``Fetched`` or a ``FetchFailed``
naming the URL and the reason; one bad URL never stops the others.

httpx does the HTTP; trafilatura's own downloader is not used because it offers
no conditional GET, no per-request size limit and no access to the raw exchange
that the WARC archive needs (its SSRF guard stays on, as configured by default).
"""
from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from .addresses import AddressRefused, Origin, check_url, host_of
from .policy import ARTICLE_TYPES, FetchPolicy
from .robots import RobotsCache

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# Hop-by-hop and encoding-of-transfer headers: the archive stores the body as
# received after de-chunking, so it carries a Content-Length instead.
_DROP_FROM_ARCHIVE = frozenset({"transfer-encoding", "connection", "keep-alive", "content-length"})


@dataclass
class Exchange:
    """One request and its response, as archived (a redirect chain has several)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    body: bytes  # as sent (content-encoding kept), after de-chunking


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes  # decoded (no content-encoding)
    exchanges: list[Exchange] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class FetchFailed:
    url: str
    reason: str
    status: int | None = None
    exchanges: list[Exchange] = field(default_factory=list)


Outcome = Fetched | FetchFailed


class _FetchError(Exception):
    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.status = status


class HostGate:
    """At most ``concurrency`` requests in flight per host, started at least
    ``interval`` seconds apart (longer when robots.txt asks for a Crawl-delay)."""

    def __init__(self, interval_s: float, concurrency: int):
        self._interval = interval_s
        self._concurrency = concurrency
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        with self._lock:
            self._delay[host] = max(self._interval, delay_s)

    def enter(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        slot.acquire()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._delay.get(host, self._interval)
        if start > now:
            time.sleep(start - now)
        return slot


class Fetcher:
    def __init__(self, policy: FetchPolicy = FetchPolicy(), *, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy
        self._sleep = sleep
        timeout = httpx.Timeout(policy.read_timeout_s, connect=policy.connect_timeout_s)
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False,
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=policy.concurrency, max_keepalive_connections=policy.concurrency),
        )
        self._gate = HostGate(policy.host_interval_s, policy.host_concurrency)
        self._robots = RobotsCache(policy.user_agent, self._robots_text)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- public ---------------------------------------------------------------------------
    def fetch(self, url: str, origin: Origin = Origin.user(), *, accept: Iterable[str] = ARTICLE_TYPES,
              etag: str | None = None, last_modified: str | None = None) -> Outcome:
        exchanges: list[Exchange] = []
        try:
            return self._follow(url, origin, tuple(accept), etag, last_modified, exchanges)
        except AddressRefused as exc:
            return FetchFailed(url, f"address refused: {exc}", exchanges=exchanges)
        except _FetchError as exc:
            return FetchFailed(url, str(exc), exc.status, exchanges)

    def fetch_many(self, requests: Iterable[tuple[str, Origin, dict]], *,
                   accept: Iterable[str] = ARTICLE_TYPES) -> Iterator[Outcome]:
        """Fetch concurrently (bounded by the policy), yielding outcomes as they complete.
        Each request is (url, origin, validators) with validators {etag, last_modified}."""
        accept = tuple(accept)
        with ThreadPoolExecutor(self.policy.concurrency, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(self.fetch, url, origin, accept=accept, **validators)
                       for url, origin, validators in requests]
            for future in as_completed(futures):
                yield future.result()

    # -- internals ------------------------------------------------------------------------
    def _follow(self, url, origin, accept, etag, last_modified, exchanges) -> Outcome:
        seen = [url]
        current, hop_origin = url, origin
        for _ in range(self.policy.max_redirects + 1):
            check_url(current, hop_origin)
            self._check_robots(current)
            headers = {}
            if current == url and etag:
                headers["If-None-Match"] = etag
            if current == url and last_modified:
                headers["If-Modified-Since"] = last_modified
            exchange = self._get(current, headers)
            exchanges.append(exchange)
            location = _header(exchange.response_headers, "location")
            if 300 <= exchange.status < 400 and exchange.status != 304 and location:
                target = urljoin(current, location)
                if target in seen:
                    raise _FetchError("redirect loop: " + " -> ".join(seen + [target]), exchange.status)
                seen.append(target)
                current, hop_origin = target, Origin.found_on(current)
                continue
            return self._outcome(url, current, exchange, accept, exchanges)
        raise _FetchError(f"more than {self.policy.max_redirects} redirects: " + " -> ".join(seen))

    def _outcome(self, url, final_url, exchange: Exchange, accept, exchanges) -> Outcome:
        ctype = (_header(exchange.response_headers, "content-type") or "").split(";")[0].strip().lower()
        validators = dict(etag=_header(exchange.response_headers, "etag"),
                          last_modified=_header(exchange.response_headers, "last-modified"))
        if exchange.status == 304:
            return Fetched(url, final_url, 304, ctype, b"", exchanges, **validators)
        if exchange.status >= 400 or exchange.status < 200:
            return FetchFailed(url, f"HTTP {exchange.status} {exchange.reason}".strip(), exchange.status, exchanges)
        if ctype not in accept:
            return FetchFailed(url, f"content type {ctype or 'missing'!r} is not one of {', '.join(accept)}",
                               exchange.status, exchanges)
        body = decode_body(exchange.body, _header(exchange.response_headers, "content-encoding"), self.policy.max_bytes)
        return Fetched(url, final_url, exchange.status, ctype, body, exchanges, **validators)

    def _check_robots(self, url: str) -> None:
        if not self.policy.respect_robots:
            return
        answer = self._robots.check(url)
        if answer.crawl_delay_s:
            self._gate.set_delay(host_of(url), answer.crawl_delay_s)
        if not answer.allowed:
            raise _FetchError("disallowed by robots.txt")

    def _robots_text(self, url: str) -> tuple[int, str]:
        try:
            exchange = self._get(url, {}, retries=1)
        except _FetchError as exc:
            return exc.status or 599, ""
        body = decode_body(exchange.body, _header(exchange.response_headers, "content-encoding"), 512 * 1024)
        return exchange.status, body.decode("utf-8", "replace")

    def _get(self, url: str, headers: dict, retries: int | None = None) -> Exchange:
        """One GET, retried on connection errors, timeouts, 429 and 5xx with backoff;
        the last try's response is returned whatever its status."""
        tries = (self.policy.retries if retries is None else retries) + 1
        host = host_of(url)
        for attempt in range(tries):
            slot = self._gate.enter(host)
            try:
                exchange = self._once(url, headers)
            except _FetchError as exc:
                if exc.status is not None:  # too large, too slow: the same again would fail too
                    raise
                if attempt == tries - 1:
                    raise _FetchError(f"{exc} (after {tries} tries)") from None
                wait = self._backoff(attempt, None)
            else:
                if exchange.status not in RETRY_STATUS or attempt == tries - 1:
                    return exchange
                wait = self._backoff(attempt, _header(exchange.response_headers, "retry-after"))
            finally:
                slot.release()
            self._sleep(wait)
        raise AssertionError("unreachable: the last try returns or raises")

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = self.policy.backoff_s * (2 ** attempt)
        if retry_after:
            wait = _retry_after_seconds(retry_after, wait)
        return min(wait, self.policy.max_backoff_s)

    def _once(self, url: str, headers: dict) -> Exchange:
        policy = self.policy
        deadline = time.monotonic() + policy.total_timeout_s
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                    raise _FetchError(f"response of {int(declared):,} bytes exceeds the {policy.max_bytes:,}-byte limit",
                                      response.status_code)
                chunks, size = [], 0
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > policy.max_bytes:
                        raise _FetchError(f"response exceeds the {policy.max_bytes:,}-byte limit", response.status_code)
                    if time.monotonic() > deadline:
                        raise _FetchError(f"response took longer than {policy.total_timeout_s:g} s", response.status_code)
                    chunks.append(chunk)
                request_headers = list(response.request.headers.items())
                return Exchange(url, "GET", request_headers, response.status_code, response.reason_phrase,
                                response.http_version,
                                [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROP_FROM_ARCHIVE],
                                b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise _FetchError(f"timed out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise _FetchError(f"connection failed: {type(exc).__name__}: {exc}") from None


def decode_body(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo gzip/deflate content-encoding, refusing to inflate beyond ``limit``."""
    import zlib

    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise _FetchError(f"unsupported content encoding {encoding!r}")
    wbits = 47 if encoding != "deflate" else zlib.MAX_WBITS  # 47: gzip or zlib header
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error:
        try:  # raw deflate without a zlib header, as some servers send
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, limit + 1)
        except zlib.error as exc:
            raise _FetchError(f"corrupt {encoding} body: {exc}") from None
    if len(out) > limit:
        raise _FetchError(f"decoded response exceeds the {limit:,}-byte limit")
    return out


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _retry_after_seconds(value: str, default: float) -> float:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())
