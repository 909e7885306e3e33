"""Broader role nouns taking up a precise one written next to a name (resource key
``role_kinds``): "l'élu du Var" for "X, député du Var", "la médecin" for "le Dr X"."""
import pytest

from veille.quotes import ranker
from veille.quotes.lexicon import lexicon
from veille.quotes.speakers import Resolver

from quotes_helpers import named


def test_a_precise_role_gives_its_broader_ones_and_a_several_word_role_needs_all_its_words():
    lex = lexicon("fr")
    assert {"élu", "parlementaire"} <= lex.kinds_of({"député"})
    assert "élu" not in lex.kinds_of({"avocat"})
    assert "dirigeant" in lex.kinds_of({"secrétaire", "général"})
    assert "dirigeant" not in lex.kinds_of({"secrétaire"})


def _scene(w, source_words, quote):
    s = w.text.rindex(source_words)
    c = w.text.rindex(quote)
    draft = ranker.Draft(0, "direct", (c, c + len(quote)), None, (s, s + len(source_words)), None)
    resolver = Resolver(w, lexicon("fr"), [(c, c + len(quote))])
    return ranker.scene(w, lexicon("fr"), resolver, [draft]), draft


@pytest.mark.model
def test_a_broader_role_designates_the_person_described_with_the_precise_one(work):
    w = named(work("Marc Aubert, député du Var, a reçu Paul Lenoir, avocat à Toulon, mardi. "
                   "Les deux hommes ont parlé longtemps. « Nous restons vigilants », a déclaré l'élu."),
              ("Marc Aubert", "PER"), ("Paul Lenoir", "PER"))
    sc, d = _scene(w, "l'élu", "Nous restons vigilants")
    assert "élu" in sc.persons["e1"].kinds and "élu" not in sc.persons["e2"].kinds
    src = ranker.source(sc, d)
    cands = {c.name: c.features for c in ranker.candidates(sc, d, src, ranker.Discourse())}
    assert cands["Marc Aubert"].get("head_described") == 1.0
    assert not cands["Paul Lenoir"].get("head_described")


@pytest.mark.model
def test_a_description_known_only_by_a_broader_role_stands_for_the_named_person(work):
    w = named(work("Le Dr Julie Roche a publié une étude lundi. Luc Petit, avocat, l'a lue. "
                   "La médecin a présenté ses résultats. « Les écrans comptent », a-t-elle dit."),
              ("Julie Roche", "PER"), ("Luc Petit", "PER"), ("médecin", "PER"))
    sc, _d = _scene(w, "elle", "Les écrans comptent")
    linked = ranker._linked(sc, sc.persons["e3"])
    assert linked is not None and linked.id == "e1"
