"""Trigger senses as data: a lexicon word counts only in the reading its dependents give
(`src/veille/resources/fr/events.toml`)."""
from __future__ import annotations

import pytest


def _types(w):
    return {(e.type, e.trigger.text) for e in w.events}


@pytest.mark.model
def test_bringing_support_is_backing_not_aid(analysed):
    w = analysed("Le maire de Lyon a apporté son soutien au ministre Gérald Darmanin.")
    types = {t for t, _ in _types(w)}
    assert "SUPPORT" in types
    assert "AID" not in types


@pytest.mark.model
def test_bringing_aid_stays_aid(analysed):
    w = analysed("La France a apporté une aide humanitaire au Liban.")
    assert "AID" in {t for t, _ in _types(w)}


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("Le ministre de l'Intérieur a réfuté les accusations de l'opposition.", "réfuté"),
    ("La porte-parole du gouvernement a balayé les critiques des syndicats.", "balayé"),
])
def test_dismissing_is_rejecting(analysed, text, trigger):
    assert ("REJECT", trigger) in _types(analysed(text))


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Le maire a balayé la cour de l'école.",  # sweeping, not dismissing
    "Le ministre semble se contredire.",      # contradicting oneself
])
def test_other_senses_are_no_rejection(analysed, text):
    assert "REJECT" not in {t for t, _ in _types(analysed(text))}


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("Les deux pays sont parvenus à un accord sur la pêche.", "parvenus"),
    ("La commission a donné son feu vert au projet du gouvernement.", "donné"),
])
def test_reaching_a_deal_is_agreeing(analysed, text, trigger):
    assert ("AGREE", trigger) in _types(analysed(text))
