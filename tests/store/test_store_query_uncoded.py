"""The events with an actor and no country (or sector) of their own, on SQLite: the arm of a side's
country (a sector) read from its actors is looked up in the partial index of these events by the
side's column and the actor (store indexes 9), not through a country's index with every event
without a country looked up in its row; the lists, totals and facets are the same with the index
and on a base made before it, read as it is."""
from __future__ import annotations

from veille.store import counts, open_store, queries, schema

from kb_samples import give_statistics
from test_store_quote_dates import _store

# The statistics of the 200,000-article base's events (``ANALYZE`` with its row limit), where the
# events without a source country (16,666) are rated as the average country (401).
BIG = {"events_source_country_uncoded": "1926 401 401 41 1 1 1", "events_target_country_uncoded": "648 401 401 41 1 1 1",
       "events_source_sector_uncoded": "76146 401 401 37 1 1 1", "events_source_sector_newest": "644100 401 8 2 1 1 1",
       "events_target_country_type_newest": "581672 401 401 3 1 1 1",
       "events_source_country_type_newest": "564696 401 401 51 1 1 1",
       "events_target_country_covering": "783972 401 4 2 1 1 1 1 1 1 1 1",
       "events_source_country_covering": "868320 401 34 1 1 1 1 1 1 1 1 1",
       "events_type_newest": "511872 401 5 2 1 1", "events_target_key_newest": "869400 401 9 2 1 1",
       "events_source_key_newest": "317331 401 41 1 1 1", "events_target_actor_newest": "1076247 401 9 2 1 1",
       "events_source_actor_newest": "934560 401 8 2 1 1", "events_newest": "1311167 10 2 1",
       "events_day": "1056279 81", "sqlite_autoindex_events_1": "1004328 6 1"}
FILTERS = [{"source": "FRA"}, {"target": "DEU"}, {"source": "USA"}, {"sector": "GOV"}, {"sector": "MIL"},
           {"source": "FRA", "target": "DEU"}, {"source": "IRN", "since": "2019-04"}]


def _answers(kb):
    out = {}
    for i, f in enumerate(FILTERS):
        for order in ("newest", "oldest"):
            out[i, order] = [dict(r) for r in queries.events(kb, **f, order=order, limit=100)]
            out[i, order, "key"] = [dict(r) for r in queries.events(kb, **f, order=order, limit=2,
                                                                    after=queries.events(kb, **f, order=order, limit=1).after)]
        out[i, "total"] = queries.total(kb, "events", **f)
        out[i, "bounded"] = queries.total(kb, "events", at_most=1, **f)
        out[i, "facets"] = counts.facets(kb, "events", size=3, **f)
    return out


def _plans(kb, f) -> list[str]:
    """The plans of the statements ``counts.facets`` runs for ``f`` (each part of its condition)."""
    seen = []
    rows = kb.rows
    kb.rows = lambda sql, params=(): seen.append((sql, params)) or rows(sql, params)
    try:
        counts.facets(kb, "events", size=3, **f)
    finally:
        kb.rows = rows
    return [r["detail"] for sql, params in seen if "GROUP BY" in sql
            for r in rows("EXPLAIN QUERY PLAN " + sql, params)]


def test_the_actors_country_is_read_from_the_partial_index(tmp_path):
    with open_store(tmp_path / "kb.db") as kb:
        _store(kb)
        want = _answers(kb)
        assert any(want[i, "total"] for i in range(len(FILTERS)))
        give_statistics(kb, "events", BIG)
    with open_store(tmp_path / "kb.db", readonly=True) as kb:
        for side, f in (("source", {"source": "FRA"}), ("target", {"target": "DEU"})):
            plan = _plans(kb, f)
            assert any(f"USING INDEX events_{side}_country_uncoded ({side}_country=? AND {side}_actor_id=?)" in d
                       for d in plan), plan
        plan = _plans(kb, {"sector": "GOV"})
        assert any("USING INDEX events_source_sector_uncoded (source_sector=? AND source_actor_id=?)" in d for d in plan), plan
        assert _answers(kb) == want


def test_a_base_made_before_the_index_gives_the_same_answers(tmp_path):
    with open_store(tmp_path / "kb.db") as kb:
        _store(kb)
        want = _answers(kb)
        assert "likely(" in queries._uncoded(kb, "e.source_country")
        with kb.transaction():  # as a base of store indexes 8
            for stmt in schema.indexes("sqlite"):
                if "_uncoded ON" in stmt:
                    kb.execute(f"DROP INDEX {stmt.split()[5]}")
            kb.execute("UPDATE meta SET value = '8' WHERE key = 'store_indexes'")
    with open_store(tmp_path / "kb.db", readonly=True) as kb:  # read as it is
        assert queries._uncoded(kb, "e.source_country") == "e.source_country IS NULL"
        assert _answers(kb) == want
    with open_store(tmp_path / "kb.db") as kb:  # gains the index when opened for writing
        assert kb.value("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_source_country_uncoded'") == 1
        assert kb.value("SELECT value FROM meta WHERE key = 'store_indexes'") == str(schema.STORE_INDEXES)
        assert _answers(kb) == want


def test_a_countrys_facets_are_counted_from_its_index_alone(tmp_path):
    with open_store(tmp_path / "kb.db") as kb:
        _store(kb)
        give_statistics(kb, "events", BIG)
    with open_store(tmp_path / "kb.db", readonly=True) as kb:
        for side in ("source", "target"):
            plan = _plans(kb, {side: "FRA"})
            assert f"SEARCH e USING COVERING INDEX events_{side}_country_covering ({side}_country=?)" in plan, plan
