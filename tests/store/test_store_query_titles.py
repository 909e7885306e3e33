"""PostgreSQL: a one-word search whose page begins among the articles with the word in their title
(store indexes 8, ``queries._titled``) gives the page of the ranking of every match: the rows,
scores, snippets and keys, by offset and by key, in a date range, with and without copies."""
from __future__ import annotations

import random

import pytest

from veille.store import open_store, queries, schema, store_analyses

from kb_samples import FILLER_WORDS, analysis

WORDS = FILLER_WORDS


def _pg(store):
    if store.dialect != "postgresql":
        pytest.skip("the titles' ranks are PostgreSQL's (SQLite ranks with bm25)")


def _corpus(n: int = 90):
    """Articles with "marée" in their title 0 to 3 times (most once) and in their text 0 to 300
    times (a tsvector keeps 256 positions of a word), many ranks tied, and near copies of some."""
    rng = random.Random(5)
    out = []
    for i in range(n):
        in_title = rng.choice([0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3])
        count = rng.choice([0, 0, 1, 1, 2, 3, 4, 6, 9, 14, 40, 300])
        body = [rng.choice(WORDS) for _ in range(120)] + ["marée"] * count
        rng.shuffle(body)
        title = rng.sample(WORDS, 3) + ["marée"] * in_title
        rng.shuffle(title)
        published = f"20{10 + i % 9}-{1 + i % 12:02d}-10"
        out.append(analysis(f"t{i}", " ".join(body) + ".", title=" ".join(title), published=published))
        if i % 9 == 4:  # a wire copy under another id: the same words but the last
            out.append(analysis(f"t{i}-copy", " ".join(body[:-1] + ["quai"]) + ".", title=" ".join(title),
                                published=published))
    return out


def test_the_band_of_a_title_holding_the_word_once_is_the_servers_rank(kb):
    _pg(kb)

    def rank(vector: str) -> float:
        return float(kb.value("SELECT ROUND(CAST(ts_rank(CAST(? AS tsvector), to_tsquery('simple', 'x')) AS NUMERIC), 3)",
                              (vector,)))
    low, high = schema.TITLE_BAND
    assert rank("x:1A") == low
    assert rank("x:1A," + ",".join(str(p) for p in range(2, 257))) == high  # 255 text positions more
    assert rank("x:1A,2A") > high and rank("x:1A,5") == rank("x:1A,2")  # the text's positions come after the title's
    assert rank("x:5A,1") > high  # (were one before, the article would rank above the band: kept with "+")
    # each word of the title with its rank, "+" above the band; the text's own words are not kept
    got = kb.value("SELECT veille_title_ranks(setweight(to_tsvector('simple', 'Port quai quai'), 'A') || "
                   "to_tsvector('simple', 'port port houle'))")
    assert sorted(got) == ["port 0.630", "quai +"]
    assert kb.value("SELECT veille_title_ranks(to_tsvector('simple', 'port quai'))") == []


def _every(kb, monkeypatch, **kw):
    """The ranking of every match: neither the titles nor the classes."""
    monkeypatch.setattr(queries, "_one_word", lambda w: False)
    try:
        return [dict(r) for r in queries.search(kb, "marée", limit=500, **kw)]
    finally:
        monkeypatch.undo()


def test_a_one_word_search_read_by_title_ranks_is_the_ranking_of_every_match(kb, monkeypatch):
    _pg(kb)
    store_analyses(kb, [(a, f"h-{a.id}") for a in _corpus()])
    assert kb.value("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL") > 0
    used = []
    real = queries._titled

    def spy(*args):
        ids = real(*args)
        used.append(len(ids))
        return ids

    for duplicates in (False, True):
        want = _every(kb, monkeypatch, duplicates=duplicates)
        titled = sum(1 for r in want if r["score"] >= 0.6)
        scores = {r["score"] for r in want if r["score"] >= 0.6}
        assert titled > 45 and len(want) > titled + 10 and max(scores) > schema.TITLE_BAND[1] and len(scores) > 5
        monkeypatch.setattr(queries, "_titled", spy)
        for size in (1, 3, 7, 20):
            for start in range(0, titled + 10, size):
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
    assert used and max(used) > 40  # the titled pages were read from the titles' ranks
    since = _every(kb, monkeypatch, since="2014-01-01")
    for start in (0, 10, 30):
        assert [dict(r) for r in queries.search(kb, "marée", since="2014-01-01", limit=10, offset=start)] == \
            since[start:start + 10]


def test_a_base_without_the_title_ranks_reads_the_same_pages_and_gains_them_when_opened_for_writing(kb_target):
    store = open_store(kb_target)
    if store.dialect != "postgresql":
        store.close()
        pytest.skip("PostgreSQL's index")
    store_analyses(store, [(a, f"h-{a.id}") for a in _corpus(40)])
    want = [[dict(r) for r in queries.search(store, "marée", limit=10, offset=k)] for k in (0, 10, 20)]
    assert want[0][0]["score"] > 0.6
    store.execute("DROP INDEX articles_title_ranks")
    store.execute("UPDATE meta SET value = '7' WHERE key = 'store_indexes'")
    store.close()
    old = open_store(kb_target, readonly=True)
    assert [[dict(r) for r in queries.search(old, "marée", limit=10, offset=k)] for k in (0, 10, 20)] == want
    old.close()
    again = open_store(kb_target)
    assert again.value("SELECT value FROM meta WHERE key = 'store_indexes'") == str(schema.STORE_INDEXES)
    assert again.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'articles_title_ranks'") == 1
    assert [[dict(r) for r in queries.search(again, "marée", limit=10, offset=k)] for k in (0, 10, 20)] == want
    again.close()
