"""PostgreSQL: a batch's articles written with ``COPY`` (their ids drawn ahead from the
sequence, their full-text vectors computed by the server), and its quotes with their vectors,
give the base the plain ``INSERT`` of each row gives: the same rows, ids included, the same
answers to every query, and the same ids for what a later run stores."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille.store import counts, open_store, queries, store_analyses
from veille.store.db import Store
from veille.store.schema import ALL_TABLES

from test_store_batched import _dump, _inputs


@pytest.fixture
def pg(kb_target):
    if not kb_target.startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's")
    return kb_target


def _fresh(url: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")


def _answers(kb) -> dict:
    """The answers of the queries a reader asks, first pages and their totals."""
    people = ["Claire Valmont", "Anton Berg", "Ruth Calder", "Valmont"]
    out = {
        "search": [list(queries.search(kb, q, limit=50)) for q in ("pêche", "quotas", "conseil", "sommet Berg")],
        "quotes": [list(queries.quotes(kb, speaker=p)) for p in people] + [list(queries.quotes(kb, contains="pêche"))],
        "events": [list(queries.events(kb)), list(queries.events(kb, source="FRA")),
                   list(queries.events(kb, type="ACCUSE")), list(queries.events(kb, duplicates=True))],
        "actors": list(queries.actors(kb, limit=100)),
        "timeline": [list(queries.timeline(kb, p)) for p in people],
        "show": [queries.show(kb, r["id"]) for r in kb.rows("SELECT id FROM articles ORDER BY id")],
    }
    for what in ("events", "quotes"):
        out[f"facets {what}"] = counts.facets(kb, what)
    for r in out["show"]:
        r["kb"].pop("ingested_at")
    return out




def test_a_batch_s_articles_and_quotes_go_by_copy(pg, monkeypatch):
    """No ``INSERT`` per article, nor an ``UPDATE`` per quote for its vector: one ``COPY`` each."""
    moved, inserted = [], []
    real_searchable, real_row, real_many = Store.insert_searchable, Store.row, Store.executemany

    def searchable(self, table, *args, **kw):
        moved.append(table)
        return real_searchable(self, table, *args, **kw)

    def row(self, sql, params=()):
        inserted.append(sql.split("(")[0])
        return real_row(self, sql, params)

    def many(self, sql, rows):
        inserted.append(sql.split(" SET")[0])
        return real_many(self, sql, rows)

    monkeypatch.setattr(Store, "insert_searchable", searchable)
    monkeypatch.setattr(Store, "row", row)
    monkeypatch.setattr(Store, "executemany", many)
    _fresh(pg)
    with open_store(pg) as kb:
        report = store_analyses(kb, _inputs(), batch_size=64)
        assert report.stored == 7
        assert kb.count("articles") == 7 and kb.value("SELECT COUNT(*) AS n FROM quotes WHERE search IS NULL") == 0
    assert "INSERT INTO articles" not in inserted and "UPDATE quotes" not in inserted
    assert "articles" in moved and "quotes" in moved


@pytest.mark.parametrize("batch_size", [64, 2])
def test_copy_gives_the_base_and_the_answers_of_plain_inserts(pg, batch_size):
    """The same rows (ids and full-text vectors included) and answers, with copies and same
    texts within a batch (the held articles written before they are read) and across batches."""
    from kb_corpus import corpus
    items = [(a, f"h-{a.id}") for a in corpus()] + _inputs()
    bases = []
    for bulk in (False, True):
        _fresh(pg)
        with open_store(pg) as kb:
            store_analyses(kb, items, batch_size=batch_size, bulk=bulk)
            bases.append((_dump(kb), _answers(kb)))
    (plain, plain_answers), (copied, copied_answers) = bases
    assert plain["articles"] and all(dict(r)["search"] for r in copied["articles"])
    for table in plain:
        assert copied[table] == plain[table], table
    assert copied_answers == plain_answers
    assert plain_answers["search"][0] and plain_answers["quotes"][0] and plain_answers["events"][0]


def test_a_later_run_draws_the_ids_a_plain_insert_would(pg):
    """The sequence goes on after the last id held, so a later run (of either writer) stores the
    ids it would have after plain inserts; a batch of known articles only draws none."""
    from kb_samples import article_a, article_b
    b = article_b()
    later = replace(b, id="doc-later", text=b.text + " Une phrase nouvelle, pour un texte nouveau.")
    first = _inputs()
    dumps = []
    for bulk in (False, True):
        _fresh(pg)
        with open_store(pg) as kb:
            store_analyses(kb, first, batch_size=64, bulk=bulk)
            store_analyses(kb, [(article_a(), "h-a")], batch_size=64, bulk=bulk)  # known: nothing drawn
            store_analyses(kb, [(later, "h-later")], batch_size=64, bulk=False)
            assert kb.value("SELECT doc_id FROM articles WHERE id = (SELECT MAX(id) FROM articles)") == "doc-later"
            dumps.append(_dump(kb))
    assert dumps[1] == dumps[0]


def test_counts_and_form_values_written_at_once_add_and_set_as_row_by_row(kb):
    """``actors._update_counts`` and ``_write_values`` (one statement of arrays on PostgreSQL):
    counts added to and set, values counted again on top of the stored ones."""
    from veille.store import actors
    from veille.store.actors import COUNTS, Form
    with kb.transaction():
        for key in ("name:PER:a", "name:PER:b"):
            kb.execute("INSERT INTO actors(key, name, name_key, type) VALUES (?, '', '', 'PER')", (key,))
        a, b = (kb.value("SELECT id FROM actors WHERE key = ?", (k,)) for k in ("name:PER:a", "name:PER:b"))
        actors._update_counts(kb, [(*range(1, 9), a), (*range(10, 18), b)], add=True)
        actors._update_counts(kb, [(*[2] * 8, a)], add=True)
        actors._update_counts(kb, [(*[7] * 8, b)], add=False)
        got = {r["id"]: [r[k] for k in COUNTS] for r in kb.rows(f"SELECT id, {', '.join(COUNTS)} FROM actors")}
        assert got == {a: list(range(3, 11)), b: [7] * 8}
        form = Form("PER", "claire valmont")
        ids, _ = actors._register(kb, {form})
        ents = [{"article_id": 1, "eid": "e1", "name": "Claire Valmont", "type": "PER", "country": "FRA",
                 "sector": None, "kb_id": None}]
        for _ in range(2):
            actors._write_values(kb, actors._count_values(ids, {(1, "e1"): form}, ents))
        assert sorted((r["field"], r["value"], r["n"]) for r in kb.rows("SELECT field, value, n FROM form_values")) == \
            [("country", "FRA", 2), ("name", "Claire Valmont", 2)]
