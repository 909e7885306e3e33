"""A bulk load: the secondary indexes of the large tables dropped while a load stores its
articles, and built once at its end from the rows stored (``ingest --analyses --bulk``, and a
first load into an empty base).

Keeping an index up to date row by row is most of what storing an article costs the database:
on PostgreSQL the GIN indexes of the articles' and quotes' full-text vectors and the thirteen
ordered lists of ``events``; on SQLite the same ordered lists, in the writer's own process. Built
from the stored rows at the end, an index is one sort. The rows stored are the same, and the
indexes built again are the ones dropped, definition for definition (``tests/store/
test_store_ingest_bulk.py``).

The indexes the writer reads through while it stores are kept (``WRITER_INDEXES``: a cluster's
members, ``neardup.link``; the rows of a bare name whose form moves to another actor,
``actors._apply``), and so are unique indexes and primary keys, which the writer's lookups and
``ON CONFLICT`` need. Their definitions are written to ``meta`` in the transaction that drops
them, and forgotten in the one that builds them again: a load that stops half-way (killed, or a
failure ``store_analyses`` does not catch) leaves them there, and the next ingest of the base
builds them first (``restore_indexes``); queries are right meanwhile, only slower.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterator

from ..errors import StoreError
from .db import Store

BULK_TABLES = ("articles", "quotes", "events", "mentions")
WRITER_INDEXES = frozenset({"articles_duplicate_of", "quotes_speaker_key_newest", "events_source_key_newest",
                            "events_target_key_newest"})
DEFERRED_KEY = "deferred_indexes"
# PostgreSQL's memory for building one index (its default, 64 MB, spills the larger ones to disk)
BUILD_MEMORY = "256MB"


def deferred_indexes(store: Store) -> list[str]:
    """The definitions (``CREATE INDEX ...``) of the indexes a bulk load dropped and that are not
    built yet."""
    value = store.value("SELECT value FROM meta WHERE key = ?", (DEFERRED_KEY,))
    return json.loads(value) if value else []


def _secondary(store: Store) -> list[tuple[str, str]]:
    """(name, definition) of the bulk tables' indexes that a bulk load drops."""
    marks = ", ".join("?" * len(BULK_TABLES))
    if store.dialect == "sqlite":
        rows = store.rows(f"SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' "
                          f"AND tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY name", BULK_TABLES)
        rows = [r for r in rows if not r["definition"].upper().startswith("CREATE UNIQUE")]
    else:
        rows = store.rows(
            "SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace "
            f"WHERE n.nspname = current_schema() AND t.relname IN ({marks}) "
            "AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname", BULK_TABLES)
    return [(r["name"], r["definition"]) for r in rows if r["name"] not in WRITER_INDEXES]


def _run(store: Store, sql: str) -> None:
    """A statement as it is (an index's definition: no parameters to translate)."""
    with store._statement():
        store.conn.execute(sql)


def defer_indexes(store: Store) -> list[str]:
    """Drop the bulk tables' secondary indexes, their definitions kept in ``meta`` in the same
    transaction (added to any a stopped load left); returns the names dropped."""
    with store.transaction():
        indexes = _secondary(store)
        if not indexes:
            return []
        definitions = deferred_indexes(store) + [d for _, d in indexes]
        store.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (DEFERRED_KEY, json.dumps(definitions)))
        for name, _ in indexes:
            _run(store, f'DROP INDEX "{name}"')
    return [name for name, _ in indexes]


def restore_indexes(store: Store) -> int:
    """Build the indexes a bulk load dropped, in one transaction that also forgets their
    definitions; returns how many (0: none was missing)."""
    if not deferred_indexes(store):  # the usual case, read without taking the write lock
        return 0
    with store.transaction():
        definitions = deferred_indexes(store)
        if not definitions:
            return 0
        if store.dialect == "postgresql":
            store.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        for definition in definitions:
            _run(store, definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))
        store.execute("DELETE FROM meta WHERE key = ?", (DEFERRED_KEY,))
    return len(definitions)


@contextmanager
def deferred(store: Store, defer: bool) -> Iterator[None]:
    """The block run with the secondary indexes dropped (``defer``), built again after it
    whatever happens; without ``defer``, only the indexes a stopped load left are built first."""
    restore_indexes(store)
    if not defer:
        yield
        return
    defer_indexes(store)
    try:
        yield
    finally:
        try:
            restore_indexes(store)
        except StoreError as exc:
            raise StoreError(f"the indexes dropped for a bulk load could not be built again ({exc}); the next "
                             "`veille ingest` of this base builds them first") from exc
