"""Counting a list instead of reading it: facets, counts over time, the actor network.

Every function takes the filters of its list (``veille.store.filters``) and counts over the
same selection as the list's rows (``queries.selection``), so a count and the rows it leads to
always agree. Each count is one GROUP BY query run by the database; Python only merges the
grouped rows (quad classes, bars of a chart). The cost grows with the rows that match.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

from ..errors import QueryError
from ..records import EVENT_TYPES
from . import filters, queries
from .db import Store


def _month(col: str) -> str:
    return f"CASE WHEN LENGTH({col}) >= 7 THEN SUBSTR({col}, 1, 7) END"


def _day(col: str) -> str:
    return f"CASE WHEN LENGTH({col}) >= 10 THEN SUBSTR({col}, 1, 10) END"


def _times(col: str) -> dict[str, str]:
    return {"month": _month(col), "year": f"SUBSTR({col}, 1, 4)", "day": _day(col)}


# The SQL of each dimension a list can be counted by. ``quad`` is counted by type, then merged.
DIMS = {
    "events": {"type": "e.type", "quad": "e.type", "factuality": "e.factuality",
               "country": "COALESCE(e.source_country, sa.country)",
               "target_country": "COALESCE(e.target_country, ta.country)",
               "sector": "COALESCE(e.source_sector, sa.sector)",
               "source": "COALESCE(sa.name, e.source_name)", "target": "COALESCE(ta.name, e.target_name)",
               **_times("e.day")},
    "quotes": {"speaker": "COALESCE(ac.name, q.speaker_name)", "kind": "q.kind", "country": "ac.country",
               "sector": "ac.sector", **_times("a.published")},
    "actors": {"type": "ac.type", "country": "ac.country", "sector": "ac.sector"},
    "search": _times("a.published"),
}
# The facets shown beside each list on the web page, in this order.
FACETS = {
    "events": ("type", "quad", "factuality", "country", "target_country", "sector", "month"),
    "quotes": ("speaker", "kind", "country", "sector", "month"),
    "actors": ("type", "country", "sector"),
    "search": ("month",),
}


def counts(store: Store, what: str, by: Iterable[str], *, limit: int | None = None, order: str | None = None,
           largest: bool = False, duplicates: bool = False, **values: Any) -> list[dict[str, Any]]:
    """Rows ``{dim: value, ..., "count": n}`` of list ``what`` grouped by ``by`` (one or more
    dimensions). The largest counts come first, unless the first of ``by`` is a time dimension
    and not ``largest``: then by date (newest first, or oldest with ``order="oldest"``)."""
    by = filters.dims(what, by)
    order = filters.order(what, order) if what != "actors" else "newest"
    limit = filters.limit(limit) if limit is not None else None
    known = queries.precounted(store, _key(what, by, limit, order, largest), values, duplicates)
    if known is not None:
        filters.check(what, values)
        return known
    (sel,) = queries.selection(store, what, values, duplicates)
    exprs = [DIMS[what][d] for d in by]
    cols = ", ".join(f"{e} AS d{i}" for i, e in enumerate(exprs))
    groups = ", ".join(str(i + 1) for i in range(len(exprs)))
    sql, params = f"SELECT {cols}, COUNT(*) AS n {sel.sql(needs=cols)} GROUP BY {groups}", list(sel.params)
    if limit and "quad" not in by and (largest or by[0] not in filters.TIME_DIMS):
        # The database keeps only the largest groups (a corpus has tens of thousands of names).
        sql += " ORDER BY n DESC, " + ", ".join(f"{i + 1} NULLS LAST" for i in range(len(by))) + " LIMIT ?"
        params.append(limit)
    return _ordered(by, store.rows(sql, params), limit=limit, order=order, largest=largest)


def _ordered(by: list[str], rows: list[dict[str, Any]], *, limit: int | None, order: str,
             largest: bool) -> list[dict[str, Any]]:
    """The grouped rows (``d0``, ``d1``..., ``n``) of ``counts`` merged (quad classes) and ordered."""
    merged: dict[tuple, int] = {}
    for r in rows:
        key = tuple(filters.quad_of(r[f"d{i}"]) if d == "quad" else r[f"d{i}"] for i, d in enumerate(by))
        merged[key] = merged.get(key, 0) + int(r["n"])
    ordered = sorted(merged.items(), key=lambda kv: (-kv[1], tuple((v is None, str(v or "")) for v in kv[0])))
    if by[0] in filters.TIME_DIMS and not largest:  # by date first (stable: the counts order within a date)
        dated = sorted((kv for kv in ordered if kv[0][0] is not None), key=lambda kv: kv[0][0],
                       reverse=order == "newest")
        ordered = dated + [kv for kv in ordered if kv[0][0] is None]
    out = [{**dict(zip(by, key)), "count": n} for key, n in ordered]
    return out[:limit] if limit else out


def _key(what: str, by: Iterable[str], limit: int | None, order: str, largest: bool) -> list[Any]:
    return ["counts", what, list(by), limit, order, bool(largest)]


# The unfiltered counts precomputed after each writing run: the facets beside each list (as
# the web page and /api/facets ask for them), and each dimension's counts as the API's
# count_by gives them (a page of the list's default size) and as the library and the command
# line give them (every value).
PRECOUNT_SIZE = 10
PRECOUNT_LIMITS = {"events": (100, None), "quotes": (50, None), "actors": (30, None)}
# The facets of the events of each common source or target country (PRECOUNT_SHARE of the
# events or more), as the page asks for them (every facet, PRECOUNT_SIZE values): counting them
# reads a large share of the events, with their actors. (filter, the dimension of its values)
PRECOUNT_FILTERED = {"events": (("source", "country"), ("target", "target_country"))}
PRECOUNT_SHARE = 0.02


def _facets_key(what: str, name: str, value: Any) -> list[Any]:
    return ["facets", what, {name: value}, PRECOUNT_SIZE]


def _precounts() -> list[tuple[str, tuple[str, ...], int, str, bool]]:
    out = []
    for what, dims in FACETS.items():
        if what == "search":  # a search has words: no unfiltered count
            continue
        for d in dims:
            out.append((what, (d,), PRECOUNT_SIZE, "newest", True))
            out.extend((what, (d,), limit, "newest", False) for limit in PRECOUNT_LIMITS[what])
    return out


def precount(store: Store) -> int:
    """Compute the unfiltered facet counts and totals of the base as it is now, for its current
    generation (``db.advance``); returns how many. Run after every writing run (``veille
    ingest``, ``veille reindex``); ``veille reindex --counts`` runs it alone (a repair: an
    out-of-date precount is never used, queries count instead)."""
    from .db import _set_meta, advance
    n = 0
    # The planner's statistics first (a sample of each index: a tenth of a second on SQLite at
    # 50,000 articles): with them it reads a page of a common event type in date order rather
    # than sorting every event of that type.
    store.execute("PRAGMA analysis_limit=400" if store.dialect == "sqlite" else "SET statement_timeout = 0")
    store.execute("ANALYZE")
    with store.transaction():
        advance(store)
        generation = store.value("SELECT value FROM meta WHERE key = 'generation'")
        _set_meta(store, "precount_min_confidence", filters.MIN_CONFIDENCE)  # what the events' counts used
        store.execute("DELETE FROM precounts")
        rows = []
        for what in FACETS:
            if what != "search":
                rows.append((["total", what], queries.total(store, what)))
        for what, by, limit, order, largest in _precounts():
            rows.append((_key(what, by, limit, order, largest),
                         counts(store, what, by, limit=limit, order=order, largest=largest)))
        made = {json.dumps(k): v for k, v in rows}
        for what, pairs in PRECOUNT_FILTERED.items():
            least = PRECOUNT_SHARE * made[json.dumps(["total", what])]
            for name, dim in pairs:
                for r in made[json.dumps(_key(what, (dim,), None, "newest", False))]:
                    if r[dim] is not None and r["count"] >= least:
                        rows.append((_facets_key(what, name, r[dim]),
                                     facets(store, what, size=PRECOUNT_SIZE, **{name: r[dim]})))
        store.executemany("INSERT INTO precounts(key, generation, value) VALUES (?, ?, ?)",
                          [(json.dumps(k, separators=(",", ":")), generation,
                            json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in rows])
        n = len(rows)
    return n


def facets(store: Store, what: str, dims: Iterable[str] | None = None, *, size: int = 10,
           duplicates: bool = False, **values: Any) -> dict[str, Any]:
    """The total of list ``what`` and, for each dimension, its ``size`` largest values with their
    counts, largest first, like Datasette's facets."""
    given = {k: v for k, v in values.items() if v is not None and str(v).strip() != ""}
    if dims is None and size == PRECOUNT_SIZE and len(given) == 1:  # a common country's, precounted?
        (name,) = given
        value = filters.check(what, values)[name]
        known = queries.precounted(store, _facets_key(what, name, value), {}, duplicates)
        if known is not None:
            return known
    dims = filters.dims(what, dims or FACETS[what])
    if store.dialect == "postgresql" and len(dims) > 1 and \
            queries.precounted(store, ["total", what], values, duplicates) is None:
        return _facets_grouped(store, what, dims, size, duplicates, values)
    if store.dialect == "sqlite" and len(dims) > 1 and queries.precounted(store, ["total", what], values, duplicates) is None:
        total, at_once = _facets_at_once(store, what, dims, size, duplicates, values)
        return {"total": total, "facets": at_once}
    out = {"total": queries.total(store, what, duplicates=duplicates, **values), "facets": {}}
    for d in dims:
        rows = counts(store, what, [d], limit=size, largest=True, duplicates=duplicates, **values)
        out["facets"][d] = [{"value": r[d], "count": r["count"]} for r in rows]
    return out


