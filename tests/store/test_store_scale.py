"""The ingest and query paths made for large bases give what the plain ones give.

- A batch settles its actors once (``Writer(deferred=True)``): the same base as settling each
  article, and a batch whose settling fails is written again article by article.
"""
from __future__ import annotations

import importlib
import random

import pytest

from veille.store import open_store, store_analyses
from veille.store.ingest import Writer

from kb_snapshot import snapshot
from test_store_identity import PEOPLE, _corpus

ingest_mod = importlib.import_module("veille.store.ingest")  # the module (the package exports a function of its name)


def _specs(seed: int, n: int = 30) -> list:
    rng = random.Random(seed)
    return [(rng.sample(range(len(PEOPLE)), rng.randint(0, 4)), rng.choice([None, 0, 1, 2, 3]),
             rng.choice([None, None, 1, 2]), rng.randint(1, 28), rng.random() < 0.15) for _ in range(n)]


def _per_article(kb, corpus) -> None:
    writer = Writer(kb)  # not deferred: each article settled as it is written
    with kb.transaction():
        for a in corpus:
            writer.write(a, f"h-{a.id}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_settled_at_once_gives_the_base_of_articles_settled_one_by_one(kb_target, tmp_path, seed):
    corpus = _corpus(_specs(seed))
    with open_store(tmp_path / "one-by-one.db") as kb:
        _per_article(kb, corpus)
        reference = snapshot(kb)
    with open_store(kb_target) as kb:
        report = store_analyses(kb, [(a, f"h-{a.id}") for a in corpus], batch_size=16)
        assert report.stored + report.same_content == len(corpus)
        got = snapshot(kb)
        if kb.dialect != "sqlite":  # the reference is a SQLite base: its actor index is FTS5, not a tsvector
            got.pop("actors_fts"), reference.pop("actors_fts")
        assert got == reference


def test_a_batch_whose_settling_fails_is_written_article_by_article(tmp_path, monkeypatch):
    corpus = _corpus(_specs(4, 12))
    with open_store(tmp_path / "ref.db") as kb:
        _per_article(kb, corpus)
        reference = snapshot(kb)
    real = ingest_mod.actors.settle
    calls = []

    def fragile(store, articles, flipped=(), **held):
        calls.append(len(articles))
        if len(articles) > 1:
            raise RuntimeError("settling many at once broke")
        return real(store, articles, flipped, **held)

    monkeypatch.setattr(ingest_mod.actors, "settle", fragile)
    with open_store(tmp_path / "kb.db") as kb:
        report = store_analyses(kb, [(a, f"h-{a.id}") for a in corpus], batch_size=6)
        assert report.failed == 0 and report.stored + report.same_content == len(corpus)
        assert snapshot(kb) == reference
    assert max(calls) > 1 and 1 in calls  # the batch was tried whole, then article by article


# -- the queries: what the plain queries (one statement over every join, the copies left out by
# a join to articles) give, on every filter, order, page and backend --------------------------
from veille.store import counts, filters, queries  # noqa: E402
from veille.store.queries import _newest  # noqa: E402

from kb_corpus import corpus as counted_corpus  # noqa: E402

_NO_DUPS = " NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)"


def _plain(sel):
    """The selection as it was written before: copies left out through the joined article."""
    sel.where = ["a.duplicate_of IS NULL" if w.endswith(_NO_DUPS) else w for w in sel.where]
    return sel


def _plain_events(kb, f, duplicates, order, limit, offset):
    sel = _plain(queries.events_selection(kb, filters.check("events", f), duplicates))
    return kb.rows(
        "SELECT e.day AS date, e.type, e.mode, e.factuality, "
        "COALESCE(sa.name, e.source_name) AS source, COALESCE(e.source_country, sa.country) AS source_country, "
        "COALESCE(ta.name, e.target_name) AS target, COALESCE(e.target_country, ta.country) AS target_country, "
        "e.location, e.trigger_text AS trigger, e.evidence_text AS evidence, e.confidence AS confidence, "
        "a.id AS article, e.ord, a.title, a.url "
        f"{sel.sql()} ORDER BY {_newest(order, 'e.day', 'a.id')}, e.ord LIMIT ? OFFSET ?",
        (*sel.params, limit, offset))


def _plain_quotes(kb, f, duplicates, order, limit, offset):
    sel = _plain(queries.quotes_selection(kb, filters.check("quotes", f), duplicates))
    return kb.rows(
        "SELECT a.id AS article, q.ord, a.published, COALESCE(ac.name, q.speaker_name) AS speaker, "
        "q.speaker_actor_id AS actor_id, q.kind, q.content, q.cue_text AS cue, a.title, a.url "
        f"{sel.sql()} ORDER BY {_newest(order, 'a.published', 'a.id')}, q.ord LIMIT ? OFFSET ?",
        (*sel.params, limit, offset))


def _plain_total(kb, what, duplicates, f):
    return sum(int(kb.value(f"SELECT COUNT(*) AS n {_plain(sel).sql()}", sel.params))
               for sel in queries.selection(kb, what, f, duplicates))


EVENT_FILTERS = [{}, {"type": "ACCUSE"}, {"factuality": "actual"}, {"source": "FRA"}, {"target": "Anton Berg"}, {"target": "DEU"},
                 {"actor": "Claire Valmont"}, {"quad": "verbal-conflict"}, {"sector": "GOV"},
                 {"since": "2019-04-15", "until": "2019-06"}, {"source": "Ruth Calder", "type": "THREATEN"}]
QUOTE_FILTERS = [{}, {"speaker": "Anton Berg"}, {"kind": "direct"}, {"country": "FRA"}, {"sector": "GOV"},
                 {"contains": "pêche"}, {"since": "2019-04-10"}, {"speaker": "Claire Valmont", "kind": "direct"},
                 {"speaker": "Anton Berg", "contains": "pêche"}]


@pytest.fixture
def counted(kb):
    store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()] +
                   [(a, f"h-{a.id}") for a in _corpus(_specs(9, 20))], batch_size=7)
    return kb


