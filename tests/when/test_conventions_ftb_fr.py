"""Conventions where the project's own annotated sets and FR-TimeBank split, made to follow
FR-TimeBank: a habitual weekday with its part of day is a set (as "le mercredi" is), an evening
running into the next day is coded by its first (as the night is), and the time of the telling
named by what marks it is the present ("temps de guerre contre le terrorisme"). Sentences written
for these tests."""
import pytest

from veille.when import extract

PUB = "2019-05-10"  # a Friday


def found(text, published=PUB):
    return [(t.text, t.type, t.value) for t in extract(text, "fr", published)]


@pytest.mark.parametrize("text, expected", [
    ("L'émission sera diffusée le vendredi soir.", [("le vendredi soir", "SET", "XXXX-WXX-5TEV")]),
    ("Ils ne peuvent pas travailler le samedi matin.", [("le samedi matin", "SET", "XXXX-WXX-6TMO")]),
    # told in the past, the evening of the story
    ("Il a été vu le samedi soir dans un bar.", [("le samedi soir", "TIME", "2019-05-04TEV")]),
])
def test_habitual_weekday_with_its_part_of_day(text, expected):
    assert found(text) == expected


def test_evening_into_the_next_day():
    assert found("Les députés ont adopté le texte dans la soirée de jeudi à vendredi.") == [
        ("la soirée de jeudi à vendredi", "TIME", "2019-05-09TEV")]


@pytest.mark.parametrize("text, expected", [
    ("En ces temps de pandémie, la famille reste chez elle.", [("ces temps de pandémie", "TIME", "PRESENT_REF")]),
    ("Les mers sont polluées en cette période d'épidémie.", [("cette période d'épidémie", "TIME", "PRESENT_REF")]),
    ("En cette période de l'année, les routes sont chargées.", []),
    ("Il est arrivé à temps.", []),
])
def test_time_of_the_telling(text, expected):
    assert found(text) == expected
