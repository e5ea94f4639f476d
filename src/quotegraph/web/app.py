"""The FastAPI application: pages, JSON API, static files, security headers, errors."""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..store.search import QueryError
from . import api, edits, following, narratives, pages
from .database import Database
from .security import CsrfTokens, SecurityHeaders
from .urls import url_for

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        # Every template is HTML: escape everything, whatever the file name.
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; do not stat them per request
    )
    env.globals["url_for"] = url_for  # set before Starlette's default, which searches the route table
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"


def _error(request: Request, status: int, message: str):
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "db_label": request.app.state.db_label,
                                "allow_edits": request.app.state.allow_edits},
        status_code=status)


ENV_DB = "QUOTEGRAPH_WEB_DB"
ENV_EDITS = "QUOTEGRAPH_WEB_EDITS"
ENV_SECRET = "QUOTEGRAPH_WEB_SECRET"
ENV_HOSTS = "QUOTEGRAPH_WEB_HOSTS"
ENV_PRIVATE_FETCH = "QUOTEGRAPH_WEB_PRIVATE_FETCH"


def app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes (``serve --workers N``): settings come from the parent."""
    secret = os.environ.get(ENV_SECRET)
    hosts = os.environ.get(ENV_HOSTS)
    return create_app(os.environ[ENV_DB], allow_edits=os.environ.get(ENV_EDITS) == "1",
                      allow_private_fetch=os.environ.get(ENV_PRIVATE_FETCH) == "1",
                      csrf_secret=bytes.fromhex(secret) if secret else None,
                      allowed_hosts=hosts.split(",") if hosts else None)


LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]

# Threads that run the (blocking, SQLite) endpoints of one server process. AnyIO's default
# is 40: under 20 concurrent clients that is 20 threads taking turns at the GIL, each with its
# own connection and page cache. A few threads keep both cores busy (SQLite releases the GIL)
# while the other requests wait their turn in the event loop. `quotegraph bench web` on the
# 1,000,000-quote bench store, 1 server process, other jobs on the machine (load 5-7): p95 over
# all kinds 165-169 ms with 40 threads, 118-120 with 4, 111-122 with 8; max 330 vs 150-190 ms.
THREADS = 4


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def create_app(db_path: Path | str, *, allow_edits: bool = False, csrf_secret: bytes | None = None,
               allowed_hosts: list[str] | None = None, allow_private_fetch: bool = False) -> FastAPI:
    """The app over one store. ``allowed_hosts`` (Host header check) stops DNS-rebinding pages
    from talking to a server bound to 127.0.0.1 under their own name."""
    db = Database(db_path)
    app = FastAPI(
        title="quotegraph",
        description="Who said what, when, to whom, reported by whom. Every page has a JSON twin under /api.",
        version="0.1.0",
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: off (no CDN, strict CSP).
        # The schema stays at /openapi.json and /api-docs lists the endpoints server-side.
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.db = db
    app.state.db_label = db.path.name
    app.state.allow_edits = allow_edits
    app.state.allow_private_fetch = allow_private_fetch  # the watch form may name intranet addresses
    app.state.templates = _templates()
    # Worker processes share the parent's secret so a form served by one validates in another.
    app.state.csrf = CsrfTokens(csrf_secret)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last = outermost: every response gets the headers
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(edits.router)
    app.include_router(following.router)
    app.include_router(narratives.router)
    app.include_router(pages.router)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError):
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(request, 400, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = _error(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    return app
