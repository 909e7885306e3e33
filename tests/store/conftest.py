"""Knowledge-base fixtures: a fresh store on each backend (SQLite always, PostgreSQL when available)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from veille.store import open_store
from veille.store.schema import ALL_TABLES


def _pg_url() -> str | None:
    return os.environ.get("VEILLE_TEST_PG")


def _reset_pg(url: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def kb_target(request, tmp_path: Path) -> str:
    """A fresh, empty knowledge base target on each backend (PostgreSQL needs VEILLE_TEST_PG)."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    url = _pg_url()
    if not url:
        pytest.skip("PostgreSQL tests need VEILLE_TEST_PG (eval \"$(.ci/postgres.sh)\")")
    try:
        _reset_pg(url)
    except Exception as exc:  # the server is down or unreachable
        pytest.skip(f"PostgreSQL at VEILLE_TEST_PG is unreachable: {exc}")
    return url


@pytest.fixture
def kb(kb_target):
    store = open_store(kb_target)
    yield store
    store.close()


@pytest.fixture
def dated_kb(tmp_path):
    """A SQLite base of the dated corpus of test_store_quote_dates (quotes and articles over months)."""
    from test_store_quote_dates import _store
    store = open_store(tmp_path / "kb.db")
    _store(store)
    yield store
    store.close()
