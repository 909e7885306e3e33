"""The PostgreSQL backend for shared, multi-user knowledge bases (``--db postgresql://...``).

The tables and queries are those of SQLite (see ``schema.py``); only connecting lives here.
psycopg is an optional dependency (``pip install 'veille[store]'``), imported lazily.
"""
from __future__ import annotations

from typing import Any

from ..errors import StoreError


def connect(url: str) -> Any:
    """A psycopg connection in autocommit mode (transactions are explicit), rows as dicts."""
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError as exc:
        raise StoreError("a PostgreSQL knowledge base needs psycopg: pip install 'veille[store]'") from exc
    # SQLAlchemy-style URLs (postgresql+psycopg://) are accepted too.
    url = url.split("://", 1)
    url = "postgresql://" + url[1]
    try:
        return psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL: {str(exc).strip()}") from exc
