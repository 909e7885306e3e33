"""An expression hanging on a part of a period ("au cours du [mois de mars]", "au début de [la
semaine prochaine]") takes the tense of the verb that governs the part (`[tense] part_nouns`)."""
from __future__ import annotations

import pytest

from veille.when.lexicon import for_language


def test_part_nouns_are_language_data():
    lex = for_language("fr")
    assert {"début", "fin", "milieu", "courant", "cours"} <= lex.part_nouns
    assert "semaine" not in lex.part_nouns


@pytest.mark.parametrize("text, expected", [
    # a past verb behind the part: last March, though next March is nearer to November
    ("Au cours du mois de mars, le ministre, qui sera candidat, avait visité Lyon.", ("mois de mars", "2019-03")),
    ("Dans le cours du mois de mars, l'entreprise, qui sera vendue, avait fermé deux usines.",
     ("mois de mars", "2019-03")),
    # a future verb behind the part: the coming January
    ("Au milieu du mois de janvier, la société, qui le regrette, fermera l'usine.",
     ("milieu du mois de janvier", "2020-01")),
])
def test_part_noun_takes_the_tense_of_its_verb(parsed_times, text, expected):
    assert expected in parsed_times(text, published="2019-11-15")


def test_a_month_of_a_thing_stays_the_nearest(parsed_times):
    # "de mars" hangs on an event noun, not on a part of a period: the nearest March
    assert ("mars", "2020-03") in parsed_times("La grève de mars, que tout le monde attend, a été annoncée.",
                                               published="2019-11-15")
