"""Feasts that name a thing rather than a time. Sentences written for these tests."""


def test_a_feast_after_a_noun_that_is_no_time_is_no_time(times_of):
    assert times_of("Il portait un masque d'Halloween.", "2018-12-04") == []
    assert times_of("Le marché de Noël de Strasbourg ouvre ses portes.", "2018-12-04") == []


def test_a_feast_after_a_time_noun_stays_a_time(times_of):
    assert times_of("Les fêtes de Noël approchent.", "2018-12-04") == [("Noël", "2018-12-25")]
