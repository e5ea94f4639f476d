"""A minimal keep-alive HTTP/1.1 GET client for `bench web`.

The bench clients share the machine's cores with the server they measure, so
their own cost shows up in the server's latency. httpx's AsyncClient spent
~1.4 ms of CPU per request (small bench store, 20 clients); reading a status
line, headers and a Content-Length or chunked body off an asyncio stream costs
a fraction of that. GET only, one request at a time per connection, no TLS,
no redirects: all `bench web` needs.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass


class HttpError(Exception):
    """The connection failed or the server's answer was not HTTP/1.1 we understand."""


@dataclass(slots=True)
class Reply:
    status: int
    body: bytes


class Connection:
    """One persistent connection; reconnects when the server has closed it (keep-alive timeout)."""

    def __init__(self, host: str, port: int, timeout: float = 30.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
            self._reader = self._writer = None

    async def get(self, path: str) -> Reply:
        try:
            async with asyncio.timeout(self.timeout):
                return await self._get(path)
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError) as exc:
            await self.close()
            raise HttpError(f"{type(exc).__name__}: {exc}") from exc

    async def _get(self, path: str) -> Reply:
        reused = self._writer is not None
        if not reused:
            await self._open()
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii")
        self._writer.write(request)
        try:
            status_line = await self._reader.readline()
            if not status_line and reused:
                raise ConnectionResetError("closed by server")
        except ConnectionResetError:
            if not reused:
                raise
            # The server closed an idle kept-alive connection: once more on a fresh one.
            await self.close()
            await self._open()
            self._writer.write(request)
            status_line = await self._reader.readline()
        parts = status_line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise HttpError(f"not an HTTP/1.x status line: {status_line[:80]!r}")
        status = int(parts[1])
        length: int | None = None
        chunked = close = False
        while True:
            line = await self._reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            pieces = []
            while True:
                size = int((await self._reader.readline()).split(b";")[0], 16)
                if size == 0:
                    while (await self._reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                pieces.append(await self._reader.readexactly(size))
                await self._reader.readexactly(2)
            body = b"".join(pieces)
        elif length is not None:
            body = await self._reader.readexactly(length)
        else:
            body = await self._reader.read()
            close = True
        if close:
            await self.close()
        return Reply(status, body)