@pytest.mark.parametrize("duplicates", [False, True])
def test_event_and_quote_pages_are_those_of_the_plain_queries(counted, duplicates):
    kb = counted
    for what, fs, fast, plain in (("events", EVENT_FILTERS, queries.events, _plain_events),
                                  ("quotes", QUOTE_FILTERS, queries.quotes, _plain_quotes)):
        for f in fs:
            for order in ("newest", "oldest"):
                for limit, offset in ((100, 0), (2, 0), (3, 2), (1, 5)):
                    want = plain(kb, f, duplicates, order, limit, offset)
                    assert fast(kb, **f, order=order, limit=limit, offset=offset, duplicates=duplicates) == want, \
                        (what, f, order, limit, offset)
            assert queries.total(kb, what, duplicates=duplicates, **f) == _plain_total(kb, what, duplicates, f)
            assert _plain_total(kb, what, duplicates, f) >= 0
    assert _plain_events(kb, {}, duplicates, "newest", 100, 0)  # the corpus has events and quotes
    assert _plain_quotes(kb, {}, duplicates, "newest", 100, 0)


def test_counts_and_facets_are_those_of_the_plain_queries(counted):
    kb = counted
    for what, fs in (("events", EVENT_FILTERS), ("quotes", QUOTE_FILTERS), ("actors", [{}, {"country": "FRA"}])):
        for f in fs:
            for dim in filters.SPECS[what].dims:
                sel = _plain(queries.selection(kb, what, f)[0])
                expr = counts.DIMS[what][dim]
                rows = kb.rows(f"SELECT {expr} AS v, COUNT(*) AS n {sel.sql()} GROUP BY 1", sel.params)
                want: dict = {}
                for r in rows:
                    v = filters.quad_of(r["v"]) if dim == "quad" else r["v"]
                    want[v] = want.get(v, 0) + int(r["n"])
                got = {r[dim]: r["count"] for r in counts.counts(kb, what, [dim], **f)}
                assert got == want, (what, f, dim)
    net = counts.network(kb)
    assert net["edges"] and sum(e["count"] for e in net["edges"]) > 0


