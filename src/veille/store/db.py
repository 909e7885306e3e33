"""Opening a knowledge base: one SQLite file by default, or a PostgreSQL server.

``open_store(target)`` returns a ``Store``, a thin wrapper over a DB-API connection that
hides the two dialects' differences (placeholders, transactions, full-text search). SQL in
this package is written with ``?`` placeholders and runs unchanged on both.

Two guards live here. Every statement of a read-only store has a time budget
(``query_seconds``, 10 s by default: an SQLite progress handler, PostgreSQL's
``statement_timeout``), so no query can hold a server's CPU for long. Write transactions are
serialised: SQLite's ``BEGIN IMMEDIATE`` and, on PostgreSQL, one advisory transaction lock
taken first, so concurrent writers never deadlock and see each other's committed work (the
analysis, which costs a hundred times more than the writing, still runs in parallel).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import StoreConflict, StoreError
from ..read.fields import printable
from . import schema
from .text import fold

log = logging.getLogger(__name__)

_PG_URL = re.compile(r"^postgres(ql)?(\+\w+)?://", re.I)
QUERY_SECONDS = 10.0        # the budget of one statement on a read-only store
_INIT_LOCK, _WRITE_LOCK = 74657, 74658   # PostgreSQL advisory lock keys
# SQLSTATEs of a transaction that lost to another one and may be run again.
_PG_CONFLICTS = {"40P01": "deadlock", "40001": "serialization failure", "55P03": "lock not available"}


def is_postgres(target: str | Path) -> bool:
    return bool(_PG_URL.match(str(target)))


class Store:
    """A connection to a knowledge base. Use ``open_store``; close it (or use ``with``)."""

    def __init__(self, conn: Any, dialect: str, target: str, *, readonly: bool = False,
                 query_seconds: float | None = None):
        self.conn = conn
        self.dialect = dialect
        self.target = target
        self.readonly = readonly
        self.query_seconds = query_seconds
        self._in_tx = False
        self._deadline: float | None = None
        self._pinned: tuple[int | None] | None = None  # the schema version, once ``pin_version`` read it
        if query_seconds and dialect == "sqlite":
            conn.set_progress_handler(self._over_budget, 10_000)

    # -- plumbing ----------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _over_budget(self) -> int:
        return int(self._deadline is not None and time.monotonic() > self._deadline)

    def _error(self, exc: BaseException) -> StoreError:
        """A lower library's error as a StoreError, or a StoreConflict when a retry can succeed."""
        state = getattr(exc, "sqlstate", None)
        if state in _PG_CONFLICTS or (isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)):
            return StoreConflict(f"{self.dialect}: {_PG_CONFLICTS.get(state, 'database is locked')}; "
                                 "the transaction can be run again")
        if self.query_seconds and (state == "57014" or (isinstance(exc, sqlite3.OperationalError)
                                                        and str(exc) == "interrupted")):
            return StoreError(f"the query took longer than {self.query_seconds:g} s and was stopped: "
                              "ask for something narrower")
        return StoreError(printable(f"{self.dialect} error: {exc}"))

    @contextmanager
    def _statement(self) -> Iterator[None]:
        """Runs one statement (and its fetch) within the time budget; translates errors."""
        if self.query_seconds and self.dialect == "sqlite":
            self._deadline = time.monotonic() + self.query_seconds
        try:
            yield
        except (sqlite3.Error, UnicodeError, OverflowError, *_pg_errors()) as exc:
            raise self._error(exc) from exc
        finally:
            self._deadline = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._statement():
            return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        with self._statement():
            if self.dialect == "sqlite":
                self.conn.executemany(sql, rows)
            else:
                with self.conn.cursor() as cur:
                    cur.executemany(self._sql(sql), rows)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._statement():
            return [dict(r) for r in self.conn.execute(self._sql(sql), tuple(params)).fetchall()]

    def row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        with self._statement():
            r = self.conn.execute(self._sql(sql), tuple(params)).fetchone()
        return dict(r) if r is not None else None

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        r = self.row(sql, params)
        return next(iter(r.values())) if r else None

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 5000) -> Iterator[list[dict[str, Any]]]:
        """The rows of a large query in chunks of ``size``, without loading them all (an export:
        no time budget)."""
        try:
            if self.dialect == "sqlite":
                cur = self.conn.execute(sql, tuple(params))
                while chunk := cur.fetchmany(size):
                    yield [dict(r) for r in chunk]
                return
            with self.conn.transaction():
                self.conn.execute("SET LOCAL statement_timeout = 0")
                with self.conn.cursor(name="veille_stream") as cur:
                    cur.execute(self._sql(sql), tuple(params))
                    while chunk := cur.fetchmany(size):
                        yield [dict(r) for r in chunk]
        except (sqlite3.Error, UnicodeError, OverflowError, *_pg_errors()) as exc:
            raise self._error(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside commit together or not at all (a killed process loses only this).
        Writers take their turn: one write transaction at a time on a base."""
        if self._in_tx:
            yield self
            return
        self._in_tx = True
        try:
            if self.dialect == "sqlite":
                self.execute("BEGIN IMMEDIATE")
                try:
                    yield self
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    raise
                self.execute("COMMIT")
            else:
                try:
                    with self.conn.transaction():
                        if not self.readonly:
                            self.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))
                        yield self
                except _pg_errors() as exc:  # raised by the commit itself
                    raise self._error(exc) from exc
        finally:
            self._in_tx = False

    @contextmanager
    def savepoint(self) -> Iterator["Store"]:
        """Inside a transaction: undo only this block's writes if it fails."""
        if self.dialect == "postgresql":
            with self.conn.transaction():
                yield self
            return
        self.execute("SAVEPOINT veille_item")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK TO SAVEPOINT veille_item")
            self.conn.execute("RELEASE SAVEPOINT veille_item")
            raise
        self.execute("RELEASE SAVEPOINT veille_item")

    def pin_version(self) -> None:
        """Read the base's schema version now and answer ``has_confidence`` and the like from it
        until the next call, instead of reading it for each query (a reader kept across requests
        calls this once per request). A ``StoreError`` if the connection is broken."""
        self._pinned = None
        version = self.value("SELECT value FROM meta WHERE key = 'store_schema'")
        self._pinned = (int(version) if version is not None else None,)

    @property
    def in_transaction(self) -> bool:
        return self._in_tx

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # closing twice or after a broken connection is harmless
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- dialect-specific pieces -------------------------------------------------------------
    def index_text(self, article_id: int, title: str | None, text: str, *, old_title: str | None = None) -> None:
        """Add an article to the full-text index (``old_title``: replace the entry made with it)."""
        if self.dialect == "sqlite":
            if old_title is not None:
                self.execute("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                             (article_id, old_title, text))
            self.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", (article_id, title or "", text))
        else:
            self.execute("UPDATE articles SET search = setweight(to_tsvector('simple', ?), 'A') || "
                         "to_tsvector('simple', ?) WHERE id = ?", (fold(title or ""), fold(text), article_id))

    def text_search(self, title: str | None, text: str) -> tuple[str, str, tuple]:
        """What an article's ``INSERT`` adds to index it for full-text search as it is written:
        (", column", ", value", parameters); nothing on SQLite, whose index is a table apart
        (``index_text``)."""
        if self.dialect == "sqlite":
            return "", "", ()
        return (", search", ", setweight(to_tsvector('simple', ?), 'A') || to_tsvector('simple', ?)",
                (fold(title or ""), fold(text)))

    def index_texts(self, articles: list[tuple[int, str | None, str]]) -> None:
        """Add (id, title, text) articles to the full-text index, in one statement on SQLite."""
        if self.dialect == "sqlite":
            self.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                             [(aid, title or "", text) for aid, title, text in articles])
            return
        for aid, title, text in articles:
            self.index_text(aid, title, text)

    def index_actor(self, actor_id: int, name: str, renamed: bool = False) -> None:
        """Make an actor findable by any words of its name."""
        if self.dialect == "sqlite":
            if renamed:
                self.execute("DELETE FROM actors_fts WHERE rowid = ?", (actor_id,))
            self.execute("INSERT INTO actors_fts(rowid, name) VALUES (?, ?)", (actor_id, name))
        else:
            self.execute("UPDATE actors SET search = to_tsvector('simple', ?) WHERE id = ?", (fold(name), actor_id))

    def index_actors(self, actors: list[tuple[int, str, bool]]) -> None:
        """``index_actor`` for each (id, name, renamed), in two statements (three if some were renamed)."""
        if not actors:
            return
        if self.dialect == "sqlite":
            renamed = [(aid,) for aid, _, again in actors if again]
            if renamed:
                self.executemany("DELETE FROM actors_fts WHERE rowid = ?", renamed)
            self.executemany("INSERT INTO actors_fts(rowid, name) VALUES (?, ?)", [(aid, name) for aid, name, _ in actors])
        else:
            self.executemany("UPDATE actors SET search = to_tsvector('simple', ?) WHERE id = ?",
                             [(fold(name), aid) for aid, name, _ in actors])

    def index_quotes(self, articles: list[tuple[int, list[tuple[int, str]]]]) -> None:
        """Add the quotes of articles ((id, [(ord, content)]) pairs) to the quote full-text index
        (one statement on SQLite)."""
        articles = [(aid, quotes) for aid, quotes in articles if quotes]
        if not articles:
            return
        if self.dialect == "sqlite":
            for i in range(0, len(articles), 500):
                ids = ",".join(str(int(aid)) for aid, _ in articles[i:i + 500])
                self.execute("INSERT INTO quotes_fts(rowid, content) SELECT rowid, content FROM quotes "
                             f"WHERE article_id IN ({ids}) ORDER BY rowid")
            return
        self.executemany("UPDATE quotes SET search = to_tsvector('simple', ?) WHERE article_id = ? AND ord = ?",
                         [(fold(text or ""), aid, i) for aid, quotes in articles for i, text in quotes])

    def insert(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]], *, copy: bool = False) -> None:
        """Append ``rows`` to ``table`` with one multi-row ``INSERT`` (``copy``: with ``COPY`` on
        PostgreSQL, the same rows)."""
        if not rows:
            return
        if self.dialect == "sqlite" or not copy:
            self.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             rows)
            return
        with self._statement(), self.conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
                for row in rows:
                    out.write_row(row)

    def insert_searchable(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]],
                          texts: list[Sequence[str]], search: str, order: str) -> None:
        """PostgreSQL: append ``rows`` to ``table`` with ``COPY`` and their full-text vector, which
        only the server computes: the rows and their folded ``texts`` (``t0``, ``t1`` ...) are
        copied into a temporary twin of the table, then moved with one ``INSERT ... SELECT`` whose
        ``search`` expression (of ``t0`` ...) fills the ``search`` column, in ``order``. The same
        rows as one ``INSERT`` per row computing the same expression."""
        if not rows:
            return
        n = len(texts[0])
        staging = f"veille_in_{table}"
        extra = ", ".join(f"t{i} TEXT" for i in range(n))
        self.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {table}, {extra}) ON COMMIT DELETE ROWS")
        cols = ", ".join(columns)
        with self._statement(), self.conn.cursor() as cur:
            with cur.copy(f"COPY {staging} ({cols}, {', '.join(f't{i}' for i in range(n))}) FROM STDIN") as out:
                for row, text in zip(rows, texts):
                    out.write_row((*row, *text))
        self.execute(f"INSERT INTO {table} ({cols}, search) SELECT {cols}, {search} FROM {staging} ORDER BY {order}")
        self.execute(f"DELETE FROM {staging}")

    def now(self) -> str:
        return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    def count(self, table: str) -> int:
        return int(self.value(f"SELECT COUNT(*) AS n FROM {table}") or 0)


