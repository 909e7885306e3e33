"""Numbers of years after a noun that are lengths, not ages. Sentences written for these tests."""


def test_a_sentence_after_a_participle_is_no_age(times_of):
    assert times_of("Le parquet a requis quatre ans de prison, assortis de dix ans d'inéligibilité.",
                    "2020-03-20") == [("quatre ans", "P4Y"), ("dix ans", "P10Y")]


def test_an_age_after_a_comma_stays_an_age(times_of):
    assert times_of("Sana, manifestante de 57 ans, a été blessée.", "2020-03-20") == []
