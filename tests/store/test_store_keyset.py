"""Keyset pages: a list read page by page, each page started after the last row of the one
before (``after``), gives the whole list in its order, on every filter, order and backend,
dated and undated rows alike; and a key that is not one is refused."""
from __future__ import annotations

import json

import pytest

from veille.errors import QueryError
from veille.store import queries, store_analyses

from kb_corpus import _article, corpus as counted_corpus
from test_store_identity import _corpus
from test_store_scale import EVENT_FILTERS, QUOTE_FILTERS, _specs

UNDATED = [("u1", None, [("CONSULT", "Claire Valmont", "Anton Berg", "actual", None),
                         ("ACCUSE", "Anton Berg", "Claire Valmont", "actual", None)],
            [("Claire Valmont", "direct", "la pêche attendra"), ("Anton Berg", "direct", "non")]),
           ("u2", None, [("AGREE", "Claire Valmont", "Ruth Calder", "actual", None)],
            [("Claire Valmont", "indirect", "un accord sur la pêche est proche")])]

LISTS = {
    "events": [*EVENT_FILTERS, {"min_confidence": 0}],
    "quotes": QUOTE_FILTERS,
    "actors": [{}, {"country": "FRA"}, {"type": "PER"}],
    "search": [{"q": "pêche"}, {"q": "article"}, {"q": "texte", "since": "2019-04-10"}],
    "timeline": [{"actor": "Claire Valmont"}, {"actor": "Anton Berg"}, {"actor": "Ruth Calder", "until": "2019-05"}],
}


def _call(kb, what, f, **kw):
    if what == "search":
        return queries.search(kb, f["q"], **{k: v for k, v in f.items() if k != "q"}, **kw)
    return getattr(queries, what)(kb, **f, **kw)


@pytest.fixture
def listed(kb):
    store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()] +
                   [(_article(*u), f"h-{u[0]}") for u in UNDATED] +
                   [(a, f"h-{a.id}") for a in _corpus(_specs(9, 20))], batch_size=7)
    return kb


@pytest.mark.parametrize("duplicates", [False, True])
def test_pages_read_after_the_last_row_of_the_one_before_give_the_whole_list(listed, duplicates):
    kb = listed
    seen_undated = set()
    for what, fs in LISTS.items():
        for f in fs:
            for order in queries.filters.SPECS[what].orders:
                whole = _call(kb, what, f, order=order, limit=10_000, duplicates=duplicates)
                assert whole, (what, f)
                for limit in (1, 2, 3):
                    walked, after = [], None
                    for _ in range(len(whole) + 2):
                        page = _call(kb, what, f, order=order, limit=limit, after=after, duplicates=duplicates)
                        walked += page
                        if len(page) < limit:
                            break
                        after = json.loads(json.dumps(page.after))  # as a cursor carries it
                    assert walked == list(whole), (what, f, order, limit)
                    if limit == 2 and len(whole) > 3:  # after and offset together: rows after the key, skipped
                        after = _call(kb, what, f, order=order, limit=1, duplicates=duplicates).after
                        assert _call(kb, what, f, order=order, limit=2, offset=1, after=after,
                                     duplicates=duplicates) == whole[2:4]
                seen_undated |= {what for r in whole if r.get("date", r.get("published", "")) is None}
    assert {"events", "quotes", "timeline", "search"} <= seen_undated  # the undated rows were paged too


def test_the_key_of_a_page_is_its_last_row_and_an_empty_page_has_none(listed):
    page = queries.events(listed, limit=2, min_confidence=0)
    assert page.after == (page[-1]["date"], page[-1]["article"], page[-1]["ord"])
    last = queries.events(listed, limit=10_000, min_confidence=0).after
    assert queries.events(listed, after=last, min_confidence=0) == [] and \
        queries.events(listed, after=last, min_confidence=0).after is None
    assert queries.search(listed, "pêche", limit=1).after[1] == queries.search(listed, "pêche", limit=1)[0]["id"]


@pytest.mark.parametrize("what, order, bad", [
    ("events", "newest", ["2019-01-01", 3]),             # too short
    ("events", "newest", ["2019-01-01", "3", 1]),        # an article that is not a number
    ("events", "oldest", [2019, 3, 1]),                  # a date that is not text
    ("quotes", "newest", "2019-01-01"),                  # not a list
    ("actors", "mentions", [3, 2, True]),                # a boolean is not an id
    ("timeline", "newest", ["2019", 1, "speech", 0]),    # neither event nor quote
    ("search", "relevance", ["2019-01-01", 1]),          # a date where the rank goes
    ("search", "relevance", [float("nan"), 1]),
])
def test_a_key_that_is_not_a_rows_is_refused(kb, what, order, bad):
    f = {"timeline": {"actor": "X"}, "search": {"q": "x"}}.get(what, {})
    with pytest.raises(QueryError) as e:
        _call(kb, what, f, order=order, after=bad)
    assert e.value.field == "after"
