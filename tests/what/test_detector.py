"""The event detector: sentence features, its plain-Python application, proposals in the
extraction, the model file written by its training and read back.

Invented people, places and facts throughout.
"""
from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest

from veille import quotes, who
from veille.what import detector, load, scorer
from veille.what.extract import extract

pytestmark = pytest.mark.model


def _sent(work, text):
    return next(iter(work(text).doc.sents))


def test_sentence_features_hold_lemmas_pairs_lexicon_types_and_cues(work):
    s = _sent(work, "Les syndicats de Valbourg n'ont pas accepté le texte et ont manifesté lundi.")
    f = detector.sentence_features(s, load("fr"))
    assert f["bias_detector"] == 1.0 and f["first_sentence"] == 1.0
    assert f["w=accepter"] == 1.0 and f["w=syndicat"] == 1.0
    assert f["p=accepter_texte"] == 1.0
    assert f["negation"] == 1.0
    assert f["lex=PROTEST"] == 1.0 and f["lex=AGREE"] == 1.0  # constraints and checks ignored
    assert "quote_marks" not in f and "w=le" not in f
    q = _sent(work, "« Nous refusons », a déclaré la maire de Valbourg.")
    assert detector.sentence_features(q, load("fr"))["quote_marks"] == 1.0
    assert "lex=PROTEST" not in detector.sentence_features(s, None)


def test_sentence_vector_is_the_mean_of_content_lemmas(work):
    s = _sent(work, "Le ministre a critiqué la réforme.")
    v = detector.sentence_vector(s)
    assert v is not None and len(v) == len(s.doc.vocab["ministre"].vector)
    content = [t for t in s if detector._content(t) and s.doc.vocab[t.lemma_.lower()].has_vector]
    mean0 = sum(float(s.doc.vocab[t.lemma_.lower()].vector[0]) for t in content) / len(content)
    assert v[0] == pytest.approx(mean0, rel=1e-5)


def test_probabilities_are_one_logistic_per_type():
    model = {"bias": {"ACCUSE": -1.0, "SUPPORT": 0.5}, "weights": {"ACCUSE": {"w=fustiger": 3.0}, "SUPPORT": {}}}
    p = detector.probabilities(model, {"w=fustiger": 1.0, "w=autre": 1.0})
    assert p["ACCUSE"] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert p["SUPPORT"] == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert detector.project(None, [1.0]) == {}
    proj = {"mean": [1.0, 1.0], "components": [[1.0, 0.0], [0.0, 2.0]]}
    assert detector.project(proj, [2.0, 3.0]) == {"svec0": 1.0, "svec1": 4.0}


def _model(etype="ACCUSE", weights=None, bias=-4.0):
    return {"model": "detector", "bias": {etype: bias}, "weights": {etype: weights or {}}, "projection": None}


def test_the_trigger_is_the_verb_of_the_heaviest_word(work):
    s = _sent(work, "Les élus de Valbourg ont voté une motion contre le préfet.")
    m = _model(weights={"w=motion": 2.0})
    assert detector.trigger_for(s, "ACCUSE", m, lambda t: True).lemma_ == "voter"
    # nothing weighs for the type: the root verb
    assert detector.trigger_for(s, "ACCUSE", _model(), lambda t: True).lemma_ == "voter"
    assert detector.trigger_for(s, "ACCUSE", m, lambda t: False) is None


def test_proposals_skip_types_the_sentence_already_has(work):
    doc = work("Les élus de Valbourg ont voté une motion contre le préfet.").doc
    lex = load("fr")
    m = _model(weights={"w=motion": 8.0})
    with detector.using(m):
        found = list(detector.proposals(doc, lex, {}, lambda t: True, 0.5))
        assert [(t.lemma_, ty) for t, ty, _ in found] == [("voter", "ACCUSE")] and found[0][2] > 0.98
        assert list(detector.proposals(doc, lex, {0: {"ACCUSE"}}, lambda t: True, 0.5)) == []
        assert list(detector.proposals(doc, lex, {}, lambda t: True, 0.0)) == []  # off
        assert list(detector.proposals(doc, lex, {}, lambda t: True, 0.999)) == []
    with detector.using(None):
        assert list(detector.proposals(doc, lex, {}, lambda t: True, 0.5)) == []


TEXT = "Le maire de Valbourg, Paul Ternier, a voté une motion contre le préfet Jean Larrieu."


def _extracted(work, lex):
    w = work(TEXT, published="2021-03-10")
    who.annotate(w)
    w.times = []
    quotes.annotate(w)
    return w, [c.event for c in extract(w, lex)]


