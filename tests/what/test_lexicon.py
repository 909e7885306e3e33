"""The trigger lexicon: entry syntax, resource files, CAMEO mapping (no model needed)."""
from __future__ import annotations

import pytest

from veille.errors import ConfigError
from veille.records import EVENT_TYPES
from veille.what.lexicon import cameo, load, parse_entry


def test_entry_constraints_are_parsed():
    e = parse_entry("lever >confinement,restriction +de !fonds", "CONCEDE", "ease restrictions", "verb")
    assert e.lemma == "lever"
    assert e.any_of == frozenset({"confinement", "restriction"})
    assert e.needs == ("de",)
    assert e.not_ == ("fonds",)
    assert e.key == "CONCEDE:ease restrictions"


def test_reflexive_prefix_is_dropped():
    e = parse_entry("s'accorder", "AGREE", None, "verb")
    assert e.lemma == "accorder" and e.needs == ("se",)


def test_unknown_constraint_is_an_error():
    with pytest.raises(ConfigError):
        parse_entry("lever ?x", "CONCEDE", None, "verb")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_type_has_triggers(lang):
    lex = load(lang)
    types = {e.type for table in (lex.verbs, lex.nouns) for entries in table.values() for e in entries}
    assert types == set(EVENT_TYPES)


def test_french_modes_and_options():
    lex = load("fr")
    assert any(e.mode == "visit" for e in lex.entries("visiter", "verb"))
    assert any(e.type == "COERCE" and e.mode == "arrest" for e in lex.entries("arrestation", "noun"))
    assert lex.matches("COERCE:restrict", lex.implicit_source)
    assert not lex.matches("ACCUSE", lex.implicit_source)
    assert lex.demonyms["péruvien"] == "PER"


def test_cameo_covers_every_type():
    table = cameo()
    assert set(table) == set(EVENT_TYPES)
    assert table["ACCUSE"] == ("09", "11")
    assert all(codes for codes in table.values())


@pytest.mark.model
def test_a_lexicon_word_missing_its_required_dependent_is_proposed_unless_a_forbidden_one_is_there(work):
    from veille.what.lexicon import load as load_lexicon
    from veille.what.triggers import proposals
    lex = load_lexicon("fr")
    w = work("Le ministre Paul Garnier a appelé son homologue belge lundi.", lang="fr")
    got = [(f.token.text, f.entry.type, kind) for f, kind, _ in proposals(w.doc, lex, [], set())]
    assert ("appelé", "CONSULT", "relaxed") in got or ("appelé", "REQUEST", "relaxed") in got
    found = [f for f, _, _ in proposals(w.doc, lex, [], set()) if f.token.text == "appelé"]
    assert not found[0].entry.needs and not found[0].entry.any_of
    # "rendre +se !compte !hommage": rendering an account is no visit, even relaxed
    w = work("Le ministre Paul Garnier a rendu compte de la réunion aux députés.", lang="fr")
    assert all(f.entry.type != "CONSULT" for f, _, _ in proposals(w.doc, lex, [], set()) if f.token.lemma_ == "rendre")
    # a word already taken as a trigger is not proposed again
    assert not list(proposals(w.doc, lex, [], {t.i for t in w.doc}))


@pytest.mark.model
def test_words_near_a_lexicon_word_are_proposed_only_when_the_option_is_set(work):
    from dataclasses import replace
    from veille.what.lexicon import load as load_lexicon
    from veille.what.triggers import similar_entry
    lex = load_lexicon("fr")
    w = work("Le ministre Paul Garnier a fustigé le maire.", lang="fr")
    verb = next(t for t in w.doc if t.lemma_ == "fustiger")
    assert lex.similar_min == 0.0 and similar_entry(verb, "verb", lex) is None  # off as shipped
    on = replace(lex, verbs={k: v for k, v in lex.verbs.items() if k != "fustiger"}, similar_min=0.3)
    entry, sim = similar_entry(verb, "verb", on)
    assert entry.lemma != "fustiger" and 0.3 <= sim <= 1.0
    light = next(t for t in w.doc if t.lemma_ == "avoir")
    assert similar_entry(light, "verb", on) is None  # light verbs are never proposed
