"""The target-or-none choice (``veille.what.target``) and its training (``veille.train.events``).

Invented actors and facts throughout.
"""
from __future__ import annotations

import pytest

from veille.options import Options
from veille.records import Actor, Event, Source, Span
from veille.what import target
from veille.work import Work

TEXT = "Le ministre a appelé la Norvège à agir. Le ministre a appelé à la grève."


def _work() -> Work:
    w = Work(id="t", source=Source(), text=TEXT, language="fr", options=Options(language="fr"))
    # the first trigger's target was named as its object, the second's chosen as the actor under discussion
    w.scratch[target.TARGETS] = {12: ("named:obj:-", 2), 52: ("implicit", None)}
    return w


def _event(start: int, tgt: Actor | None, etype: str = "REQUEST") -> Event:
    return Event(type=etype, source=Actor(name="le ministre", country="SWE", sector="GOV"), target=tgt,
                 evidence=Span.of(TEXT, 0, len(TEXT)), trigger=Span.of(TEXT, start, start + 6))


NORWAY = Actor(name="Norvège", country="NOR", sector="GOV")
SCORED = [{"type=REQUEST": 1.0, "tgt=nominal": 1.0, "lemma=appeler": 1.0}] * 3


def test_only_targets_with_a_country_are_judged():
    w = _work()
    events = [_event(12, NORWAY), _event(52, Actor(name="la grève")), _event(52, None)]
    f = target.features(w, events, SCORED)
    assert f[1] is None and f[2] is None
    assert f[0]["how=named:obj:-"] == 1.0 and f[0]["how_kind=named"] == 1.0
    assert f[0]["distance=after:1-2"] == 1.0 and "lemma=appeler" not in f[0] and f[0]["tgt=nominal"] == 1.0


def test_the_target_is_dropped_at_or_above_the_threshold_and_the_same_event_kept_once():
    w = _work()
    model = {"bias": -3.0, "weights": {"how_kind=implicit": 6.0}, "threshold": 0.5, "shares": {"REQUEST": 0.2}}
    events = [_event(12, NORWAY), _event(30, None), _event(52, NORWAY)]
    w.scratch[target.TARGETS][30] = ("none", None)
    out = target.choose(w, events, SCORED, model)
    # the implicit target goes; the event then says what the second one says, and is left out
    assert [e.target for e in out] == [NORWAY, None]
    assert out[1].trigger.start == 30
    never = dict(model, threshold=1.01)
    assert target.choose(w, events, SCORED, never) == events
    assert target.choose(w, events, SCORED, None) == events


def test_the_types_shares_of_empty_targets_are_smoothed_towards_the_overall_share():
    gold = [[("MOBILIZE", "FRA", None), ("ACCUSE", "FRA", "DEU")], [("MOBILIZE", "ITA", None), ("ACCUSE", "ITA", "FRA")]]
    s = target.shares(gold)
    assert s["*"] == pytest.approx(0.5)
    assert s["MOBILIZE"] == pytest.approx((2 + 5 * 0.5) / (2 + 5), abs=1e-4)
    assert s["ACCUSE"] == pytest.approx((0 + 2.5) / 7, abs=1e-4)
    g = target.with_share({}, "AID", s)  # a type the gold lacks takes the overall share
    assert g["empty_share"] == pytest.approx(0.5) and g["empty_logit"] == pytest.approx(0.0)


def test_the_label_is_whether_the_matched_gold_event_has_no_target():
    pytest.importorskip("sklearn")
    from veille.train.events import target_label
    gold = {("REQUEST", "SWE", "NOR"), ("MOBILIZE", "SWE", None), ("REJECT", "FIN", None), ("REJECT", "DNK", None),
            ("REJECT", "EST", "LVA")}
    assert target_label(["REQUEST", "SWE", "NOR"], gold) == 0
    assert target_label(["MOBILIZE", "SWE", "NOR"], gold) == 1
    assert target_label(["REJECT", "ISL", "NOR"], gold) == 1  # two of the three REJECT have none
    assert target_label(["REQUEST", "ISL", "DNK"], gold) == 0
    assert target_label(["ACCUSE", "SWE", "NOR"], gold) is None


def test_the_tuple_figure_counts_the_tuple_after_the_choice():
    pytest.importorskip("sklearn")
    from veille.train.events import tuple_f1
    items = [{"set": "s", "doc": "s/1", "gold": {("MOBILIZE", "SWE", None)}, "gold_types": {"MOBILIZE"},
              "events": [{"tuple": ["MOBILIZE", "SWE", "NOR"], "features": {}}]}]
    assert tuple_f1(items, None, 0.0)[2] == 0.0
    assert tuple_f1(items, None, 0.0, none={("s/1", 0): 0.7}, cut=0.6)[2] == pytest.approx(1.0)
    assert tuple_f1(items, None, 0.0, none={("s/1", 0): 0.5}, cut=0.6)[2] == 0.0
