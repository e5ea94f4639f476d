"""Which addresses may be fetched (server-side request forgery guard).

What the user names (URL arguments, the feeds and sitemaps files) may be on
loopback or a private network: intranet feeds and the tests' own servers live
there. A URL *discovered* in a feed, a sitemap or a redirect is fetched only when
it is on the same host as the page that named it or every address its host
resolves to is public; otherwise a feed could steer the fetcher into the
user's network. The check runs on the resolved addresses, not on the name.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit


class AddressRefused(ValueError):
    """A URL the policy does not allow (reason in the message)."""


@dataclass(frozen=True)
class Origin:
    """Why a URL is being fetched: named by the user, or found on ``via_host``."""

    named_by_user: bool
    via_host: str | None = None

    @classmethod
    def user(cls) -> "Origin":
        return cls(True)

    @classmethod
    def found_on(cls, url: str) -> "Origin":
        return cls(False, host_of(url))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def resolved_addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise AddressRefused(f"cannot resolve host {host!r}: {exc.strerror or exc}") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def is_public_host(host: str) -> bool:
    """Every address the host resolves to is globally routable."""
    return all(addr.is_global for addr in resolved_addresses(host))


def check_url(url: str, origin: Origin) -> None:
    """Raise AddressRefused unless ``url`` may be fetched for ``origin``. (The web
    form passes a URL typed into it as ``Origin(False)``, so it must be public,
    unless the server was started to allow private addresses.)"""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    host = (parts.hostname or "").lower()
    if not host:
        raise AddressRefused("URL has no host")
    if origin.named_by_user or (origin.via_host and host == origin.via_host):
        return
    if not is_public_host(host):
        where = f" (found on {origin.via_host})" if origin.via_host else ""
        raise AddressRefused(f"{host} resolves to a loopback, private or reserved address{where}; "
                             "only public addresses or the same host are followed")
