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
