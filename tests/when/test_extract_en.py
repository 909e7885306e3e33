"""English time expressions on text alone, and the hand-written English set."""
import pytest

from veille.eval.times import read_en_set
from veille.when import extract


def found(text, published="2020-06-18"):  # a Thursday
    return [(t.text, t.type, t.value) for t in extract(text, "en", published)]


@pytest.mark.parametrize("text, expected", [
    ("The talks ended last Tuesday.", [("last Tuesday", "DATE", "2020-06-16")]),
    ("She will visit Rome on Monday.", [("Monday", "DATE", "2020-06-22")]),
    ("He said on Monday that he would stay.", [("Monday", "DATE", "2020-06-15")]),
    ("The plant closed two years ago.", [("two years ago", "DATE", "2018")]),
    ("The vote is set for July 4, 2021.", [("July 4, 2021", "DATE", "2021-07-04")]),
    ("Police arrived at 9:45 pm.", [("9:45 pm", "TIME", "2020-06-18T21:45")]),
    ("Prices are reviewed every month.", [("every month", "SET", "P1M")]),
    ("The strike lasted three weeks.", [("three weeks", "DURATION", "P3W")]),
])
def test_single_expressions(text, expected):
    assert found(text) == expected


def test_may_the_verb_is_not_a_month():
    assert found("It may rain, and prices may be higher.") == []


def test_english_set_is_well_formed():
    docs = read_en_set()
    assert len(docs) >= 25
    for text, _published, gold in docs.values():
        for g in gold:
            assert text[g["start"]:g["end"]] == g["text"]
            assert g["type"] in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.parametrize("text, expected", [
    ("The deal was reached in mid-2019.", ("mid-2019", "DATE", "2019")),
    ("Talks will continue over the weekend.", ("the weekend", "DATE", "2020-W25-WE")),
    ("He spent the past decade in prison.", ("the past decade", "DURATION", "P1DE")),
    ("By the end of the year, 100 stores will close.", ("the end of the year", "DATE", "2020")),
    ("Talks are expected to resume in the coming weeks.", ("the coming weeks", "DURATION", "PXW")),
])
def test_relative_stretches(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("He said today that he would stay.", ("today", "DATE", "2020-06-18")),
    ("The minister meets today with his counterpart.", ("today", "DATE", "2020-06-18")),
    ("Today, young people read fewer newspapers.", ("Today", "TIME", "PRESENT_REF")),
    ("Many voters still today distrust the count.", ("today", "TIME", "PRESENT_REF")),
])
def test_today_or_nowadays(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The decision is final for now.", [("now", "TIME", "PRESENT_REF")]),
    ("Prices have risen lately.", [("lately", "TIME", "PAST_REF")]),
    ("He looks to the future.", [("the future", "TIME", "FUTURE_REF")]),
    ("He left in 2015 and came back the following year.", [("2015", "DATE", "2015"), ("the following year", "DATE", "2016")]),
    ("Police raided the house at dawn.", [("dawn", "TIME", "2020-06-18TMO")]),
    ("The blast happened around 3 am.", [("around 3 am", "TIME", "2020-06-18T03:00")]),
    ("The council meets twice a week.", [("a week", "SET", "P1W")]),
    ("The bridge dates from the 19th century.", [("the 19th century", "DATE", "18")]),
])
def test_references_anaphora_and_modifiers(text, expected):
    assert found(text) == expected


@pytest.mark.model
def test_will_with_an_infinitive_points_forward(work):
    from veille.when import annotate
    w = work("The museum, closed since March, will reopen on Friday.", "en", "2021-01-04")
    annotate(w)
    assert [(t.text, t.value) for t in w.times] == [("March", "2020-03"), ("Friday", "2021-01-08")]
