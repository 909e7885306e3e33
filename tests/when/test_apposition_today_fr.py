"""'aujourd'hui' in an apposition before an office: nowadays. Sentences written for these tests."""
import pytest


def test_today_before_an_office_in_an_apposition(times_of):
    assert times_of("L'ancien ministre, aujourd'hui président de la région, s'est élevé contre ces propos.",
                    "2020-04-13") == [("aujourd'hui", "PRESENT_REF")]


@pytest.mark.model
def test_today_after_a_participle_in_an_apposition_stays_the_day(parsed_times):
    assert parsed_times("Le texte, adopté aujourd'hui, entre en vigueur en mai.", "fr", "2020-04-13")[0] == (
        "aujourd'hui", "2020-04-13")
