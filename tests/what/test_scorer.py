"""The event scorer: features of each event, a logistic confidence over shipped JSON weights.

Invented people, places and facts throughout.
"""
from __future__ import annotations

import json
import math

import pytest

from veille import what, who
from veille.records import Actor, Analysis, Event, Source, Span
from veille.what import scorer

TEXT = ("Le ministre letton des Affaires étrangères, Janis Ozols, a rencontré lundi à Riga son homologue "
        "estonien, Peeter Kask. Il a accusé la Russie de menacer la région.")


def _run(work, text=TEXT, lang="fr"):
    w = work(text, lang=lang, published="2021-03-10")
    who.annotate(w)
    w.times, w.quotes = [], []
    what.annotate(w)
    return w


def test_the_shipped_model_is_small_and_complete():
    m = scorer.load()
    assert m is not None and m["model"] == "events" and m["languages"] == ["fr"]
    assert scorer.MODEL.stat().st_size < 300_000
    assert 0.0 <= m["threshold"] <= m["query_threshold"] < 1.0
    assert m["weights"] and all(isinstance(v, float) for v in m["weights"].values())
    if m["projection"]:
        assert len(m["projection"]["components"]) == m["dims"]
        assert all(len(c) == len(m["projection"]["mean"]) for c in m["projection"]["components"])