def _facets_grouped(store: Store, what: str, dims: list[str], size: int, duplicates: bool,
                    values: dict[str, Any]) -> dict[str, Any]:
    """The total and the facets of a filtered list from one reading of its rows (PostgreSQL:
    ``GROUPING SETS``, one set per dimension and the empty set for the total), what ``total`` and
    ``counts`` give for each dimension: each set cut by the database at the same rank as ``counts``
    cuts it (its order: count, then value in the database's collation), then merged and ordered by
    ``counts``' own code."""
    (sel,) = queries.selection(store, what, values, duplicates)
    exprs = [DIMS[what][d] for d in dims]
    cols = ", ".join(f"{e} AS d{i}" for i, e in enumerate(exprs))
    names = [f"d{i}" for i in range(len(dims))]
    full = (1 << len(dims)) - 1
    gid = {i: full ^ (1 << (len(dims) - 1 - i)) for i in range(len(dims))}  # GROUPING(): 1 = not grouped
    value = "CASE g " + " ".join(f"WHEN {gid[i]} THEN d{i}" for i in range(len(dims))) + " END"
    uncut = [gid[i] for i, d in enumerate(dims) if d == "quad"] + [full]  # quad: merged from every type
    rows = store.rows(
        f"SELECT * FROM (SELECT t.*, ROW_NUMBER() OVER (PARTITION BY g ORDER BY n DESC, {value} NULLS LAST) AS rk "
        f"FROM (SELECT GROUPING({', '.join(names)}) AS g, {', '.join(names)}, COUNT(*) AS n "
        f"FROM (SELECT {cols} {sel.sql(needs=cols)}) r "
        f"GROUP BY GROUPING SETS ({', '.join(f'({c})' for c in names)}, ())) t) x "
        f"WHERE rk <= ? OR g IN ({', '.join(str(g) for g in uncut)})", (*sel.params, size))
    total = sum(int(r["n"]) for r in rows if r["g"] == full)
    out: dict[str, Any] = {"total": total, "facets": {}}
    for i, d in enumerate(dims):
        mine = [{"d0": r[f"d{i}"], "n": r["n"]} for r in rows if r["g"] == gid[i]]
        ordered = _ordered([d], mine, limit=size, order="newest", largest=True)
        out["facets"][d] = [{"value": r[d], "count": r["count"]} for r in ordered]
    return out


