"""The classes of ``scripts/event_target_errors.py``: an event right in type set against the gold
event of its sentence, each wrong target (and source) country put in the first class it meets.
Invented events; no model, no data."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("event_target_errors", ROOT / "scripts" / "event_target_errors.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _side(name, country, entity_type=None, entity_country=None, phrase_country=None):
    return {"name": name, "country": country, "sector": None, "entity_type": entity_type,
            "entity_country": entity_country, "phrase_country": phrase_country}


def _event(source, target, flags=(), main="FRA", sentence=(), gold=()):
    return {"set": "events-fr", "doc": "events-fr/1", "type": "ACCUSE", "text": "", "confidence": 0.5,
            "source": source, "target": target, "flags": list(flags), "main": main,
            "sentence_countries": list(sentence), "article_countries": [], "gold": list(gold)}


def _gold(src_country, tgt_country):
    return {"source": {"name": "x", "country": src_country},
            "target": {"name": "y", "country": tgt_country} if tgt_country is not None else None}


def test_the_match_is_the_gold_event_agreeing_most():
    m = _script()
    r = _event(_side("Séoul", "KOR"), _side("Pyongyang", "PRK"),
               gold=[_gold("USA", "PRK"), _gold("KOR", "PRK"), _gold("KOR", None)])
    assert m.match(r) == _gold("KOR", "PRK")
    assert m.target_class(r, m.match(r)) is None and m.source_class(r, m.match(r)) is None
    assert m.match(_event(_side("a", "FRA"), None)) is None


def test_a_country_where_the_gold_has_none_is_sorted_by_where_it_comes_from():
    m = _script()
    gold = _gold("FRA", None)
    implicit = _event(_side("Élodie Marchal", "FRA"), _side("Paul Verdier", "FRA", "PER", "FRA"), flags=["implicit"])
    assert m.target_class(implicit, gold) == ("gold null, ours a country", "implicit")
    own = _event(_side("Élodie Marchal", "FRA"), _side("France", "FRA", "LOC", "FRA"), flags=["domestic"])
    assert m.target_class(own, gold) == ("gold null, ours a country", "own_country")
    place = _event(_side("Élodie Marchal", "FRA"), _side("Lyon", "FRA", "LOC", "FRA"))
    assert m.target_class(place, gold) == ("gold null, ours a country", "place")
    coded = _event(_side("Élodie Marchal", "FRA"), _side("Banque Orvane", "FRA", "ORG", "FRA"))
    assert m.target_class(coded, gold) == ("gold null, ours a country", "entity_code")
    fallback = _event(_side("Élodie Marchal", "FRA"), _side("collectif", "FRA"), main="FRA")
    assert m.target_class(fallback, gold) == ("gold null, ours a country", "main_country")


def test_a_missing_target_and_two_different_countries():
    m = _script()
    gold = _gold("FRA", "DEU")
    assert m.target_class(_event(_side("a", "FRA"), None), gold) == ("gold a country, ours null", "no_target")
    assert m.target_class(_event(_side("a", "FRA"), _side("b", None)), gold) == \
        ("gold a country, ours null", "target_no_country")
    repeated = _event(_side("a", "FRA"), _side("b", "FRA"), main="ITA")
    assert m.target_class(repeated, gold) == ("both, different", "source_country_repeated")
    in_clause = _event(_side("a", "FRA"), _side("b", "ESP"), main="ITA", sentence=["DEU", "ESP", "FRA"])
    assert m.target_class(in_clause, gold) == ("both, different", "clause_actor")
    elsewhere = _event(_side("a", "FRA"), _side("b", "ESP"), main="ITA", sentence=["ESP", "FRA"])
    assert m.target_class(elsewhere, gold) == ("both, different", "elsewhere")


def test_the_source_classes():
    m = _script()
    assert m.source_class(_event(_side("a", None), None), _gold("FRA", None)) == "null_for_country"
    assert m.source_class(_event(_side("a", "FRA"), None), _gold(None, None)) == "country_for_null"
    assert m.source_class(_event(_side("Nanterre", "FRA", "LOC"), None), _gold("USA", None)) == "place"
    assert m.source_class(_event(_side("a", "FRA"), None, main="FRA"), _gold("USA", None)) == "main_country"
