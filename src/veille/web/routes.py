"""The JSON routes. Each parses its input, calls one library function and translates its errors.

Each request reads the knowledge base through a read-only connection the server keeps across
requests (``readers.Readers``: no transaction is held between requests, so a running ``veille
ingest`` is never blocked and its new articles show up at the next request). /api/analyze never
touches the knowledge base.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import AnalysisError, ConfigError, InputError, ModelError, QueryError, StoreError
from ..records import EVENT_TYPES, FACTUALITY, SECTORS
from ..store import Store, counts, filters, queries
from ..store.filters import MIN_CONFIDENCE, QUADS
from . import charts

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

ISO_DATE = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
MAX_LIMIT = 1000
TOTAL_COUNTED = 10_000  # a list's total is counted up to this many rows (``_list``)
# A search's total is counted up to fewer rows: each match counted costs a read of its article's
# row (a full-text index gives no count of its own), and at 200,000 articles on PostgreSQL 10,001
# matches of a common word took 60 to 240 ms, more than the page itself; 1,001 take 3 to 30 ms.
SEARCH_COUNTED = 1_000


def counted(what: str) -> int:
    """The number of rows up to which the total of list ``what`` is counted (past it, "more than")."""
    return SEARCH_COUNTED if what == "search" else TOTAL_COUNTED


def knowledge_base(request: Request) -> Iterator[Store]:
    """A read-only connection for one request, taken from the server's ``Readers`` and given back
    after it; 503 when the knowledge base cannot be opened."""
    readers = request.app.state.readers
    try:
        store = readers.acquire()
    except StoreError as exc:
        raise HTTPException(503, f"knowledge base unavailable: {exc}") from exc
    try:
        yield store
    finally:
        readers.release(store)


KB = Annotated[Store, Depends(knowledge_base)]
Duplicates = Annotated[bool, Query(description="Include near-duplicate copies (left out by default).")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv (a download for a spreadsheet).")]

# A spreadsheet runs a cell that starts like a formula; a quote such as "=cmd|..." in an article
# must stay text when an analyst opens the download.
_FORMULA = re.compile(r"^[=+@\t\r]|^-[^\d\s.]")


def _page(rows: list[dict[str, Any]], fmt: str = "json", name: str = "results", **extra: Any) -> Any:
    if fmt == "csv":
        return Response(_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="veille-{name}.csv"'})
    return {"count": len(rows), **extra, "results": rows}


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("'" + v if isinstance(v, str) and _FORMULA.match(v) else v) for k, v in r.items()})
    return buf.getvalue()


def _query(call, *args, status: int = 400, **kwargs):
    """Run one library query. A bad filter value is a 422 naming the parameter; once the base is
    open, another StoreError comes from what was asked (no such article), hence ``status``."""
    try:
        return call(*args, **kwargs)
    except QueryError as exc:
        raise HTTPException(422, f"query parameter '{exc.field}': {exc.message}") from exc
    except StoreError as exc:
        raise HTTPException(status, str(exc)) from exc


LIST = {"responses": {200: {"content": {"text/csv": {}}, "description": "The rows, as JSON or CSV."}}}


class Page(BaseModel):
    count: int = Field(description="Number of rows returned.")
    total: int | None = Field(None, description="Number of rows the query has in all (not given for counts, nor "
                                                "when it is more than `more_than`).")
    more_than: int | None = Field(None, description=f"Given instead of `total` when the query has more rows than "
                                                    f"this (a total is counted up to {TOTAL_COUNTED:,} rows, a search's up "
                                                    f"to {SEARCH_COUNTED:,}, or to the end of the page if further, unless "
                                                    "the base holds it precounted): a bound, not an estimate.")
    offset: int | None = Field(None, description="Rows before this page (it shows rows offset + 1 to offset + count).")
    next: str | None = Field(None, description="The cursor of the next page (pass it as `cursor`), or null.")
    results: list[dict[str, Any]]


@router.get("/health", summary="Is the server up, and is the knowledge base readable?")
def health(request: Request) -> dict[str, Any]:
    readers = request.app.state.readers
    try:
        readers.release(readers.acquire())
        kb_ok, message = True, None
    except StoreError as exc:
        kb_ok, message = False, str(exc)
    return {"status": "ok", "version": __version__, "knowledge_base": kb_ok, "message": message}


def _list(kb: Store, what: str, call, values: dict[str, Any], p: "Paging", duplicates: bool, fmt: str) -> Any:
    """One page of list ``what`` with its total and next cursor, or its counts with ``count_by``.

    The cursor (an opaque token) holds the sort key of the last row of the previous page, and
    the page starts after it (``queries``' ``after``): the same cost at any depth. A cursor of
    an earlier version, which held an offset, still gives its page."""
    def page():
        if p.count_by:
            return _page(counts.counts(kb, what, p.count_by, limit=p.limit, order=p.order, duplicates=duplicates,
                                       **values), fmt, f"{what}-counts")
        order = filters.order(what, p.order)
        after, at = filters.read_cursor(what, order, p.cursor)
        # one row more than the page says whether there is a next one
        rows = call(kb, **values, limit=p.limit + 1, offset=0 if after is not None else at, after=after, order=order,
                    duplicates=duplicates)
        more = len(rows) > p.limit
        rows = rows.first(p.limit)
        nxt = filters.cursor(what, order, rows.after, at + len(rows)) if more else None
        if not more:  # the last page: the total is where it ends
            return _page(rows, fmt, what, total=at + len(rows), offset=at, next=None)
        # A total that is not precounted is counted up to a bound (``counted``): past it, the
        # page says "more than" that many, or than the rows up to its end (a count that does not
        # grow with the depth of the page).
        bound = counted(what)
        total = queries.total(kb, what, duplicates=duplicates, at_most=bound, **values)
        if total > bound or total <= at + len(rows):
            return _page(rows, fmt, what, total=None, more_than=max(bound, at + len(rows)), offset=at, next=nxt)
        return _page(rows, fmt, what, total=total, offset=at, next=nxt)
    return _query(page)


@dataclass(frozen=True)
class Paging:
    """Paging, order and counting of a list route."""

    limit: int
    cursor: str | None
    order: str | None
    count_by: list[str]


def _paging(default_limit: int):
    def dependency(
            limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many rows (1 to {MAX_LIMIT}).")]
            = default_limit,
            cursor: Annotated[str | None, Query(max_length=200, description="Where the page starts: the 'next' "
                                                                            "value of the previous page.")] = None,
            order: Annotated[str | None, Query(max_length=20, description="newest (default) or oldest; search also "
                                                                          "relevance (its default).")] = None,
            count_by: Annotated[list[str] | None, Query(description=(
                "Counts per value of this dimension instead of rows (repeat to cross two); the dimensions of "
                "each list are those of its facets route."))] = None) -> Paging:
        return Paging(limit, cursor, order, count_by or [])
    return Depends(dependency)


Text = Annotated[str | None, Query(max_length=200)]
Words = Annotated[str | None, Query(max_length=500)]
Since = Annotated[str | None, Query(max_length=40, description="On or after: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(max_length=40, description="On or before: YYYY, YYYY-MM or YYYY-MM-DD; a month "
                                                               "or year includes all of it.")]
Country = Annotated[str | None, Query(max_length=40, description="ISO 3166 alpha-3 code (EUR, UNO, NAT for the EU, "
                                                                 "the UN and NATO).")]
Sector = Annotated[str | None, Query(max_length=40, description="Sector: " + ", ".join(SECTORS) + ".")]
What = Literal["events", "quotes", "actors", "search"]


@router.get("/search", response_model=Page, **LIST, summary="Full-text search over the articles")
def search(kb: KB, q: Annotated[str, Query(min_length=1, max_length=500, description=(
        'Words that must all appear (accents and case ignored); "quoted phrases" in order.'))],
           since: Since = None, until: Until = None, p: Paging = _paging(20), duplicates: Duplicates = False,
           format: Format = "json") -> Any:
    return _list(kb, "search", lambda kb, q, **kw: queries.search(kb, q, **kw), {"q": q, "since": since, "until": until},
                 p, duplicates, format)


@router.get("/quotes", response_model=Page, **LIST, summary="Quotes by speaker, content, kind, country, sector, date")
def quotes(kb: KB, speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name or part of it.")]
           = None, contains: Annotated[str | None, Query(max_length=500, description="Words the quote contains.")] = None,
           kind: Annotated[str | None, Query(max_length=40, description="direct, indirect or mixed.")] = None,
           country: Country = None, sector: Sector = None, since: Since = None, until: Until = None,
           p: Paging = _paging(50), duplicates: Duplicates = False, format: Format = "json") -> Any:
    values = {"speaker": speaker, "contains": contains, "kind": kind, "country": country, "sector": sector,
              "since": since, "until": until}
    return _list(kb, "quotes", queries.quotes, values, p, duplicates, format)


@router.get("/events", response_model=Page, **LIST, summary="PLOVER events by actors, type, factuality and dates")
def events(kb: KB,
           source: Annotated[str | None, Query(max_length=200, description="Source: a name or an ISO 3166 alpha-3 code.")] = None,
           target: Annotated[str | None, Query(max_length=200, description="Target: a name or an ISO 3166 alpha-3 code.")] = None,
           actor: Annotated[str | None, Query(max_length=200, description="An actor on either side (a name).")] = None,
           type: Annotated[str | None, Query(max_length=40, description="PLOVER type: " + ", ".join(EVENT_TYPES) + ".")] = None,
           quad: Annotated[str | None, Query(max_length=40, description="Quad class: " + ", ".join(QUADS) + ".")] = None,
           factuality: Annotated[str | None, Query(max_length=40, description="One of " + ", ".join(FACTUALITY) + ".")] = None,
           sector: Sector = None,
           min_confidence: Annotated[float | None, Query(ge=0, le=1, description=(
               "Only events the scorer gives at least this confidence (0 to 1); default "
               f"{MIN_CONFIDENCE:g}, which favours precision (about 7 in 10 events listed have the right "
               "type and countries on the tuning sets); 0 lists every event."))] = None,
           since: Since = None, until: Until = None,
           p: Paging = _paging(100), duplicates: Duplicates = False, format: Format = "json") -> Any:
    values = {"source": source, "target": target, "actor": actor, "type": type, "quad": quad,
              "factuality": factuality, "sector": sector, "min_confidence": min_confidence,
              "since": since, "until": until}
    return _list(kb, "events", queries.events, values, p, duplicates, format)


@router.get("/actors", response_model=Page, **LIST, summary="The most mentioned actors, with counts")
def actors(kb: KB,
           type: Annotated[str | None, Query(max_length=40, description="PER, ORG, LOC or MISC.")] = None,
           country: Country = None, sector: Sector = None,
           name: Annotated[str | None, Query(max_length=200, description="A name or part of it.")] = None,
           p: Paging = _paging(30), duplicates: Duplicates = False, format: Format = "json") -> Any:
    values = {"type": type, "country": country, "sector": sector, "name": name}
    return _list(kb, "actors", queries.actors, values, p, duplicates, format)


@router.get("/timeline", response_model=Page, **LIST, summary="Events and quotes of one actor, by date")
def timeline(kb: KB, actor: Annotated[str, Query(min_length=1, max_length=200, description="The actor's name.")],
             since: Since = None, until: Until = None, p: Paging = _paging(200), duplicates: Duplicates = False,
             format: Format = "json") -> Any:
    return _list(kb, "timeline", queries.timeline, {"actor": actor, "since": since, "until": until}, p, duplicates,
                 format)


@router.get("/facets/{what}", summary="Counts per value of each facet of a list, with its total",
            responses={422: {"description": "A bad filter value or facet."}})
def facets(kb: KB, what: What, request: Request,
           facet: Annotated[list[str] | None, Query(description=(
               "Dimensions to count by (repeatable); default: the list's facets."))] = None,
           size: Annotated[int, Query(ge=1, le=100, description="Values per facet, largest counts first.")] = 10,
           duplicates: Duplicates = False) -> dict[str, Any]:
    """The other query parameters are the list's own filters (as for `/api/{what}`)."""
    values = _filters(request, what)
    return _query(counts.facets, kb, what, facet, size=size, duplicates=duplicates, **values)


@router.get("/network", summary="The actor network of the events matching the filters",
            responses={422: {"description": "A bad filter value."}})
def network(kb: KB, request: Request,
            size: Annotated[int, Query(ge=1, le=200, description="The heaviest edges kept.")] = 40,
            duplicates: Duplicates = False) -> dict[str, Any]:
    """Nodes are actors, edges are events from source to target, weighed by their count and split
    into cooperation and conflict. The other query parameters are the filters of `/api/events`."""
    return _query(counts.network, kb, size=size, duplicates=duplicates, **_filters(request, "events"))


SVG = {"responses": {200: {"content": {"image/svg+xml": {}}, "description": "An SVG image whose marks link to "
                                                                          "the page's filtered lists."}}}


def _svg(text: str) -> Response:
    return Response(text, media_type="image/svg+xml; charset=utf-8")


def _hash(view: str, values: dict[str, Any]) -> str:
    """The page address of a view with these filters (``#events?type=CONSULT``)."""
    return f"#{view}?" + urlencode({k: v for k, v in values.items() if v})


@router.get("/charts/events.svg", **SVG, summary="Events over time, stacked by quad class or type")
def events_chart(kb: KB, request: Request,
                 stack: Annotated[Literal["quad", "type"], Query(description="What the bars are split by.")] = "quad",
                 duplicates: Duplicates = False) -> Response:
    """The other query parameters are the filters of `/api/events`. A bar segment links to its
    events (its dates and series added to the filters), a legend entry to its series."""
    values = _filters(request, "events")
    chart = _query(counts.over_time, kb, "events", stack, duplicates=duplicates, **values)

    def link(f: dict[str, str]) -> str:
        return _hash("events", {**values, stack: f["series"], **{k: f[k] for k in ("since", "until") if k in f}})
    return _svg(charts.bars(chart, link=link))


@router.get("/charts/timeline.svg", **SVG, summary="One actor's events (by quad class) and quotes over time")
def timeline_chart(kb: KB, actor: Annotated[str, Query(min_length=1, max_length=200)],
                   since: Since = None, until: Until = None, duplicates: Duplicates = False) -> Response:
    chart = _query(counts.timeline_over_time, kb, actor, since=since, until=until, duplicates=duplicates)

    def link(f: dict[str, str]) -> str:
        dates = {"since": f.get("since", since), "until": f.get("until", until)}
        if f["series"] == "quote":
            return _hash("quotes", {"speaker": actor, **dates})
        return _hash("events", {"actor": actor, "quad": f["series"], **dates})
    return _svg(charts.bars(chart, link=link))


@router.get("/charts/network.svg", **SVG, summary="The actor network of the events matching the filters")
def network_chart(kb: KB, request: Request,
                  size: Annotated[int, Query(ge=1, le=200, description="The heaviest edges kept.")] = 40,
                  duplicates: Duplicates = False) -> Response:
    """The other query parameters are the filters of `/api/events`. A node links to the events
    of its actor, an edge to the events from its source to its target."""
    values = _filters(request, "events")
    net = _query(counts.network, kb, size=size, duplicates=duplicates, **values)
    rest = {k: v for k, v in values.items() if k not in ("source", "target", "actor")}
    return _svg(charts.network(net, node_link=lambda name: _hash("events", {**rest, "actor": name}),
                               edge_link=lambda a, b: _hash("events", {**rest, "source": a, "target": b})))


def _filters(request: Request, what: str) -> dict[str, Any]:
    """The list's filters among the query parameters (the others are the route's own)."""
    names = filters.SPECS[what].filters
    return {k: v for k, v in request.query_params.items() if k in names}


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
