"""Ingestion: a stream of articles in, analysed once, stored once, in committed batches.

    read_paths -> skip inputs already stored -> analyze_many -> write_batch (one transaction)

Idempotence has two keys. The *input hash* (SHA-256 of the text or HTML as read) lets a
re-run skip an article before analysing it, so resuming after a crash costs nothing for
what was committed. The *content hash* (SHA-256 of the cleaned text) makes the same article
reached through another input (same text under another URL, an HTML page and its scraped
text) one row. A batch is written in one transaction: a process killed mid-batch loses that
batch only, and the next run analyses it again.
"""
from __future__ import annotations

import json
import logging
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..errors import InputError, StoreError
from ..options import Options
from ..records import Analysis, RawArticle
from . import neardup
from .actors import ActorResolver
from .db import Store
from .queries import pack
from .text import name_key, sha256

log = logging.getLogger(__name__)

DEFAULT_BATCH = 64
MAX_REPORTED = 1000  # failures kept in the report (all are in the failures table)


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


class Writer:
    """Writes analyses into a store; call inside ``store.transaction()``."""

    def __init__(self, store: Store, dup_threshold: float = neardup.DEFAULT_THRESHOLD):
        self.store = store
        self.dup_threshold = dup_threshold
        self.actors = ActorResolver(store)
        self._layout: tuple[int, int] | None = None

    def has_input(self, ihash: str) -> bool:
        return self.store.row("SELECT 1 AS x FROM inputs WHERE hash = ?", (ihash,)) is not None

    def failure(self, ihash: str | None, where: str, message: str) -> None:
        """Record a failed input once (a bad input is tried again by every run, and fails again)."""
        if self.store.row("SELECT 1 AS x FROM failures WHERE location = ? AND message = ?", (where, message)):
            return
        self.store.execute("INSERT INTO failures(input_hash, location, message, at) VALUES (?, ?, ?, ?)",
                           (ihash, where, message, self.store.now()))

    def write(self, a: Analysis, ihash: str | None = None) -> tuple[int, str]:
        """Store one analysis; returns (article id, "stored" | "same_content" | "near_duplicate")."""
        s = self.store
        chash = sha256(a.text)
        existing = s.row("SELECT id FROM articles WHERE content_hash = ?", (chash,))
        if existing:
            self._link_input(ihash, existing["id"])
            return existing["id"], "same_content"
        sig = neardup.signature(a.text)
        if self._layout is None:
            self._layout = neardup.layout(s, self.dup_threshold)
        keys = neardup.band_keys(sig, *self._layout)
        match = neardup.find_original(s, sig, keys, self.dup_threshold)
        d = a.to_dict()
        d["text"] = None  # the text has its own column; keeping the slot keeps the key order
        row = s.row(
            "INSERT INTO articles(doc_id, content_hash, url, path, outlet, title, published, language, schema, text, "
            "annotations, minhash, duplicate_of, similarity, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            (a.id, chash, a.source.url, a.source.path, a.source.outlet, a.title, a.published, a.language, a.schema,
             a.text, pack(d), neardup.to_bytes(sig),
             match.original if match else None, round(match.similarity, 4) if match else None, s.now()))
        if row is None:  # another writer stored the same text meanwhile
            aid = s.value("SELECT id FROM articles WHERE content_hash = ?", (chash,))
            self._link_input(ihash, aid)
            return aid, "same_content"
        aid = row["id"]
        self._link_input(ihash, aid)
        s.executemany("INSERT INTO lsh(band, key, article_id) VALUES (?, ?, ?)", [(b, k, aid) for b, k in keys])
        s.index_text(aid, a.title, a.text)
        self._annotations(aid, a, duplicate=match is not None)
        return aid, "near_duplicate" if match else "stored"

    def _link_input(self, ihash: str | None, aid: int) -> None:
        if ihash:
            self.store.execute("INSERT INTO inputs(hash, article_id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
                               (ihash, aid))

    def _annotations(self, aid: int, a: Analysis, duplicate: bool = False) -> None:
        s = self.store
        actor_of: dict[str, int | None] = {}
        ents, ments = [], []
        for e in a.entities:
            actor_of[e.id] = self.actors.resolve(e)
            ents.append((aid, e.id, e.name, e.type, e.country, e.sector, e.role, e.kb_id, actor_of[e.id], len(e.mentions)))
            ments.extend((aid, e.id, m.start, m.end, m.text, m.kind, m.confidence) for m in e.mentions)
        s.executemany("INSERT INTO entities(article_id, eid, name, type, country, sector, role, kb_id, actor_id, mentions) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ents)
        s.executemany("INSERT INTO mentions(article_id, eid, start_char, end_char, text, kind, confidence) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)", ments)
        quotes = []
        for i, q in enumerate(a.quotes):
            sp, cue = q.speaker, q.cue
            speaker_actor = None
            if sp is not None:
                speaker_actor = actor_of.get(sp.entity) if sp.entity else self.actors.lookup(sp.name)
            quotes.append((
                aid, i, q.kind, q.content.start, q.content.end, q.content.text,
                sp.name if sp else None, name_key(sp.name) if sp else None, _last(name_key(sp.name)) if sp else None,
                sp.entity if sp else None, speaker_actor,
                sp.mention.start if sp and sp.mention else None, sp.mention.end if sp and sp.mention else None,
                sp.mention.text if sp and sp.mention else None,
                cue.start if cue else None, cue.end if cue else None, cue.text if cue else None))
        s.executemany(
            "INSERT INTO quotes(article_id, ord, kind, start_char, end_char, content, speaker_name, speaker_key, "
            "speaker_last, speaker_eid, speaker_actor_id, speaker_start, speaker_end, speaker_text, cue_start, cue_end, "
            "cue_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", quotes)
        s.index_quotes(aid, [(i, q.content.text) for i, q in enumerate(a.quotes)])
        s.executemany("INSERT INTO times(article_id, ord, start_char, end_char, text, type, value) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(aid, i, t.start, t.end, t.text, t.type, t.value) for i, t in enumerate(a.times)])
        events = []
        for i, ev in enumerate(a.events):
            sides = []
            for actor in (ev.source, ev.target):
                if actor is None:
                    sides.extend([None] * 6)
                    continue
                actor_id = actor_of.get(actor.entity) if actor.entity else self.actors.lookup(actor.name, actor.country)
                sides.extend([actor.name, name_key(actor.name), actor.country, actor.sector, actor.entity, actor_id])
            tr = ev.trigger
            events.append((aid, i, ev.type, ev.mode, ev.factuality, event_day(ev.date, a.published),
                           ev.date, ev.location, *sides, tr.start if tr else None, tr.end if tr else None,
                           tr.text if tr else None, ev.evidence.start, ev.evidence.end, ev.evidence.text))
        s.executemany(
            "INSERT INTO events(article_id, ord, type, mode, factuality, day, date, location, "
            "source_name, source_key, source_country, source_sector, source_eid, source_actor_id, "
            "target_name, target_key, target_country, target_sector, target_eid, target_actor_id, "
            "trigger_start, trigger_end, trigger_text, evidence_start, evidence_end, evidence_text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        s.executemany("INSERT INTO removed(article_id, ord, text, reason) VALUES (?, ?, ?, ?)",
                      [(aid, i, r.text, r.reason) for i, r in enumerate(a.removed)])
        self._count(actor_of, a, quotes, events, duplicate)

    def _count(self, actor_of: dict, a: Analysis, quotes: list[tuple], events: list[tuple], duplicate: bool) -> None:
        """Keep each actor's counts current, so ranking actors never scans the annotations."""
        counts: dict[int, list[int]] = {}
        for e in a.entities:
            aid = actor_of.get(e.id)
            if aid is not None:
                counts.setdefault(aid, [0, 0, 0, 0])[0] += len(e.mentions)
        for c in counts.values():
            c[1] = 1
        for q in quotes:
            if q[10] is not None:  # speaker_actor_id
                counts.setdefault(q[10], [0, 0, 0, 0])[2] += 1
        for ev in events:
            if ev[13] is not None:  # source_actor_id
                counts.setdefault(ev[13], [0, 0, 0, 0])[3] += 1
        both = "" if duplicate else ", mentions = mentions + ?, articles = articles + ?, quotes = quotes + ?, events = events + ?"
        self.store.executemany(
            "UPDATE actors SET mentions_all = mentions_all + ?, articles_all = articles_all + ?, "
            f"quotes_all = quotes_all + ?, events_all = events_all + ?{both} WHERE id = ?",
            [(*c, *(() if duplicate else c), aid) for aid, c in sorted(counts.items())])  # one lock order for all writers


def _last(key: str) -> str | None:
    return key.split()[-1] if key else None


Progress = Callable[[IngestReport], None]


def store_analyses(store: Store, results: Iterable[tuple[object, str | None]], *, batch_size: int = DEFAULT_BATCH,
                   dup_threshold: float = neardup.DEFAULT_THRESHOLD, report: IngestReport | None = None,
                   progress: Progress | None = None) -> IngestReport:
    """Store (Analysis or Failure, input hash) pairs, committing every ``batch_size``."""
    from ..pipeline import Failure
    report = report or IngestReport()
    writer = Writer(store, dup_threshold)
    start = time.monotonic() - report.seconds
    batch: list[tuple[object, str | None]] = []

    def flush() -> None:
        with store.transaction():
            for result, ihash in batch:
                if isinstance(result, Failure):
                    writer.failure(ihash, result.where, result.message)
                    continue
                if ihash and writer.has_input(ihash):
                    report.skipped += 1
                    continue
                try:
                    with store.savepoint():
                        _, outcome = writer.write(result, ihash)
                except StoreError as exc:  # one unstorable article must not sink its batch
                    log.warning("cannot store %s: %s", result.id, exc)
                    writer.failure(ihash, result.source.path or result.source.url or result.id, f"not stored: {exc}")
                    report.failed += 1
                    report.failures.append((result.id, str(exc)))
                    continue
                if outcome == "same_content":
                    report.same_content += 1
                else:
                    report.stored += 1
                    report.near_duplicates += outcome == "near_duplicate"
        batch.clear()
        report.seconds = time.monotonic() - start
        if progress:
            progress(report)

    for result, ihash in results:
        report.seen += 1
        if isinstance(result, Failure):
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


def ingest(store: Store, items: Iterable[RawArticle | InputError], options: Options | None = None, *,
           batch_size: int = DEFAULT_BATCH, dup_threshold: float = neardup.DEFAULT_THRESHOLD,
           limit: int | None = None, total: int | None = None, progress: Progress | None = None) -> IngestReport:
    """Analyse and store a stream of articles, skipping those already stored.

    ``limit`` caps the inputs read; ``progress`` is called after each committed batch.
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
                          report=report, progress=progress)


def read_analyses(paths: Iterable[str]) -> Iterator[tuple[object, str | None]]:
    """(Analysis or Failure, input hash) pairs from files of contract JSON Lines (``veille analyze``
    output, .jsonl or .jsonl.gz), for ``store_analyses``: analyses made elsewhere (a cluster run)
    are stored without being made again."""
    import gzip
    from pathlib import Path

    from ..pipeline import Failure
    for raw in paths:
        p = Path(raw)
        if not p.is_file():
            yield Failure(str(p), "no such file"), None
            continue
        opener = gzip.open if p.name.endswith(".gz") else open
        try:
            with opener(p, "rt", encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        yield Analysis.from_dict(json.loads(line)), sha256(line.strip())
                    except (ValueError, KeyError, TypeError) as exc:
                        yield Failure(f"{p}:{n}", f"not an analysis: {type(exc).__name__}: {exc}"), None
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            yield Failure(str(p), f"unreadable: {exc}"), None


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles ``paths`` hold, when cheap to know (files and JSONL lines); else None."""
    import gzip
    from pathlib import Path

    from ..read.files import _kind, _walk
    total = 0
    for raw in paths:
        p = Path(raw)
        files = list(_walk(p)) if p.is_dir() else [p] if p.is_file() else []
        if str(raw) == "-":
            return None
        for f in files:
            kind, gz = _kind(f)
            if kind == "warc":
                return None
            if kind == "jsonl":
                opener = gzip.open if gz else open
                with opener(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif kind is not None:
                total += 1
    return total
