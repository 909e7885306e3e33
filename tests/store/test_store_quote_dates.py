"""The quotes carry a copy of their article's date (schema 4), and a speaker's quotes are read
from the union of its alternatives (its actors, its name, its surname), each in the order of its
index: the same pages as the article's date gives, on every filter, order, cursor and backend; a
base made without the copy is read as it is (by the article's date), and filled when opened for
writing."""
from __future__ import annotations

import pytest

from veille.store import open_store, queries, schema, store_analyses
from veille.store import db as store_db

from kb_corpus import _article, corpus as counted_corpus
from test_store_identity import _corpus
from test_store_keyset import UNDATED
from test_store_scale import _specs

SPEAKER_FILTERS = [{"speaker": "Anton Berg"}, {"speaker": "Claire Valmont"}, {"speaker": "Valmont"},
                   {"speaker": "Claire Valmont", "kind": "direct"}, {"speaker": "Anton Berg", "contains": "pêche"},
                   {"speaker": "Claire Valmont", "since": "2019-04-10"}, {"speaker": "Anton Berg", "until": "2019-05"},
                   {"speaker": "Ruth Calder", "country": "FRA"}, {"speaker": "personne"}, {"since": "2019-04-10"}, {}]


def _store(kb):
    store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()] +
                   [(_article(*u), f"h-{u[0]}") for u in UNDATED] +
                   [(a, f"h-{a.id}") for a in _corpus(_specs(9, 20))], batch_size=7)


def _pages(kb, f, order, limit, duplicates):
    """Every page of a list, each read after the last row of the one before, and a page by offset."""
    pages, after = [], None
    for _ in range(500):
        page = queries.quotes(kb, **f, order=order, limit=limit, after=after, duplicates=duplicates)
        pages.append([dict(r) for r in page])
        if len(page) < limit:
            break
        after = page.after
    pages.append([dict(r) for r in queries.quotes(kb, **f, order=order, limit=limit, offset=2, duplicates=duplicates)])
    return pages


def _all_pages(kb):
    return {(i, order, limit, dups): _pages(kb, f, order, limit, dups)
            for i, f in enumerate(SPEAKER_FILTERS) for order in ("newest", "oldest")
            for limit in (1, 3, 50) for dups in (False, True)}


def test_the_pages_are_those_of_the_articles_date(kb, monkeypatch):
    _store(kb)
    assert kb.value("SELECT COUNT(*) AS n FROM quotes WHERE published IS NOT NULL") > 0
    assert kb.value("SELECT COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id "
                    "WHERE q.published IS DISTINCT FROM a.published" if kb.dialect == "postgresql" else
                    "SELECT COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id "
                    "WHERE q.published IS NOT a.published") == 0
    new = _all_pages(kb)
    assert any(len(p[0]) > 1 for p in new.values())
    monkeypatch.setattr(queries, "has_quote_dates", lambda store: False)  # the query before the copy
    assert _all_pages(kb) == new


def test_a_speaker_is_read_as_alternatives_each_in_order(monkeypatch):
    sel = queries.Selection(queries.QUOTE_TABLES)

    class Fake:
        dialect = "sqlite"

    monkeypatch.setattr(queries, "_actor_ids", lambda store, name: [4, 7])
    queries._speaker(Fake(), sel, "Anton Berg")
    assert [b.where for b in sel.branches()] == [["q.speaker_actor_id = 4"], ["q.speaker_actor_id = 7"],
                                                 ["q.speaker_key = ?"], ["q.speaker_last = ?"]]
    assert any("quotes_actor_newest ON quotes(speaker_actor_id, published DESC" in s for s in schema.indexes("sqlite"))


def test_a_base_without_the_quotes_dates_is_read_as_it_is_then_filled(kb_target):
    with open_store(kb_target) as kb:
        _store(kb)
        fresh = _all_pages(kb)
        with kb.transaction():  # a base of schema 3: no copy of the date, nor its indexes
            for stmt in schema.indexes(kb.dialect):
                if stmt.startswith("CREATE INDEX") and " ON quotes(" in stmt:
                    kb.execute(f"DROP INDEX {stmt.split()[5]}")
            kb.execute("ALTER TABLE quotes DROP COLUMN published")
            kb.execute("UPDATE meta SET value = '3' WHERE key = 'store_schema'")
    with open_store(kb_target, readonly=True) as kb:
        assert not store_db.has_quote_dates(kb)
        assert _all_pages(kb) == fresh
    with open_store(kb_target) as kb:
        assert store_db.has_quote_dates(kb)
        assert kb.value("SELECT value FROM meta WHERE key = 'store_schema'") == str(schema.STORE_SCHEMA)
        assert kb.value("SELECT COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article_id "
                        "WHERE q.published <> a.published OR (q.published IS NULL) <> (a.published IS NULL)") == 0
        assert _all_pages(kb) == fresh
