"""The classes of scripts/time_value_errors.py, on hand-made gold and values."""
import pytest


@pytest.fixture
def cause(repo_script):
    return repo_script("scripts/time_value_errors.py").cause


TEXT = "Le 3 mai, il est arrivé.\nLundi, il a parlé."
GOLD = [{"start": 0, "end": 8, "text": "Le 3 mai", "value": "2019-05-03"},
        {"start": 25, "end": 30, "text": "Lundi", "value": "2019-05-06"}]


def test_a_weekday_a_week_off_with_no_day_to_anchor_it(cause):
    assert cause(TEXT, "2019-05-10", GOLD, GOLD[1], "2019-05-13") == ("a week off (weekday direction)", "none")


def test_the_anchor_the_gold_implies(cause):
    evening = {"start": 30, "end": 40, "text": "le soir", "value": "2019-05-03TEV"}
    assert cause(TEXT, "2019-05-10", GOLD[:1] + [evening], evening, "2019-05-08TEV") == (
        "other day", "last day named")
    today = {"start": 30, "end": 40, "text": "ce soir", "value": "2019-05-10TEV"}
    assert cause(TEXT, "2019-05-10", GOLD[:1] + [today], today, "2019-05-09TEV") == (
        "1 day(s) off", "publication")


def test_years_and_kinds(cause):
    month = {"start": 30, "end": 35, "text": "juin", "value": "2018-06"}
    assert cause(TEXT, "2019-05-10", [month], month, "2019-06") == ("year off", "-")
    now = {"start": 30, "end": 40, "text": "aujourd'hui", "value": "PRESENT_REF"}
    assert cause(TEXT, "2019-05-10", [now], now, "2019-05-10") == ("kind date for REF", "-")


def test_time_causes_and_forms(repo_script):
    script = repo_script("scripts/time_value_errors.py")
    evening = {"start": 30, "end": 40, "text": "lundi soir", "value": "2019-05-06TEV"}
    assert script.time_cause(TEXT, "2019-05-10", GOLD + [evening], evening, "2019-05-13TEV").startswith(
        "the day it belongs to (a week off")
    assert script.time_cause(TEXT, "2019-05-10", [evening], evening, "2019-05-06") == "a day (DATE) for a time of day"
    assert script.time_cause(TEXT, "2019-05-10", [evening], evening, "2019-05-06T20:00") == (
        "same day, other time of day or granularity (20:00 for EV)")
    hour = {"start": 30, "end": 33, "text": "23h", "value": "XXXX-XX-XXT23:00"}
    assert script.time_cause(TEXT, "2019-05-10", [hour], hour, "2019-05-10T23:00") == "generic hour vs dated"
    assert script.form("vers 20h30", "2019-05-06T20:30") == "clock time"
    assert script.form("mardi soir", "2019-05-07TEV") == "part of day"
    assert script.form("à l'époque", "PAST_REF") == "deictic (*_REF)"


def test_missed_forms(repo_script):
    script = repo_script("scripts/time_value_errors.py")
    assert script.missed_form("l'époque", "PAST_REF") == "deictic word (*_REF)"
    assert script.missed_form("longtemps", "PXY") == "vague duration (PX.)"
    assert script.missed_form("16", "2020-03-16") == "a bare number (an elided unit)"
    assert script.missed_form("quatre", "P4M") == "a bare number (an elided unit)"
    assert script.missed_form("lendemain", "2018-04-14") == "ordinal or anaphoric stretch"
    assert script.missed_form("la rentrée 2016", "2016-09") == "season, feast or named period"
    assert script.missed_form("cette soirée", "2016-11-10TEV") == "clock time or part of day"
    assert script.missed_form("tous les matins", "XXXX-XX-XXTMO") == "set"


def test_whether_a_pattern_matches(repo_script):
    from veille.when.lexicon import for_language

    script = repo_script("scripts/time_value_errors.py")
    lex = for_language("fr")
    text = "Il est mon ami depuis tant d'années, et depuis le 3 mai."
    assert not script.pattern_matches(lex, text, text.index("tant"), text.index(","))
    assert script.pattern_matches(lex, text, text.index("le 3"), text.index("."))
