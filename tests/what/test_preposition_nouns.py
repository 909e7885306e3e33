"""A noun the parse reads as a preposition ("grâce à": thanks to) is no trigger; the same noun
naming an act still is ("une grâce présidentielle"). Invented sentences."""
from __future__ import annotations

import pytest

from veille.what.lexicon import load
from veille.what.triggers import triggers


def _found(doc, lemma):
    return [f for f in triggers(doc, load("fr"), []) if f.token.lemma_.lower() == lemma]


@pytest.mark.model
def test_thanks_to_is_no_pardon(work):
    w = work("Près de 800 emplois pourront être sauvés à Lille grâce au plan de soutien du gouvernement belge.")
    assert not _found(w.doc, "grâce")


@pytest.mark.model
def test_a_pardon_is_still_one(work):
    w = work("Le journaliste Paul Adjovi a bénéficié d'une grâce présidentielle au Bénin.")
    assert [f.entry.type for f in _found(w.doc, "grâce")] == ["CONCEDE"]
