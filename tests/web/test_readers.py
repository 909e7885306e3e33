"""The read-only connections the server keeps across requests (``veille.web.readers``)."""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace

from web_samples import article_en, article_fr
from web_server import start_server, stop_server

from veille.store import open_store, store_analyses
from veille.store.db import has_quote_dates
from veille.web.readers import Readers


def _base(path, articles):
    with open_store(path) as kb:
        store_analyses(kb, [(a, None) for a in articles])
    return path


def _set_schema(path, version):
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'store_schema'", (str(version),))
    conn.close()


def test_a_store_is_kept_and_given_again(kb_path):
    readers = Readers(str(kb_path), size=1)
    first = readers.acquire()
    readers.release(first)
    assert readers.acquire() is first
    second = readers.acquire()  # none idle: a new one
    assert second is not first
    readers.release(first)
    readers.release(second)  # no room: closed
    assert readers.acquire() is first
    readers.close()


def test_shutdown_closes_the_kept_stores(kb_path):
    readers = Readers(str(kb_path))
    kb = readers.acquire()
    in_use = readers.acquire()
    readers.release(kb)
    readers.close()
    assert not readers._idle
    readers.release(in_use)  # given back after the shutdown: closed, not kept
    assert not readers._idle


def test_the_schema_version_is_read_again_at_each_request(tmp_path):
    path = _base(tmp_path / "kb.db", [article_fr()])
    readers = Readers(str(path))
    kb = readers.acquire()
    assert has_quote_dates(kb)
    readers.release(kb)
    _set_schema(path, 3)  # the base changes while the store is kept (as a downgrade is not
    # something veille does, set the version by hand: only the reading of it is tested)
    kb = readers.acquire()
    assert not has_quote_dates(kb)
    readers.release(kb)
    _set_schema(path, 4)
    kb = readers.acquire()
    assert has_quote_dates(kb)
    readers.release(kb)
    readers.close()


def test_a_base_rebuilt_or_removed_while_the_server_runs(tmp_path):
    path = _base(tmp_path / "kb.db", [article_fr(), article_en()])
    s = start_server(path)
    try:
        assert s.get("/api/stats")[1]["articles"] == 2
        # new articles written by a running ingest show up at the next request
        with open_store(path) as writer:
            a = article_fr()
            store_analyses(writer, [(replace(a, id="web-fr-2", text=a.text + " Encore.",
                                             source=replace(a.source, url="https://example.org/fr/2")), None)])
        assert s.get("/api/stats")[1]["articles"] == 3
        # a base rebuilt elsewhere and moved over the served file: the kept connection, still on
        # the old file, is dropped and the new base read
        other = _base(tmp_path / "other.db", [article_en()])
        for suffix in ("-wal", "-shm"):
            if os.path.exists(str(path) + suffix):
                os.remove(str(path) + suffix)
        os.replace(other, path)
        assert s.get("/api/stats")[1]["articles"] == 1
        # the base removed: 503, as when it never existed
        shutil.move(str(path), str(tmp_path / "gone.db"))
        status, body, _ = s.get("/api/stats")
        assert status == 503 and "no such knowledge base" in body["detail"]
        assert s.get("/api/health")[1]["knowledge_base"] is False
    finally:
        stop_server(s)


def test_stopping_the_server_closes_its_kept_stores(kb_path):
    s = start_server(kb_path)
    readers = s.server.config.app.state.readers
    try:
        assert s.get("/api/stats")[0] == 200
    finally:
        stop_server(s)
    assert readers._closed and not readers._idle
