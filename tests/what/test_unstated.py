"""Participants the clause leaves unsaid, background and re-mentions (invented people and facts)."""
from __future__ import annotations

import pytest

from veille import what, who
from veille.what.lexicon import load

pytestmark = pytest.mark.model


def run(work, text, lang="fr", published="2021-03-10"):
    w = work(text, lang=lang, published=published)
    who.annotate(w)
    w.times = []
    what.annotate(w)
    return w


def find(w, etype):
    return [e for e in w.events if e.type == etype]


def test_passive_arrest_without_agent_is_the_state_of_the_place(work):
    w = run(work, "L'homme d'affaires Marc Lenoir a été arrêté lundi à Tokyo.")
    (e,) = find(w, "COERCE")
    assert e.source.country == "JPN"
    assert e.source.sector == "GOV"
    assert e.target is not None and "Lenoir" in e.target.name


def test_killing_without_authors_has_an_unknown_doer(work):
    w = run(work, "Trois soldats maliens ont été tués dimanche.")
    (e,) = find(w, "ASSAULT")
    assert e.source.name == load("fr").unknown_actor
    assert e.source.country is None
    assert e.target is not None and e.target.country == "MLI"


def test_condemning_an_anonymous_attack_aims_at_its_unknown_authors(work):
    w = run(work, "Le président malien Amadou Keita a dénoncé une attaque d'une grande violence.")
    (e,) = find(w, "ACCUSE")
    assert e.source.country == "MLI"
    assert e.target is not None and e.target.name == load("fr").unknown_actor and e.target.country is None


def test_imperfect_is_background_but_not_in_reported_speech(work):
    w = run(work, "Le maire Paul Durand critiquait souvent le préfet de la région.")
    assert find(w, "ACCUSE") == []
    w = run(work, "Le ministre belge Paul Durand a indiqué qu'il soutenait le gouvernement néerlandais.")
    (e,) = find(w, "SUPPORT")
    assert e.target is not None and e.target.country == "NLD"


def test_a_warning_is_a_threat_only_when_aimed_at_someone(work):
    w = run(work, "Le ministre grec Nikos Pappas a averti que l'épidémie pourrait repartir.")
    assert find(w, "THREATEN") == []
    w = run(work, "Le ministre grec Nikos Pappas a mis en garde la Turquie.")
    (e,) = find(w, "THREATEN")
    assert e.target is not None and e.target.country == "TUR"


def test_ending_restrictions_is_an_easing_not_a_restriction(work):
    w = run(work, "Le gouvernement slovène a annoncé la fin des restrictions.")
    assert find(w, "COERCE") == []
    (e,) = find(w, "CONCEDE")
    assert e.source.country == "SVN"


def test_on_behalf_names_the_doer_of_a_nominal_event(work):
    w = run(work, "Le juge belge Paul Durand a reçu des menaces de la part de militants d'extrême droite.")
    (e,) = find(w, "THREATEN")
    assert "militants" in e.source.name


def test_the_holder_of_a_ban_undergoes_it(work):
    w = run(work, "À Lyon, les habitants ont interdiction de sortir.")
    (e,) = find(w, "COERCE")
    assert e.source.country == "FRA"
    assert e.target is not None and "habitants" in e.target.name


def test_regaining_terraces_is_granted_by_the_authorities(work):
    w = run(work, "Les Madrilènes retrouvent leurs terrasses.")
    (e,) = find(w, "CONCEDE")
    assert e.source.sector == "GOV" and e.source.country == "ESP"
    assert e.target is not None and e.target.country == "ESP"


def test_an_appeal_for_something_to_no_one_keeps_no_target(work):
    w = run(work, "Le pape François a appelé à la prudence.")
    (e,) = find(w, "REQUEST")
    assert e.target is None


def test_a_protest_is_aimed_at_what_it_demands_and_absorbs_the_demand(work):
    w = run(work, "Des milliers de manifestants ont défilé à Lima pour réclamer la démission du président péruvien Luis Ramos.")
    (e,) = find(w, "PROTEST")
    assert e.source.country == "PER"
    assert e.target is not None and "Ramos" in e.target.name
    assert find(w, "REQUEST") == []


def test_a_bare_participle_recalls_a_fact(work):
    w = run(work, "Luis Ramos, condamné en mai, a quitté le pays.")
    assert find(w, "ACCUSE") == []


def test_a_definite_re_mention_is_the_same_happening(work):
    w = run(work, "Le ministre portugais Rui Costa a recommandé la fermeture des écoles. "
                  "La recommandation du ministre portugais a surpris les parents.")
    assert len(find(w, "REQUEST")) == 1


def test_a_closure_in_the_bare_present_is_a_state_not_an_act(work):
    w = run(work, "Les écoles sont fermées à Rome.")
    assert find(w, "COERCE") == []
    w = run(work, "Les écoles ont été fermées lundi à Rome.")
    (e,) = find(w, "COERCE")
    assert e.source.country == "ITA"


def test_a_place_subjected_to_a_measure_is_acted_on_by_its_authorities(work):
    w = run(work, "Le virus progresse à Melbourne, en Australie. Melbourne est désormais soumis à un couvre-feu nocturne.")
    (e,) = find(w, "COERCE")
    assert e.mode == "curfew"
    assert e.source.sector == "GOV" and e.source.country == "AUS"
    assert e.target is not None and e.target.country == "AUS" and e.target.sector == "CVL"


def test_a_demonym_describing_a_person_gives_their_country_before_the_place_of_office(work):
    w = run(work, "Ancien gouverneur britannique de Gibraltar, Peter Hall a dénoncé la décision de Madrid.")
    (e,) = find(w, "ACCUSE")
    assert e.source.country == "GBR"


def test_a_point_of_the_compass_stands_for_the_country_named_with_it(work):
    w = run(work, "La Corée du Sud a protesté. Le ministre nord-coréen Ri Song a critiqué le Sud.")
    (e,) = [x for x in find(w, "ACCUSE") if x.source.country == "PRK"]
    assert e.target is not None and e.target.country == "KOR"


def test_a_participle_clause_keeps_its_own_modality(work):
    w = run(work, "Les budgets ne seront pas augmentés à la suite du report, approuvé en mai par le Parlement grec.")
    assert find(w, "REJECT") == []
    (e,) = find(w, "AGREE")
    assert e.factuality == "actual" and e.source.country == "GRC"


def test_a_speaker_announcing_their_own_decision_is_the_doer(work):
    from veille import quotes
    w = work("« J'ai décidé de rouvrir les écoles », a déclaré le ministre grec Nikos Pappas.", lang="fr", published="2021-03-10")
    who.annotate(w)
    w.times = []
    quotes.annotate(w)
    what.annotate(w)
    (e,) = find(w, "CONCEDE")
    assert e.source.country == "GRC" and "Pappas" in e.source.name
    assert e.factuality == "planned"


def test_a_private_persons_lament_to_no_one_is_no_political_event(work):
    w = run(work, "Le ministre chilien Pablo Rojas a critiqué le Parlement. Rosa Diaz, une retraitée, a dénoncé la situation.")
    sources = [e.source.name for e in find(w, "ACCUSE")]
    assert any("Rojas" in s for s in sources)
    assert not any("Diaz" in s for s in sources)
