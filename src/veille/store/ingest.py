"""Ingestion: a stream of articles in, analysed once, stored once, in committed batches.

    read_paths -> skip inputs already stored -> analyze_many -> write_batch (one transaction)

Idempotence has two keys. The *input hash* (SHA-256 of the text or HTML as read) lets a
re-run skip an article before analysing it, so resuming after a crash costs nothing for
what was committed. The *content hash* (SHA-256 of the cleaned text) makes the same article
reached through another input (same text under another URL, an HTML page and its scraped
text) one row. A batch is written in one transaction: a process killed mid-batch loses that
batch only, and the next run analyses it again.

Failures are isolated by record: an article the database refuses (or that breaks the writer)
is undone alone, recorded in ``failures`` with its reason, and the rest of its batch is
committed; its failure row goes once the input is stored. A batch that loses to a concurrent
writer (a deadlock) is run again whole.
"""
from __future__ import annotations

import logging
import random
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..errors import InputError, StoreConflict, StoreError
from ..options import Options
from ..read.fields import printable
from ..records import Analysis, RawArticle
from . import actors, neardup
from .db import Store, advance
from .prepare import Prepared, band_keys, event_day, prepare  # noqa: F401 - event_day: also read from here
from .queries import pack, rebuild
from .text import fold, sha256

log = logging.getLogger(__name__)

DEFAULT_BATCH = 64
# Analyses made elsewhere (``ingest --analyses``) cost nothing to read again: larger batches, each
# settling its actors once, cost less per article (docs/scale.md).
ANALYSES_BATCH = 500
# Processes of ``ingest --analyses`` at most by default: the writer, and one worker reading and
# preparing the analyses (a third of an article's cost) beside it; more wait on the writer.
ANALYSES_WORKERS = 2
# SQLite's page cache while a run writes, in KiB (SQLite's default is 2 MiB): the pages of the
# tables' indexes a batch inserts into stay in memory between batches rather than being read
# again from the file (docs/scale.md, the ingest rate). Set for the run only, on its connection.
SQLITE_CACHE_KIB = 64 * 1024
MAX_REPORTED = 1000  # failures kept in the report (all are in the failures table)
RETRIES = 5          # runs of a batch that loses to a concurrent writer
MAX_ANALYSIS_LINE = 64 * 1024 * 1024  # one line of --analyses input (an analysis is larger than its text)


@dataclass
class IngestReport:
    """What an ingest run did; ``seen`` counts inputs read (articles and failures)."""

    seen: int = 0
    stored: int = 0
    skipped: int = 0            # inputs already in the knowledge base (or twice in this run)
    same_content: int = 0       # new inputs whose cleaned text was already stored
    near_duplicates: int = 0    # stored, and linked to an earlier copy
    failed: int = 0
    seconds: float = 0.0
    total: int | None = None    # inputs expected, when cheap to know
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.seen / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {"seen": self.seen, "stored": self.stored, "skipped": self.skipped,
                "same_content": self.same_content, "near_duplicates": self.near_duplicates,
                "failed": self.failed, "seconds": round(self.seconds, 2),
                "articles_per_second": round(self.rate, 2)}


def input_hash(raw: RawArticle) -> str:
    return sha256(raw.text if raw.text is not None else raw.html or "")


