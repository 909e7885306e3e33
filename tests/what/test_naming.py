"""The names of doers the text does not name (``what/naming.py``): the body that does the act, of the
place's country, instead of the place; a country keeps its name for a measure (invented facts)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille.errors import ConfigError
from veille.records import Actor, Event, Span
from veille.what import naming, scorer
from veille.what.lexicon import load


@pytest.mark.parametrize("adj, agreement, out", [
    ("algérien", "fs", "algérienne"), ("grec", "fp", "grecques"), ("turc", "fs", "turque"),
    ("russe", "fp", "russes"), ("japonais", "fs", "japonaise"), ("japonais", "fp", "japonaises"),
    ("coréen", "fp", "coréennes"), ("américain", "ms", "américain"), ("belge", "fs", "belge")])
def test_adjectives_agree_with_the_body(adj, agreement, out):
    assert naming.inflect(adj, agreement) == out


def _event(etype, mode, source, trigger_at=10):
    return Event(type=etype, mode=mode, source=source, evidence=Span(0, 40, "x" * 40),
                 trigger=Span(trigger_at, trigger_at + 5, "xxxxx"))


class _Work:
    def __init__(self):
        self.scratch = {}


def test_only_recorded_doers_are_renamed_and_only_their_name_changes():
    lex = load("fr")
    w = _Work()
    alger = Actor(name="Alger", entity="e2", country="DZA", sector="GOV")
    naming.record(w, 10, "agentless", alger, country_named=False)
    kept = _event("COERCE", "arrest", Actor(name="Alger", entity="e2", country="DZA", sector="GOV"), trigger_at=30)
    out = naming.name(w, [_event("ACCUSE", None, alger), _event("COERCE", "arrest", alger, 10), kept], lex)
    assert out[0].source == replace(alger, name="justice algérienne", entity=None)  # the body is not the place
    assert out[1].source.name == "police algérienne"  # the same trigger's doer: the mode names the body
    assert out[2] is kept  # no doer recorded at its trigger
    # another doer at the recorded trigger (a speaker, a conjunct) keeps its name
    other = _event("ACCUSE", None, Actor(name="Ali Haddad", entity="e1", country="DZA"))
    assert naming.name(w, [other], lex)[0] is other


def test_a_country_keeps_its_name_for_a_measure_a_city_does_not():
    lex = load("fr")
    w = _Work()
    naming.record(w, 10, "measure", Actor(name="Irlande", country="IRL"), country_named=True)
    naming.record(w, 50, "measure", Actor(name="Melbourne", country="AUS"), country_named=False)
    ireland = _event("CONCEDE", "ease restrictions", Actor(name="Irlande", country="IRL", sector="GOV"), 10)
    melbourne = _event("COERCE", "curfew", Actor(name="Melbourne", country="AUS", sector="GOV"), 50)
    out = naming.name(w, [ireland, melbourne], lex)
    assert out[0].source.name == "Irlande"
    assert out[1].source.name == "autorités australiennes"


def test_a_country_without_adjective_gives_the_bare_body():
    lex = load("fr")
    w = _Work()
    naming.record(w, 10, "agentless", Actor(name="Xanadu", country="ZZZ"), country_named=False)
    (e,) = naming.name(w, [_event("COERCE", "arrest", Actor(name="Xanadu", country="ZZZ"), 10)], lex)
    assert e.source.name == "police"


def test_an_unknown_way_or_rule_is_a_config_error():
    lex = load("fr")
    bad_rule = replace(lex, naming={"unnamed_doers": {"agentless": "guess"}})
    with pytest.raises(ConfigError, match="unknown rule"):
        naming.rules_of(bad_rule)
    bad_way = replace(lex, naming={"unnamed_doers": {"somehow": "body"}})
    with pytest.raises(ConfigError, match="unknown way"):
        naming.rules_of(bad_way)


@pytest.mark.model
def test_an_agentless_sentence_in_a_city_is_done_by_the_courts_of_its_country(analysed):
    w = analysed("Ali Haddad et d'ex-ministres ont été condamnés mercredi à Alger pour corruption.")
    events = [e for e in w.events if e.source.country == "DZA" and e.target is not None]
    assert events
    assert all(e.source.name == "justice algérienne" for e in events)


@pytest.mark.model
def test_the_name_leaves_the_scorer_features_unchanged(analysed, monkeypatch):
    text = "Ali Haddad et d'ex-ministres ont été condamnés mercredi à Alger pour corruption."
    named = analysed(text)
    lex = load("fr")
    monkeypatch.setattr(naming, "proposals", lambda work, events, lex: {})
    plain = analysed(text)
    assert [e.source.name for e in plain.events] != [e.source.name for e in named.events]
    assert [c.event for c in naming.as_scored(named)] == plain.events
    assert naming.as_scored(named) == naming.as_scored(plain)
    assert scorer.features(named, naming.as_scored(named), lex) == scorer.features(plain, naming.as_scored(plain), lex)
    assert [e.confidence for e in named.events] == [e.confidence for e in plain.events]
