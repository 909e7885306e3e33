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
