"""The API over a PostgreSQL knowledge base (needs VEILLE_TEST_PG, see .ci/postgres.sh)."""
from __future__ import annotations

import os

import pytest
from web_samples import article_en, article_fr
from web_server import start_server, stop_server

from veille.store import open_store, store_analyses
from veille.store.schema import ALL_TABLES


@pytest.fixture(scope="module")
def pg_server():
    url = os.environ.get("VEILLE_TEST_PG")
    if not url:
        pytest.skip("PostgreSQL tests need VEILLE_TEST_PG (eval \"$(.ci/postgres.sh)\")")
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at VEILLE_TEST_PG is unreachable: {exc}")
    with open_store(url) as kb:
        store_analyses(kb, [(article_fr(), None), (article_en(), None)])
    s = start_server(url)
    yield s
    stop_server(s)


def test_routes_answer_over_postgresql(pg_server):
    _, body, _ = pg_server.get("/api/search", q="PECHE")
    assert [r["doc_id"] for r in body["results"]] == ["web-fr"]
    _, body, _ = pg_server.get("/api/quotes", speaker="ndlovu")
    assert [q["speaker"] for q in body["results"]] == ["Priya Ndlovu"]
    _, body, _ = pg_server.get("/api/events", type="accuse")
    assert [e["source"] for e in body["results"]] == ["Hélène Roussel"]
    _, body, _ = pg_server.get("/api/articles/web-en")
    assert body["title"] == "Tariff threat"
    assert pg_server.get("/api/articles/nothing")[0] == 404
    assert pg_server.get("/api/stats")[1]["articles"] == 2


def test_the_session_cannot_write(pg_server):
    from veille.web.routes import knowledge_base

    class App:
        class state:
            readers = pg_server.server.config.app.state.readers

    class Request:
        app = App

    gen = knowledge_base(Request)
    kb = next(gen)
    try:
        from veille.errors import StoreError
        with pytest.raises(StoreError, match="read-only"):
            kb.execute("DELETE FROM quotes")
    finally:
        gen.close()


def test_a_kept_connection_serves_the_next_requests_and_a_broken_one_is_replaced(pg_server):
    import time
    readers = pg_server.server.config.app.state.readers

    def requests(n=5):
        for _ in range(n):
            status, body, _ = pg_server.get("/api/stats")
            assert status == 200 and body["articles"] == 2
            time.sleep(0.05)  # the connection is given back just after the response is sent

    requests()
    opened = readers.opened
    requests()
    assert readers.opened == opened  # the same server sessions, no new one
    # the server ends every session of the base (a restart, an administrator): the next request
    # is still answered, on a new connection
    with open_store(os.environ["VEILLE_TEST_PG"]) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    requests(1)
    assert readers.opened > opened
    kb = readers.acquire()
    try:
        with pytest.raises(Exception, match="read-only"):
            kb.execute("DELETE FROM quotes")
    finally:
        readers.release(kb)
