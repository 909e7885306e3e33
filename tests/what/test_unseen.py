"""Errors found on articles the event rules were not written on (invented people and facts)."""
from __future__ import annotations

import pytest

from veille import quotes, what, who
from veille.what.actors import clean_name, nameable
from veille.what.lexicon import load


def run(work, text, lang="fr", published="2021-03-10"):
    w = work(text, lang=lang, published=published)
    who.annotate(w)
    w.times = []
    quotes.annotate(w)
    what.annotate(w)
    return w


def find(w, etype):
    return [e for e in w.events if e.type == etype]


def test_names_cut_at_a_glued_sentence_break():
    assert clean_name("Svetlana Ivanova.- 'Borissov") == "Svetlana Ivanova"
    assert clean_name("(JDD).M. Borissov") == "M. Borissov"
    assert clean_name("homme de 40 ans à l'AFP.Il", 0) == "homme de 40 ans à l'AFP"
    assert clean_name("M. Borissov") == "M. Borissov"


def test_what_can_name_an_actor():
    assert not nameable("t")
    assert not nameable("-t")
    assert not nameable("1er")
    assert nameable("156 people")
    assert nameable("U.S.")
    assert nameable("Kim Jong Un")


@pytest.mark.model
def test_the_cue_of_a_quotation_is_done_by_its_speaker(work):
    w = run(work, "« Le ministre Jean Dufour ment comme il respire », a dénoncé le sénateur Pierre Vallet.")
    accusations = find(w, "ACCUSE")
    assert accusations
    assert all("Vallet" in e.source.name for e in accusations)
    assert all(e.target is None or "Vallet" not in e.target.name for e in accusations)


@pytest.mark.model
def test_a_verb_only_introducing_a_quotation_is_no_support(work):
    w = run(work, "« Notre vaccin est le plus sûr », a soutenu le ministre russe Ivan Petrov.")
    assert find(w, "SUPPORT") == []


@pytest.mark.model
def test_a_poll_cited_with_selon_is_no_inquiry(work):
    w = run(work, "Selon une enquête de l'institut Civico pour le journal Le Matin, 40% des électeurs approuvent la réforme.")
    assert find(w, "ACCUSE") == []


@pytest.mark.model
def test_a_thing_named_as_subject_is_no_actor(work):
    w = run(work, "Le ministre italien Marco Bellini a parlé longuement. Selon lui, l'épidémie recule en Italie.")
    assert find(w, "RETREAT") == []


@pytest.mark.model
def test_a_teacher_going_to_a_village_is_no_visit(work):
    w = run(work, "Chaque semaine, l'enseignant prend sa moto pour se rendre dans le village de Kalinda.")
    assert find(w, "CONSULT") == []


@pytest.mark.model
def test_a_demonstrative_takes_up_the_actor_named_before(work):
    w = run(work, "Le député Paul Marchand a publié un rapport sévère. Celui-ci met en cause le ministre de l'Intérieur.")
    for e in find(w, "ACCUSE"):
        assert e.source.name.lower() not in ("celui", "celui-ci")
        assert nameable(e.source.name)


@pytest.mark.model
def test_a_detention_after_an_arrest_is_done_by_the_same_state(work):
    w = run(work, "Le médecin Karim Haddad a été arrêté vendredi en Allemagne. Il a été placé en détention provisoire.")
    events = find(w, "COERCE")
    assert events
    assert all(e.source.country == "DEU" for e in events)


@pytest.mark.model
def test_a_violent_deed_as_subject_has_unknown_authors(work):
    w = run(work, "Un attentat a tué six soldats nigériens dimanche.")
    kills = [e for e in find(w, "ASSAULT") if e.target is not None and e.target.country == "NER"]
    assert kills
    assert kills[0].source.name == load("fr").unknown_actor


@pytest.mark.model
def test_an_agentless_pluperfect_passive_is_background(work):
    w = run(work, "Trois militants du parti avaient été condamnés à des amendes.")
    assert find(w, "ACCUSE") == []


@pytest.mark.model
def test_no_actor_name_runs_across_a_glued_sentence_break(work):
    w = run(work, "La police a arrêté un homme de 40 ans, a indiqué le procureur à l'AFP.Il a été placé en garde à vue.")
    for e in w.events:
        for a in (e.source, e.target):
            assert a is None or ".Il" not in a.name


@pytest.mark.model
def test_a_reciprocal_meeting_is_one_event(work):
    w = run(work, "Le président turc Ahmet Kaya et le président chilien Pablo Rojas ont eu lundi un entretien téléphonique.")
    meetings = find(w, "CONSULT")
    assert len(meetings) == 1
    assert meetings[0].target is not None


@pytest.mark.model
def test_a_candidate_of_a_party_is_the_person_named(work):
    w = run(work, "Le candidat du Parti vert à la mairie de Lyon Julien Morel a réclamé la démission du préfet.")
    demands = find(w, "REQUEST")
    assert demands
    assert all("Morel" in e.source.name for e in demands)


@pytest.mark.model
def test_what_a_demand_asks_for_has_not_happened(work):
    w = run(work, "L'avocate de la famille Duval a réclamé qu'une nouvelle enquête soit ouverte.")
    assert [e for e in w.events if e.type == "ACCUSE" and e.mode == "investigate"] == []


@pytest.mark.model
def test_a_conviction_already_recalled_is_background(work):
    w = run(work, "Le suspect Marc Tellier a déjà été condamné dans plusieurs affaires de vol.")
    assert find(w, "ACCUSE") == []


def coder_for(w, lang="fr"):
    from veille.what.actors import Coder
    return Coder(w, load(lang))


@pytest.mark.model
def test_a_name_that_is_a_country_is_its_own_code(work):
    w = run(work, "La France et le Tchad ont signé un accord, a annoncé le ministre Paul Ndiaye.")
    coder = coder_for(w)
    assert coder.country_name("France") == "FRA"
    assert coder.country_name("la France") == "FRA"
    assert coder.country_name("Tchad") == "TCD"
    # A name that only holds a country's name is not that country.
    assert coder.country_name("France Inter") is None
    assert coder.country_name("Paul Ndiaye") is None


@pytest.mark.model
def test_an_arrest_is_done_to_people_not_to_a_place(work):
    from veille.records import Actor
    w = run(work, "Le Tchad a fermé ses frontières. A N'Djamena, le Tchad a connu des manifestations. "
                  "Les militants Paul Ndiaye et Ali Bako ont été vus à N'Djamena.")
    coder = coder_for(w)
    police = Actor(name="police", country="TCD", sector="COP")
    anyone = coder.implicit_target(police)
    people = coder.implicit_target(police, people_only=True)
    assert anyone is not None and anyone.name in ("Tchad", "N'Djamena")
    assert people is not None and people.name not in ("Tchad", "N'Djamena")


@pytest.mark.model
def test_blame_in_a_quotation_is_aimed_at_the_other_side(work):
    w = run(work, "« Le grand peuple du Tchad ne pardonnera jamais ce mensonge honteux du Niger », "
                  "a déclaré le ministre tchadien Paul Ndiaye.")
    accusations = find(w, "ACCUSE")
    assert accusations
    assert all(e.source.country == "TCD" for e in accusations)
    assert all(e.target is not None and e.target.country == "NER" for e in accusations)


@pytest.mark.model
def test_victims_counted_by_their_members_take_their_country(work):
    w = run(work, "Au Niger, sept personnes (dont six Français) travaillant pour une ONG ont été tuées dimanche.")
    assaults = find(w, "ASSAULT")
    assert assaults
    assert all(e.target is not None and e.target.country == "FRA" for e in assaults)
