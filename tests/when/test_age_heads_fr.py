"""Ages read on the parse: a number of years hanging through "de" on a noun for a person, or a
number of months on a noun for a child, is an age, not a duration (FR-TimeBank and TimeML leave
ages out); a length hanging on any other noun stays a duration. Sentences written for these tests."""
import pytest


@pytest.mark.parametrize("text", [
    "Marc Dupuis, jeune électricien normand de 31 ans, a ouvert sa boutique.",
    "Le texte protège tout joueur de moins de 18 ans.",
    "Son fils de 18 mois dormait dans la pièce voisine.",
    "Un chef d'entreprise lyonnais de 52 ans témoigne.",
    "Une mère de famille nombreuse de 41 ans témoigne.",
])
def test_a_person_with_a_number_of_years_is_an_age(parsed_times, text):
    assert parsed_times(text, published="2020-03-20") == []


@pytest.mark.parametrize("text, expected", [
    ("Il a purgé une peine de prison de 10 ans.", [("10 ans", "P10Y")]),
    ("Un contrat de 5 ans a été signé avec le club.", [("5 ans", "P5Y")]),
    ("Une durée de 18 mois est prévue pour les travaux.", [("18 mois", "P18M")]),
    ("Le locataire de ce logement depuis 12 ans a été expulsé.", [("12 ans", "P12Y")]),
])
def test_a_length_of_a_thing_stays_a_duration(parsed_times, text, expected):
    assert parsed_times(text, published="2020-03-20") == expected


def test_without_a_parse_the_text_rules_decide(times_of):
    # the parse is what finds the person here; the text alone keeps the duration
    assert times_of("Le texte protège tout joueur de moins de 18 ans.", "2020-03-20") == [("moins de 18 ans", "P18Y")]


@pytest.mark.parametrize("text", [
    "Dans ce service, 40 malades ont moins de 25 ans.",
    "Pour s'inscrire, il faut avoir plus de 18 ans.",
])
def test_a_number_of_years_someone_has_is_an_age(parsed_times, text):
    assert parsed_times(text, published="2020-03-20") == []


@pytest.mark.parametrize("text, expected", [
    ("Il y a plus de 16 ans, il partait.", [("Il y a plus de 16 ans", "2004")]),
    ("Nous avons moins de deux ans pour agir.", [("moins de deux ans", "P2Y")]),
    ("Vous n'avez qu'un an d'existence.", [("un an", "P1Y")]),
])
def test_time_one_has_for_something_stays_a_duration(parsed_times, text, expected):
    assert parsed_times(text, published="2020-03-20") == expected
