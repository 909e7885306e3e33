"""PostgreSQL: a one-word search whose page lies among the articles where the word is frequent
(store indexes 4, ``queries._by_class``) gives the page of the ranking of every match: the rows,
scores, snippets and keys, by offset and by key, in a date range, with and without copies."""
from __future__ import annotations

import random

import pytest

from veille.store import open_store, queries, schema, store_analyses

from kb_samples import FILLER_WORDS, analysis

WORDS = FILLER_WORDS


def _pg(kb):
    if kb.dialect != "postgresql":
        pytest.skip("the count classes are PostgreSQL's (SQLite ranks with bm25)")


def _corpus(n: int = 80):
    """Articles holding "marée" 0 to 40 times in their text (two in its title), a third of the
    counts tied, and near copies of some (which the lists leave out)."""
    rng = random.Random(11)
    out = []
    for i in range(n):
        count = rng.choice([0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 8, 9, 13, 14, 15, 16, 16, 18, 23, 24, 25, 41])
        body = [rng.choice(WORDS) for _ in range(120)] + ["marée"] * count
        rng.shuffle(body)
        title = " ".join(rng.sample(WORDS, 3) + (["marée"] if i in (5, 50) else []))
        out.append(analysis(f"m{i}", " ".join(body) + ".", title=title, published=f"20{10 + i % 9}-{1 + i % 12:02d}-10"))
        if i % 10 == 3:  # a wire copy under another id: the same words but the last
            text = " ".join(body[:-1] + ["quai"]) + "."
            out.append(analysis(f"m{i}-copy", text, title=title, published=f"20{10 + i % 9}-{1 + i % 12:02d}-11"))
    return out


def test_the_count_classes_are_where_the_servers_rounded_rank_rises(kb):
    _pg(kb)
    ranks = [float(kb.value(
        "SELECT ROUND(CAST(ts_rank(to_tsvector('simple', repeat('x ', ?)), websearch_to_tsquery('simple', 'x')) "
        "AS NUMERIC), 3)", (n,))) for n in range(1, 301)]
    rises = tuple(n for n in range(2, 301) if ranks[n - 1] > ranks[n - 2])
    assert rises == schema.RANK_CLASSES
    assert ranks[0] == 0.061 and ranks[-1] == 0.1


def test_an_articles_words_are_kept_with_the_class_of_their_count(kb):
    _pg(kb)
    got = kb.value("SELECT veille_rank_classes(setweight(to_tsvector('simple', 'Port port'), 'A') || "
                   "to_tsvector('simple', ?))", (" ".join(["vent"] * 10 + ["quai"] * 2 + ["houle"] + ["x"] * 300),))
    assert sorted(got) == ["port 2", "quai 2", "vent 9", "x 122"]
    assert kb.value("SELECT veille_rank_classes(to_tsvector('simple', 'un deux trois'))") == []


def test_a_one_word_search_read_by_class_is_the_ranking_of_every_match(kb, monkeypatch):
    _pg(kb)
    store_analyses(kb, [(a, f"h-{a.id}") for a in _corpus()])
    assert kb.value("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") > 0
    used = []
    real = queries._by_class

    def spy(*args):
        rows = real(*args)
        used.append(rows is not None)
        return rows

    def every(**kw):  # the ranking of every match: neither the titles nor the classes
        monkeypatch.setattr(queries, "_one_word", lambda w: False)
        try:
            return [dict(r) for r in queries.search(kb, "marée", limit=200, **kw)]
        finally:
            monkeypatch.undo()

    for duplicates in (False, True):
        want = every(duplicates=duplicates)
        assert len(want) > 40 and want[0]["score"] >= 0.6 and want[5]["score"] < 0.1
        monkeypatch.setattr(queries, "_by_class", spy)
        for size in (1, 3, 7, 20):
            for start in range(0, 45, size):
                page = queries.search(kb, "marée", limit=size, offset=start, duplicates=duplicates)
                assert [dict(r) for r in page] == want[start:start + size], (size, start)
            got, after = [], None
            while len(got) < len(want):
                page = queries.search(kb, "marée", limit=size, after=after, duplicates=duplicates)
                assert page, (size, len(got))
                got += [dict(r) for r in page]
                after = page.after
            assert got == want
        monkeypatch.undo()
    assert used and all(used)  # every page by class, down to the matches holding the word once
    since = every(since="2014-01-01")
    assert [dict(r) for r in queries.search(kb, "marée", since="2014-01-01", limit=15)] == since[:15]
    # a word in no title and nowhere frequent: every match ranked
    assert [dict(r) for r in queries.search(kb, "absent", limit=5)] == []