def test_probability_is_the_logistic_of_the_weighted_sum():
    model = {"bias": -1.0, "weights": {"type=ACCUSE": 2.0, "in_quote": -0.5}}
    assert scorer.probability(model, {"type=ACCUSE": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert scorer.probability(model, {"type=ACCUSE": 1.0, "in_quote": 1.0, "unknown": 5.0}) == \
        pytest.approx(1 / (1 + math.exp(-0.5)))
    assert scorer.probability({"bias": 1e6, "weights": {}}, {}) == pytest.approx(1.0)  # no overflow


def test_tuple_features_count_repeats_and_country_shares():
    f = scorer.tuple_features([("ACCUSE", "LVA", "RUS"), ("ACCUSE", "LVA", "RUS"), ("CONSULT", "LVA", None)])
    assert f[0]["tuple_count_log"] == pytest.approx(math.log(2)) and f[2]["tuple_count_log"] == 0.0
    assert f[0]["country_share_min"] == pytest.approx(2 / 5) and f[2]["country_share_min"] == pytest.approx(3 / 5)


@pytest.mark.model
def test_french_events_get_a_confidence_from_their_features(work):
    w = _run(work)
    assert w.events
    for e in w.events:
        assert e.confidence is not None and 0.0 < e.confidence < 1.0
        assert e.to_dict()["confidence"] == round(e.confidence, 3)
    feats = scorer.features(w, w.events, what.load("fr"))
    f = feats[0]
    assert f[f"type={w.events[0].type}"] == 1.0 and any(k.startswith("lemma=") for k in f)
    assert any(k.startswith("dep=") for k in f) and any(k.startswith("src=") for k in f)
    assert f["lede"] == 1.0  # the first sentence
    # the same article scores the same
    assert [e.confidence for e in _run(work).events] == [e.confidence for e in w.events]


@pytest.mark.model
def test_english_events_have_no_confidence_without_a_model(work):
    w = _run(work, "Russian troops attacked the Ukrainian city of Kharkiv on Monday, officials said.", lang="en")
    assert all(e.confidence is None for e in w.events)


@pytest.mark.model
def test_without_a_model_no_proposal_is_kept(work, monkeypatch):
    monkeypatch.setattr(scorer, "load", lambda path=None: None)
    w = _run(work, PROPOSAL_TEXT)
    start = PROPOSAL_TEXT.index("critiques")
    assert start in w.scratch[scorer.PROPOSED]
    assert w.events and all(e.trigger.start != start and e.confidence is None for e in w.events)


def test_confidence_goes_through_the_contract_and_back():
    text = "X a accusé Y."
    ev = Event("ACCUSE", Actor("X", country="FRA"), Span.of(text, 0, len(text)), confidence=0.123456)
    d = ev.to_dict()
    assert d["confidence"] == 0.123 and list(d)[-1] == "confidence"
    assert Event("ACCUSE", Actor("X"), Span.of(text, 0, 1)).to_dict()["confidence"] is None
    a = Analysis(id="d", source=Source(), text=text, language="fr", events=(ev,))
    back = Analysis.from_dict(json.loads(json.dumps(a.to_dict())))
    assert back.events[0].confidence == 0.123


@pytest.mark.model
def test_events_under_the_model_threshold_are_dropped_except_for_training(work, monkeypatch):
    model = dict(scorer.load())
    w = _run(work)
    assert w.events
    monkeypatch.setattr(scorer, "load", lambda path=None: {**model, "threshold": 1.0})
    assert _run(work).events == []
    with scorer.keeping_all():
        assert len(_run(work).events) == len(w.events)


PROPOSAL_TEXT = ("Le sénateur Jean Morel s'est exprimé lundi à Rennes. Des critiques visant le gouvernement "
                 "se multiplient. Il a rencontré mardi le préfet.")


@pytest.mark.model
def test_a_trigger_without_doer_gets_the_actor_under_discussion_judged_by_the_scorer(work, monkeypatch):
    model = dict(scorer.load())
    monkeypatch.setattr(scorer, "load", lambda path=None: {**model, "proposal_threshold": 0.0})
    w = _run(work, PROPOSAL_TEXT)
    start = PROPOSAL_TEXT.index("critiques")
    assert start in w.scratch[scorer.PROPOSED]
    proposed = [e for e in w.events if e.trigger.start == start]
    assert proposed and proposed[0].type == "ACCUSE" and proposed[0].source.name == "Jean Morel"
    feats = scorer.features(w, w.events, what.load("fr"))
    assert [bool(f.get("proposed")) for f in feats] == [e.trigger.start == start for e in w.events]
    # a model without a proposal threshold keeps none of them, and the stated events stay as they were
    monkeypatch.setattr(scorer, "load", lambda path=None: {k: v for k, v in model.items() if k != "proposal_threshold"})
    rules = _run(work, PROPOSAL_TEXT).events
    assert all(e.trigger.start != start for e in rules)
    assert [(e.type, e.trigger.start) for e in rules] == [(e.type, e.trigger.start) for e in w.events if e.trigger.start != start]


def test_training_keeps_proposals_only_at_their_threshold():
    from veille.train.events import NO_PROPOSAL, _kept
    rule, proposed = {"features": {}}, {"features": {"proposed": 1.0}}
    assert _kept(rule, None, 0.0, NO_PROPOSAL) and not _kept(proposed, None, 0.0, 0.0)
    assert _kept(proposed, 0.4, 0.0, 0.3) and not _kept(proposed, 0.2, 0.0, 0.3)
    assert not _kept(proposed, 0.99, 0.0, NO_PROPOSAL) and not _kept(rule, 0.1, 0.2, 0.0)


@pytest.mark.model
def test_the_scorer_reads_how_the_target_was_found(work):
    """``tgt_way``: the clause's word by its relation, or the owner of a thing the clause names
    (the actor under discussion), recorded by the extraction on each coded event."""
    w = _run(work, "Le président Arvid Lund a été critiqué par l'opposition. Le maire Karl Berg a dénoncé mardi la décision.")
    from veille.what import naming
    from veille.what.lexicon import load
    scored = naming.as_scored(w)
    assert all(isinstance(c, scorer.Coded) for c in scored)
    feats = {(c.event.source.name, c.event.target.name if c.event.target else None): f
             for c, f in zip(scored, scorer.features(w, scored, load("fr")))}
    passive = feats[("opposition", "Arvid Lund")]
    assert passive["tgt_way=named:nsubj"] == 1.0 and passive["tgt_way_type=named:nsubj:ACCUSE"] == 1.0
    owner = feats[("Karl Berg", "Arvid Lund")]
    assert owner["tgt_way=supplied"] == 1.0 and not any(k.startswith("tgt_way=named") for k in owner)


@pytest.mark.model
def test_an_event_without_a_target_has_no_target_way(work):
    w = work("Texte.", lang="fr", published="2021-03-10")
    ev = Event(type="PROTEST", source=Actor(name="syndicats", country="FRA"), evidence=Span(0, 6, "Texte."),
               trigger=Span(0, 5, "Texte"))
    (f,) = scorer.features(w, [scorer.Coded(ev, "named:obj")])
    assert not any(k.startswith("tgt_way") for k in f)
    (g,) = scorer.features(w, [scorer.Coded(Event(type="ACCUSE", source=ev.source, evidence=ev.evidence,
                                                  trigger=ev.trigger, target=Actor(name="ministre", country="FRA")),
                                            "named:obj")])
    assert g["tgt_way=named:obj"] == 1.0 and g["tgt_way_type=named:obj:ACCUSE"] == 1.0
