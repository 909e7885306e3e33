"""The table of named checks of the event stage, and the typed participants of a trigger."""
from __future__ import annotations

import logging

import pytest

from veille import who
from veille.what.extract import CHECKS, DEBUG_ENV, DROPPED
from veille.what.lexicon import load
from veille.what.participants import Finder, Participants
from veille.what.actors import Coder
from veille.what.syntax import same_clause
from veille.what.triggers import triggers


def test_check_names_are_unique():
    names = [n for n, _ in CHECKS]
    assert len(names) == len(set(names))
    assert "no_source" in names and "background_date" in names


@pytest.mark.model
def test_a_dropped_candidate_says_which_check_dropped_it(analysed):
    w = analysed("Les écoles étaient fermées depuis mars, mais le gouvernement a rouvert lundi les écoles.")
    checks = {d["check"] for d in w.scratch[DROPPED]}
    assert "stative" in checks
    assert all(d["reason"] for d in w.scratch[DROPPED])


@pytest.mark.model
def test_the_debug_variable_logs_the_drops(analysed, monkeypatch, caplog):
    monkeypatch.setenv(DEBUG_ENV, "1")
    with caplog.at_level(logging.WARNING, logger="veille.what.extract"):
        analysed("Les écoles étaient fermées depuis mars, mais le gouvernement a rouvert lundi les écoles.")
    assert any("dropped by stative" in r.getMessage() for r in caplog.records)


@pytest.mark.model
def test_participants_are_a_record(work):
    w = work("Le ministre letton Ivars Berzins a été arrêté par la police russe.", lang="fr")
    who.annotate(w)
    lex = load("fr")
    finder = Finder(Coder(w, lex), lex)
    found = next(f for f in triggers(w.doc, lex, []) if f.entry.type == "COERCE")
    p = finder.source_target(found)
    assert isinstance(p, Participants)
    assert p.source is not None and p.source.text == "police"
    assert p.agent is p.source and not p.agentless
    assert p.target is not None and p.target.text in ("ministre", "Ivars", "Berzins")


@pytest.mark.model
def test_the_fallback_target_stays_in_the_trigger_clause(work):
    w = work("Le sénateur Pierre Vallet a dénoncé ces pratiques lundi, alors que la Russie annonçait une enquête.",
             lang="fr")
    who.annotate(w)
    lex = load("fr")
    finder = Finder(Coder(w, lex), lex)
    trigger = next(t for t in w.doc if t.text == "dénoncé")
    assert finder.right_actor(trigger, set()) is None
    assert not same_clause(next(t for t in w.doc if t.text == "Russie"), trigger)


@pytest.mark.model
def test_a_clause_hung_on_a_noun_takes_no_subject_from_above_it(analysed):
    w = analysed("Les syndicats ont rejeté lundi le texte prévoyant de sanctionner les grévistes.")
    assert [e for e in w.events if e.type == "REJECT"]
    assert not [e for e in w.events if e.type == "SANCTION" and "syndicats" in e.source.name]
