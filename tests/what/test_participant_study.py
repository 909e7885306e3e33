"""The record of candidates with the actor mentions of their sentence, which ``veille train
participants`` studies; invented people and facts."""
from __future__ import annotations

import pytest

from veille import quotes, what, who
from veille.train.participants import _f1, ceiling, options
from veille.what.extract import RECORDED, recording


def _analysed(work, text, record):
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.times = []
    quotes.annotate(w)
    if record:
        with recording():
            what.annotate(w)
    else:
        what.annotate(w)
    return w


@pytest.mark.model
def test_the_mentions_say_how_they_hang_on_the_trigger(work):
    w = _analysed(work, "Le ministre letton Ivars Berzins a accusé lundi la Russie de mentir.", record=True)
    (c,) = [c for c in w.scratch[RECORDED] if c["type"] == "ACCUSE"]
    assert c["tuples"] == [("ACCUSE", "LVA", "RUS")]
    by = {m["relation"]: m for m in c["mentions"]}
    assert by["nsubj"]["source"] and by["nsubj"]["country"] == "LVA"
    assert by["obj"]["target"] and by["obj"]["country"] == "RUS" and by["obj"]["offset"] > 0


@pytest.mark.model
def test_a_passive_agent_is_a_mention_of_its_own_relation(work):
    w = _analysed(work, "Des opposants ont été arrêtés mardi par la police turque à Ankara.", record=True)
    (c,) = [c for c in w.scratch[RECORDED] if c["type"] == "COERCE"]
    assert any(m["relation"].startswith("obl:agent") and m["source"] for m in c["mentions"])
    assert any(m["relation"] == "nsubj:pass" and m["target"] for m in c["mentions"])


@pytest.mark.model
def test_nothing_is_recorded_outside_the_block(work):
    w = _analysed(work, "Le ministre letton Ivars Berzins a accusé lundi la Russie de mentir.", record=False)
    assert RECORDED not in w.scratch


def _candidate(tuples, mentions):
    return {"start": 10, "type": tuples[0][0], "key": tuples[0][0], "trigger_pos": "VERB", "main": "FRA",
            "tuples": tuples, "flags": [], "mentions": mentions}


def _mention(country, relation, source=False, target=False):
    return {"offset": 2, "relation": relation, "tree": 1, "same_clause": True, "kind": "PROPN/LOC", "entity": True,
            "country": country, "main": country == "FRA", "source": source, "target": target, "speaker": False}


def test_the_target_options_hold_no_country_and_the_source_own():
    c = _candidate([("ACCUSE", "DEU", "RUS")], [_mention("DEU", "nsubj", source=True), _mention("RUS", "obj", target=True)])
    assert {x for x, _ in options(c, "source")} == {"DEU", "RUS"}
    assert {x for x, _ in options(c, "target", "DEU")} == {"DEU", "RUS", None}
    rule = [f for x, f in options(c, "target", "DEU") if x == "RUS"][0]
    assert rule["rule"] == 1.0 and rule["relation=obj"] == 1.0


def test_the_ceiling_counts_gold_countries_among_the_options():
    c = _candidate([("ACCUSE", "DEU", "RUS")], [_mention("DEU", "nsubj", source=True), _mention("UKR", "obl:arg")])
    items = [{"gold": {("ACCUSE", "DEU", "UKR")}, "events": [(("ACCUSE", "DEU", "RUS"), 10)], "cands": [c]}]
    figures = ceiling(items)
    assert figures["gold source and target countries among the options"] == 1
    assert figures["oracle changes"] == 1 and figures["oracle tuple F1"] == 1.0
    assert _f1(items, {}) == 0.0


def test_origins_name_the_relation_and_the_clause():
    from veille.train.participants import origin
    c = _candidate([("ACCUSE", "DEU", None)], [_mention("DEU", "nsubj", source=True)])
    assert origin(c, "source") == "nsubj, same clause"
    assert origin(c, "target") == "no mention: none"
    c["flags"] = ["implicit"]
    assert origin(c, "target") == "no mention: implicit"
