"""Dates in figures in the captions of embedded videos, glued to their credit ("- 13/04par BFMTV").
Sentences written for these tests."""
import pytest


@pytest.mark.parametrize("text, expected", [
    ("Travailler plus ? - 13/04par BFMTVCes déclarations répondent au patron.", [("13/04", "2020-04-13")]),
    ("Hulot vaincu ? - 28/08/2018par CNEWS\"C'est une satisfaction\".", [("28/08/2018", "2018-08-28")]),
    ("Le débat du 16/02 a été suivi.", [("16/02", "2020-02-16")]),
])
def test_dates_in_figures_before_a_credit(times_of, text, expected):
    assert times_of(text, "2020-04-13") == expected


@pytest.mark.parametrize("text", [
    "Le score est de 24/24 et 10/20 en moyenne.",
    "Le taux est passé de 1,5/10 à 3/10.",
    "Le film, noté 7/10 par la critique, sort en salles.",
    "Il a voté 25 pour et 12 contre, par 309 voix.",
])
def test_ratios_and_counts_are_no_dates(times_of, text):
    assert times_of(text, "2020-04-13") == []
