"""A list of events filtered on a side (a country, an actor, a name as written) and a type, read as the
union of the side's alternatives, each with the type and in the order of its own index
(``events_*_country_type_newest`` for a country's own events): the same pages as the one condition
over every event, on every order, page, date range and backend, by offset and by key."""
from __future__ import annotations

import pytest

from veille.store import filters, queries, schema

from test_store_keyset import listed  # noqa: F401 (the keyset tests' listed base, a fixture)
from test_store_scale import _plain, _plain_events, _plain_total


def _sides(kb):
    """Every country of an event or of an actor, a name, and a country with no event."""
    codes = {r["c"] for r in kb.rows("SELECT source_country AS c FROM events UNION SELECT target_country FROM events "
                                     "UNION SELECT country FROM actors") if r["c"]}
    return sorted(codes) + ["Anton Berg", "Ruth Calder", "MEX"]


def _types(kb):
    return sorted({r["type"] for r in kb.rows("SELECT DISTINCT type FROM events")}) + ["ASSAULT"]


@pytest.mark.parametrize("duplicates", [False, True])
def test_a_side_with_a_type_gives_the_pages_of_the_one_condition(listed, duplicates):
    kb = listed
    found = 0
    for side in ("source", "target"):
        for value in _sides(kb):
            for ptype in _types(kb):
                for extra in ({}, {"since": "2019-04-15"}):
                    f = {side: value, "type": ptype, **extra}
                    for order in ("newest", "oldest"):
                        whole = _plain_events(kb, f, duplicates, order, 10_000, 0)
                        found += bool(whole) and order == "newest"
                        for limit, offset in ((100, 0), (1, 0), (2, 1), (1, 3)):
                            assert queries.events(kb, **f, order=order, limit=limit, offset=offset,
                                                  duplicates=duplicates) == whole[offset:offset + limit], \
                                (f, order, limit, offset)
                        walked, after = [], None  # by key, one row at a time
                        for _ in range(len(whole) + 2):
                            page = queries.events(kb, **f, order=order, limit=1, after=after, duplicates=duplicates)
                            walked += page
                            if not page:
                                break
                            after = page.after
                        assert walked == whole, (f, order)
                    assert queries.total(kb, "events", duplicates=duplicates, **f) == _plain_total(kb, "events", duplicates, f)
    assert found >= 10  # pairs with events, on both sides


def test_a_country_with_a_type_is_read_as_alternatives_each_with_the_type(listed, monkeypatch):
    kb = listed
    seen = []
    rows = kb.rows

    def spy(sql, params=()):
        seen.append(sql)
        return rows(sql, params)

    monkeypatch.setattr(kb, "rows", spy)
    queries.events(kb, source="FRA", type="ACCUSE")
    page = seen[-1]
    # the event's own country, the events with an actor and no country, the name as written
    assert page.count(" UNION ") == 2 and page.count("e.type = ?") == 3, page
    # the name as written read from its own index: SQLite's statistics rate a type and a name as
    # alike, and without the unary + its planner read every event of the type (0.3-0.6 s at 200,000)
    plus = "+" if kb.dialect == "sqlite" else ""
    assert f"e.source_key = ? AND {plus}e.type = ?" in page and "e.source_country = ? AND e.type = ?" in page, page
    queries.events(kb, source="FRA", type="ACCUSE", factuality="actual")  # a third filter: one condition
    assert " UNION " not in seen[-1]
    made = " ".join(schema.indexes("postgresql")) + " ".join(schema.indexes("sqlite"))
    for side in ("source", "target"):
        assert f"events_{side}_country_type_newest ON events({side}_country, type, day DESC NULLS LAST" in made
        assert f"events_{side}_country_type_newest ON events({side}_country, type, day DESC, article_id DESC" in made
    assert schema.STORE_INDEXES >= 7


def test_which_lists_are_read_by_alternatives_with_a_type():
    assert queries._country_type(filters.check("events", {"source": "FRA", "type": "ACCUSE"}))
    assert queries._country_type(filters.check("events", {"target": "Anton Berg", "type": "ACCUSE", "since": "2019"}))
    assert not queries._country_type(filters.check("events", {"source": "FRA", "target": "DEU", "type": "ACCUSE"}))
    assert not queries._country_type(filters.check("events", {"source": "FRA", "quad": "verbal-conflict"}))
    assert not queries._country_type(filters.check("events", {"type": "ACCUSE"}))
