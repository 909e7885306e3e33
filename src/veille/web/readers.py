"""Read-only connections to the knowledge base, kept by the server across requests.

Opening a PostgreSQL store costs about 10 ms (a new server backend, the session settings, the
schema check), more than most queries; a SQLite one about 1 ms. ``Readers`` keeps up to ``size``
opened stores; a request takes one (or opens one when none is free) and gives it back after.

What a kept store must not miss, it checks each time it is taken, in one statement that also
proves the connection alive: the base's schema version (``Store.pin_version``), so a base
upgraded by ``veille reindex`` while the server runs is read with its new columns at the next
request. A SQLite file replaced by another one (a base rebuilt under the same name) is seen by
its file identity and the old connection dropped; a broken PostgreSQL connection is replaced.
Between requests a kept store holds no transaction: a running ``veille ingest`` is never
blocked, and its commits show up at the next request.
"""
from __future__ import annotations

import logging
import os
import threading
import weakref
from typing import Any

from ..errors import StoreError
from ..store import Store, open_store

log = logging.getLogger(__name__)


class Readers:
    """A small pool of read-only stores of one knowledge base (``db``), safe across threads."""

    def __init__(self, db: str, size: int = 4):
        self.db, self.size = db, size
        self._idle: list[tuple[Store, Any]] = []
        self._lock = threading.Lock()
        self._closed = False
        self.opened = 0  # stores opened so far
        self._files: weakref.WeakKeyDictionary[Store, Any] = weakref.WeakKeyDictionary()  # SQLite file identities

    def acquire(self) -> Store:
        """A read-only store, checked; ``StoreError`` when the base cannot be opened."""
        while True:
            with self._lock:
                kept = self._idle.pop() if self._idle else None
            if kept is None:
                return self._open()
            store, identity = kept
            if self._still_good(store, identity):
                return store
            store.close()

    def release(self, store: Store) -> None:
        """Give ``store`` back after a request: kept if it is idle and there is room, else closed."""
        if not self._reusable(store):
            store.close()
            return
        with self._lock:
            if not self._closed and len(self._idle) < self.size:
                self._idle.append((store, self._files.get(store)))
                return
        store.close()

    def close(self) -> None:
        """Close every kept store (at shutdown); stores still in use are closed when given back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for store, _ in idle:
            store.close()

    def _open(self) -> Store:
        store = open_store(self.db, create=False, readonly=True)
        self.opened += 1
        try:
            if store.dialect == "postgresql":
                # SQLite is opened read-only by the store; PostgreSQL is made so for this session.
                store.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                # Each statement planned with its own values, as on a new connection: a kept
                # connection would otherwise prepare repeated ones and may settle on a generic plan.
                store.conn.prepare_threshold = None
            if store.dialect == "sqlite":
                self._files[store] = _identity(self.db)
            store.pin_version()
        except StoreError:
            store.close()
            raise
        return store

    def _still_good(self, store: Store, identity: Any) -> bool:
        if store.dialect == "sqlite" and _identity(self.db) != identity:
            return False  # the file was replaced or removed: open the one there now (or fail)
        try:
            store.pin_version()
        except StoreError as exc:
            log.info("%s: dropping a kept connection: %s", self.db, exc)
            return False
        return True

    @staticmethod
    def _reusable(store: Store) -> bool:
        if store.dialect == "sqlite":
            return not store.conn.in_transaction
        conn = store.conn
        from psycopg.pq import TransactionStatus
        return not conn.closed and not conn.broken and conn.info.transaction_status == TransactionStatus.IDLE


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino
