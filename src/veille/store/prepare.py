"""The part of storing an analysis that needs no database, done before the writer sees it.

An article's content hash, its MinHash signature, its stored form (``queries.pack``) and its
annotation rows depend on the analysis alone. ``prepare`` computes them into a ``Prepared``
record, which the writer (``ingest.Writer``) stores exactly as it stores the analysis it came
from. For analyses read from files (``ingest --analyses``) the reading, the JSON parsing and
the preparing run in the ingest process or, with ``workers`` > 1, in worker processes beside
it (``prepared_lines``), in the order of the input, while the one writer looks up, settles the
actors and writes (docs/scale.md, the ingest rate).

A ``Prepared`` is a named tuple of plain values: sent back from a worker it costs a tenth of
what an ``Analysis`` (nested frozen dataclasses) costs to unpickle.
"""
from __future__ import annotations

import json
import logging
import re
from typing import Iterable, Iterator, NamedTuple

from ..read.fields import printable
from ..records import Analysis, Source
from ..workers import Ready, in_order
from . import neardup
from .queries import pack
from .text import name_key, sha256

log = logging.getLogger(__name__)

# Lines sent to a worker at once: enough to make the round trip cheap, few enough to keep the
# writer fed from the start.
LINES_PER_TASK = 64
# Lines prepared ahead of the writer: more than a batch (``ingest.ANALYSES_BATCH``), so that the
# workers go on while the writer settles a batch's actors and writes its rows.
AHEAD = 1024


class Prepared(NamedTuple):
    """An analysis ready to be written: the fields its article row takes, and what the writer
    would compute from the analysis (the rows are without their article id, drawn by the
    writer; ``quotes`` are the (ord, content) of its quotes' full-text entries)."""

    id: str
    source: Source
    text: str
    language: str
    title: str | None
    published: str | None
    schema: int
    content_hash: str
    minhash: bytes
    packed: bytes
    rows: dict[str, list[tuple]]
    quotes: list[tuple[int, str]]
    # the form of each entity row, as (type, name key, kb id) or None, and the (form, field,
    # value) -> count its entities give (``entity_forms``)
    forms: list[tuple | None]
    values: list[tuple]
    # the LSH band keys of the signature in the layout of the default threshold, with that
    # layout: ((bands, rows), [(band, key)]); a base of another layout computes its own
    bands: tuple[tuple[int, int], list[tuple[int, int]]]

    def to_dict(self) -> dict:
        """The analysis's contract JSON (its stored form with its text)."""
        from .queries import rebuild
        return rebuild(self.packed, self.text)


def prepare(a: Analysis | Prepared, content_hash: str | None = None) -> Prepared:
    """What storing ``a`` computes without a database (``content_hash``: when already known)."""
    if isinstance(a, Prepared):
        return a
    chash = content_hash or sha256(a.text)
    sig = neardup.signature(a.text)
    d = a.to_dict()
    d["text"] = None  # the text has its own column; keeping the slot keeps the key order
    rows, quotes = annotation_rows(a)
    forms, values = entity_forms(a)
    layout = neardup.bands(neardup.DEFAULT_THRESHOLD)
    return Prepared(a.id, a.source, a.text, a.language, a.title, a.published, a.schema, chash, neardup.to_bytes(sig),
                    pack(d), rows, quotes, forms, values, (layout, neardup.band_keys(sig, *layout)))


def band_keys(p: Prepared, sig, layout: tuple[int, int]) -> list[tuple[int, int]]:
    """The band keys of ``p``'s signature ``sig`` in the base's ``layout``: those prepared with it
    when the layouts are the same."""
    made, keys = p.bands
    return keys if tuple(made) == tuple(layout) else neardup.band_keys(sig, *layout)


def entity_forms(a: Analysis) -> tuple[list[tuple | None], list[tuple]]:
    """What settling the actors computes from each entity alone (``actors.entity_form``, and the
    values it gives its form: ``actors.entity_values``): the form of each entity, in the order of
    its rows, as (type, name key, kb id) or None; and ((type, name key, kb id), field, value, n)
    for the article's entities, in the order they first give them."""
    forms: list[tuple | None] = []
    values: dict[tuple, int] = {}
    for e in a.entities:
        t, given = _entity_form_keys(e.name, e.type, e.kb_id, e.country, e.sector)
        forms.append(t)
        for k in given:
            values[k] = values.get(k, 0) + 1
    return forms, [(*k, n) for k, n in values.items()]


def _entity_form_keys(name, type, kb_id, country, sector) -> tuple[tuple | None, list[tuple]]:
    """An entity's form as (type, name key, kb id), or None, and the (form, field, value) keys
    it gives its form (none without a form)."""
    from .actors import entity_form, entity_values
    f = entity_form(name, type, kb_id, country)
    if f is None:
        return None, []
    t = (f.type, f.name_key, f.kb_id)
    return t, [(t, field, value) for field, value in entity_values(name, type, country, sector)]


