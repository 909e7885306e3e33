"""A search by relevance on SQLite chooses its page over the full-text index alone, then reads
the page's articles and snippets: the rows, scores, snippets and keys are those of the one query
that ranks every match joined to its article."""
from __future__ import annotations

import pytest

from veille.store import open_store, queries, store_analyses
from veille.store.queries import fts_query

from kb_corpus import corpus

PLAIN = ("SELECT a.id, a.doc_id, a.published, a.title, a.url, ROUND(-bm25(articles_fts, 4.0, 1.0), 3) AS score, "
         "snippet(articles_fts, 1, '[', ']', '…', 8) AS snippet, bm25(articles_fts, 4.0, 1.0) AS rank_ "
         "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? {more} "
         "ORDER BY rank_, a.id")
COPIES = "AND a.id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    kb = open_store(tmp_path_factory.mktemp("search") / "kb.db")
    store_analyses(kb, [(a, f"h-{a.id}") for a in corpus()])
    yield kb
    kb.close()


def _plain(kb, q, duplicates=False, since=None):
    more = ("" if duplicates else COPIES) + (" AND a.published >= ?" if since else "")
    rows = kb.rows(PLAIN.format(more=more), (fts_query(q), *([since] if since else [])))
    for r in rows:
        r.pop("rank_")
    return rows


@pytest.mark.parametrize("q", ["pêche", "article", "texte", '"la pêche"', "quotas", "Valmont Berg", "absent"])
@pytest.mark.parametrize("duplicates", [False, True])
def test_a_search_page_chosen_over_the_index_is_the_plain_ranking(base, q, duplicates):
    want = _plain(base, q, duplicates)
    assert [dict(r) for r in queries.search(base, q, limit=100, duplicates=duplicates)] == want
    for size in (1, 2, 3):  # page by page, by offset and by key
        for start in range(0, len(want) + 1, size):
            assert [dict(r) for r in queries.search(base, q, limit=size, offset=start, duplicates=duplicates)] \
                == want[start:start + size]
        got, after = [], None
        while True:
            page = queries.search(base, q, limit=size, duplicates=duplicates, after=after)
            got += [dict(r) for r in page]
            if len(page) < size:
                break
            after = page.after
        assert got == want


def test_a_search_in_a_date_range_still_reads_the_dates(base):
    want = _plain(base, "pêche", since="2019-05-01")
    assert want and len(want) < len(_plain(base, "pêche"))
    assert [dict(r) for r in queries.search(base, "pêche", since="2019-05-01", limit=100)] == want


# -- PostgreSQL: a one-word search whose page is the articles with the word in their title ------
def _titled_corpus():
    import random
    from kb_samples import analysis
    rng = random.Random(5)
    words = ("port navire quai filet houle vent cale phare digue chalut bouée voile ancre criée "
             "mareyeur saumon thon sardine quota flotte").split()
    out = []
    for i in range(40):
        body = [rng.choice(words) for _ in range(60)] + ["marée"] * rng.randint(0 if i % 3 else 1, 4)
        rng.shuffle(body)
        title = " ".join(rng.sample(words, 3) + ["marée"] * (i % 4 == 0) + ["marée"] * (i % 8 == 0))
        out.append(analysis(f"m{i}", " ".join(body) + ".", title=title, published=f"2019-{1 + i % 12:02d}-10"))
    return out


def test_a_one_word_search_reads_its_page_from_the_titles_when_they_fill_it(kb, monkeypatch):
    from veille.store import queries as q
    store_analyses(kb, [(a, f"h-{a.id}") for a in _titled_corpus()])
    calls = []
    real = q._one_word
    monkeypatch.setattr(q, "_one_word", lambda w: calls.append(w) or real(w))
    for word in ("marée", "quota"):
        monkeypatch.setattr(q, "_one_word", real)
        fast = [dict(r) for r in q.search(kb, word, limit=100)]
        monkeypatch.setattr(q, "_one_word", lambda w: False)  # every match ranked
        want = [dict(r) for r in q.search(kb, word, limit=100)]
        assert fast == want and len(want) > 20
        monkeypatch.setattr(q, "_one_word", real)
        for size in (1, 3, 7):
            for start in range(0, 16, size):
                assert [dict(r) for r in q.search(kb, word, limit=size, offset=start)] == want[start:start + size]
            got, after = [], None
            while len(got) < len(want):
                page = q.search(kb, word, limit=size, after=after)
                assert page, (word, size, len(got))
                got += [dict(r) for r in page]
                after = page.after
            assert got == want
        since = [dict(r) for r in q.search(kb, word, since="2019-06-01", limit=100)]
        assert since == [r for r in want if r["published"] >= "2019-06-01"]
    if kb.dialect == "postgresql":  # the titled articles come first, and fill the first pages
        ranked = q.search(kb, "marée", limit=12)
        assert all(r["score"] >= 0.6 for r in ranked[:10]) and ranked[-1]["score"] < 0.1
    assert not q._one_word("marée noire") and not q._one_word("aujourd'hui") and not q._one_word("-marée")
    assert q._one_word("marée") and not q._one_word("or")
