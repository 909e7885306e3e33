"""The quotes holding words on SQLite: a page read in the list's order from ``quotes_newest``, each
quote checked against the full-text matches (when the matches are many), is the page of the matches
looked up one by one and sorted, on every order, offset, key and date range; and the choice between
the two follows the number of matches and the other filters."""
from __future__ import annotations

from veille.store import open_store, queries

from kb_samples import every_page, give_statistics
from test_store_quote_dates import _store
from test_store_scale import _plain_quotes

WORDS = ["pêche", "la pêche", '"la pêche"', "nous", "merci", "cité", "absent"]
FILTERS = [*({"contains": w} for w in WORDS), {"contains": "pêche", "since": "2019-04-10"},
           {"contains": "pêche", "until": "2019-05"}, {"contains": "la", "since": "2019-04", "until": "2019-06-20"}]


def _every_page(kb):
    return every_page(lambda **k: queries.quotes(kb, **k), FILTERS, (1, 2, 50), (1, 3))


def test_a_page_read_in_order_is_the_page_of_the_matches_looked_up(dated_kb, monkeypatch):
    kb = dated_kb
    monkeypatch.setattr(queries, "_quote_words_in_order", lambda store, f, rows: False)
    looked_up = _every_page(kb)
    assert sum(len(p[0]) > 1 for p in looked_up.values()) > 20
    monkeypatch.setattr(queries, "_quote_words_in_order", lambda store, f, rows: True)
    assert _every_page(kb) == looked_up
    for f in FILTERS:  # and both are the plain query's (ordered by the article's date)
        for order in ("newest", "oldest"):
            for dups in (False, True):
                got = [dict(r) for r in queries.quotes(kb, **f, order=order, limit=100, duplicates=dups)]
                assert got == _plain_quotes(kb, f, dups, order, 100, 0), (f, order, dups)


def test_the_page_is_read_in_order_when_the_matches_pass_the_bound(dated_kb, monkeypatch):
    kb = dated_kb
    quotes = kb.value("SELECT MAX(rowid) FROM quotes")
    matches = kb.value("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH '\"la\"'")
    assert 1 < matches < quotes
    # the bound, sqrt(rows * quotes / per page) + 1, put just at the matches, then one over
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 2 * quotes // (matches - 1) ** 2 + 1)
    bound = int((2 * quotes // queries.DATED_PER_INDEX_PAGE) ** 0.5) + 1
    assert bound <= matches
    assert queries._quote_words_in_order(kb, {"contains": "la"}, 2)
    assert queries._quote_words_in_order(kb, {"contains": "la", "since": "2019", "until": "2019-06"}, 2)
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 1)  # a bound over every quote
    assert not queries._quote_words_in_order(kb, {"contains": "la"}, 2)
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 10 ** 9)  # a bound of one match
    assert queries._quote_words_in_order(kb, {"contains": "la"}, 50)
    assert not queries._quote_words_in_order(kb, {"contains": "absent"}, 50)  # no match
    # another filter makes the page's quotes fewer than the matches: the planner's plan
    for other in ({"kind": "direct"}, {"speaker": "Anton Berg"}, {"country": "FRA"}, {"sector": "GOV"}):
        assert not queries._quote_words_in_order(kb, {"contains": "la", **other}, 50)


def _page_plan(kb, monkeypatch, **f) -> list[str]:
    """The plan SQLite makes for the page of ``queries.quotes(**f)`` (its statement caught as it
    runs), up to the page's own rows (then come the joins of its columns)."""
    seen = []
    rows = kb.rows
    monkeypatch.setattr(kb, "rows", lambda sql, params=(): seen.append((sql, params)) or rows(sql, params))
    queries.quotes(kb, **f)
    monkeypatch.setattr(kb, "rows", rows)
    sql, params = seen[-1]
    plan = [r["detail"] for r in kb.rows("EXPLAIN QUERY PLAN " + sql, params)]
    return plan[:plan.index("SCAN p")]


# The statistics of the 200,000-article base's quotes (``ANALYZE``): there, not knowing how many quotes
# match, SQLite looks each match up by its row id and sorts them.
BIG = {"quotes_newest": "1908480 201 9 1", "sqlite_autoindex_quotes_1": "2184744 10 1",
       "quotes_actor_newest": "2048058 401 10 4 1", "quotes_speaker_key_newest": "2137104 401 1 1 1",
       "quotes_speaker_last_newest": "1282960 401 1 1 1"}


def test_read_in_order_the_page_is_the_index_scanned_without_a_sort(tmp_path, monkeypatch):
    with open_store(tmp_path / "kb.db") as kb:
        _store(kb)
        give_statistics(kb, "quotes", BIG)
    kb = open_store(tmp_path / "kb.db", readonly=True)
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 10 ** 9)
    plan = _page_plan(kb, monkeypatch, contains="la")
    assert any("SCAN q USING COVERING INDEX quotes_newest" in d for d in plan), plan
    assert not any("rowid=?" in d or d == "USE TEMP B-TREE FOR ORDER BY" for d in plan), plan
    monkeypatch.setattr(queries, "DATED_PER_INDEX_PAGE", 1)
    plan = _page_plan(kb, monkeypatch, contains="la")
    assert any("SEARCH q USING INTEGER PRIMARY KEY (rowid=?)" in d for d in plan), plan
    kb.close()


def test_a_total_of_quotes_holding_words_is_counted_from_the_full_text_index_alone(dated_kb, monkeypatch):
    kb = dated_kb
    seen = []
    value = kb.value
    monkeypatch.setattr(kb, "value", lambda sql, params=(): seen.append(sql) or value(sql, params))
    for f in FILTERS:
        for dups in (False, True):
            plain = len(_plain_quotes(kb, f, dups, "newest", 10_000, 0))
            for bound in (0, 1, plain - 1, plain, plain + 3):
                if bound >= 0:
                    assert queries.total(kb, "quotes", at_most=bound, duplicates=dups, **f) == min(plain, bound + 1), \
                        (f, dups, bound)
            assert queries.total(kb, "quotes", duplicates=dups, **f) == plain
    undated = [sql for sql in seen if "quotes_fts MATCH" in sql and "published" not in sql]
    assert undated and all(sql.split(" WHERE ")[0].endswith(" FROM quotes_fts") for sql in undated), undated  # no row read


def test_a_join_a_later_join_needs_is_kept():
    sel = queries.Selection("quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON "
                            "a.id = q.article_id LEFT JOIN actors ac ON ac.id = q.speaker_actor_id")
    sel.add("quotes_fts MATCH ?", '"la"')
    assert sel.sql(needs="") == "FROM quotes_fts WHERE quotes_fts MATCH ?"
    assert sel.sql(needs="a.published") == ("FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
                                            "JOIN articles a ON a.id = q.article_id WHERE quotes_fts MATCH ?")
    assert "LEFT JOIN actors ac" in sel.sql(needs="ac.country") and "JOIN articles a" not in sel.sql(needs="ac.country")