_KNOWN_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def event_day(date: str | None, published: str | None) -> str | None:
    """The date an event is filed under: the known part of its own TIMEX3 value ("2018",
    "2018-04", "2018-04-03"), else the article's date. A partial date sorts at the start of
    its period, so ``--until 2018-06-30`` includes "2018" and ``--since 2018-03-01`` does not."""
    m = _KNOWN_DATE.match(date or "")
    if m:
        return m.group(0)
    m = _KNOWN_DATE.match(published or "")
    return m.group(0) if m else None


def _last(key: str) -> str | None:
    return key.split()[-1] if key else None


def annotation_rows(a: Analysis) -> tuple[dict[str, list[tuple]], list[tuple[int, str]]]:
    """The rows of an analysis's annotation tables without their article id (the columns of
    ``ingest.COLUMNS`` after the first), and the (ord, content) of its quotes."""
    published = a.published
    rows: dict[str, list[tuple]] = {}
    rows["entities"] = [(e.id, e.name, e.type, e.country, e.sector, e.role, e.kb_id, len(e.mentions))
                        for e in a.entities]
    rows["mentions"] = [(e.id, m.start, m.end, m.text, m.kind, m.confidence) for e in a.entities for m in e.mentions]
    quotes = []
    for i, q in enumerate(a.quotes):
        sp, cue = q.speaker, q.cue
        key = name_key(sp.name) if sp else None
        quotes.append((
            i, q.kind, q.content.start, q.content.end, q.content.text,
            sp.name if sp else None, key, _last(key) if sp else None, sp.entity if sp else None,
            sp.mention.start if sp and sp.mention else None, sp.mention.end if sp and sp.mention else None,
            sp.mention.text if sp and sp.mention else None,
            cue.start if cue else None, cue.end if cue else None, cue.text if cue else None, published))
    rows["quotes"] = quotes
    rows["times"] = [(i, t.start, t.end, t.text, t.type, t.value) for i, t in enumerate(a.times)]
    events = []
    for i, ev in enumerate(a.events):
        sides = []
        for actor in (ev.source, ev.target):
            sides.extend([None] * 5 if actor is None else
                         [actor.name, name_key(actor.name), actor.country, actor.sector, actor.entity])
        tr = ev.trigger
        events.append((i, ev.type, ev.mode, ev.factuality, event_day(ev.date, published),
                       ev.date, ev.location, *sides, tr.start if tr else None, tr.end if tr else None,
                       tr.text if tr else None, ev.evidence.start, ev.evidence.end, ev.evidence.text,
                       ev.confidence))
    rows["events"] = events
    rows["removed"] = [(i, x.text, x.reason) for i, x in enumerate(a.removed)]
    return rows, [(i, q.content.text) for i, q in enumerate(a.quotes)]


def from_line(at: str, line: bytes) -> tuple[object, str | None]:
    """(Prepared, input hash) of one line of contract JSON; (Failure, None) when it is not an
    analysis; (Analysis, input hash) when it is one that cannot be prepared (the writer then
    refuses it with its reason, as it refuses any analysis it cannot store)."""
    from ..pipeline import Failure
    from .lines import prepared
    try:
        d = json.loads(line)
        ihash = sha256(line.strip().decode("utf-8", "replace"))
    except Exception as exc:  # any JSON at all may come in: whatever breaks, say where
        return Failure(at, printable(f"{at}: not an analysis: {type(exc).__name__}: {exc}")), None
    try:
        return prepared(d), ihash  # without building the records (``store/lines.py``)
    except Exception:  # noqa: BLE001 - the records' path below fails, or refuses, with its reason
        pass
    try:
        a = Analysis.from_dict(d)
    except Exception as exc:  # noqa: BLE001
        return Failure(at, printable(f"{at}: not an analysis: {type(exc).__name__}: {exc}")), None
    try:
        return prepare(a), ihash
    except Exception:  # noqa: BLE001 - stored (or refused) by the writer as it comes
        return a, ihash


def _from_lines(task: list[tuple[str, bytes]]) -> list[tuple[object, str | None]]:
    return [from_line(at, line) for at, line in task]


def prepared_lines(items: Iterable[object], workers: int = 1) -> Iterator[tuple[object, str | None]]:
    """(Prepared or Failure, input hash) for each item of ``items``, in order: an item is a
    (place, line) pair, prepared by ``from_line``, or a Failure, passed through. ``workers`` > 1:
    the lines prepared by ``workers - 1`` worker processes, while this process (the writer)
    consumes the results; 1: here."""
    if workers <= 1:
        for item in items:
            yield (from_line(*item) if isinstance(item, tuple) else (item, None))
        return

    def tasks() -> Iterator[object]:
        """Tasks of ``LINES_PER_TASK`` lines, and each failure in its place."""
        task: list[tuple[str, bytes]] = []
        for item in items:
            if isinstance(item, tuple):
                task.append(item)
                if len(task) == LINES_PER_TASK:
                    yield task
                    task = []
            else:
                if task:
                    yield task
                    task = []
                yield Ready([(item, None)])
        if task:
            yield task
    # the oldest task is taken back once the workers have enough queued
    for results in in_order(_from_lines, tasks(), workers - 1, max(2 * (workers - 1), AHEAD // LINES_PER_TASK)):
        yield from results
