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
DENMARK = Actor(name="Danemark", country="DNK", sector="GOV")
SCORED = [{"type=REQUEST": 1.0, "tgt=nominal": 1.0, "lemma=appeler": 1.0}] * 3


def test_the_rules_target_or_else_the_actor_under_discussion_is_weighed():
    w = _work()
    w.scratch[target.IMPLICIT] = {52: NORWAY}
    events = [_event(12, NORWAY), _event(52, Actor(name="la grève")), _event(52, None), _event(30, None)]
    assert target.candidates(w, events) == [NORWAY, NORWAY, NORWAY, None]
    f = target.features(w, events, SCORED + SCORED)
    assert f[3] is None
    assert f[0]["how=named:obj:-"] == 1.0 and f[0]["how_kind=named"] == 1.0 and f[0]["direction=drop"] == 1.0
    assert f[0]["distance=after:1-2"] == 1.0 and "lemma=appeler" not in f[0] and f[0]["tgt=nominal"] == 1.0
    assert f[2]["direction=give"] == 1.0 and f[2]["how=implicit"] == 1.0 and f[2]["candidate=nominal"] == 1.0
    # the actor under discussion is never the source itself
    w.scratch[target.IMPLICIT] = {52: Actor(name="le ministre", country="SWE")}
    assert target.candidates(w, [_event(52, None)]) == [None]


def test_a_target_is_dropped_under_its_threshold_and_given_at_or_above_the_other():
    w = _work()
    w.scratch[target.IMPLICIT] = {30: DENMARK}
    w.scratch[target.TARGETS][30] = ("none", None)
    # the gold has the target: likely for a named one and for one given, unlikely for an implicit one
    model = {"bias": 3.0, "weights": {"how_kind=implicit": -6.0}, "drop_under": 0.5, "give_from": 0.9,
             "shares": {"REQUEST": 0.2}}
    events = [_event(12, NORWAY), _event(52, NORWAY), _event(30, None)]
    out = target.choose(w, events, SCORED, model)
    assert [e.target for e in out] == [NORWAY, None, DENMARK]
    # given the same target as the first event, the third says what it says and is left out
    w.scratch[target.TARGETS][30] = ("named:obj:-", 2)
    w.scratch[target.IMPLICIT] = {30: NORWAY}
    assert target.choose(w, [events[0], events[2]], SCORED, model) == [events[0]]
    assert target.choose(w, events, SCORED, dict(model, drop_under=0.0, give_from=1.01)) == events
    assert target.choose(w, events, SCORED, None) == events


def test_the_types_shares_of_empty_targets_are_smoothed_towards_the_overall_share():
    gold = [[("MOBILIZE", "FRA", None), ("ACCUSE", "FRA", "DEU")], [("MOBILIZE", "ITA", None), ("ACCUSE", "ITA", "FRA")]]
    s = target.shares(gold)
    assert s["*"] == pytest.approx(0.5)
    assert s["MOBILIZE"] == pytest.approx((2 + 5 * 0.5) / (2 + 5), abs=1e-4)
    assert s["ACCUSE"] == pytest.approx((0 + 2.5) / 7, abs=1e-4)
    g = target.with_share({}, "AID", s)  # a type the gold lacks takes the overall share
    assert g["empty_share"] == pytest.approx(0.5) and g["empty_logit"] == pytest.approx(0.0)


def test_the_label_is_whether_the_gold_event_has_the_candidate_target():
    pytest.importorskip("sklearn")
    from veille.train.events import target_label
    gold = {("REQUEST", "SWE", "NOR"), ("MOBILIZE", "SWE", None), ("CONSULT", "SWE", "NOR")}
    assert target_label({"tuple": ["REQUEST", "SWE", "NOR"], "candidate": "NOR"}, gold) == 1
    assert target_label({"tuple": ["MOBILIZE", "SWE", "NOR"], "candidate": "NOR"}, gold) == 0
    assert target_label({"tuple": ["CONSULT", "SWE", None], "candidate": "NOR"}, gold) == 1
    assert target_label({"tuple": ["REQUEST", "SWE", "DNK"], "candidate": "DNK"}, gold) is None  # nothing to gain


def test_the_tuple_figure_counts_the_tuple_after_the_choice():
    pytest.importorskip("sklearn")
    from veille.train.events import tuple_f1
    items = [{"set": "s", "doc": "s/1", "gold": {("MOBILIZE", "SWE", None), ("CONSULT", "SWE", "NOR")},
              "gold_types": {"MOBILIZE", "CONSULT"},
              "events": [{"tuple": ["MOBILIZE", "SWE", "NOR"], "candidate": "NOR", "features": {}},
                         {"tuple": ["CONSULT", "SWE", None], "candidate": "NOR", "features": {}}]}]
    assert tuple_f1(items, None, 0.0)[2] == 0.0
    choice = {("s/1", 0): 0.3, ("s/1", 1): 0.7}
    assert tuple_f1(items, None, 0.0, choice=choice, drop=0.4)[2] == pytest.approx(0.5)
    assert tuple_f1(items, None, 0.0, choice=choice, drop=0.4, give=0.6)[2] == pytest.approx(1.0)
    assert tuple_f1(items, None, 0.0, choice=choice, drop=0.3, give=0.8)[2] == 0.0
