"""A city named only as where something happens is a place: it keeps its country, not a sector."""
from __future__ import annotations

from veille import who


def coded(work, text: str, day: str = "2020-03-01") -> dict[str, tuple]:
    w = work(text, "fr", day)
    who.annotate(w)
    return {e.name.lower(): (e.country, e.sector) for e in w.entities}


def test_a_city_named_as_a_place_has_no_sector(work):
    got = coded(work, "Une manifestation a eu lieu samedi à Marseille contre la réforme des retraites.")
    assert got["marseille"] == ("FRA", None)
    got = coded(work, "Des milliers de personnes ont défilé dans les rues de Lyon et à Bordeaux.")
    assert got["lyon"] == ("FRA", None) and got["bordeaux"] == ("FRA", None)


def test_a_city_that_acts_keeps_the_sector_of_its_government(work):
    assert coded(work, "Marseille a porté plainte contre l'État après les inondations.")["marseille"] == ("FRA", "GOV")
    assert coded(work, "Paris a condamné l'attaque contre les civils.")["paris"] == ("FRA", "GOV")
    # the noun for the city passes on its role: here a subject
    assert coded(work, "Le pont a été fermé, a indiqué la ville de Londres.")["londres"] == ("GBR", "GOV")


def test_the_destination_of_a_visit_is_the_government_visited(work):
    got = coded(work, "Le ministre a annulé une visite à Washington où il devait parler du commerce.")
    assert got["washington"] == ("USA", "GOV")


def test_a_city_that_locates_an_office_is_a_place(work):
    got = coded(work, "Selon le procureur de Dijon, l'enquête avance. La mairie de Dijon a porté plainte.")
    assert got["dijon"] == ("FRA", None)


def coded_en(work, text: str, day: str = "2023-07-12") -> dict[str, tuple]:
    w = work(text, "en", day)
    who.annotate(w)
    return {e.name.lower(): (e.country, e.sector) for e in w.entities}


def test_an_english_capital_named_as_a_venue_is_a_place(work):
    # the English parser hangs the city under its preposition ("Riga" the pobj of "in")
    got = coded_en(work, "Defence ministers gathered in Riga on Friday for talks on air defence.")
    assert got["riga"] == ("LVA", None)
    got = coded_en(work, "Protesters marched through the streets of Riga and in Vilnius on Saturday.")
    assert got["riga"] == ("LVA", None) and got["vilnius"] == ("LTU", None)


def test_an_english_city_that_acts_or_is_visited_keeps_its_government(work):
    assert coded_en(work, "Washington condemned the strike on the port.")["washington"] == ("USA", "GOV")
    assert coded_en(work, "The minister cancelled a visit to Moscow planned for May.")["moscow"] == ("RUS", "GOV")
