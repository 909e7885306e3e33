"""Facets, counts over time and the actor network, on both backends."""
from __future__ import annotations

import pytest

from veille.errors import QueryError
from veille.store import counts, queries, store_analyses

from kb_corpus import corpus


@pytest.fixture
def kb_counted(kb):
    report = store_analyses(kb, [(a, None) for a in corpus()])
    assert report.near_duplicates == 1
    return kb


def _filter_of(what: str, dim: str, value: str) -> dict[str, str]:
    """The filter the page sets when a facet value is clicked."""
    if dim == "month":
        return {"since": value, "until": value}
    if what == "events" and dim in ("country", "target_country", "source", "target"):
        return {"source" if dim in ("country", "source") else "target": value}
    return {dim: value}


def test_event_facets_count_the_list_and_each_value_filters_to_its_count(kb_counted):
    out = counts.facets(kb_counted, "events")
    assert out["total"] == 11 == queries.total(kb_counted, "events")
    facets = {d: {f["value"]: f["count"] for f in rows} for d, rows in out["facets"].items()}
    assert facets["type"] == {"ACCUSE": 3, "CONSULT": 2, "AGREE": 1, "AID": 1, "ASSAULT": 1, "PROTEST": 1,
                              "SUPPORT": 1, "THREATEN": 1}
    assert facets["quad"] == {"verbal-conflict": 4, "verbal-cooperation": 4, "material-conflict": 2,
                              "material-cooperation": 1}
    assert facets["country"] == {"FRA": 4, "USA": 3, "DEU": 2, "IRN": 2}
    assert facets["target_country"][None] == 1  # the assault has no target
    assert facets["month"] == {"2019-04": 5, "2019-05": 2, "2019-06": 2, "1945-05": 1, None: 1}
    for dim, values in out["facets"].items():
        assert sum(v["count"] for v in values) == 11, dim
        for v in values:
            if v["value"] is not None:
                assert queries.total(kb_counted, "events", **_filter_of("events", dim, v["value"])) == v["count"], (dim, v)


def test_quote_and_actor_facets(kb_counted):
    quotes = counts.facets(kb_counted, "quotes")
    assert quotes["total"] == 6
    assert {f["value"]: f["count"] for f in quotes["facets"]["kind"]} == {"direct": 4, "indirect": 1, "mixed": 1}
    for dim, values in quotes["facets"].items():
        for v in values:
            assert queries.total(kb_counted, "quotes", **_filter_of("quotes", dim, v["value"])) == v["count"], (dim, v)
    actors = counts.facets(kb_counted, "actors")
    assert {f["value"]: f["count"] for f in actors["facets"]["type"]} == {"PER": 4, "ORG": 1}
    assert {f["value"]: f["count"] for f in actors["facets"]["sector"]} == {"GOV": 3, "CVL": 1, "MIL": 1}


def test_facets_follow_the_filters_and_leave_copies_out(kb_counted):
    out = counts.facets(kb_counted, "events", ["type"], source="USA")
    assert out["total"] == 3
    assert {f["value"] for f in out["facets"]["type"]} == {"ACCUSE", "THREATEN", "SUPPORT"}
    assert counts.facets(kb_counted, "events", ["type"], duplicates=True)["total"] == 14
    assert counts.facets(kb_counted, "events", ["type"], size=2)["facets"]["type"] == [
        {"value": "ACCUSE", "count": 3}, {"value": "CONSULT", "count": 2}]


def test_counts_by_two_dimensions_add_up(kb_counted):
    rows = counts.counts(kb_counted, "events", ["month", "quad"])
    assert sum(r["count"] for r in rows) == 11
    assert rows[0]["month"] == "2019-06"  # a time dimension first: newest first
    assert counts.counts(kb_counted, "events", ["month"], order="oldest")[0]["month"] == "1945-05"
    assert {"month": "2019-04", "quad": "verbal-conflict", "count": 3} in rows
    with pytest.raises(QueryError) as exc:
        counts.counts(kb_counted, "events", ["colour"])
    assert exc.value.field == "count_by" and "type, quad" in exc.value.message


def test_counts_over_time_choose_their_unit_and_each_bar_filters_to_its_count(kb_counted):
    weekly = counts.over_time(kb_counted, "events", "quad")
    assert weekly["unit"] == "week" and weekly["total"] == 11
    # 1945 is far from the rest; a month or a year alone does not fit a week
    assert weekly["left_out"] == 3
    monthly = counts.over_time(kb_counted, "events", "type", buckets=3)
    assert monthly["unit"] == "month" and [b["start"] for b in monthly["buckets"]] == ["2019-04", "2019-05", "2019-06"]
    assert monthly["left_out"] == 2
    for chart, stack in ((weekly, "quad"), (monthly, "type")):
        for b in chart["buckets"]:
            for series, n in b["counts"].items():
                assert queries.total(kb_counted, "events", since=b["start"], until=b["end"], **{stack: series}) == n


def test_an_actors_timeline_over_time_has_events_and_quotes(kb_counted):
    chart = counts.timeline_over_time(kb_counted, "Valmont")
    assert chart["series"][-1] == "quote"
    shown = {s: sum(b["counts"][s] for b in chart["buckets"]) for s in chart["series"]}
    assert shown["quote"] == 2
    assert chart["total"] == queries.total(kb_counted, "timeline", actor="Valmont")


def test_the_network_weighs_directed_edges_by_cooperation_and_conflict(kb_counted):
    net = counts.network(kb_counted)
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("Claire Valmont", "Anton Berg")] == {"source": "Claire Valmont", "target": "Anton Berg", "count": 2,
                                                       "cooperation": 2, "conflict": 0}
    assert edges[("Ruth Calder", "Claire Valmont")]["conflict"] == 1
    assert ("Claire Valmont", "Claire Valmont") not in edges  # an actor acting on itself draws no edge
    assert net["nodes"][0] == {"name": "Claire Valmont", "country": "FRA", "count": 6}
    small = counts.network(kb_counted, size=1, type="CONSULT")
    assert len(small["edges"]) == 1 and {n["name"] for n in small["nodes"]} == {"Claire Valmont", "Anton Berg"}
    with pytest.raises(QueryError):
        counts.network(kb_counted, type="FOO")


def test_a_date_range_holds_the_months_and_years_that_lie_wholly_inside_it(kb_counted):
    def types(**dates):
        return sorted(e["type"] for e in queries.events(kb_counted, **dates))
    may = ["ACCUSE", "ASSAULT"]  # a day of May 2019 (the article's), and "2019-05" alone
    assert types(since="2019-05", until="2019-05") == may
    assert types(since="2019-05-01", until="2019-05-31") == may
    assert "ASSAULT" not in types(since="2019-05-02", until="2019-05-31")
    assert "ASSAULT" not in types(since="2019-05-01", until="2019-05-30")
    assert "PROTEST" in types(since="2019", until="2019") and "PROTEST" in types(since="2019-01-01", until="2019-12-31")
    assert "PROTEST" in types(since="2019-01-01", until="2019-12") and "PROTEST" not in types(since="2019-01-02")