def test_a_base_made_before_the_large_base_indexes_gains_them_when_opened_for_writing(kb_target, tmp_path):
    from veille.store.schema import STORE_INDEXES, indexes
    dialect = "postgresql" if kb_target.startswith("postgresql") else "sqlite"
    names = [s.split()[5] for s in indexes(dialect) if s.startswith("CREATE INDEX")]
    if dialect == "postgresql":  # the events with an actor and no country or sector of their own
        assert {"events_target_actor_uncoded", "events_source_actor_uncoded", "events_source_actor_unsectored"} <= set(names)

    def present(kb):
        if kb.dialect == "sqlite":
            have = {r["name"] for r in kb.rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
        else:
            have = {r["indexname"] for r in kb.rows("SELECT indexname FROM pg_indexes")}
        return [n for n in names if n in have]

    with open_store(kb_target) as kb:
        store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()])
        assert present(kb) == names
        want = queries.events(kb)
        for n in names:  # as a base written before them
            kb.execute(f"DROP INDEX {n}")
        kb.execute("DELETE FROM meta WHERE key = 'store_indexes'")
        assert queries.events(kb) == want
    if not kb_target.startswith("postgresql"):
        with open_store(kb_target, readonly=True) as kb:  # a reader leaves the base as it is
            assert present(kb) == [] and queries.events(kb) == want
    with open_store(kb_target) as kb:
        assert present(kb) == names
        assert kb.value("SELECT value FROM meta WHERE key = 'store_indexes'") == str(STORE_INDEXES)
        assert queries.events(kb) == want


# -- precomputed counts --------------------------------------------------------------------------
def _live(kb, call, *args, **kwargs):
    """The answer counted on the tables (inside a transaction, precounts are never read)."""
    with kb.transaction():
        return call(kb, *args, **kwargs)


def _everything(kb, call=None):
    call = call or (lambda f, *a, **k: f(kb, *a, **k))
    out = {}
    for what in ("events", "quotes", "actors"):
        out[what, "facets"] = call(counts.facets, what)
        out[what, "total"] = call(queries.total, what)
        for dim in counts.FACETS[what]:
            out[what, dim] = call(counts.counts, what, [dim], limit=100)
    return out


def test_precounted_facets_and_totals_are_the_counted_ones_and_follow_every_write(kb_target):
    from veille.store.db import advance
    arts = counted_corpus() + _corpus(_specs(11, 16))
    with open_store(kb_target) as kb:
        store_analyses(kb, [(a, f"h-{a.id}") for a in arts[:9]], batch_size=4)
        assert kb.count("precounts") > 0
        live = _everything(kb, lambda f, *a, **k: _live(kb, f, *a, **k))
        assert _everything(kb) == live
        kb.execute("UPDATE precounts SET value = '[]' WHERE key LIKE ?", ('["counts' + '%',))  # precounts are what is read when they hold
        assert _everything(kb)["events", "type"] == []
        store_analyses(kb, [(a, f"h-{a.id}") for a in arts[9:]], batch_size=4)  # more articles: counted again
        live = _everything(kb, lambda f, *a, **k: _live(kb, f, *a, **k))
        assert live != _everything(kb, lambda f, *a, **k: {}) and _everything(kb) == live
        assert counts.facets(kb, "events", type="ACCUSE") == _live(kb, counts.facets, "events", type="ACCUSE")
        assert counts.facets(kb, "events", duplicates=True) == _live(kb, counts.facets, "events", duplicates=True)
        kb.execute("UPDATE precounts SET value = '[]' WHERE key LIKE ?", ('["counts' + '%',))
        with kb.transaction():  # a write whose run ended before counting again (killed): precounts are stale
            advance(kb)
        assert _everything(kb) == live
        assert counts.precount(kb) == kb.count("precounts")
        assert _everything(kb) == live
    with open_store(kb_target, readonly=True) as kb:
        assert _everything(kb) == live