class Writer:
    """Writes analyses into a store; call inside ``store.transaction()``."""

    def __init__(self, store: Store, dup_threshold: float = neardup.DEFAULT_THRESHOLD, *, deferred: bool = False,
                 bulk: bool = False):
        self.store = store
        self.dup_threshold = dup_threshold
        self._layout: tuple[int, int] | None = None
        # Deferred: the actors of the articles written are settled once for a whole batch
        # (``settle``), which gives the same actors and counts as settling each article (actors
        # depend only on which entities the base holds) at a fraction of the queries.
        # Bulk (with deferred): the annotation rows of the articles written, and their full-text
        # entries, are held until ``settle``, which writes them with one multi-row insert per
        # table (``COPY`` on PostgreSQL): the same rows, in the same order, as writing them
        # article by article.
        self.deferred = deferred
        self.bulk = bulk
        self._unsettled: list[int] = []
        self._flipped: set[int] = set()
        self._pending = Pending()
        self._failures: bool | None = None  # whether the base holds failures (None: not looked yet)
        # Held articles (a prepared batch on PostgreSQL written without an undo point per article):
        # the articles' own rows are held too, their ids drawn ahead from the table's sequence, and
        # written with ``COPY`` before anything reads them (``_write_articles``).
        self.hold = False
        # The actors' values and shown fields kept across batches while no one else writes
        # (``actors.Shown``), so that each batch reads only the actors it does not hold.
        self.shown = actors.Shown()
        self._forget()

    def _forget(self) -> None:
        # What ``prepare`` looked up for a batch: None when no batch is prepared.
        self._prepared: dict[int, tuple[str, object, list[tuple[int, int]]]] | None = None
        self._maybe_inputs: set[str] = set()     # input hashes that may be stored (a superset)
        self._maybe_content: set[str] = set()    # content hashes that may be stored (a superset)
        self._hits: dict[tuple[int, int], set[int]] = {}  # (band, key) -> articles stored with it
        self._hit_log: list[tuple[tuple[int, int], int]] = []  # what this batch added to _hits, in order
        self._inputs: list[tuple[str, int]] = []  # (input hash, article) linked by this batch, held
        self._linked: set[str] = set()  # their hashes
        self._articles: list[tuple] = []  # held article rows (``ARTICLE_COLUMNS``), then their folded texts
        self._held_hashes: set[str] = set()  # their content hashes
        self._next_id: int | None = None  # the id of the next held article (None: none drawn yet)

    def begin(self) -> None:
        """At the start of each transaction: what another writer may have changed since is looked
        up again."""
        self._failures = None
        self._forget()
        if self.bulk:
            self.shown.valid(self.store.value("SELECT value FROM meta WHERE key = 'generation'"))

    def prepare(self, batch: list[tuple[Analysis | Prepared, str | None]]) -> None:
        """Look up at once, at the start of a batch's transaction, what its articles would each look
        up: which of their input hashes and content hashes the base holds, and the articles that
        share an LSH band with each (the batch's own articles are added as they are written, and
        their LSH rows held and written with the annotation rows). A hash the base may hold is
        still looked up as before; one it does not hold needs no query. An analysis not prepared
        yet is prepared here (``prepare.prepare``); one that cannot be is left to ``write``, which
        refuses it."""
        s = self.store
        if self._layout is None:
            self._layout = neardup.layout(s, self.dup_threshold)
        prepared = {}
        for a, _ in batch:
            try:
                p = prepare(a)
            except Exception:  # noqa: BLE001 - ``write`` prepares it again, and fails with its reason
                continue
            sig = neardup.from_bytes(p.minhash)
            prepared[id(a)] = (p, sig, band_keys(p, sig, self._layout))
        self._prepared = prepared
        self._maybe_inputs = {r["v"] for r in _rows_in(s, "SELECT hash AS v FROM inputs WHERE hash",
                                                        [h for _, h in batch if h])}
        self._maybe_content = {r["v"] for r in _rows_in(s, "SELECT content_hash AS v FROM articles WHERE content_hash",
                                                         [p.content_hash for p, _, _ in prepared.values()])}
        hits: dict[tuple[int, int], set[int]] = {}
        wanted = {bk for _, _, keys in prepared.values() for bk in keys}
        for r in _rows_in(s, "SELECT band, key, article_id FROM lsh WHERE key", [k for _, k in wanted]):
            if (r["band"], r["key"]) in wanted:
                hits.setdefault((r["band"], r["key"]), set()).add(r["article_id"])
        self._hits = hits

    def settle(self) -> None:
        """Write the held rows (bulk mode), then settle the actors of the articles written since
        the last call (deferred mode)."""
        pending, self._pending = self._pending, Pending()
        self._write_articles()
        if self._next_id is not None:  # the sequence goes on after the last id used, as if inserted
            self.store.execute("SELECT setval(pg_get_serial_sequence('articles', 'id'), ?)", (self._next_id - 1,))
            self._next_id = None
        if self._inputs:
            self.store.insert("inputs", ("hash", "article_id"), self._inputs, copy=True)
            self._inputs, self._linked = [], set()
        if self.bulk and self._unsettled:
            # the forms of the held entities registered first, so that their rows are written with
            # their forms and actors rather than read back and updated (``actors.settle``)
            registered = pending.register(self.store)
            actors.settle(self.store, self._unsettled, self._flipped, registered=registered,
                          write=lambda actor_of_form: _write_rows(self.store, pending.with_actors(
                              registered, actor_of_form), bulk=True, formed=True),
                          shown=self.shown)
        else:
            _write_rows(self.store, pending, bulk=True)
            if self._unsettled:
                actors.settle(self.store, self._unsettled, self._flipped)
        self._unsettled, self._flipped = [], set()

    def discard(self) -> None:
        """Forget what the deferred and bulk modes hold (their transaction was rolled back), and the
        band layout (the first batch writes it, and may have been rolled back)."""
        self._unsettled, self._flipped, self._pending = [], set(), Pending()
        self._forget()
        self.hold = False
        self._layout = None

    def mark(self) -> tuple:
        return self._pending.mark(), len(self._unsettled), len(self._hit_log), len(self._inputs)

    def undo(self, mark: tuple) -> None:
        """Drop the held rows of the article that failed since ``mark`` (its savepoint was undone)."""
        self._pending.undo(mark[0])
        del self._unsettled[mark[1]:]
        for bk, aid in self._hit_log[mark[2]:]:
            self._hits[bk].discard(aid)
        del self._hit_log[mark[2]:]
        for ihash, _ in self._inputs[mark[3]:]:
            self._linked.discard(ihash)
        del self._inputs[mark[3]:]

    def has_input(self, ihash: str) -> bool:
        if self._prepared is not None:
            if ihash in self._linked:
                return True
            if ihash not in self._maybe_inputs:
                return False
        return self.store.row("SELECT 1 AS x FROM inputs WHERE hash = ?", (ihash,)) is not None

    def failure(self, ihash: str | None, where: str, message: str) -> None:
        """Record a failed input once (a bad input is tried again by every run, and fails again)."""
        where, message = printable(where), printable(message)
        if self.store.row("SELECT 1 AS x FROM failures WHERE location = ? AND message = ?", (where, message)):
            return
        self.store.execute("INSERT INTO failures(input_hash, location, message, at) VALUES (?, ?, ?, ?)",
                           (ihash, where, message, self.store.now()))
        self._failures = True

    def write(self, a: Analysis | Prepared, ihash: str | None = None) -> tuple[int, str]:
        """Store one analysis (or a prepared one: the same rows); returns (article id, "stored" |
        "same_content" | "near_duplicate")."""
        s = self.store
        prepared = self._prepared.get(id(a)) if self._prepared is not None else None
        p = prepared[0] if prepared else a if isinstance(a, Prepared) else None
        chash = p.content_hash if p else sha256(a.text)
        existing = None
        if prepared is None or chash in self._maybe_content:
            if chash in self._held_hashes:
                self._write_articles()
            existing = s.row("SELECT id, doc_id, published, title, annotations FROM articles WHERE content_hash = ?",
                             (chash,))
        if existing:
            self._same_content(existing, a)
            self._link_input(ihash, existing["id"])
            return existing["id"], "same_content"
        if prepared:
            _, sig, keys = prepared
        else:
            p = prepare(a, chash)
            sig = neardup.from_bytes(p.minhash)
            if self._layout is None:
                self._layout = neardup.layout(s, self.dup_threshold)
            keys = band_keys(p, sig, self._layout)
        if prepared and self.hold:
            return self._hold(p, ihash, keys)
        # On PostgreSQL the article's full-text vector is written with it (not updated after).
        search_column, search_value, search = s.text_search(p.title, p.text)
        row = s.row(
            "INSERT INTO articles(doc_id, content_hash, url, path, outlet, title, published, language, schema, text, "
            f"annotations, minhash, ingested_at{search_column}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            f"{search_value}) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            (p.id, chash, p.source.url, p.source.path, p.source.outlet, p.title, p.published, p.language, p.schema,
             p.text, p.packed, p.minhash, s.now(), *search))
        if row is None:  # another writer stored the same text meanwhile
            aid = s.value("SELECT id FROM articles WHERE content_hash = ?", (chash,))
            self._link_input(ihash, aid)
            return aid, "same_content"
        aid = row["id"]
        self._link_input(ihash, aid)
        hits = None
        if prepared:
            self._maybe_content.add(chash)
            # the articles sharing a band: the base's, looked up by ``prepare``, and the batch's
            hits = set().union(*(self._hits.get(bk, ()) for bk in keys)) if keys else set()
            for bk in keys:
                self._hits.setdefault(bk, set()).add(aid)
                self._hit_log.append((bk, aid))
            self._pending.rows["lsh"].extend((b, k, aid) for b, k in keys)  # with the annotation rows
        elif keys:  # one statement of several rows
            s.execute("INSERT INTO lsh(band, key, article_id) VALUES " + ", ".join(["(?, ?, ?)"] * len(keys)),
                      [x for b, k in keys for x in (b, k, aid)])
        if search_column:
            pass  # indexed by the insert
        elif self.bulk:
            self._pending.texts.append((aid, p.title, p.text))
        else:
            s.index_text(aid, p.title, p.text)
        self._annotations(aid, p)
        copy, flipped = neardup.link(s, aid, sig, keys, self.dup_threshold, hits=hits)
        if self.deferred:
            self._unsettled.append(aid)
            self._flipped |= set(flipped)
        else:
            actors.settle(s, [aid], flipped)
        return aid, "near_duplicate" if copy else "stored"

    def _hold(self, a: Prepared, ihash: str | None, keys: list[tuple[int, int]]) -> tuple[int, str]:
        """``write`` of a held article: its row is held with an id drawn ahead (one ``nextval``
        per batch), then written with the batch's others (``COPY``); the held rows are written
        first when the article may nearly duplicate another (``neardup.link`` reads and updates
        the rows of its cluster)."""
        s = self.store
        if self._next_id is None:
            self._next_id = s.value("SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS v")
        aid, self._next_id = self._next_id, self._next_id + 1
        self._articles.append((
            (aid, a.id, a.content_hash, a.source.url, a.source.path, a.source.outlet, a.title, a.published,
             a.language, a.schema, a.text, a.packed, a.minhash, s.now()),
            (fold(a.title or ""), fold(a.text))))
        self._held_hashes.add(a.content_hash)
        self._link_input(ihash, aid)
        self._maybe_content.add(a.content_hash)
        hits = set().union(*(self._hits.get(bk, ()) for bk in keys)) if keys else set()
        for bk in keys:
            self._hits.setdefault(bk, set()).add(aid)
            self._hit_log.append((bk, aid))
        self._pending.rows["lsh"].extend((b, k, aid) for b, k in keys)
        self._annotations(aid, a)
        copy, flipped = False, set()
        if hits - {aid}:
            self._write_articles()
            copy, flipped = neardup.link(s, aid, neardup.from_bytes(a.minhash), keys, self.dup_threshold, hits=hits)
        self._unsettled.append(aid)
        self._flipped |= set(flipped)
        return aid, "near_duplicate" if copy else "stored"

    def _write_articles(self) -> None:
        """The held articles' rows into the base (``COPY``, their full-text vectors computed by the
        server as their ``INSERT`` computes them)."""
        if self._articles:
            self.store.insert_searchable(
                "articles", ARTICLE_COLUMNS, [r for r, _ in self._articles], [t for _, t in self._articles],
                "setweight(to_tsvector('simple', t0), 'A') || to_tsvector('simple', t1)", "id")
            self._articles, self._held_hashes = [], set()

    def _same_content(self, row: dict, a: Analysis | Prepared) -> None:
        """The same text from another input: the article keeps the id, URL and title of the
        input that sorts first (earliest date, then smallest id), whatever came first, as long
        as the two analyses differ in nothing else (a wire copy under another URL)."""
        if (a.published or "~", a.id) >= (row["published"] or "~", row["doc_id"]):
            return
        stored, new = rebuild(row["annotations"], a.text), a.to_dict()
        if any(stored.get(k) != new.get(k) for k in new if k not in ("id", "source", "title")):
            return
        new["text"] = None
        self.store.execute("UPDATE articles SET doc_id = ?, url = ?, path = ?, outlet = ?, title = ?, annotations = ? "
                           "WHERE id = ?", (a.id, a.source.url, a.source.path, a.source.outlet, a.title, pack(new),
                                            row["id"]))
        if a.title != row["title"] and not self._pending.retitle(row["id"], a.title):
            self.store.index_text(row["id"], a.title, a.text, old_title=row["title"] or "")

    def _link_input(self, ihash: str | None, aid: int) -> None:
        if ihash:
            if self._prepared is not None:  # held until ``settle`` (a prepared batch is not undone in part)
                if ihash not in self._linked and not self.has_input(ihash):
                    self._inputs.append((ihash, aid))
                    self._linked.add(ihash)
            else:
                self.store.execute("INSERT INTO inputs(hash, article_id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
                                   (ihash, aid))
            if self._failures is None:
                self._failures = self.store.row("SELECT 1 AS x FROM failures LIMIT 1") is not None
            if self._failures:
                self.store.execute("DELETE FROM failures WHERE input_hash = ?", (ihash,))  # stored at last

    def _annotations(self, aid: int, a: Prepared) -> None:
        """Every annotation row of one article (held until ``settle`` in bulk mode); their actors
        are set by ``actors.settle``."""
        pending = self._pending if self.bulk else Pending()
        pending.add(aid, a)
        if not self.bulk:
            _write_rows(self.store, pending, bulk=False)


