"""Deictic present, past and future words (TimeML PRESENT_REF, PAST_REF, FUTURE_REF, type TIME),
and "aujourd'hui" as this very day or as nowadays. Sentences written from the TimeML guidelines."""
import pytest

from veille.when import extract

PUB = "2019-05-10"  # a Friday


def found(text, published=PUB):
    return [(t.text, t.type, t.value) for t in extract(text, "fr", published)]


@pytest.mark.parametrize("text, expected", [
    ("Le ministre a dénoncé aujourd'hui le geste.", ("aujourd'hui", "DATE", PUB)),
    ("Le président effectuera aujourd'hui un déplacement à Lyon.", ("aujourd'hui", "DATE", PUB)),
    ("Une réunion doit s'ouvrir aujourd'hui au Caire.", ("aujourd'hui", "DATE", PUB)),
    ("Il est aujourd'hui ministre des Affaires étrangères.", ("aujourd'hui", "TIME", "PRESENT_REF")),
    ("L'homme, aujourd'hui âgé de 78 ans, se souvient.", ("aujourd'hui", "TIME", "PRESENT_REF")),
    ("Ces propos indignent encore aujourd'hui la chroniqueuse.", ("aujourd'hui", "TIME", "PRESENT_REF")),
    ("Ils jugent la situation avec les yeux d'aujourd'hui.", ("aujourd'hui", "TIME", "PRESENT_REF")),
    ("Aujourd'hui, la ville a changé d'ambiance.", ("Aujourd'hui", "TIME", "PRESENT_REF")),
])
def test_today_or_nowadays(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Les usagers peuvent maintenant payer chez le buraliste.", ("maintenant", "TIME", "PRESENT_REF")),
    ("Le terme n'était pas employé jusqu'à présent.", ("présent", "TIME", "PRESENT_REF")),
    ("Nous avons éradiqué pour l'instant la transmission.", ("l'instant", "TIME", "PRESENT_REF")),
    ("Il refuse pour l'heure de conclure.", ("l'heure", "TIME", "PRESENT_REF")),
    ("Ce clivage appartient au passé.", ("passé", "TIME", "PAST_REF")),
    ("Il réclame les sommes versées dans le passé.", ("le passé", "TIME", "PAST_REF")),
    ("L'entreprise se dit confiante dans l'avenir.", ("l'avenir", "TIME", "FUTURE_REF")),
    ("Le futur chancelier sera élu par la chambre.", ("Le futur", "TIME", "FUTURE_REF")),
])
def test_present_past_and_future_references(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", [
    "Il est l'heure de partir.",
    "Il fait référence au passé colonial.",
    "Il a répondu au Parisien/Aujourd'hui en France.",
])
def test_words_that_are_not_references(text):
    assert found(text) == []


def test_deictic_glued_to_a_date_or_weekday_is_one_expression():
    assert found("Aujourd'hui 10 mai, c'est un jour spécial.") == [("Aujourd'hui 10 mai", "DATE", PUB)]
    assert found("Il est parti aujourd'hui vendredi.") == [("aujourd'hui vendredi", "DATE", PUB)]


@pytest.mark.parametrize("text, expected", [
    ("Ils seront versés d'ici à dix ans.", [("ici", "TIME", "PRESENT_REF"), ("dix ans", "DURATION", "P10Y")]),
    ("L'équilibre sera atteint d'ici 2027.", [("ici", "TIME", "PRESENT_REF"), ("2027", "DATE", "2027")]),
    ("Ils seront affinés d'ici la fin de l'année.", [("ici", "DATE", PUB), ("la fin de l'année", "DATE", "2019")]),
])
def test_from_now_until(text, expected):
    # FR-TimeBank: "d'ici à [dix ans]" has "ici" PRESENT_REF, "d'ici [la fin de l'année]" the day
    assert found(text) == expected


def test_until_the_end_of_a_month_told_in_the_past_is_ahead():
    assert found("Aucun accord n'était trouvé d'ici la fin du mois d'avril.", "2020-01-11")[-1] == (
        "la fin du mois d'avril", "DATE", "2020-04")


@pytest.mark.parametrize("text, expected", [
    ("Aucune plainte n'a été déposée à ce jour.", [("ce jour", "TIME", "PRESENT_REF")]),
    ("La période actuelle apporte son lot de difficultés.", [("La période actuelle", "TIME", "PRESENT_REF")]),
])
def test_more_present_references(text, expected):
    assert [(t.text, t.type, t.value) for t in extract(text, "fr", "2019-05-10")] == expected


def test_that_day_is_not_the_present():
    assert [t.value for t in extract("À ce jour-là, il était parti.", "fr", "2019-05-10")] != ["PRESENT_REF"]


def test_the_preposition_stays_outside_the_future():
    assert [(t.text, t.value) for t in extract("Il faudra faire mieux à l'avenir.", "fr", "2019-05-10")] == [
        ("l'avenir", "FUTURE_REF")]