def test_precounts_made_under_another_default_confidence_are_not_read(kb_target, monkeypatch):
    """The events' counts depend on the lists' default confidence: precounts made under another
    default (a base counted before the resource changed) are counted again, not read."""
    from veille.store import filters
    with open_store(kb_target) as kb:
        store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()])
        kb.execute("UPDATE events SET confidence = CASE WHEN MOD(ord, 2) = 0 THEN 0.5 ELSE 0.9 END")
        counts.precount(kb)
        before = _everything(kb)
        monkeypatch.setattr(filters, "MIN_CONFIDENCE", 0.7)
        live = _everything(kb, lambda f, *a, **k: _live(kb, f, *a, **k))
        assert live["events", "total"] < before["events", "total"]  # the default matters here
        assert _everything(kb) == live
        counts.precount(kb)  # counted again under this default: read again
        kb.execute("UPDATE precounts SET value = '[]' WHERE key LIKE ?", ('["counts' + '%',))
        assert _everything(kb)["events", "type"] == []


def test_reindex_counts_again_and_a_base_without_precounts_is_counted(tmp_path):
    from click.testing import CliRunner

    from veille.cli import main
    db = tmp_path / "kb.db"
    with open_store(db) as kb:
        store_analyses(kb, [(a, f"h-{a.id}") for a in counted_corpus()])
        live = _everything(kb, lambda f, *a, **k: _live(kb, f, *a, **k))
        kb.execute("DELETE FROM precounts")
        assert _everything(kb) == live
    result = CliRunner().invoke(main, ["reindex", "--counts", "--db", str(db)])
    assert result.exit_code == 0 and "counts" in result.output
    with open_store(db) as kb:
        assert kb.count("precounts") > 0 and _everything(kb) == live
        kb.execute("DROP TABLE precounts")  # a base read by this veille before it was opened for writing
        assert _everything(kb) == live


@pytest.mark.parametrize("duplicates", [False, True])
def test_the_sector_filter_is_the_sector_of_the_event_else_of_its_source_actor(counted, duplicates):
    kb = counted
    dup = "" if duplicates else " AND a.duplicate_of IS NULL"
    for sector in ("GOV", "CVL", "MIL", "BUS"):
        want = sorted((r["article_id"], r["ord"]) for r in kb.rows(
            "SELECT e.article_id, e.ord FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN actors sa "
            f"ON sa.id = e.source_actor_id WHERE COALESCE(e.source_sector, sa.sector) = ?{dup}", (sector,)))
        got = sorted((r["article"], r["ord"]) for r in queries.events(kb, sector=sector, limit=1000,
                                                                     duplicates=duplicates))
        assert got == want
        assert queries.total(kb, "events", sector=sector, duplicates=duplicates) == len(want)
    assert queries.events(kb, sector="GOV", duplicates=duplicates)


def test_a_total_filtered_on_one_counted_value_is_read_from_the_precounts(counted):
    kb = counted
    checked = 0
    for what, names in queries.COUNTED_FILTERS.items():
        for name in names:
            values = {r[name] for r in _live(kb, counts.counts, what, [name])} - {None}
            assert values or name == "sector", (what, name)
            for value in sorted(values) + ["ZWE" if name == "country" else None]:
                if value is None:
                    continue
                f = {name: value}
                want = _live(kb, queries.total, what, **f)
                assert queries._precounted_total(kb, what, f, False) == want, (what, f)
                assert queries.total(kb, what, **f) == want == _plain_total(kb, what, False, f)
                checked += 1
    assert checked > 10
    # with another filter, with copies, or inside a write, the total is counted
    assert queries._precounted_total(kb, "events", {"type": "ACCUSE", "since": "2019"}, False) is None
    assert queries._precounted_total(kb, "events", {"type": "ACCUSE"}, True) is None
    assert queries._precounted_total(kb, "events", {"source": "FRA"}, False) is None
    kb.execute("UPDATE precounts SET value = '[]' WHERE key LIKE ?", ('["counts' + '%',))
    assert queries.total(kb, "events", type="ACCUSE") == 0  # what is read is the precount


