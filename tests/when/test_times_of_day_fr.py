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
