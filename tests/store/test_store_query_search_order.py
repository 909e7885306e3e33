"""A search newest (oldest) first on SQLite: the page's ids read in date order from
``articles_newest``, each article checked against the full-text matches (when they are many), then
the columns, rank and snippet of its rows, give the page of the matches looked up one by one and
sorted, on every order, offset, key, date range and phrase."""
from __future__ import annotations

from veille.store import queries

from kb_samples import every_page

WORDS = ["pêche", "article", "texte", "cité", "Valmont", '"la pêche"', "pêche texte", "absent"]
FILTERS = [*({"text": w} for w in WORDS), {"text": "texte", "since": "2019-04-10"},
           {"text": "pêche", "until": "2019-05"}, {"text": "article", "since": "2019-04", "until": "2019-06-20"}]


def _every_page(kb):
    return every_page(lambda **k: queries.search(kb, **k), FILTERS, (1, 3, 20), (1, 4))


def test_a_page_read_in_date_order_is_the_page_of_the_matches_looked_up(dated_kb, monkeypatch):
    kb = dated_kb
    monkeypatch.setattr(queries, "_read_in_order", lambda *args: False)
    looked_up = _every_page(kb)
    assert sum(len(p[0]) > 1 for p in looked_up.values()) > 40
    assert all(r["snippet"] and r["score"] is not None for p in looked_up.values() for r in p[0])
    monkeypatch.setattr(queries, "_read_in_order", lambda *args: True)
    assert _every_page(kb) == looked_up


def test_the_choice_follows_the_number_of_matches(dated_kb, monkeypatch):
    kb = dated_kb
    articles = kb.value("SELECT MAX(id) FROM articles")
    matches = kb.value("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '\"texte\"'")
    assert 1 < matches <= articles
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 10 ** 9)  # a bound of one match
    assert queries._read_in_order(kb, "articles_fts", "articles", '"texte"', 20)
    assert not queries._read_in_order(kb, "articles_fts", "articles", '"absent"', 20)
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 1)  # a bound over every article
    assert not queries._read_in_order(kb, "articles_fts", "articles", '"texte"', 20)
    # the bound just at the matches, then one match over it
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 20 * articles // (matches - 1) ** 2 + 1)
    assert queries._read_in_order(kb, "articles_fts", "articles", '"texte"', 20)
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", max(1, 20 * articles // matches ** 2))
    assert not queries._read_in_order(kb, "articles_fts", "articles", '"texte"', 20)


def _page_plan(kb, monkeypatch, text) -> list[str]:
    seen = []
    rows = kb.rows
    monkeypatch.setattr(kb, "rows", lambda sql, params=(): seen.append((sql, params)) or rows(sql, params))
    queries.search(kb, text, order="newest")
    monkeypatch.setattr(kb, "rows", rows)
    sql, params = seen[-1]
    return [r["detail"] for r in kb.rows("EXPLAIN QUERY PLAN " + sql, params)]


def test_read_in_order_the_page_is_the_date_index_scanned_without_a_sort(dated_kb, monkeypatch):
    kb = dated_kb
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 10 ** 9)
    plan = _page_plan(kb, monkeypatch, "texte")
    assert any(d in ("SCAN a USING COVERING INDEX articles_newest", "SCAN a USING COVERING INDEX articles_published")
               for d in plan), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in d for d in plan[:plan.index("SCAN p")]), plan
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 1)
    plan = _page_plan(kb, monkeypatch, "texte")
    assert any("SCAN articles_fts VIRTUAL TABLE" in d for d in plan) and "USE TEMP B-TREE FOR ORDER BY" in plan, plan
