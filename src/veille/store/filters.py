"""The values a user gives to a query, checked once for the library, the command line and the API.

Each list (``events``, ``quotes``, ``actors``, ``search``, ``timeline``) declares its filters
(name -> check), the dimensions it can be counted by and its orders. A check returns the value
in its stored form ("consult" -> "CONSULT") or raises ``QueryError(field, message)``; the
command line shows it as a bad ``--field`` (exit status 2), the API as a 422 naming the
query parameter. Vocabularies come from the analysis contract (``veille.records``), the
actor knowledge base (ISO 3166 alpha-3 codes, plus EUR, UNO and NAT) and the CAMEO table.
"""
from __future__ import annotations

import base64
import calendar
import difflib
import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .. import resources
from ..errors import ConfigError, QueryError
from ..records import ENTITY_TYPES, EVENT_TYPES, FACTUALITY, QUOTE_KINDS, SECTORS

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAY_FORMS = "give YYYY, YYYY-MM or YYYY-MM-DD (2019, 2019-10, 2019-10-01)"

# GDELT's quad classes of CAMEO roots: 01-05 verbal cooperation, 06-08 material cooperation,
# 09-13 verbal conflict, 14-20 material conflict. A PLOVER type takes the class of its root.
QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
_QUAD_LAST_ROOT = (5, 8, 13, 20)
COOPERATION = QUADS[:2]


@functools.lru_cache(maxsize=None)
def quad_types() -> dict[str, tuple[str, ...]]:
    """Quad class -> the PLOVER types in it, from the CAMEO root of each type."""
    out: dict[str, list[str]] = {q: [] for q in QUADS}
    for ptype, roots in cameo().items():
        if roots:
            out[quad_of_root(int(roots[0]))].append(ptype)
    return {q: tuple(types) for q, types in out.items()}


@functools.lru_cache(maxsize=None)
def cameo() -> dict[str, tuple[str, ...]]:
    """PLOVER type -> CAMEO root codes: ``what.lexicon.cameo``'s table, read from its resource
    (``resources/common/cameo.toml``) without loading the event stage."""
    data = resources.load("common", "cameo")
    return {t: tuple(data.get("plover_to_cameo", {}).get(t, ())) for t in EVENT_TYPES}


def quad_of_root(root: int) -> str:
    return next(q for q, last in zip(QUADS, _QUAD_LAST_ROOT) if root <= last)


def quad_of(ptype: str) -> str | None:
    return next((q for q, types in quad_types().items() if ptype in types), None)


@functools.lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    """Every country code an actor can carry: ISO 3166 alpha-3, and EUR, UNO, NAT."""
    import pycountry

    from ..who.knowledge import INTERNATIONAL
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(INTERNATIONAL)


# -- checks: each takes the raw text and returns the stored form, or raises ValueError -------
def day(value: str) -> str:
    """A date, a month or a year, as the queries compare them: ``2019``, ``2019-10``, ``2019-10-01``."""
    v = value.strip()
    m = _DAY.match(v)
    if not m:
        raise ValueError(f"{value!r} is not a date: {_DAY_FORMS}")
    year, month, d = m.groups()
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} is not a date: there is no month {month}")
    if d and not 1 <= int(d) <= calendar.monthrange(int(year), int(month))[1]:
        raise ValueError(f"{value!r} is not a date: {year}-{month} has no day {d}")
    return v


def period(value: str) -> tuple[str, str]:
    """The first and last day of a checked date, month or year ("2019-02" -> 2019-02-01, 2019-02-28)."""
    year, month, d = _DAY.match(value).groups()
    if d:
        return value, value
    if month:
        return f"{value}-01", f"{value}-{calendar.monthrange(int(year), int(month))[1]:02d}"
    return f"{value}-01-01", f"{value}-12-31"


def coarser(value: str) -> tuple[str, ...]:
    """The month and year a date falls in, the year of a month: "2019-05-10" -> ("2019-05", "2019")."""
    return tuple(value[:n] for n in (7, 4) if n < len(value))