def test_extraction_proposes_the_detected_type_with_the_verb_s_participants(work):
    lex = replace(load("fr"), detector_min=0.5)
    with detector.using(_model(weights={"w=motion": 8.0})):
        w, events = _extracted(work, lex)
    mine = [e for e in events if e.type == "ACCUSE" and e.trigger.text == "voté"]
    assert len(mine) == 1
    assert mine[0].source.country == "FRA" and "Larrieu" not in mine[0].source.name  # the subject of "voter"
    kind, p = w.scratch[scorer.PROPOSED][mine[0].trigger.start]
    assert kind == "detector" and p > 0.98
    feats = scorer.features(w, events, lex)
    f = feats[events.index(mine[0])]
    assert f["proposed=detector"] == 1.0 and f["detector_p"] == p


def test_detector_off_changes_nothing(work):
    lex = replace(load("fr"), detector_min=0.0)
    with detector.using(_model(weights={"w=motion": 8.0})):
        w, events = _extracted(work, lex)
    assert all(k != "detector" for k, _ in (w.scratch[scorer.PROPOSED] or {}).values())
    assert not any(e.type == "ACCUSE" and e.trigger.text == "voté" for e in events)


def test_the_scorer_keeps_a_detector_proposal_only_above_its_threshold(work, monkeypatch):
    lex = replace(load("fr"), detector_min=0.5)
    with detector.using(_model(weights={"w=motion": 8.0})):
        w, events = _extracted(work, lex)
    base = {"model": "events", "languages": ["fr"], "bias": 5.0, "weights": {}, "threshold": 0.0,
            "proposal_threshold": 0.1}
    for model, kept in ((dict(base, detector_threshold=0.5), True), (dict(base, detector_threshold=1.01), False),
                        (base, False)):
        monkeypatch.setattr(scorer, "load", lambda path=None, m=model: m)
        out = [c.event for c in scorer.score(w, events, lex)]
        assert any(e.trigger.text == "voté" and e.type == "ACCUSE" for e in out) is kept


def test_training_writes_a_model_that_reads_back_the_same(tmp_path):
    from veille.train import detector as dtrain
    arts = []
    for k in range(12):
        sents = [{"f": {"bias_detector": 1.0, "w=fustiger": 1.0, f"w=x{k % 3}": 1.0}, "v": None, "types": ["ACCUSE"]},
                 {"f": {"bias_detector": 1.0, "w=visiter": 1.0, f"w=x{k % 3}": 1.0}, "v": None, "types": ["CONSULT"]},
                 {"f": {"bias_detector": 1.0, "w=pleuvoir": 1.0}, "v": None, "types": []},
                 {"f": {"bias_detector": 1.0, "w=rare": 1.0}, "v": None, "types": ["SANCTION"] if k < 2 else []}]
        arts.append({"doc": f"s/{k}", "set": "s", "sentences": sents})
    m = dtrain.fit(arts, 1.0, 0)
    assert sorted(m["weights"]) == ["ACCUSE", "CONSULT"]  # SANCTION: too few sentences
    assert "w=rare" not in m["weights"]["ACCUSE"]          # fewer than MIN_COUNT sentences
    path = tmp_path / "detector.json"
    path.write_text(json.dumps(m), encoding="utf-8")
    back = json.loads(path.read_text(encoding="utf-8"))
    f = {"bias_detector": 1.0, "w=fustiger": 1.0}
    assert detector.probabilities(back, f) == detector.probabilities(m, f)
    p = detector.probabilities(back, f)
    assert p["ACCUSE"] > 0.5 > p["CONSULT"]
    assert dtrain.fit(arts, 1.0, 0) == m  # the same data and seed give the same weights
    folds = dtrain.folds(arts, 0)
    assert sorted(set(folds.values())) == [0, 1, 2, 3, 4]


def test_evidence_is_found_with_other_apostrophes_and_spaces():
    from veille.train.detector import evidence_offsets
    text = "Titre\nL’ONU a condamné  l’attaque. Autre phrase."
    assert evidence_offsets(text, "L’ONU a condamné  l’attaque") == (6, 33)
    a, _ = evidence_offsets(text, "L'ONU a condamné  l'attaque")
    assert a == 6
    assert evidence_offsets(text, "") is None and evidence_offsets(text, "rien de tel ici") is None


def test_the_shipped_detector_is_small_and_complete():
    m = detector.load()
    assert m is not None and m["model"] == "detector" and m["languages"] == ["fr"]
    assert detector.MODEL.stat().st_size < 400_000
    assert set(m["weights"]) == set(m["bias"]) and "ACCUSE" in m["weights"]
    assert len(m["projection"]["components"]) == m["dims"]