# The columns of a held article's row (``Writer._hold``).
ARTICLE_COLUMNS = ("id", "doc_id", "content_hash", "url", "path", "outlet", "title", "published", "language", "schema",
                   "text", "annotations", "minhash", "ingested_at")

# The annotation tables, in the order their rows are written, and their columns.
COLUMNS = {
    "entities": ("article_id", "eid", "name", "type", "country", "sector", "role", "kb_id", "mentions"),
    "mentions": ("article_id", "eid", "start_char", "end_char", "text", "kind", "confidence"),
    "quotes": ("article_id", "ord", "kind", "start_char", "end_char", "content", "speaker_name", "speaker_key",
               "speaker_last", "speaker_eid", "speaker_start", "speaker_end", "speaker_text", "cue_start", "cue_end",
               "cue_text", "published"),  # published: the article's (lists of quotes read in its order)
    "times": ("article_id", "ord", "start_char", "end_char", "text", "type", "value"),
    "events": ("article_id", "ord", "type", "mode", "factuality", "day", "date", "location",
               "source_name", "source_key", "source_country", "source_sector", "source_eid",
               "target_name", "target_key", "target_country", "target_sector", "target_eid",
               "trigger_start", "trigger_end", "trigger_text", "evidence_start", "evidence_end", "evidence_text",
               "confidence"),
    "removed": ("article_id", "ord", "text", "reason"),
    "lsh": ("band", "key", "article_id"),  # held by a prepared batch only
}
# The columns of the rows written with their forms and actors (``Pending.with_actors``).
FORMED = {"entities": ("form_id", "actor_id"), "quotes": ("speaker_actor_id",),
          "events": ("source_actor_id", "target_actor_id")}
