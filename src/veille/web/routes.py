"""The JSON routes. Each parses its input, calls one library function and translates its errors.

The knowledge base is opened read-only for each request (a SQLite open costs about 2 ms) and
closed after it, so a running ``veille ingest`` is never blocked and its new
articles show up at the next request. /api/analyze never touches the knowledge base.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from typing import Annotated, Any, Iterator, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import AnalysisError, ConfigError, InputError, ModelError, StoreError
from ..records import ENTITY_TYPES, EVENT_TYPES, FACTUALITY
from ..store import Store, open_store, queries

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
MAX_LIMIT = 1000


def knowledge_base(request: Request) -> Iterator[Store]:
    """A read-only connection for one request; 503 when the knowledge base cannot be opened."""
    db = request.app.state.settings.db
    try:
        store = open_store(db, create=False, readonly=True)
    except StoreError as exc:
        raise HTTPException(503, f"knowledge base unavailable: {exc}") from exc
    try:
        if store.dialect == "postgresql":
            # SQLite is opened read-only by the store; PostgreSQL is made so for this session.
            store.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    except StoreError as exc:
        store.close()
        raise HTTPException(503, f"knowledge base unavailable: {exc}") from exc
    try:
        yield store
    finally:
        store.close()


KB = Annotated[Store, Depends(knowledge_base)]
Duplicates = Annotated[bool, Query(description="Include near-duplicate copies (left out by default).")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many rows (1 to {MAX_LIMIT}).")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv (a download for a spreadsheet).")]

# A spreadsheet runs a cell that starts like a formula; a quote such as "=cmd|..." in an article
# must stay text when an analyst opens the download.
_FORMULA = re.compile(r"^[=+@\t\r]|^-[^\d\s.]")


def _page(rows: list[dict[str, Any]], fmt: str = "json", name: str = "results") -> Any:
    if fmt == "csv":
        return Response(_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="veille-{name}.csv"'})
    return {"count": len(rows), "results": rows}


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("'" + v if isinstance(v, str) and _FORMULA.match(v) else v) for k, v in r.items()})
    return buf.getvalue()


def _choice(value: str | None, allowed: tuple[str, ...], name: str, upper: bool = True) -> str | None:
    if value is None or value == "":
        return None
    v = value.strip().upper() if upper else value.strip().lower()
    if v not in allowed:
        raise HTTPException(422, f"query parameter '{name}': {value!r} is not one of {', '.join(allowed)}")
    return v


def _query(call, *args, status: int = 400, **kwargs):
    """Run one library query. Once the base is open, a StoreError comes from what was asked
    (nothing to search for, no such article), hence ``status`` 400 or 404."""
    try:
        return call(*args, **kwargs)
    except StoreError as exc:
        raise HTTPException(status, str(exc)) from exc


LIST = {"responses": {200: {"content": {"text/csv": {}}, "description": "The rows, as JSON or CSV."}}}


class Page(BaseModel):
    count: int = Field(description="Number of rows returned.")
    results: list[dict[str, Any]]


@router.get("/health", summary="Is the server up, and is the knowledge base readable?")
def health(request: Request) -> dict[str, Any]:
    db = request.app.state.settings.db
    try:
        with open_store(db, create=False, readonly=True):
            kb_ok, message = True, None
    except StoreError as exc:
        kb_ok, message = False, str(exc)
    return {"status": "ok", "version": __version__, "knowledge_base": kb_ok, "message": message}


@router.get("/search", response_model=Page, **LIST, summary="Full-text search over the articles")
def search(kb: KB, q: Annotated[str, Query(min_length=1, max_length=500, description=(
        'Words that must all appear (accents and case ignored); "quoted phrases" in order.'))],
           limit: Limit = 20, duplicates: Duplicates = False, format: Format = "json") -> Any:
    return _page(_query(queries.search, kb, q, limit=limit, duplicates=duplicates), format, "search")


@router.get("/quotes", response_model=Page, **LIST, summary="Quotes by speaker and/or content")
def quotes(kb: KB,
           speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name or part of it.")] = None,
           contains: Annotated[str | None, Query(max_length=500, description="Text the quote contains.")] = None,
           limit: Limit = 50, duplicates: Duplicates = False, format: Format = "json") -> Any:
    return _page(_query(queries.quotes, kb, speaker or None, contains or None, limit=limit, duplicates=duplicates),
                 format, "quotes")


@router.get("/events", response_model=Page, **LIST, summary="PLOVER events by actors, type, factuality and dates")
def events(kb: KB,
           source: Annotated[str | None, Query(max_length=200, description="Source: a name or an ISO 3166 alpha-3 code.")] = None,
           target: Annotated[str | None, Query(max_length=200, description="Target: a name or an ISO 3166 alpha-3 code.")] = None,
           type: Annotated[str | None, Query(description="PLOVER type: " + ", ".join(EVENT_TYPES) + ".")] = None,
           factuality: Annotated[str | None, Query(description="One of " + ", ".join(FACTUALITY) + ".")] = None,
           since: Annotated[str | None, Query(pattern=DAY, description="On or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
           until: Annotated[str | None, Query(pattern=DAY, description="On or before: YYYY, YYYY-MM (whole month) or YYYY-MM-DD.")] = None,
           limit: Limit = 100, duplicates: Duplicates = False, format: Format = "json") -> Any:
    etype = _choice(type, EVENT_TYPES, "type")
    fact = _choice(factuality, FACTUALITY, "factuality", upper=False)
    return _page(_query(queries.events, kb, source or None, target or None, etype, since or None, until or None,
                        factuality=fact, limit=limit, duplicates=duplicates), format, "events")


@router.get("/actors", response_model=Page, **LIST, summary="The most mentioned actors, with counts")
def actors(kb: KB,
           type: Annotated[str | None, Query(description="PER, ORG, LOC or MISC.")] = None,
           country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code.")] = None,
           name: Annotated[str | None, Query(max_length=200, description="A name or part of it.")] = None,
           limit: Limit = 30, duplicates: Duplicates = False, format: Format = "json") -> Any:
    atype = _choice(type, ENTITY_TYPES, "type")
    return _page(_query(queries.actors, kb, type=atype, country=country or None, name=name or None, limit=limit,
                        duplicates=duplicates), format, "actors")


@router.get("/timeline", response_model=Page, **LIST, summary="Events and quotes of one actor, by date")
def timeline(kb: KB, actor: Annotated[str, Query(min_length=1, max_length=200, description="The actor's name.")],
             limit: Limit = 200, duplicates: Duplicates = False, format: Format = "json") -> Any:
    return _page(_query(queries.timeline, kb, actor, limit=limit, duplicates=duplicates), format, "timeline")


@router.get("/articles/{ident:path}", summary="One article: the analysis JSON plus its place in the corpus (kb)",
            responses={404: {"description": "No such article."}})
def article(kb: KB, ident: str) -> dict[str, Any]:
    return _query(queries.show, kb, ident, status=404)


@router.get("/stats", summary="Counts of articles, annotations, actors and failures")
def stats(kb: KB) -> dict[str, Any]:
    return _query(queries.stats, kb, status=503)


class AnalyzeRequest(BaseModel):
    """One article to analyse: exactly one of ``text`` and ``html``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "La ministre a annoncé jeudi un accord.", "published": "2019-05-10", "language": "fr"}]})

    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The article as an HTML page (its main text is extracted).")
    published: str | None = Field(None, pattern=ISO_DATE, description=(
        "Publication date, YYYY-MM-DD or an ISO 8601 date-time: anchors relative dates."))
    language: Literal["auto", "fr", "en"] = Field("auto", description="auto: identified from the text.")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)


