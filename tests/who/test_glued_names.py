"""A person's name the entity recogniser glued to an organisation, a place or a portfolio
before it ("le député LR des Alpes-Maritimes Eric Ciotti") is cut into its own PER mention."""
from __future__ import annotations

import pytest

from veille import pipeline, who
from veille.options import Options
from veille.records import RawArticle, Source


def entities(work, text: str) -> dict[str, str]:
    w = work(text, "fr", "2020-07-01")
    who.annotate(w)
    return {e.name: e.type for e in w.entities}


@pytest.mark.model
def test_a_party_glued_to_a_name_is_cut_before_the_first_name(work):
    got = entities(work, "De son côté, le vice-président du RN Jordan Bardella a accusé Jean-Luc Mélenchon de mentir.")
    assert got.get("Jordan Bardella") == "PER"
    assert "RN Jordan Bardella" not in got


@pytest.mark.model
def test_a_portfolio_glued_to_a_name_is_cut_and_the_name_keeps_its_hyphens(work):
    got = entities(work, "Il a rencontré le ministre de la Justice Eric Dupond-Moretti mardi.")
    assert got.get("Eric Dupond-Moretti") == "PER"


@pytest.mark.model
def test_a_place_glued_to_a_name_is_cut_and_stays_a_place(work):
    got = entities(work, "Le député LR des Alpes-Maritimes Eric Ciotti a réagi samedi.")
    assert got.get("Eric Ciotti") == "PER"
    assert got.get("Alpes-Maritimes") == "LOC"


@pytest.mark.model
def test_a_place_named_after_a_person_is_not_cut(work):
    got = entities(work, "Les élèves du Lycée Victor Hugo ont manifesté mardi.")
    assert "Victor Hugo" not in got


@pytest.mark.model
def test_names_joined_by_a_conjunction_are_not_cut(work):
    # after "et" the span may be one foreign name whose first word is no place ("Oman Abdel Aziz")
    got = entities(work, "Les opposants et Oman Abdel Aziz ont parlé.")
    assert "Abdel Aziz" not in got


@pytest.mark.model
def test_the_quote_of_a_glued_name_goes_to_that_person():
    options = Options(language="fr")
    text = ("Le maire de Nice Christian Estrosi a proposé une alliance. \"Nous ne l'avons pas remplacé\", "
            "a renchéri samedi sur Franceinfo le député LR des Alpes-Maritimes Eric Ciotti.")
    w = pipeline.prepare(RawArticle(id="t", source=Source(), text=text, title=None, published="2020-09-12",
                                    language="fr"), options)
    pipeline.annotate([w], options)
    got = [q.speaker.name if q.speaker else None for q in w.quotes if "remplacé" in q.content.text]
    assert got == ["Eric Ciotti"]