# Where a column sits in its table's rows, by name (``Pending.forms``, ``Pending.with_actors``).
AT = {table: {c: k for k, c in enumerate(cols)} for table, cols in COLUMNS.items()}


class Pending:
    """Annotation rows of written articles not yet in the base, table by table, and the
    articles' full-text entries: (id, title, text) and (id, [(ord, quote)])."""

    def __init__(self) -> None:
        self.named: set[int] = set()  # the actors of the rows (``with_actors``)
        self.rows: dict[str, list[tuple]] = {t: [] for t in COLUMNS}
        self.forms: list[tuple | None] = []  # the form of each entity row (``Prepared.forms``)
        self.values: list[list[tuple]] = []  # the values of each article's entities (``Prepared.values``)
        self.texts: list[tuple[int, str | None, str]] = []
        self.quotes: list[tuple[int, list[tuple[int, str]]]] = []

    def mark(self) -> tuple:
        return tuple(len(v) for v in self.rows.values()), len(self.texts), len(self.quotes), len(self.values)

    def undo(self, mark: tuple) -> None:
        for n, rows in zip(mark[0], self.rows.values()):
            del rows[n:]
        del self.forms[len(self.rows["entities"]):]
        del self.texts[mark[1]:]
        del self.quotes[mark[2]:]
        del self.values[mark[3]:]

    def retitle(self, aid: int, title: str | None) -> bool:
        """Give a held full-text entry its article's new title; False if none is held."""
        for i, (held, _, text) in enumerate(self.texts):
            if held == aid:
                self.texts[i] = (aid, title, text)
                return True
        return False

    def register(self, store: Store) -> actors.Registered:
        """The forms of the held rows registered (``actors.register_forms``): the entities' forms
        and values, made with their analyses (``prepare.entity_forms``), and the name keys of the
        speakers and event sides bound to no entity."""
        forms: dict[tuple, actors.Form] = {}
        for t in self.forms:
            if t is not None and t not in forms:
                forms[t] = actors.Form(*t)
        values: dict[tuple, int] = {}
        for article in self.values:
            for t, field, value, n in article:
                values[t, field, value] = values.get((t, field, value), 0) + n
        q, ev = AT["quotes"], AT["events"]
        bare = {r[q["speaker_key"]] for r in self.rows["quotes"] if r[q["speaker_eid"]] is None and r[q["speaker_key"]]}
        for r in self.rows["events"]:
            for side in ("source", "target"):
                if r[ev[f"{side}_eid"]] is None and r[ev[f"{side}_key"]]:
                    bare.add(r[ev[f"{side}_key"]])
        return actors.register_forms(store, forms, values, bare)

    def with_actors(self, registered: actors.Registered, actor_of_form: dict[int, int | None]) -> "Pending":
        """The held rows with their forms and actors (``FORMED`` columns): an entity's form and
        its actor; a speaker's or an event side's actor, its entity's, else that of the form of
        its bare name (as ``actors._point`` sets them)."""
        r, q, ev = self.rows, AT["quotes"], AT["events"]
        ids, form_ids = registered.ids, registered.form_ids
        actor_of: dict[tuple[int, str], int | None] = {}
        entities = []
        for row, t in zip(r["entities"], self.forms):  # article_id and eid open every entity row
            fid = ids[t] if t is not None else None
            actor_of[row[0], row[1]] = actor = actor_of_form.get(fid) if fid is not None else None
            entities.append((*row, fid, actor))

        def side(aid: int, eid: str | None, key: str | None) -> int | None:
            if eid is not None:
                return actor_of.get((aid, eid))
            fid = form_ids.get(f"||{key}") if key else None
            return actor_of_form.get(fid) if fid is not None else None

        out = Pending()
        out.rows = dict(r, entities=entities,
                        quotes=[(*x, side(x[0], x[q["speaker_eid"]], x[q["speaker_key"]])) for x in r["quotes"]],
                        events=[(*x, side(x[0], x[ev["source_eid"]], x[ev["source_key"]]),
                                 side(x[0], x[ev["target_eid"]], x[ev["target_key"]])) for x in r["events"]])
        out.texts, out.quotes = self.texts, self.quotes
        # the actors the rows name, as ``actors._actors_of`` reads them back: entities, speakers,
        # event sources
        out.named = {x[-1] for x in entities} | {x[-1] for x in out.rows["quotes"]} | \
            {x[-2] for x in out.rows["events"]}
        out.named.discard(None)
        return out

    def add(self, aid: int, p: Prepared) -> None:
        """The rows of a prepared article (``prepare.annotation_rows``), with its id."""
        r, head = self.rows, (aid,)
        for table, rows in p.rows.items():
            r[table].extend([head + row for row in rows])
        self.forms.extend(p.forms)
        self.values.append(p.values)
        if p.quotes:
            self.quotes.append((aid, p.quotes))