def advance(store: Store) -> None:
    """A new generation of the base's contents: the precomputed counts of the last one no longer
    hold (``counts.precount``). Called inside every transaction that changes what queries see."""
    store.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")


def _pg_errors() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.Error,)


def _init(store: Store) -> None:
    if store.dialect == "postgresql":
        # Several processes opening a new shared base at once must not race to create it.
        store.execute("SELECT pg_advisory_lock(?)", (_INIT_LOCK,))
        try:
            _create(store)
        finally:
            store.execute("SELECT pg_advisory_unlock(?)", (_INIT_LOCK,))
        return
    _create(store)


def _version(store: Store) -> int | None:
    if store._pinned is not None:
        return store._pinned[0]
    try:
        version = store.value("SELECT value FROM meta WHERE key = 'store_schema'")
    except StoreError:
        return None  # a new database: no meta table yet
    return int(version) if version is not None else None


def has_confidence(store: Store) -> bool:
    """Whether the base's events carry the scorer's confidence (schema 3 on); an older base read
    as it is has no such column."""
    version = _version(store)
    return version is None or version >= 3


def has_quote_dates(store: Store) -> bool:
    """Whether the base's quotes carry their article's date (schema 4 on); an older base read as
    it is has no such column."""
    version = _version(store)
    return version is None or version >= 4