def test_a_total_counted_up_to_a_bound_is_exact_below_it_and_one_more_above(counted):
    kb = counted
    for what, f in [("events", {"source": "FRA"}), ("events", {"actor": "Claire Valmont"}), ("quotes", {"speaker": "Anton Berg"}),
                    ("timeline", {"actor": "Anton Berg"}), ("search", {"q": "pêche"}), ("events", {})]:
        n = queries.total(kb, what, **f)
        assert n > 0, (what, f)
        for cap in sorted({0, 1, max(n - 1, 0), n, n + 5}):
            # the unfiltered total is precounted: given whole
            assert queries.total(kb, what, at_most=cap, **f) == (n if not f else min(n, cap + 1)), (what, f, cap)


def test_filtered_facets_read_at_once_are_those_counted_one_dimension_at_a_time(counted):
    kb = counted
    for what, fs in (("events", EVENT_FILTERS), ("quotes", QUOTE_FILTERS), ("actors", [{}, {"country": "FRA"}])):
        for f in fs:
            for size in (1, 2, 10):
                want = {d: [{"value": r[d], "count": r["count"]}
                            for r in counts.counts(kb, what, [d], limit=size, largest=True, **f)]
                        for d in counts.FACETS[what]}
                got = counts.facets(kb, what, size=size, **f)
                assert got["facets"] == want and got["total"] == queries.total(kb, what, **f), (what, f, size)
                two = [counts.FACETS[what][-1], counts.FACETS[what][0]]
                assert counts.facets(kb, what, two, size=size, **f)["facets"] == {d: want[d] for d in two}


def test_the_facets_of_a_common_country_are_precounted_and_those_counted(counted):
    kb = counted
    pre = {r["key"] for r in kb.rows("SELECT key FROM precounts WHERE key LIKE ?", ('["facets"%',))}
    assert any('"source"' in k for k in pre) and any('"target"' in k for k in pre)
    for side, dim in (("source", "country"), ("target", "target_country")):
        for r in _live(kb, counts.counts, "events", [dim]):
            if r[dim] is None:
                continue
            f = {side: r[dim]}
            want = _live(kb, counts.facets, "events", **f)
            assert counts.facets(kb, "events", **f) == want, f
            assert want["total"] == _plain_total(kb, "events", False, f)
    code = sorted(k for k in pre if '"source"' in k)[0]
    kb.execute("UPDATE precounts SET value = ? WHERE key = ?", ('{"total": -1, "facets": {}}', code))
    value = code.split('"source":"')[1].split('"')[0]
    assert counts.facets(kb, "events", source=value) == {"total": -1, "facets": {}}  # the precount is what is read
    assert counts.facets(kb, "events", source=value, size=3)["total"] >= 0  # another size: counted
    assert counts.facets(kb, "events", ["type"], source=value)["total"] >= 0
    assert counts.facets(kb, "events", source=value, duplicates=True)["total"] >= 0



@pytest.mark.parametrize("duplicates", [False, True])
def test_a_search_total_counted_up_to_a_bound_is_that_of_the_whole_count(counted, duplicates):
    # on PostgreSQL the search's rows are counted through a plan made for all of them
    kb = counted
    assert queries.search_selection(kb, {"q": "pêche"}, duplicates).whole_plan == (kb.dialect != "sqlite")
    checked = 0
    for f in [{"q": "pêche"}, {"q": "pêche", "since": "2019-01-01"}, {"q": "pêche", "until": "2020"},
              {"q": "le"}, {"q": "la pêche"}, {"q": '"la pêche"'}, {"q": "zzzunknown"}]:
        n = queries.total(kb, "search", duplicates=duplicates, **f)
        assert n == len(queries.search(kb, f["q"], since=f.get("since"), until=f.get("until"), limit=1000,
                                       duplicates=duplicates)), f
        checked += n > 0
        for cap in sorted({0, 1, max(n - 1, 0), n, n + 5}):
            assert queries.total(kb, "search", duplicates=duplicates, at_most=cap, **f) == min(n, cap + 1), (f, cap)
    assert checked >= 4
