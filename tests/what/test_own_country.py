"""A visit, a meeting, a pledge or a refusal without a target is aimed at its source's own country
(``[options] own_country_target``); invented people and facts."""
from __future__ import annotations

import pytest

from veille.what.lexicon import load


def test_the_lexicon_lists_the_types():
    lex = load("fr")
    assert lex.matches("CONSULT:visit", lex.own_country_target)
    assert lex.matches("CONCEDE:release", lex.own_country_target)
    assert not lex.matches("CONCEDE:ease restrictions", lex.own_country_target)
    assert not lex.matches("ACCUSE", lex.own_country_target)


@pytest.mark.model
def test_a_visit_at_home_is_aimed_at_the_source_country(analysed):
    w = analysed("Le président tunisien Kaïs Ben Amor s'est rendu mardi à Sfax pour rencontrer des agriculteurs.")
    visits = [e for e in w.events if e.type == "CONSULT" and e.mode == "visit"]
    assert visits
    assert all(e.target is not None and e.target.country == e.source.country == "TUN" for e in visits)


@pytest.mark.model
def test_a_directed_type_outside_the_list_keeps_no_target_of_its_own_country(analysed):
    w = analysed("Des milliers d'enseignants espagnols ont manifesté mardi à Madrid.")
    protests = [e for e in w.events if e.type == "PROTEST"]
    assert protests
    assert all(e.target is None for e in protests)


@pytest.mark.model
def test_a_postponement_is_no_rejection(analysed):
    """"repousser" rejects an offer, a demand or an attack; a date or a reform pushed back is
    postponed, not rejected (the lexicon lists what it rejects)."""
    w = analysed("Le gouvernement espagnol a repoussé la réforme des retraites au mois de septembre.")
    assert [e for e in w.events if e.type == "REJECT"] == []
    w = analysed("Le gouvernement espagnol a repoussé l'offre des syndicats.")
    assert [e for e in w.events if e.type == "REJECT"]
