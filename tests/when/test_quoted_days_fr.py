"""Feminine "suivantes", and a day named inside a quotation that does not anchor the reporting
clause after it. Sentences written for these tests."""
import pytest


def test_the_weeks_after(times_of):
    assert times_of("Pendant les semaines suivantes, la police n'a procédé à aucune interpellation.",
                    "2020-05-22") == [("les semaines suivantes", "PXW")]


@pytest.mark.model
def test_a_quoted_day_ahead_does_not_anchor_the_reporting_clause(parsed_times):
    found = parsed_times("\"D'ici à lundi, le port du masque devra être généralisé\", a précisé dans l'après-midi "
                         "le ministre.", "fr", "2020-07-16")
    assert found[-1] == ("l'après-midi", "2020-07-16TAF")
