"""A verb of asking in its reflexive form ("se demander", "s'interroger") is someone wondering,
not a request: the `wondering` check of the event stage."""
from __future__ import annotations

import pytest

from veille.what.extract import DROPPED


def _requests(w):
    return [(e.source.name, e.trigger.text) for e in w.events if e.type == "REQUEST"]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Les syndicats se sont demandé mardi si la réforme des retraites serait retirée.",
    "La population se demandant pourquoi rien n'avait été fait, le gouvernement a été critiqué.",
])
def test_wondering_is_no_request(analysed, text):
    w = analysed(text)
    assert _requests(w) == []
    assert "wondering" in {d["check"] for d in w.scratch[DROPPED]}


@pytest.mark.model
def test_asking_someone_stays_a_request(analysed):
    w = analysed("Le ministre Bruno Le Maire a demandé mardi aux banques de suspendre les remboursements.")
    assert _requests(w)
    assert "wondering" not in {d["check"] for d in w.scratch[DROPPED]}
