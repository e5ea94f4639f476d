"""Response headers and CSRF tokens.

The Content-Security-Policy allows scripts and styles only from this server's
own files: no inline <script>, no on* handlers, no style attributes. A quote
that smuggles markup into an article therefore cannot run even if an escaping
bug let it through.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Plain ASGI middleware (cheaper than BaseHTTPMiddleware) adding the headers above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in _RAW_HEADERS if k not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


CSRF_COOKIE = "qg_csrf"
CSRF_FIELD = "csrf_token"


class CsrfTokens:
    """Double-submit tokens signed with a per-process secret.

    The cookie holds a random nonce; the form carries HMAC(secret, nonce). A
    cross-site page can make the browser send the cookie but can neither read
    it nor compute the signature, so it cannot forge the form field.
    """

    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret or secrets.token_bytes(32)

    def new_nonce(self) -> str:
        return secrets.token_urlsafe(24)

    def sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()

    def valid(self, nonce: str | None, token: str | None) -> bool:
        if not nonce or not token:
            return False
        return hmac.compare_digest(self.sign(nonce), token)
