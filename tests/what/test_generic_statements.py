"""Generic statements are no events: someone wondering ("se demander", "s'interroger": the
`wondering` check) and a passive said often ("est souvent pointé du doigt": `generic_passive`)."""
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


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Du côté de ses adversaires, son autoritarisme est souvent pointé du doigt par l'opposition.",
    "La chancelière Angela Merkel a été souvent accusée par l'extrême droite d'avoir ouvert les frontières.",
])
def test_a_passive_said_often_is_generic(analysed, text):
    w = analysed(text)
    assert [e for e in w.events if e.type == "ACCUSE"] == []
    assert "generic_passive" in {d["check"] for d in w.scratch[DROPPED]}


@pytest.mark.model
def test_a_dated_passive_stays_an_event(analysed):
    w = analysed("La chancelière Angela Merkel a été accusée mardi par l'extrême droite d'avoir ouvert les frontières.")
    assert [e.type for e in w.events] == ["ACCUSE"]
