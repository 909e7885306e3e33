"""The lists' default confidence: read from its resource, checked, and chosen by the rule of
``scripts/confidence_curve.py`` (the lowest threshold whose events are right by tuple often enough)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from veille import resources
from veille.errors import ConfigError
from veille.store import filters

ROOT = Path(__file__).resolve().parents[2]


def _curve_script():
    spec = importlib.util.spec_from_file_location("confidence_curve", ROOT / "scripts" / "confidence_curve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_default_is_the_resource_and_favours_precision():
    value = resources.load("common", "lists")["events"]["min_confidence"]
    assert filters.MIN_CONFIDENCE == value
    # above the F1-based threshold of the event model: lists show fewer, surer events
    from veille.what import scorer
    assert scorer.load()["query_threshold"] < filters.MIN_CONFIDENCE < 1.0


@pytest.mark.parametrize("bad", [1.5, -0.1, "0.4", True])
def test_a_bad_default_in_the_resource_is_a_config_error(monkeypatch, bad):
    monkeypatch.setattr(resources, "load", lambda lang, name: {"events": {"min_confidence": bad}})
    with pytest.raises(ConfigError, match="min_confidence"):
        filters._query_threshold()


def test_no_default_in_the_resource_lists_every_event(monkeypatch):
    monkeypatch.setattr(resources, "load", lambda lang, name: {})
    assert filters._query_threshold() == 0.0


def test_the_rule_takes_the_lowest_threshold_reaching_the_precision():
    curve = _curve_script()
    points = [{"threshold": t, "tuple_precision_events": p}
              for t, p in ((0.25, 0.60), (0.30, 0.63), (0.40, 0.68), (0.45, 0.708), (0.50, 0.69), (0.55, 0.76))]
    assert curve.lowest_reaching(points, 0.70) == 0.45
    assert curve.lowest_reaching(points, 0.75) == 0.55
    assert curve.lowest_reaching(points, 0.80) is None


def test_fully_right_needs_both_names_and_countries():
    curve = _curve_script()
    gold = {"name": "Édouard Philippe", "country": "FRA"}
    assert curve.same_actor("Edouard Philippe", "FRA", gold)
    assert curve.same_actor("Philippe", "FRA", gold)           # a name inside the gold's
    assert not curve.same_actor("Philippe", "BEL", gold)       # the right name, another country
    assert not curve.same_actor("Paris", "FRA", gold)          # the right country, another actor
    assert curve.same_actor("la police", "FRA", {"name": "police", "country": "FRA"})
    assert curve.same_actor(None, None, None) and not curve.same_actor("Paris", "FRA", None)
    assert not curve.same_actor(None, None, gold)
