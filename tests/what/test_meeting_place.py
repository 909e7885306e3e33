"""A place after a place preposition is where a meeting happens, not whom it meets
(``[options] place_is_where``); a visit is still aimed at the place it goes to. Invented people."""
from __future__ import annotations

import pytest

from veille.what.lexicon import load


def test_the_lexicon_lists_meetings_not_visits():
    lex = load("fr")
    assert "CONSULT" in lex.place_is_where
    assert "CONSULT:visit" not in lex.place_is_where


@pytest.mark.model
def test_the_city_of_a_meeting_is_its_place_not_its_target(analysed):
    w = analysed("Samuel Okafor a rencontré à Abuja Lars Nielsen, l'envoyé spécial du Danemark.")
    meetings = [e for e in w.events if e.type == "CONSULT"]
    assert meetings
    assert all(e.target is not None and e.target.name != "Abuja" for e in meetings)
    assert any(e.target.name == "Lars Nielsen" for e in meetings)
