"""Times of day: clock times told in two zones (the one in parentheses restates the one before it,
on the day that puts them hours apart, not a day; a time told in France's own zone carries its
offset); parts of the day told after a night. Sentences written for these tests."""
import pytest

from veille.when import extract


def found(text, published):
    return [(t.text, t.value) for t in extract(text, "fr", published)]


@pytest.mark.parametrize("text, published, expected", [
    # local times just after midnight, told in GMT the evening before
    ("Les tirs ont commencé samedi vers 01H10 locales (22H10 GMT), selon l'armée.", "2021-03-14",
     [("samedi", "2021-03-13"), ("vers 01H10 locales", "2021-03-13T01:10"), ("22H10 GMT", "2021-03-12T22:10")]),
    # a range and its restatement: the k-th time in parentheses restates the k-th before them
    ("Le couvre-feu a duré dimanche de 00H15 à 03H40 locales (21H15 à 00H40 GMT).", "2021-03-14",
     [("dimanche", "2021-03-14"), ("00H15", "2021-03-14T00:15"), ("03H40 locales", "2021-03-14T03:40"),
      ("21H15", "2021-03-13T21:15"), ("00H40 GMT", "2021-03-14T00:40")]),
    # a late evening told in a zone ahead of GMT: the next day there
    ("Le vote s'est achevé mardi à 23H30 GMT (02H30 heure locale).", "2021-03-17",
     [("mardi", "2021-03-16"), ("23H30 GMT", "2021-03-16T23:30"), ("02H30 heure locale", "2021-03-17T02:30")]),
])
def test_time_restated_in_another_zone_is_hours_away(text, published, expected):
    assert found(text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Le décollage a eu lieu mardi à 9 h locales (16 h en France).", "2021-01-20",
     [("mardi", "2021-01-19"), ("9 h locales", "2021-01-19T09:00"), ("16 h en France", "2021-01-19T16:00+1")]),
    ("Le match commencera samedi à 21h heure de Paris.", "2021-07-01",
     [("samedi", "2021-07-03"), ("21h heure de Paris", "2021-07-03T21:00+2")]),
])
def test_time_told_in_france_carries_its_offset(text, published, expected):
    assert found(text, published) == expected


def test_parentheses_without_a_zone_restate_nothing():
    # a clock time in parentheses that is no restatement keeps the day of the story
    assert found("Le train est parti lundi à 23 h 50 (il devait partir à 22 h 50).", "2021-03-17") == [
        ("lundi", "2021-03-15"), ("23 h 50", "2021-03-15T23:50"), ("22 h 50", "2021-03-15T22:50")]


@pytest.mark.parametrize("text, expected", [
    ("Le 3 mars, il avait passé la nuit au poste. En fin d'après-midi, il a été relâché.",
     [("Le 3 mars", "2021-03-03"), ("la nuit", "2021-03-03TNI"), ("fin d'après-midi", "2021-03-04TAF")]),
    ("Le 3 mars, la fête a duré toute la nuit. À la mi-journée, la salle était vide.",
     [("Le 3 mars", "2021-03-03"), ("toute la nuit", "2021-03-03TNI"), ("la mi-journée", "2021-03-04TMI")]),
])
def test_part_of_day_told_after_a_night_is_on_the_next_day(text, expected):
    assert found(text, "2021-03-10") == expected


def test_small_hour_told_before_its_night_is_on_the_day_the_night_ends():
    assert found("Dès 00H05 dans la nuit de vendredi à samedi, les bars pourront rouvrir.", "2021-06-02") == [
        ("00H05", "2021-06-05T00:05"), ("la nuit de vendredi à samedi", "2021-06-04TNI")]


def test_an_hour_not_told_is_no_clock_time():
    assert found("Le convoi partira à une heure non précisée.", "2021-06-02") == []


def test_day_of_an_inverted_reporter_does_not_move_the_story(parsed_times):
    # the parse may hang "le 12 mai" on the name; the verb before the name still reports it
    times = parsed_times("Dans la nuit du 3 au 4 mai, une femme a été blessée, rapporte France Bleu le 12 mai. "
                         "Elle est opérée dans la nuit.", published="2021-05-13")
    assert times[-1] == ("la nuit", "2021-05-03TNI")
