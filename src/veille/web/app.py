"""Building the ASGI app: settings, error translation, security headers, body limits, the static page.

Every error is a JSON response with a ``detail`` message: a bad request is a 4xx, a bug a 500
that leaves the keep-alive connection usable (the exception is caught here, not left to the
server, which would close the connection). A request body is counted as it streams in, so a
body over the limit is refused with a 413 before it is held in memory, whether or not it
declares its length.
"""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import routes
from .readers import Readers

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("veille.web") / "static"))

# The page loads nothing from elsewhere; saying so to the browser also blocks injected scripts.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                                "form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Settings:
    """How the app runs.

    db: the knowledge base (SQLite file or postgresql:// URL), read through read-only connections
        kept across requests, at most ``readers`` of them idle (``readers.Readers``).
    max_chars: the longest text or HTML /api/analyze accepts (longer: 413); also the analysis
        budget of that article (``Options.max_chars``).
    models: spaCy model name per language for /api/analyze (None: the library's defaults).
    analysis_wait: seconds a request waits for the analyser before a 503 asking to retry.
    """

    db: str = "veille.db"
    max_chars: int = 100_000
    models: dict[str, str] | None = None
    analysis_wait: float = 60.0
    readers: int = 4
    # spaCy pipelines are shared by every request; one analysis at a time keeps them safe
    # and keeps a burst of pasted articles from starving the queries of the CPU.
    analysis_lock: Any = field(default_factory=threading.Lock, compare=False, repr=False)


DESCRIPTION = """Query a veille knowledge base (articles, entities, quotes, PLOVER events, actors)
and analyse a pasted article. Every list route takes a `limit`; near-duplicate copies of an
article are left out unless `duplicates=true`. Errors are JSON objects with a `detail` message."""


def build(settings: Settings) -> FastAPI:
    readers = Readers(settings.db, settings.readers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        readers.close()

    app = FastAPI(title="veille", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.readers = readers
    app.include_router(routes.router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        # A body that is not JSON at all is a bad request, not a schema mismatch.
        status = 400 if any(e.get("type") == "json_invalid" for e in errors) else 422
        return JSONResponse({"detail": "; ".join(_explain(e) for e in errors) or "invalid request",
                             "errors": [_plain(e) for e in errors]}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    app.add_middleware(Guard, settings=settings)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


class Guard:
    """A plain ASGI layer around every route: security headers on every response; a body counted
    as it streams in and refused (413) once over the limit, declared or not, the rest never read
    (and the connection closed); an unexpected exception answered with a JSON 500 here, so that
    the server keeps the connection open."""

    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings
        # A UTF-8 character takes at most 4 bytes; a JSON escape takes 6 (\uXXXX) for one.
        self.max_bytes = 6 * settings.max_chars + 65536

    def _too_large(self, what: str) -> HTTPException:
        return HTTPException(413, f"{what}; this server accepts articles of at most {self.settings.max_chars} characters")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        seen = 0

        async def headed(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
                if message["status"] == 413:  # the rest of the body is not read: the connection cannot serve again
                    headers["connection"] = "close"
            await send(message)

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise self._too_large(f"the request body is over {self.max_bytes} bytes")
            return message

        declared = Headers(scope=scope).get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise self._too_large(f"the request body is {declared} bytes")
            await self.app(scope, counted, headed)
        except HTTPException as exc:  # refused before the app could answer
            await JSONResponse({"detail": exc.detail}, status_code=exc.status_code)(scope, receive, headed)
        except Exception as exc:
            # A bug, or a knowledge base written by another version: the client gets JSON like every
            # other error, the traceback goes to the server log, the connection stays usable.
            log.exception("%s %s failed: %s: %s", scope.get("method"), scope.get("path"), type(exc).__name__, exc)
            if started:
                raise
            await JSONResponse({"detail": f"internal error ({type(exc).__name__}); see the server log"},
                               status_code=500)(scope, receive, headed)


def _explain(e: dict[str, Any]) -> str:
    where = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
    place = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(
        str(e.get("loc", ("",))[0]), "field")
    if e.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    if not where:
        return str(e.get("msg", "invalid value"))
    return f"{place} '{'.'.join(where)}': {e.get('msg', 'invalid value')}"


def _plain(e: dict[str, Any]) -> dict[str, Any]:
    # pydantic puts exception objects in 'ctx'; JSON wants their text.
    return {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