def test_a_base_without_the_class_index_ranks_every_match_and_gains_it_when_opened_for_writing(kb_target):
    store = open_store(kb_target)
    if store.dialect != "postgresql":
        store.close()
        pytest.skip("PostgreSQL's index")
    store_analyses(store, [(a, f"h-{a.id}") for a in _corpus(30)])
    want = [dict(r) for r in queries.search(store, "marée", limit=10)]
    store.execute("DROP INDEX articles_rank_classes")
    store.execute("DROP FUNCTION veille_rank_classes")
    store.execute("UPDATE meta SET value = '3' WHERE key = 'store_indexes'")
    store.close()
    old = open_store(kb_target, readonly=True)
    assert [dict(r) for r in queries.search(old, "marée", limit=10)] == want
    old.close()
    again = open_store(kb_target)
    assert again.value("SELECT value FROM meta WHERE key = 'store_indexes'") == str(schema.STORE_INDEXES)
    assert again.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'articles_rank_classes'") == 1
    assert [dict(r) for r in queries.search(again, "marée", limit=10)] == want
    again.close()


NEWEST = ("SELECT a.id, a.doc_id, a.published, a.title, a.url, "
          "ROUND(CAST(ts_rank(a.search, websearch_to_tsquery('simple', ?)) AS NUMERIC), 3) AS score, a.text "
          "FROM articles a WHERE a.search @@ websearch_to_tsquery('simple', ?) {more} "
          "ORDER BY a.published {way} NULLS LAST, a.id {way}")


def test_a_search_by_date_read_page_first_is_every_match_sorted(kb):
    """Newest (or oldest) first, PostgreSQL reads the page's ids and dates, then the columns of
    its rows: the same rows, scores, snippets and keys as every match with its columns, sorted."""
    _pg(kb)
    store_analyses(kb, [(a, f"h-{a.id}") for a in _corpus()])
    for order, way in (("newest", "DESC"), ("oldest", "ASC")):
        for duplicates, since in ((False, None), (True, None), (False, "2014-01-01")):
            more = ("" if duplicates else "AND a.id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)") \
                + (" AND a.published >= ?" if since else "")
            want = kb.rows(NEWEST.format(more=more, way=way), ("maree", "maree", *([since] if since else [])))
            for r in want:
                r["score"] = float(r["score"])
                r["snippet"] = queries._snippet(r.pop("text"), ["maree"])
            assert len(want) > 20 and len({r["published"] for r in want}) < len(want)  # dates tied
            kw = {"order": order, "duplicates": duplicates, "since": since}
            assert [dict(r) for r in queries.search(kb, "marée", limit=200, **kw)] == want
            for size in (1, 7, 20):
                for start in range(0, len(want) + 1, size):
                    page = queries.search(kb, "marée", limit=size, offset=start, **kw)
                    assert [dict(r) for r in page] == want[start:start + size], (order, size, start)
                got, after = [], None
                while True:
                    page = queries.search(kb, "marée", limit=size, after=after, **kw)
                    got += [dict(r) for r in page]
                    if len(page) < size:
                        break
                    assert page.after == (page[-1]["published"], page[-1]["id"])
                    after = page.after
                assert got == want, (order, size)
