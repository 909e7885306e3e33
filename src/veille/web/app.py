"""Building the ASGI app: settings, error translation, security headers, the static page."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import routes

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

    db: the knowledge base (SQLite file or postgresql:// URL), opened read-only per request.
    max_chars: the longest text or HTML /api/analyze accepts (longer: 413).
    models: spaCy model name per language for /api/analyze (None: the library's defaults).
    analysis_wait: seconds a request waits for the analyser before a 503 asking to retry.
    """

    db: str = "veille.db"
    max_chars: int = 300_000
    models: dict[str, str] | None = None
    analysis_wait: float = 60.0
    # spaCy pipelines are shared by every request; one analysis at a time keeps them safe
    # and keeps a burst of pasted articles from starving the queries of the CPU.
    analysis_lock: Any = field(default_factory=threading.Lock, compare=False, repr=False)


DESCRIPTION = """Query a veille knowledge base (articles, entities, quotes, PLOVER events, actors)
and analyse a pasted article. Every list route takes a `limit`; near-duplicate copies of an
article are left out unless `duplicates=true`. Errors are JSON objects with a `detail` message."""


def build(settings: Settings) -> FastAPI:
    app = FastAPI(title="veille", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.settings = settings
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

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A bug or a knowledge base written by another version: the client gets JSON like every
        # other error, the traceback goes to the server log.
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return JSONResponse({"detail": f"internal error ({type(exc).__name__}); see the server log"}, status_code=500)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        # A UTF-8 character takes at most 4 bytes; JSON escapes can take 6 (\uXXXX) for one.
        declared = request.headers.get("content-length", "")
        if request.method == "POST" and declared.isdigit() and int(declared) > 6 * settings.max_chars + 65536:
            response = JSONResponse({"detail": f"the request body is {declared} bytes; this server accepts articles "
                                               f"of at most {settings.max_chars} characters"}, status_code=413)
        else:
            response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


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
