"""A timeline, and the events of an actor, read as alternatives (each of the actor's ids on either
side of an event, its name as written; a speaker's actors, name and surname), each in the order of
its own index: the same pages as the one query over every event and quote of the actor ordered at
once, on every order, page, date range and backend, by offset and by key."""
from __future__ import annotations

import pytest

from veille.store import filters, queries, schema

from test_store_keyset import listed  # noqa: F401 (the keyset tests' listed base, a fixture)
from test_store_scale import _plain

ACTORS = [{"actor": "Claire Valmont"}, {"actor": "Anton Berg"}, {"actor": "Valmont"}, {"actor": "Ruth Calder"},
          {"actor": "personne"}, {"actor": "Claire Valmont", "since": "2019-04-10"},
          {"actor": "Anton Berg", "until": "2019-05"}, {"actor": "nobody at all"}]


def _plain_timeline(kb, f, duplicates, order, limit, offset):
    """The timeline as one query: every event and quote of the actor, ordered, then the page."""
    ev, qu = (_plain(s) for s in queries.timeline_selections(kb, filters.check("timeline", f), duplicates))
    qu.where = [w.replace("q.published", "a.published") for w in qu.where]
    rows = kb.rows(
        "SELECT * FROM ("
        "SELECT e.day AS date, 'event' AS kind, e.type AS what, COALESCE(sa.name, e.source_name) AS source, "
        "COALESCE(ta.name, e.target_name) AS target, e.evidence_text AS text, a.id AS article, e.ord, a.title "
        f"{ev.sql()} UNION ALL "
        "SELECT a.published AS date, 'quote' AS kind, q.kind AS what, COALESCE(ac.name, q.speaker_name) AS source, "
        "CAST(NULL AS TEXT) AS target, q.content AS text, a.id AS article, q.ord, a.title "
        f"{qu.sql()}) t ORDER BY {queries._newest(order, 'date', 'article')}, kind, ord LIMIT ? OFFSET ?",
        (*ev.params, *qu.params, limit, offset))
    return rows


@pytest.mark.parametrize("duplicates", [False, True])
def test_timeline_pages_are_those_of_the_one_query(listed, duplicates):
    kb = listed
    seen = 0
    for f in ACTORS:
        for order in ("newest", "oldest"):
            whole = _plain_timeline(kb, f, duplicates, order, 10_000, 0)
            seen += len({r["kind"] for r in whole}) == 2
            for limit, offset in ((200, 0), (1, 0), (2, 0), (3, 2), (1, 5), (4, 7)):
                want = _plain_timeline(kb, f, duplicates, order, limit, offset)
                assert queries.timeline(kb, **f, order=order, limit=limit, offset=offset,
                                        duplicates=duplicates) == want, (f, order, limit, offset)
            for limit in (1, 3):  # by key, from the last row of the page before
                walked, after = [], None
                for _ in range(len(whole) + 2):
                    page = queries.timeline(kb, **f, order=order, limit=limit, after=after, duplicates=duplicates)
                    walked += page
                    if len(page) < limit:
                        break
                    after = page.after
                assert walked == whole, (f, order, limit)
    assert seen >= 4  # events and quotes mixed in several timelines


@pytest.mark.parametrize("duplicates", [False, True])
def test_the_events_of_an_actor_are_those_of_one_condition(listed, duplicates):
    kb = listed
    for name in ("Claire Valmont", "Anton Berg", "Valmont", "Ruth Calder"):
        ids = queries._in(queries._actor_ids(kb, name))
        key = queries.name_key(name)
        sel = _plain(queries.events_selection(kb, filters.check("events", {}), duplicates))
        sel.add(f"(e.source_actor_id IN {ids} OR e.target_actor_id IN {ids} OR e.source_key = ? OR e.target_key = ?)",
                key, key)
        for order in ("newest", "oldest"):
            want = [(r["article"], r["ord"]) for r in kb.rows(
                f"SELECT a.id AS article, e.ord {sel.sql()} ORDER BY {queries._newest(order, 'e.day', 'a.id')}, e.ord",
                sel.params)]
            assert want
            for limit, offset in ((100, 0), (1, 0), (2, 3)):
                got = [(r["article"], r["ord"]) for r in queries.events(
                    kb, actor=name, order=order, limit=limit, offset=offset, duplicates=duplicates)]
                assert got == want[offset:offset + limit], (name, order, limit, offset)
            assert queries.total(kb, "events", actor=name, duplicates=duplicates) == len(want)


def test_an_actor_is_read_as_alternatives_each_in_order(monkeypatch):
    sel = queries.Selection(queries.EVENT_TABLES)

    class Fake:
        dialect = "sqlite"

    monkeypatch.setattr(queries, "_actor_ids", lambda store, name: [4, 7])
    queries._either_side(Fake(), sel, "Anton Berg")
    assert [b.where for b in sel.branches()] == [
        ["e.source_actor_id = 4"], ["e.source_actor_id = 7"], ["e.target_actor_id = 4"], ["e.target_actor_id = 7"],
        ["e.source_key = ?"], ["e.target_key = ?"]]
    made = " ".join(schema.indexes("postgresql"))
    for side in ("source", "target"):
        assert f"events_{side}_actor_newest ON events({side}_actor_id, day DESC NULLS LAST" in made
        assert f"events_{side}_key_newest ON events({side}_key, day DESC NULLS LAST" in made
    assert "quotes_newest ON quotes(published DESC NULLS LAST, article_id DESC, ord)" in made
