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
            settings = pg_server.server.config.app.state.settings

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
