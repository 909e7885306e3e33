"""An actor whose article names no country takes the country of the article's press."""
from __future__ import annotations

import dataclasses

import pytest

from veille import who
from veille.errors import ConfigError
from veille.options import Options

NO_COUNTRY = "Le gouvernement a présenté jeudi sa réforme. Les syndicats ont appelé à la grève."
GERMANY = "A Berlin, le gouvernement allemand a présenté jeudi sa réforme. Les syndicats ont appelé à la grève."


def coded(work, text: str, home: str = "auto") -> dict[str, str | None]:
    w = work(text, "fr", "2019-12-05")
    w.options = dataclasses.replace(w.options, home_country=home)
    who.annotate(w)
    return {e.name.lower(): e.country for e in w.entities}


def test_french_press_defaults_to_france(work):
    got = coded(work, NO_COUNTRY)
    assert got["gouvernement"] == "FRA" and got["syndicats"] == "FRA"


def test_the_home_country_is_an_option(work):
    assert coded(work, NO_COUNTRY, "BEL")["gouvernement"] == "BEL"
    assert coded(work, NO_COUNTRY, "none")["gouvernement"] is None


def test_a_country_the_article_names_comes_first(work):
    got = coded(work, GERMANY)
    assert got["syndicats"] == "DEU"


@pytest.mark.parametrize("bad", ["fr", "France", "", "XXXX"])
def test_a_bad_home_country_is_refused(bad):
    with pytest.raises(ConfigError, match="home_country"):
        Options(home_country=bad)


@pytest.mark.parametrize("name,sector", [
    ("Inspection du travail", "GOV"),
    ("Haute autorité pour la transparence de la vie publique", "GOV"),
    ("commission d'enquête", "LEG"),
    ("mairie", "GOV"),
])
def test_public_bodies_of_an_article_are_coded(work, name, sector):
    text = f"Selon la {name}, le texte sera examiné jeudi. La {name} a publié un avis."
    w = work(text, "fr", "2019-12-05")
    who.annotate(w)
    body = next(e for e in w.entities if e.name.lower().endswith(name.lower()))
    assert (body.country, body.sector) == ("FRA", sector)
