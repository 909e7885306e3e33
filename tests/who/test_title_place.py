"""A title's place is its holder's country, before the article's main country."""
from __future__ import annotations

import pytest

from veille import who

STORY = "Vladimir Poutine recevra Mike Pompeo à Sotchi mardi. "


def countries(work, text: str) -> dict[str, str | None]:
    w = work(text, "fr", "2019-05-10")
    who.annotate(w)
    return {e.name: e.country for e in w.entities}


@pytest.mark.model
def test_a_researcher_takes_the_country_of_the_city_he_works_in(work):
    got = countries(work, STORY + "« Rien n'est joué », estime Julien Marchand, chercheur à Lyon.")
    assert got["Julien Marchand"] == "FRA"


@pytest.mark.model
def test_an_institute_the_knowledge_base_does_not_know_is_looked_through_to_its_place(work):
    got = countries(work, STORY + "« Rien n'est joué », estime Julien Marchand, chercheur à "
                              "l'Institut d'études stratégiques de Lyon.")
    assert got["Julien Marchand"] == "FRA"


@pytest.mark.model
def test_a_known_organisation_stops_the_search(work):
    # the Geneva of "l'ONU à Genève" is the organisation's seat, not the official's country
    got = countries(work, STORY + "« Rien n'est joué », estime Jean Dupont, fonctionnaire de l'ONU à Genève.")
    assert got["Jean Dupont"] != "CHE"
