"""The knowledge base: ingest analyses into SQLite (or PostgreSQL), query and export them.

    >>> from veille.store import open_store, ingest_paths, queries
    >>> with open_store("veille.db") as kb:
    ...     ingest_paths(kb, ["articles/"])
    ...     queries.quotes(kb, speaker="Pompeo")

Modules: ``schema`` (tables), ``db`` (opening, both dialects), ``ingest`` (idempotent batched
writes), ``neardup`` (MinHash LSH), ``actors`` (corpus-level identity), ``queries``, ``export``.
"""
from __future__ import annotations

from typing import Iterable

from ..options import Options
from . import queries
from .db import Store, is_postgres, open_store
from .export import export
from .ingest import IngestReport, Progress, count_inputs, ingest, read_analyses, store_analyses
from .neardup import DEFAULT_THRESHOLD


def ingest_paths(store: Store, paths: Iterable[str], options: Options | None = None, **kwargs) -> IngestReport:
    """Read ``paths`` (files, folders, JSONL, WARC) and ingest them; see ``ingest`` for the options."""
    from ..read import read_paths
    paths = list(paths)
    return ingest(store, read_paths(paths), options, **kwargs)


__all__ = ["open_store", "Store", "ingest", "ingest_paths", "store_analyses", "read_analyses", "IngestReport", "Progress",
           "count_inputs", "export", "queries", "is_postgres", "DEFAULT_THRESHOLD"]