def _write_rows(store: Store, pending: Pending, bulk: bool, formed: bool = False) -> set[int]:
    """The held rows into the base, table by table in the order they were added (``bulk``: with
    ``COPY`` on PostgreSQL rather than ``INSERT``), then the full-text entries of their articles
    and quotes. ``formed``: the rows end with their forms and actors (``FORMED``); returns the
    actors they name."""
    searchable = bulk and store.dialect == "postgresql"
    for table, rows in pending.rows.items():
        columns = COLUMNS[table] + (FORMED.get(table, ()) if formed else ())
        if table == "quotes" and searchable:  # with their full-text vectors (``index_quotes``)
            store.insert_searchable(table, columns, rows, [(fold(r[5] or ""),) for r in rows],
                                    "to_tsvector('simple', t0)", "article_id, ord")
        else:
            store.insert(table, columns, rows, copy=bulk)
    store.index_texts(pending.texts)
    if not searchable:
        store.index_quotes(pending.quotes)
    return pending.named


def _rows_in(store: Store, sql: str, values: list, chunk: int = 500) -> Iterator[dict]:
    """The rows of ``{sql} IN (values)``, the distinct values asked for in chunks."""
    distinct = list(dict.fromkeys(values))
    for i in range(0, len(distinct), chunk):
        part = distinct[i:i + chunk]
        yield from store.rows(f"{sql} IN ({','.join('?' * len(part))})", part)


