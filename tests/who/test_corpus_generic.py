"""A generic description ("des personnes") is no actor of the corpus; a national one is."""
from __future__ import annotations

from veille.store.actors import entity_form


def test_generic_people_have_no_corpus_actor():
    assert entity_form("personnes", "ORG", None, "FRA") is None
    assert entity_form("personnes contaminées", "ORG", None, "FRA") is None
    assert entity_form("gens", "ORG", None, None) is None


def test_national_descriptions_and_names_keep_their_form():
    assert entity_form("gouvernement", "ORG", None, "FRA").name_key == "gouvernement fra"
    assert entity_form("Personnes", "ORG", None, None) is not None  # a name, not a description