def _create(store: Store) -> None:
    version = _version(store)
    if version is not None and version > schema.STORE_SCHEMA:
        raise StoreError(f"{store.target}: knowledge base schema {version}, this veille reads {schema.STORE_SCHEMA} "
                         "(a newer veille wrote it)")
    if version == schema.STORE_SCHEMA:
        if not store.readonly:
            _add_indexes(store)
        return
    if version is None and store.readonly and store.dialect == "sqlite":
        return
    if version is not None and store.readonly:
        log.warning("%s: knowledge base schema %s, read as it is; `veille reindex` upgrades it to %s",
                    store.target, version, schema.STORE_SCHEMA)
        return
    with store.transaction():
        if version is not None:
            log.warning("%s: upgrading the knowledge base from schema %s to %s%s", store.target, version,
                        schema.STORE_SCHEMA, " (actor identities are rebuilt)" if version < 2 else "")
            for stmt in schema.upgrade(store.dialect, version):
                store.execute(stmt)
        for stmt in schema.ddl(store.dialect):
            store.execute(stmt)
        if version is not None and version < 2:
            from .actors import reindex
            reindex(store)
        store.execute("DELETE FROM meta WHERE key = 'store_schema'")
        store.execute("INSERT INTO meta(key, value) VALUES ('store_schema', ?)", (str(schema.STORE_SCHEMA),))
        _set_meta(store, "store_indexes", schema.STORE_INDEXES)