Progress = Callable[[IngestReport], None]


def store_analyses(store: Store, results: Iterable[tuple[object, str | None]], *, batch_size: int = DEFAULT_BATCH,
                   dup_threshold: float = neardup.DEFAULT_THRESHOLD, report: IngestReport | None = None,
                   progress: Progress | None = None, bulk: bool = True,
                   defer_indexes: bool | None = None) -> IngestReport:
    """Store (Analysis or Failure, input hash) pairs, committing every ``batch_size``.

    A batch's actors are settled once, and its annotation rows written together (``bulk``;
    ``bulk=False`` writes each article's rows as it goes: the same base, slower).
    ``defer_indexes``: the large tables' secondary indexes dropped for the run and built at its
    end (``store/bulk.py``); None: when the base holds no article yet (a first load)."""
    from . import bulk as bulk_load
    if defer_indexes is None:
        defer_indexes = store.row("SELECT 1 AS x FROM articles LIMIT 1") is None
    report = report or IngestReport()
    start = time.monotonic() - report.seconds
    with _page_cache(store, SQLITE_CACHE_KIB):
        with bulk_load.deferred(store, defer_indexes):
            _store_analyses(store, results, batch_size=batch_size, dup_threshold=dup_threshold, report=report,
                            progress=progress, bulk=bulk)
        if report.stored or report.same_content:
            # The facet counts of the whole base, for the pages that show them (counts.precount).
            from .counts import precount
            precount(store)
    report.seconds = time.monotonic() - start
    return report


