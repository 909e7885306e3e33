import datetime as dt

import pytest

from veille.when import calendar as cal

D = dt.date(2019, 5, 10)  # a Friday


@pytest.mark.parametrize("weekday, direction, strict, expected", [
    (2, -1, False, "2019-05-07"),   # Tuesday before
    (2, 1, False, "2019-05-14"),    # Tuesday after
    (5, -1, False, "2019-05-10"),   # the same day counts unless strict
    (5, -1, True, "2019-05-03"),
    (5, 1, True, "2019-05-17"),
    (6, 0, False, "2019-05-11"),    # nearest: tomorrow
    (3, 0, False, "2019-05-08"),    # nearest: two days ago
])
def test_weekday_date(weekday, direction, strict, expected):
    assert cal.weekday_date(D, weekday, direction, strict).isoformat() == expected


def test_year_for_prefers_the_side_asked_then_the_nearest():
    assert cal.year_for(dt.date(2003, 1, 31), 10, 22, -1) == 2002
    assert cal.year_for(dt.date(2002, 9, 14), 10, 30, 1) == 2002
    assert cal.year_for(dt.date(2002, 1, 3), 12, 21, 0) == 2001
    assert cal.year_for(dt.date(2002, 9, 13), 1, None, -1) == 2002


def test_year_for_skips_impossible_days():
    assert cal.year_for(dt.date(2021, 1, 10), 2, 29, 0) == 2020


@pytest.mark.parametrize("n, unit, expected", [
    (3, "D", "P3D"), (2, "H", "PT2H"), (15, "MIN", "PT15M"), (30.4, "S", "PT30.4S"),
    ("X", "Y", "PXY"), (2, "DE", "P2DE"), (1.0, "W", "P1W"),
])
def test_duration_value(n, unit, expected):
    assert cal.duration_value(n, unit) == expected


def test_calendar_units_and_unknown_anchor():
    assert cal.calendar_unit_value(D, "W", -1) == "2019-W18"
    assert cal.calendar_unit_value(D, "WE", 0) == "2019-W19-WE"
    assert cal.calendar_unit_value(D, "M", 1) == "2019-06"
    assert cal.calendar_unit_value(dt.date(2019, 12, 5), "M", 1) == "2020-01"
    assert cal.calendar_unit_value(D, "Q", 0) == "2019-Q2"
    assert cal.calendar_unit_value(None, "M", 1) == "XXXX-XX"


def test_easter():
    assert cal.easter(1999) == dt.date(1999, 4, 4)
    assert cal.easter(2019) == dt.date(2019, 4, 21)
    assert cal.easter(2024) == dt.date(2024, 3, 31)


def test_shift_keeps_the_precision_of_the_unit():
    assert cal.shift(D, -2, "Y") == "2017"
    assert cal.shift(D, -3, "D") == "2019-05-07"
    assert cal.shift(D, -1, "M") == "2019-04"
