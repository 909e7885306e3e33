"""Times of day: clock times in parentheses, small hours before their night, hours not told, the
day of a reporting verb. Sentences written for these tests."""
import pytest

from veille.when import extract


def found(text, published):
    return [(t.text, t.value) for t in extract(text, "fr", published)]



def test_parentheses_without_a_zone_restate_nothing():
    # a clock time in parentheses that is no restatement keeps the day of the story
    assert found("Le train est parti lundi à 23 h 50 (il devait partir à 22 h 50).", "2021-03-17") == [
        ("lundi", "2021-03-15"), ("23 h 50", "2021-03-15T23:50"), ("22 h 50", "2021-03-15T22:50")]


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


def test_hours_told_after_midnight_are_the_next_day():
    # "minuit" is the end of the day told (T24:00): what the next sentences tell is the day after
    assert found("Le 20 juillet, elle est retrouvée peu avant minuit. Il est arrêté peu avant midi, "
                 "puis placé en garde à vue vers 15 h.", "2021-09-01") == [
        ("Le 20 juillet", "2021-07-20"), ("minuit", "2021-07-20T24:00"), ("midi", "2021-07-21T12:00"),
        ("vers 15 h", "2021-07-21T15:00")]


def test_midnight_in_its_own_sentence_or_ending_a_range_moves_nothing():
    assert found("Vendredi, le bar a fermé à minuit et rouvert à 19 heures.", "2021-09-01")[-1] == (
        "19 heures", "2021-08-27T19:00")
    assert found("Dimanche, la circulation est limitée entre 5h30 et minuit. À Lille, elle sera limitée "
                 "de 6h à 22h.", "2021-08-29")[-2:] == [("6h", "2021-08-29T06:00"), ("22h", "2021-08-29T22:00")]


def test_small_hours_after_a_late_clock_time_are_the_next_day():
    assert found("Amarrés samedi à 22h58, ils ont dû patienter jusqu'à 01h40 avant d'entrer.", "2016-11-20") == [
        ("samedi", "2016-11-19"), ("22h58", "2016-11-19T22:58"), ("01h40", "2016-11-20T01:40")]
    assert found("Le feu a pris vers 23h samedi. Les pompiers sont arrivés vers 1h30.", "2016-11-20")[-1] == (
        "vers 1h30", "2016-11-20T01:30")
    # not after an afternoon hour, nor when no clock time was told before
    assert found("Il est arrivé samedi à 15h. Il était parti à 4h.", "2016-11-20")[-1] == ("4h", "2016-11-19T04:00")