@contextmanager
def _page_cache(store: Store, kib: int) -> Iterator[None]:
    """SQLite: a page cache of at least ``kib`` KiB on the store's connection while the block
    runs, the previous size back after."""
    if store.dialect != "sqlite":
        yield
        return
    before = store.value("PRAGMA cache_size")
    if before is not None and (before < 0 and -before >= kib):
        yield
        return
    store.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        store.execute(f"PRAGMA cache_size = {int(before)}")


def _store_analyses(store: Store, results: Iterable[tuple[object, str | None]], *, batch_size: int,
                    dup_threshold: float, report: IngestReport | None, progress: Progress | None,
                    bulk: bool) -> IngestReport:
    report = report or IngestReport()
    writer = Writer(store, dup_threshold, deferred=True, bulk=bulk)
    start = time.monotonic() - report.seconds
    batch: list[tuple[object, str | None]] = []

    def together(isolate: bool) -> list[tuple[str, str | None]]:
        """The batch in one transaction, prepared (``Writer.prepare``) and its rows written
        together (bulk mode), its actors settled once at the end. ``isolate``: an undo point
        (savepoint) per article, so that an article that fails is undone alone; without, it fails
        the batch."""
        try:
            with store.transaction():
                advance(store)
                writer.begin()
                if bulk:
                    writer.prepare([(r, h) for r, h in batch if not _is_failure(r)])
                    # the articles' own rows held too (PostgreSQL, ``COPY``) when no undo point is needed
                    writer.hold = not isolate and store.dialect == "postgresql"
                outcomes = [_store_one(writer, result, ihash, isolate=isolate) for result, ihash in batch]
                writer.settle()
        except BaseException:
            writer.shown.clear()  # it holds what the rolled-back transaction wrote
            raise
        return outcomes

    def run_batch() -> list[tuple[str, str | None]]:
        """The batch written together, first without an undo point per article (in bulk mode:
        two statements fewer per article), then, if an article fails, with one; if writing or
        settling the whole batch fails, the batch is written again article by article, so that the
        article that breaks it is undone alone (``_store_one``)."""
        writer.deferred, writer.bulk = True, bulk
        for isolate in ((False, True) if bulk else (True,)):
            try:
                return together(isolate)
            except StoreConflict:
                raise
            except Exception as exc:  # noqa: BLE001 - whatever broke, a more isolated run isolates it
                if isolate:
                    log.warning("writing or settling a batch failed (%s); writing it article by article",
                                printable(str(exc)))
                else:
                    log.info("an article of the batch failed (%s); writing the batch again with an undo point "
                             "per article", printable(str(exc)))
            finally:
                writer.discard()
        writer.deferred = writer.bulk = False
        try:
            with store.transaction():
                advance(store)
                writer.begin()
                return [_store_one(writer, result, ihash) for result, ihash in batch]
        finally:
            writer.deferred, writer.bulk = True, bulk

    def flush() -> None:
        for attempt in range(RETRIES):
            try:
                outcomes = run_batch()
                break
            except StoreConflict as exc:
                if attempt == RETRIES - 1:
                    raise
                log.warning("%s; running the batch again", exc)
                time.sleep(random.uniform(0.05, 0.2) * 2 ** attempt)
        for (result, _), (outcome, reason) in zip(batch, outcomes):
            if outcome in ("skipped", "same_content"):
                setattr(report, outcome, getattr(report, outcome) + 1)
            elif outcome in ("stored", "near_duplicate"):
                report.stored += 1
                report.near_duplicates += outcome == "near_duplicate"
            elif outcome == "refused":
                report.failed += 1
                if len(report.failures) < MAX_REPORTED:
                    report.failures.append((result.id, reason))
        batch.clear()
        report.seconds = time.monotonic() - start
        if progress:
            progress(report)

    for result, ihash in results:
        report.seen += 1
        if _is_failure(result):
            report.failed += 1
            if len(report.failures) < MAX_REPORTED:
                report.failures.append((result.where, result.message))
        batch.append((result, ihash))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    report.seconds = time.monotonic() - start
    return report


def _is_failure(result: object) -> bool:
    from ..pipeline import Failure
    return isinstance(result, Failure)


