"""Query values are checked once, with a message saying what to give instead."""
from __future__ import annotations

import pytest

from veille.errors import QueryError
from veille.records import EVENT_TYPES
from veille.store import filters, queries


@pytest.mark.parametrize("value", ["2019", "2019-10", "2019-10-01", " 2019-10 ", "2020-02-29"])
def test_dates_months_and_years_are_taken(value):
    assert filters.day(value) == value.strip()


@pytest.mark.parametrize("value, says", [
    ("2019-13-01", "no month 13"), ("2019/10/01", "YYYY-MM-DD"), ("yesterday", "YYYY-MM-DD"),
    ("2019-02-29", "2019-02 has no day 29"), ("01-10-2019", "YYYY-MM-DD"), ("2019-1-5", "YYYY-MM-DD")])
def test_a_bad_date_is_refused_with_the_form_to_use(value, says):
    with pytest.raises(QueryError) as exc:
        filters.check("events", {"since": value})
    assert exc.value.field == "since" and says in exc.value.message and repr(value) in exc.value.message


def test_vocabularies_are_checked_with_a_hint():
    assert filters.check("events", {"type": "consult", "factuality": "Planned"}) == {"type": "CONSULT",
                                                                                    "factuality": "planned"}
    with pytest.raises(QueryError) as exc:
        filters.check("events", {"type": "FOO"})
    assert exc.value.field == "type" and "AGREE, SUPPORT" in exc.value.message
    with pytest.raises(QueryError, match="did you mean CONSULT"):
        filters.check("events", {"type": "consul"})
    with pytest.raises(QueryError, match="did you mean FRA"):
        filters.check("actors", {"country": "fr"})
    with pytest.raises(QueryError, match="did you mean DEU"):
        filters.check("quotes", {"country": "Germany"})
    assert filters.check("actors", {"country": "fra", "sector": "gov", "type": "per"}) == {
        "country": "FRA", "sector": "GOV", "type": "PER"}
    assert filters.check("actors", {"country": "EUR"}) == {"country": "EUR"}
    with pytest.raises(QueryError, match="not a sector"):
        filters.check("actors", {"sector": "ARMY"})
    with pytest.raises(QueryError, match="not a quote kind"):
        filters.check("quotes", {"kind": "shouted"})


def test_a_range_that_ends_before_it_starts_is_refused():
    assert filters.check("events", {"since": "2019-05-10", "until": "2019-05"})
    with pytest.raises(QueryError, match="after until"):
        filters.check("events", {"since": "2019-06", "until": "2019-05-31"})


def test_unknown_filters_orders_and_dimensions_name_the_choices():
    with pytest.raises(QueryError, match="filters: name, type, country, sector"):
        filters.check("actors", {"speaker": "x"})
    with pytest.raises(QueryError, match="choose from newest, oldest"):
        filters.order("events", "random")
    assert filters.dims("events", ["Target-Country", "type", "type"]) == ("target_country", "type")


def test_every_plover_type_has_one_quad_class_from_the_cameo_table():
    classes = filters.quad_types()
    assert sorted(t for types in classes.values() for t in types) == sorted(EVENT_TYPES)
    assert filters.quad_of("ASSAULT") == "material-conflict" and filters.quad_of("CONSULT") == "verbal-cooperation"


def test_queries_check_their_filters_before_reading(kb):
    for call, field in ((lambda: queries.events(kb, since="yesterday"), "since"),
                        (lambda: queries.events(kb, type="FOO"), "type"),
                        (lambda: queries.actors(kb, country="fr"), "country"),
                        (lambda: queries.quotes(kb, until="2019-02-30"), "until"),
                        (lambda: queries.search(kb, "  ?! "), "q"),
                        (lambda: queries.timeline(kb, "x", order="sideways"), "order"),
                        (lambda: queries.actors(kb, limit=0), "limit")):
        with pytest.raises(QueryError) as exc:
            call()
        assert exc.value.field == field