def _set_meta(store: Store, key: str, value: object) -> None:
    store.execute("DELETE FROM meta WHERE key = ?", (key,))
    store.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, str(value)))


def _add_indexes(store: Store) -> None:
    """A base of the current schema made before the indexes of ``schema.STORE_INDEXES``: add them
    (queries give the same rows without them, only slower; a read-only opening leaves it so)."""
    have = store.value("SELECT value FROM meta WHERE key = 'store_indexes'")
    if have is not None and int(have) >= schema.STORE_INDEXES:
        return
    log.warning("%s: adding the indexes of large bases (once; a few seconds per 100,000 articles)", store.target)
    with store.transaction():
        for stmt in schema.indexes(store.dialect):
            store.execute(stmt)
        _set_meta(store, "store_indexes", schema.STORE_INDEXES)
    # the planner's statistics of the new indexes (as ``counts.precount`` makes them after a write)
    store.execute("PRAGMA analysis_limit=400" if store.dialect == "sqlite" else "SET statement_timeout = 0")
    store.execute("ANALYZE")


def _open_sqlite(path: str, create: bool, readonly: bool, query_seconds: float | None) -> Store:
    p = Path(path)
    if not p.exists() and (readonly or not create):
        raise StoreError(f"{path}: no such knowledge base (create it with veille ingest)")
    if p.exists() and p.is_dir():
        raise StoreError(f"{path} is a directory, not a knowledge base file")
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{p.resolve()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            # the busy timeout from the first statement: another writer may hold the base
            conn = sqlite3.connect(str(p), isolation_level=None, check_same_thread=False, timeout=30)
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode keeps every committed batch through a process crash (kill -9);
            # only a power loss can lose the last commits, never corrupt the file.
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open as a SQLite knowledge base: {exc}") from exc
    store = Store(conn, "sqlite", str(path), readonly=readonly, query_seconds=query_seconds)
    if readonly and store.value("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'articles'") == 0:
        raise StoreError(f"{path}: not a veille knowledge base")
    _init(store)
    return store


def open_store(target: str | Path = "veille.db", *, create: bool = True, readonly: bool = False,
               query_seconds: float | None = None) -> Store:
    """Open (and, unless ``readonly`` or not ``create``, create) a knowledge base.

    ``target`` is a SQLite file path or a ``postgresql://`` URL. A read-only store gives each
    statement ``query_seconds`` (default ``QUERY_SECONDS``); a writer's statements have no limit.
    An older knowledge base is upgraded when opened for writing, read as it is otherwise.
    """
    if readonly and query_seconds is None:
        query_seconds = QUERY_SECONDS
    if is_postgres(target):
        from .postgres import connect
        store = Store(connect(str(target)), "postgresql", str(target), readonly=readonly, query_seconds=query_seconds)
        if query_seconds:
            store.execute(f"SET statement_timeout = {int(query_seconds * 1000)}")
        _init(store)
        return store
    return _open_sqlite(str(target), create, readonly, query_seconds)