def _store_one(writer: Writer, result, ihash: str | None, isolate: bool = True) -> tuple[str, str | None]:
    """Store one result inside the batch's transaction. The outcome is "failed" (a Failure,
    recorded), "skipped", "same_content", "stored", "near_duplicate", or "refused" with a reason.
    ``isolate=False`` (a prepared batch): no savepoint per article; an article that fails fails
    the batch, which is then written again article by article, each isolated."""
    if _is_failure(result):
        writer.failure(ihash, result.where, result.message)
        return "failed", None
    if ihash and writer.has_input(ihash):
        return "skipped", None
    if not isolate:
        return writer.write(result, ihash)[1], None
    mark = writer.mark()
    try:
        with writer.store.savepoint():
            return writer.write(result, ihash)[1], None
    except StoreConflict:
        raise
    except Exception as exc:  # one unstorable article must not sink its batch, nor every later run
        writer.undo(mark)
        where = result.source.path or result.source.url or result.id
        reason = printable(f"not stored: {exc}" if isinstance(exc, StoreError) else
                           f"not stored: {type(exc).__name__}: {exc}")
        log.warning("cannot store %s: %s", printable(str(result.id)), reason)
        writer.failure(ihash, where, reason)
        return "refused", reason


def ingest(store: Store, items: Iterable[RawArticle | InputError], options: Options | None = None, *,
           batch_size: int = DEFAULT_BATCH, dup_threshold: float = neardup.DEFAULT_THRESHOLD,
           limit: int | None = None, total: int | None = None, progress: Progress | None = None,
           defer_indexes: bool | None = False) -> IngestReport:
    """Analyse and store a stream of articles, skipping those already stored.

    ``limit`` caps the inputs read; ``progress`` is called after each committed batch;
    ``defer_indexes``: as ``store_analyses`` (off by default: the analysis, not the writing,
    bounds this rate).
    """
    from ..pipeline import Failure, analyze_many

    options = options or Options()
    report = IngestReport(total=min(total, limit) if total and limit else total or limit)
    writer = Writer(store, dup_threshold)
    pending: deque[str | None] = deque()
    seen_here: set[str] = set()

    def fresh() -> Iterator[RawArticle | InputError]:
        for n, item in enumerate(items):
            if limit is not None and n >= limit:
                return
            if isinstance(item, InputError):
                pending.append(None)
                yield item
                continue
            ihash = input_hash(item)
            if ihash in seen_here or writer.has_input(ihash):
                report.skipped += 1
                report.seen += 1
                continue
            seen_here.add(ihash)
            pending.append(ihash)
            yield item

    def analysed() -> Iterator[tuple[Analysis | Failure, str | None]]:
        for result in analyze_many(fresh(), options):
            yield result, pending.popleft()

    return store_analyses(store, analysed(), batch_size=batch_size, dup_threshold=dup_threshold,
                          report=report, progress=progress, defer_indexes=defer_indexes)


def analyses_workers() -> int:
    """The default processes of ``ingest --analyses``: ``ANALYSES_WORKERS``, at most one per core."""
    import os
    return max(1, min(ANALYSES_WORKERS, os.cpu_count() or 1))


def read_analyses(paths: Iterable[str], *, workers: int = 1,
                  limit: int | None = None) -> Iterator[tuple[object, str | None]]:
    """(Prepared analysis or Failure, input hash) pairs from files of contract JSON Lines (``veille
    analyze`` output, .jsonl or .jsonl.gz), for ``store_analyses``: analyses made elsewhere (a
    cluster run) are stored without being made again. Read like any JSONL input: bounded lines,
    damaged files reported with their place. ``workers`` > 1: the lines parsed and prepared
    (``prepare.prepared_lines``) by ``workers - 1`` processes beside this one, in order; ``limit``:
    the first inputs only (a bad one counts)."""
    from itertools import islice

    from .prepare import prepared_lines
    return prepared_lines(islice(_analysis_lines(paths), limit), workers)


def _analysis_lines(paths: Iterable[str]) -> Iterator[object]:
    """(place, line) for each line of the files, or a Failure for what cannot be read."""
    import gzip
    from pathlib import Path

    from ..pipeline import Failure
    from ..read.files import READ_ERRORS, file_problem, lines
    for raw in paths:
        p = Path(raw)
        problem = file_problem(p)
        if problem:
            yield Failure(str(p), f"{p}: {problem}")
            continue
        try:
            with (gzip.open(p, "rb") if p.name.endswith(".gz") else open(p, "rb")) as f:
                for item in lines(f, str(p), MAX_ANALYSIS_LINE):
                    yield Failure(item.where or str(p), str(item)) if isinstance(item, InputError) else item
        except READ_ERRORS as exc:
            yield Failure(str(p), f"{p}: unreadable: {exc}")


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs ``paths`` hold (articles and bad inputs alike), or None for stdin.

    Counted by reading them with the very readers ``ingest`` uses, so that counting fails no
    differently from reading: a damaged file is one more input, never an error."""
    from ..read import read_paths
    paths = list(paths)
    if "-" in paths:
        return None
    return sum(1 for _ in read_paths(paths))
