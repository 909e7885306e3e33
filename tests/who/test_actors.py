"""actors.lookup: countries, seats of government, demonyms, titles by date, groups."""
from __future__ import annotations

import pytest

from veille.who.actors import lookup


@pytest.mark.parametrize("phrase,lang,country,sector", [
    ("Washington", "fr", "USA", "GOV"),
    ("Moscou", "fr", "RUS", "GOV"),
    ("le Kremlin", "fr", "RUS", "GOV"),
    ("l'Élysée", "fr", "FRA", "GOV"),
    ("les Russes", "fr", "RUS", "CVL"),
    ("l'armée israélienne", "fr", "ISR", "MIL"),
    ("la police grecque", "fr", "GRC", "COP"),
    ("les autorités nord-coréennes", "fr", "PRK", "GOV"),
    ("l'Union européenne", "fr", "EUR", "IGO"),
    ("l'Otan", "fr", "NAT", "IGO"),
    ("le Conseil de sécurité de l'ONU", "fr", "UNO", "IGO"),
    ("l'armée de l'Otan", "fr", "NAT", "MIL"),
    ("le gouvernement de la Russie", "fr", "RUS", "GOV"),
    ("American officials", "en", "USA", "GOV"),
    ("the Kremlin", "en", "RUS", "GOV"),
    ("Russians", "en", "RUS", "CVL"),
])
def test_phrases_get_country_and_sector(phrase, lang, country, sector):
    code = lookup(phrase, lang, "2019-05-10")
    assert code is not None
    assert (code.country, code.sector) == (country, sector)


def test_a_title_is_resolved_by_the_publication_date():
    assert lookup("le président américain", "fr", "2019-05-10").name == "Donald Trump"
    assert lookup("le président américain", "fr", "2023-03-01").name == "Joe Biden"
    lavrov = lookup("le chef de la diplomatie russe", "fr", "2019-05-10")
    assert lavrov.name.endswith("Lavrov") and lavrov.kb_id and lavrov.country == "RUS"
    assert lookup("the US Secretary of State", "en", "2019-05-10").name == "Mike Pompeo"


def test_a_title_without_a_known_holder_keeps_country_and_sector():
    code = lookup("la ministre allemande de la Défense", "fr", None)
    assert (code.country, code.sector) == ("DEU", "GOV")
    assert lookup("le sénateur", "fr", None).sector == "LEG"


@pytest.mark.parametrize("phrase,role", [
    ("la ministre allemande de la Défense", "ministre allemande de la Défense"),
    ("le ministre russe des Affaires étrangères", "ministre russe des Affaires étrangères"),
    ("le sénateur", "sénateur"),
])
def test_a_role_keeps_its_last_words_when_an_adjective_stands_inside(phrase, role):
    assert lookup(phrase, "fr", None).role == role


def test_a_known_person_gets_the_role_held_on_the_date():
    code = lookup("Vladimir Poutine", "fr", "2019-01-01")
    assert (code.country, code.sector, code.kb_id) == ("RUS", "GOV", "vladimir_poutine")
    # after leaving office a person keeps a country but is no longer the government
    former = lookup("Rex Tillerson", "en", "2024-01-01")
    assert former.country == "USA" and former.sector is None


def test_unknown_or_junk_phrases_give_nothing():
    assert lookup("Publicité", "fr", None) is None
    assert lookup("une tasse de thé", "fr", None) is None
    assert lookup("", "fr", None) is None
    assert lookup("Moscou", "de", None) is None
