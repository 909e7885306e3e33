"""The event figures of each side apart: the type with the source's country, the type with the
target's country (``veille eval events*``: source_f1, target_f1; aggregate for the check set)."""
from __future__ import annotations

from types import SimpleNamespace

from veille.eval import events


def _ev(t, s, g):
    return {"type": t, "source": {"country": s}, "target": {"country": g} if g else None}


def test_each_side_is_scored_with_the_type():
    e = _ev("ACCUSE", "USA", "IRN")
    assert events._tuple(e, True) == ("ACCUSE", "USA", "IRN")
    assert events._tuple(e, False) == ("ACCUSE",)
    assert events._tuple(e, "source") == ("ACCUSE", "USA")
    assert events._tuple(_ev("CONSULT", "FRA", None), "target") == ("CONSULT", None)


def test_a_wrong_target_counts_against_the_target_side_only():
    gold = {"a": [_ev("ACCUSE", "USA", "IRN")]}
    system = SimpleNamespace(to_dict=lambda: _ev("ACCUSE", "USA", "USA"), confidence=None)
    results = {"a": SimpleNamespace(events=[system])}
    records = [{"id": "a"}]
    assert events._counts(records, results, gold, True) == (1, 1, 0)
    assert events._counts(records, results, gold, "source") == (1, 1, 1)
    assert events._counts(records, results, gold, "target") == (1, 1, 0)
    assert "source_f1" in events.CHECK_FIGURES and "target_f1" in events.CHECK_FIGURES