@router.post("/analyze", summary="Analyse one article (nothing is stored); returns the analysis JSON",
             responses={400: {"description": "Unusable input."}, 413: {"description": "Input too long."}})
def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    from ..options import Options
    from ..pipeline import analyze as run

    settings = request.app.state.settings
    if (body.text is None) == (body.html is None):
        raise HTTPException(400, "give exactly one of 'text' and 'html'")
    content = body.text if body.text is not None else body.html
    if not content.strip():
        raise HTTPException(400, "the article is empty")
    if len(content) > settings.max_chars:
        raise HTTPException(413, f"the article has {len(content)} characters; this server accepts at most "
                                 f"{settings.max_chars}")
    try:
        options = Options(language=body.language, published=body.published, max_chars=settings.max_chars,
                          **({"models": dict(settings.models)} if settings.models else {}))
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from exc
    if not settings.analysis_lock.acquire(timeout=settings.analysis_wait):
        raise HTTPException(503, "the analyser is busy with other articles; retry in a minute",
                            headers={"Retry-After": "60"})
    try:
        result = run(body.text, html=body.html, title=body.title, url=body.url, published=body.published,
                     language=None if body.language == "auto" else body.language, options=options)
    except (InputError, ConfigError) as exc:
        raise HTTPException(400, str(exc)) from exc
    except ModelError as exc:
        log.error("analysis unavailable: %s", exc)
        raise HTTPException(503, f"analysis unavailable: {exc}") from exc
    except AnalysisError as exc:
        log.exception("analysis failed")
        raise HTTPException(500, f"analysis failed: {exc}") from exc
    finally:
        settings.analysis_lock.release()
    return result.to_dict()
