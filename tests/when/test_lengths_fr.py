"""Numbers of years that are lengths, not ages, and ages told with "plus de". Sentences written for
these tests."""
import pytest


@pytest.mark.parametrize("text, expected", [
    ("Le parquet a requis quatre ans de prison, assortis de dix ans d'inéligibilité.",
     [("quatre ans", "P4Y"), ("dix ans", "P10Y")]),
    ("La publication d'un cliché est passible d'un an d'emprisonnement.", [("un an", "P1Y")]),
    ("Le texte prévoit une expérimentation d'une année de ce nouvel outil.", [("une année", "P1Y")]),
])
def test_lengths_that_are_no_ages(times_of, text, expected):
    assert times_of(text, "2020-03-20") == expected


@pytest.mark.parametrize("text", [
    "Sana, manifestante de 57 ans, a été blessée.",
    "Un bébé d'un an a été retrouvé.",
    "Une femme d'une trentaine d'années est tombée.",
    "Les personnes âgées de plus de 65 ans sont prioritaires.",
    "Les personnes âgées de moins de 25 ans sont exclues.",
])
def test_ages_stay_ages(times_of, text):
    assert times_of(text, "2020-03-20") == []