def _facets_at_once(store: Store, what: str, dims: list[str], size: int, duplicates: bool,
                    values: dict[str, Any]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The total and the facets of a filtered list from one reading of its rows (one GROUP BY over
    every dimension, each then summed apart; the total is the sum of the groups) rather than one
    count and one reading per dimension: what ``total`` and ``counts`` give for each, largest first
    and ties by value. SQLite only: it orders text as Python does, so the values kept at the cut are
    the same. A condition of alternatives (a country's code, its actors, its name) is read
    alternative by alternative, each without the rows of those before it (``Selection.disjoint``),
    so that each is read through its own index: as one condition, SQLite read the events with no
    country of their own through an index without their actor, each looked up in its row (16,666
    at 200,000 articles, for any country)."""
    (sel,) = queries.selection(store, what, values, duplicates)
    exprs = [DIMS[what][d] for d in dims]
    cols = ", ".join(f"{e} AS d{i}" for i, e in enumerate(exprs))
    groups = ", ".join(str(i + 1) for i in range(len(exprs)))
    tallies: list[dict[Any, int]] = [{} for _ in dims]
    total = 0
    for part in sel.disjoint():
        for r in store.rows(f"SELECT {cols}, COUNT(*) AS n {part.sql(needs=cols)} GROUP BY {groups}", part.params):
            total += int(r["n"])
            for i, d in enumerate(dims):
                v = filters.quad_of(r[f"d{i}"]) if d == "quad" else r[f"d{i}"]
                tallies[i][v] = tallies[i].get(v, 0) + int(r["n"])
    out = {}
    for d, tally in zip(dims, tallies):
        ordered = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0] is None, str(kv[0] or "")))
        out[d] = [{"value": v, "count": n} for v, n in ordered[:size]]
    return total, out


# -- over time -----------------------------------------------------------------------------------
UNITS = ("day", "week", "month", "year")


def over_time(store: Store, what: str, stack: str | None = None, *, buckets: int = 60,
              duplicates: bool = False, **values: Any) -> dict[str, Any]:
    """Counts of list ``what`` (``events`` or ``quotes``) over time, stacked by ``stack`` (a
    dimension such as ``quad`` or ``type``), in the finest unit (day, week, month, year) that
    gives at most ``buckets`` bars. Dates far from the rest (``_core``) and dates too coarse
    for the unit (a month alone in a chart by weeks) are counted in ``left_out``."""
    if what not in ("events", "quotes"):
        raise QueryError("what", f"{what} cannot be counted over time; events and quotes can")
    return bucket(_dated_counts(store, what, stack, what, duplicates, values), buckets=buckets)


def timeline_over_time(store: Store, actor: str, *, buckets: int = 60, duplicates: bool = False,
                       **values: Any) -> dict[str, Any]:
    """One actor's events (as source or target) by quad class, and quotes, over time."""
    f = filters.check("timeline", {"actor": actor, **values})
    dates = {"since": f.get("since"), "until": f.get("until")}
    rows = (_dated_counts(store, "events", "quad", None, duplicates, {"actor": f["actor"], **dates})
            + _dated_counts(store, "quotes", None, "quote", duplicates, {"speaker": f["actor"], **dates}))
    return bucket(rows, buckets=buckets)


Dated = tuple[str | None, str | None, str | None, str, int]  # day, month, year, series, count


def _dated_counts(store: Store, what: str, stack: str | None, label: str | None, duplicates: bool,
                  values: dict[str, Any]) -> list[Dated]:
    by = ["day", "month", "year", *([stack] if stack else [])]
    return [(r["day"], r["month"], r["year"], r[stack] if stack else label, r["count"])
            for r in counts(store, what, by, duplicates=duplicates, **values)]


def bucket(rows: list[Dated], *, buckets: int = 60) -> dict[str, Any]:
    """Dated counts gathered into bars of one unit; see ``over_time``."""
    total = sum(r[4] for r in rows)
    series = sorted({r[3] for r in rows}, key=_series_order)
    per_day: dict[str, int] = {}
    for day, _, _, _, n in rows:
        if day:
            per_day[day] = per_day.get(day, 0) + n
    coarse = sorted(r[1] or r[2] for r in rows if r[2])
    if not per_day and not coarse:
        return {"unit": None, "series": series, "buckets": [], "left_out": total, "total": total}
    if per_day:
        first, last = _core(per_day)
    else:
        first, last = (_first_day(coarse[0]), _first_day(coarse[-1]))
    unit = next(u for u in UNITS if u == "year" or _count_buckets(first, last, u) <= buckets)
    lo, hi = _start(first, unit), _start(last, unit)
    bars: dict[str, dict[str, int]] = {}
    for day, month, year, s, n in rows:
        start = (_start(day, unit) if day else month if month and unit == "month"
                 else year if year and unit == "year" else None)
        if start is not None and lo <= start <= hi:
            bars.setdefault(start, {}).setdefault(s, 0)
            bars[start][s] += n
    out = []
    for start in _all_starts(lo, hi, unit):
        since, until = _range(start, unit)
        out.append({"start": since, "end": until, "counts": {s: bars.get(start, {}).get(s, 0) for s in series}})
    shown = sum(sum(b.values()) for b in bars.values())
    return {"unit": unit, "series": series, "buckets": out, "left_out": total - shown, "total": total}


def _first_day(known: str) -> str:
    return known + "-01-01"[len(known) - 4:]


def _series_order(s: str) -> tuple:
    order = (*filters.QUADS, *EVENT_TYPES)
    return (order.index(s) if s in order else len(order), s)


def _core(per_day: dict[str, int]) -> tuple[str, str]:
    """The first and last day within Tukey's far-out fences: three interquartile ranges (at least
    30 days) beyond the quartiles of the dates, counts weighing. A story recalling 1945 or
    announcing a plan for 2040 stays out of a chart of last spring."""
    days = sorted(per_day)
    total = sum(per_day.values())

    def quantile(p: float) -> dt.date:
        seen = 0
        for d in days:
            seen += per_day[d]
            if seen >= p * total:
                return _date(d)
        return _date(days[-1])

    q1, q3 = quantile(0.25), quantile(0.75)
    reach = dt.timedelta(days=3 * max((q3 - q1).days, 30))
    inside = [d for d in days if q1 - reach <= _date(d) <= q3 + reach]
    return inside[0], inside[-1]


def _date(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def _start(day: str, unit: str) -> str:
    if unit == "day":
        return day
    if unit == "week":
        d = _date(day)
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return day[:7] if unit == "month" else day[:4]


def _all_starts(lo: str, hi: str, unit: str) -> list[str]:
    out, cur = [], lo
    while cur <= hi:
        out.append(cur)
        cur = _next(cur, unit)
    return out


def _next(start: str, unit: str) -> str:
    if unit in ("day", "week"):
        return (_date(start) + dt.timedelta(days=1 if unit == "day" else 7)).isoformat()
    if unit == "month":
        y, m = int(start[:4]), int(start[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    return f"{int(start) + 1:04d}"


def _range(start: str, unit: str) -> tuple[str, str]:
    """The ``since`` and ``until`` filters that select one bar."""
    if unit == "week":
        return start, (_date(start) + dt.timedelta(days=6)).isoformat()
    return start, start


def _count_buckets(first: str, last: str, unit: str) -> int:
    a, b = _date(first), _date(last)
    if unit == "day":
        return (b - a).days + 1
    if unit == "week":
        return ((b - dt.timedelta(days=b.weekday())) - (a - dt.timedelta(days=a.weekday()))).days // 7 + 1
    if unit == "month":
        return (b.year - a.year) * 12 + b.month - a.month + 1
    return b.year - a.year + 1


# -- the actor network -------------------------------------------------------------------------
def network(store: Store, *, size: int = 40, duplicates: bool = False, **values: Any) -> dict[str, Any]:
    """The actors of the events matching ``values`` as nodes and their events as directed
    edges (source -> target), the ``size`` heaviest edges, each with its count split into
    cooperation and conflict (the quad classes of the event types). Events without a target,
    and an actor acting on itself, draw no edge."""
    if not 1 <= size <= 10_000:
        raise QueryError("size", f"{size} is not a number of edges: give 1 to 10000")
    (sel,) = queries.selection(store, "events", values, duplicates)
    coop = [t for q in filters.COOPERATION for t in filters.quad_types()[q]]
    src, tgt = DIMS["events"]["source"], DIMS["events"]["target"]
    rows = store.rows(
        f"SELECT {src} AS source, {tgt} AS target, MAX({DIMS['events']['country']}) AS source_country, "
        f"MAX({DIMS['events']['target_country']}) AS target_country, COUNT(*) AS n, "
        f"SUM(CASE WHEN e.type IN ({', '.join('?' * len(coop))}) THEN 1 ELSE 0 END) AS cooperation "
        f"{sel.sql(needs=src + tgt + DIMS['events']['country'] + DIMS['events']['target_country'])} AND {tgt} IS NOT NULL AND {src} IS NOT NULL AND {src} <> {tgt} "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?", (*coop, *sel.params, size))
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for r in rows:
        n, c = int(r["n"]), int(r["cooperation"])
        edges.append({"source": r["source"], "target": r["target"], "count": n, "cooperation": c,
                      "conflict": n - c})
        for side in ("source", "target"):
            node = nodes.setdefault(r[side], {"name": r[side], "country": r[f"{side}_country"], "count": 0})
            node["count"] += n
    ordered = sorted(nodes.values(), key=lambda x: (-x["count"], x["name"]))
    return {"nodes": ordered, "edges": edges}