def _choice(allowed: Iterable[str], what: str, case: Callable[[str], str] = str.upper) -> Callable[[str], str]:
    allowed = tuple(allowed)

    def check(value: str) -> str:
        v = case(value.strip())
        if v in allowed:
            return v
        close = difflib.get_close_matches(v, allowed, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ValueError(f"{value!r} is not {what}{hint}; choose from {', '.join(allowed)}")
    return check


def country(value: str) -> str:
    """An ISO 3166 alpha-3 code (any case), or EUR, UNO, NAT."""
    v = value.strip().upper()
    if v in countries():
        return v
    import pycountry
    try:
        found = pycountry.countries.lookup(value.strip())
    except LookupError:
        found = None
    hint = f" (did you mean {found.alpha_3}?)" if found else ""
    raise ValueError(f"{value!r} is not a country code{hint}; give an ISO 3166 alpha-3 code such as FRA, "
                     "or EUR, UNO, NAT for the EU, the UN and NATO")


def _query_threshold() -> float:
    # A setting of the lists, read from ``resources/common/lists.toml``: a threshold chosen on the
    # tuning sets' precision curve (docs/what.md), not the event model's F1-based
    # ``query_threshold``, and no import of the event stage (which loads spaCy).
    value = resources.load("common", "lists").get("events", {}).get("min_confidence", 0.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ConfigError(f"resource common/lists.toml: events.min_confidence must be a number from 0 to 1, "
                          f"not {value!r}")
    return float(value)


# The confidence an event needs to be listed or counted when the query says nothing: the lowest
# threshold at which at least 70% of the events listed are right by (type, source country, target
# country) on the tuning sets, out of fold (``resources/common/lists.toml``, docs/what.md), so that
# lists favour precision. ``min_confidence=0`` lists every event.
MIN_CONFIDENCE = _query_threshold()


def confidence(value: str) -> str:
    """A confidence from 0 (every event) to 1."""
    try:
        v = float(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a confidence: give a number from 0 (every event) to 1") from None
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"{value!r} is not a confidence: give a number from 0 (every event) to 1")
    return repr(v)


def text(value: str) -> str:
    return value.strip()


_NOTHING = "nothing to search for: give at least one word"


def words(value: str) -> str:
    """Text to search for: at least one word (punctuation alone finds nothing)."""
    if not re.search(r"\w", value):
        raise ValueError(_NOTHING)
    return value.strip()


event_type = _choice(EVENT_TYPES, "a PLOVER event type")
entity_type = _choice(ENTITY_TYPES, "an actor type")
sector = _choice(SECTORS, "a sector")
factuality = _choice(FACTUALITY, "a factuality value", str.lower)
quote_kind = _choice(QUOTE_KINDS, "a quote kind", str.lower)
quad = _choice(QUADS, "a quad class", lambda s: s.lower().replace("_", "-").replace(" ", "-"))


@dataclass(frozen=True)
class Spec:
    """What one list accepts: its filters, what it can be counted by, its orders (default first)."""

    filters: dict[str, Callable[[str], str]]
    dims: tuple[str, ...]
    orders: tuple[str, ...]
    required: dict[str, str] = field(default_factory=dict)  # filter -> what to say when it is missing


_DATES = {"since": day, "until": day}
_TIME_DIMS = ("month", "year", "day")
SPECS = {
    "events": Spec({"source": text, "target": text, "actor": text, "type": event_type, "quad": quad,
                    "factuality": factuality, "sector": sector, "min_confidence": confidence, **_DATES},
                   ("type", "quad", "factuality", "country", "target_country", "sector", "source", "target",
                    *_TIME_DIMS),
                   ("newest", "oldest")),
    "quotes": Spec({"speaker": text, "contains": text, "kind": quote_kind, "country": country, "sector": sector,
                    **_DATES},
                   ("speaker", "kind", "country", "sector", *_TIME_DIMS), ("newest", "oldest")),
    "actors": Spec({"name": text, "type": entity_type, "country": country, "sector": sector},
                   ("type", "country", "sector"), ("mentions",)),
    "search": Spec({"q": words, **_DATES}, _TIME_DIMS, ("relevance", "newest", "oldest"), {"q": _NOTHING}),
    "timeline": Spec({"actor": text, **_DATES}, (), ("newest", "oldest"),
                     {"actor": "say whose timeline: give an actor's name"}),
}
TIME_DIMS = frozenset(_TIME_DIMS)


def check(what: str, values: dict[str, Any]) -> dict[str, str]:
    """The filters of list ``what`` in their stored form; empty values are left out."""
    spec = SPECS[what]
    out = {}
    for name, value in values.items():
        if name not in spec.filters:
            raise QueryError(name, f"{what} cannot be filtered by {name}; filters: {', '.join(spec.filters)}")
        if value is None or str(value).strip() == "":
            continue
        try:
            out[name] = spec.filters[name](str(value))
        except ValueError as exc:
            raise QueryError(name, str(exc)) from None
    for name, message in spec.required.items():
        if name not in out:
            raise QueryError(name, message)
    if "since" in out and "until" in out and out["since"][:len(out["until"])] > out["until"]:
        raise QueryError("since", f"{out['since']} is after until ({out['until']})")
    return out


def order(what: str, value: str | None) -> str:
    orders = SPECS[what].orders
    if value is None or value == "":
        return orders[0]
    v = value.strip().lower()
    if v not in orders:
        raise QueryError("order", f"{value!r} is not an order of {what}; choose from {', '.join(orders)}")
    return v


def dims(what: str, by: Iterable[str]) -> tuple[str, ...]:
    """Dimensions to count ``what`` by ("target-country" is read as "target_country")."""
    allowed = SPECS[what].dims
    out = []
    for d in by:
        v = d.strip().lower().replace("-", "_")
        if v not in allowed:
            raise QueryError("count_by", f"{d!r} is not something {what} can be counted by; choose from "
                                         f"{', '.join(x.replace('_', '-') for x in allowed) or 'nothing'}")
        if v not in out:
            out.append(v)
    if not out:
        raise QueryError("count_by", "say what to count by")
    return tuple(out)


MAX_ROWS = 10 ** 12  # far beyond any base, and within the 64-bit integers both databases take


def offset(value: int | None) -> int:
    if value is None:
        return 0
    if not 0 <= value <= MAX_ROWS:
        raise QueryError("offset", f"{value} is not a row number: give 0 (the first row) to {MAX_ROWS}")
    return value


# The sort key of a row of each list, in its order (which it makes total): what ``after`` takes
# to start a page after that row. "date": a date or None (sorted last); "int"; "num": a number;
# "kind": event or quote (the timeline puts a day's events of an article before its quotes).
KEYS = {"events": ("date", "int", "int"), "quotes": ("date", "int", "int"), "actors": ("int", "int", "int"),
        "timeline": ("date", "int", "kind", "int"), "search": ("date", "int"), "search-relevance": ("num", "int")}


def after(what: str, order: str, value: Any) -> tuple | None:
    """The checked sort key a page starts after (``KEYS``), or None for the first page."""
    if value is None:
        return None
    kinds = KEYS["search-relevance" if what == "search" and order == "relevance" else what]
    bad = QueryError("after", f"not the sort key of a row of {what} in the order {order}: pass the 'after' "
                              "of the previous page")
    if not isinstance(value, (list, tuple)) or len(value) != len(kinds):
        raise bad
    for kind, v in zip(kinds, value):
        if kind == "date":
            ok = v is None or (isinstance(v, str) and len(v) <= 40)
        elif kind == "int":
            ok = isinstance(v, int) and not isinstance(v, bool) and abs(v) <= 2 ** 63 - 1
        elif kind == "num":
            ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        else:
            ok = v in ("event", "quote")
        if not ok:
            raise bad
    return tuple(value)


def cursor(what: str, order: str, after: tuple, at: int) -> str:
    """An opaque token for the page of list ``what`` that starts after the row whose sort key is
    ``after``, ``at`` rows from the start (what the page says it shows: rows at + 1...)."""
    raw = json.dumps({"list": what, "order": order, "after": list(after), "at": at}, separators=(",", ":"),
                     ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def read_cursor(what: str, order: str, token: str | None) -> tuple[tuple | None, int]:
    """The sort key a cursor's page starts after, and the number of rows before it. A cursor of
    an earlier version, which held an offset, still works: (None, the offset)."""
    if not token:
        return None, 0
    bad = QueryError("cursor", "not a cursor this server gave: pass the 'next' value of the previous page")
    try:
        value = json.loads(base64.urlsafe_b64decode(token.encode("ascii") + b"==").decode("utf-8"))
    except (ValueError, TypeError, UnicodeError):
        raise bad from None
    if not isinstance(value, dict):
        raise bad
    if set(value) == {"offset"}:
        off = value["offset"]
        if isinstance(off, int) and not isinstance(off, bool) and 0 <= off <= MAX_ROWS:
            return None, off
        raise bad
    at = value.get("at")
    if not (isinstance(at, int) and not isinstance(at, bool) and 0 <= at <= MAX_ROWS) or "after" not in value:
        raise bad
    if value.get("list") != what or value.get("order") != order:
        raise QueryError("cursor", f"a cursor of the {value.get('list')} list in the order {value.get('order')}, "
                                   f"not of {what} in the order {order}: start again from the first page")
    try:
        return after(what, order, value["after"]), at
    except QueryError:
        raise bad from None


def limit(value: int) -> int:
    if not 1 <= value <= MAX_ROWS:
        raise QueryError("limit", f"{value} is not a number of rows: give 1 to {MAX_ROWS}")
    return value
