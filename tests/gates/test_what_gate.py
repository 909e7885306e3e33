"""Evaluation gate for events: floors a little under the measured figures (docs/what.md)."""
from __future__ import annotations

import pytest

from veille.eval import events

pytestmark = pytest.mark.gate


def test_events_fr_floor(data_dir):
    figures = events.run(data_dir, None)
    # actors take no country from a neighbour any more (the tuning set had been fitted to it);
    # measured 0.611 with the source's own country as the target of visits, pledges, refusals
    assert figures["tuple_f1"] >= 0.60
    # The second half holds the articles about two sides (the Koreas, Hong Kong, Lebanon).
    assert figures["tuple_f1_second_half"] >= 0.50
    assert figures["type_f1"] >= 0.75
    # events whose doer was proposed are matched more often, with less sure factuality (0.824)
    assert figures["factuality_accuracy"] >= 0.80
    # a bare year mentioned in passing dates no event any more (0.674 -> 0.655, measured)
    assert figures["date_accuracy"] >= 0.61  # 0.631 (122 matched), 2026-12-06
    # the events the lists show by default (confidence >= 0.45, resources/common/lists.toml: the
    # lowest threshold at which 70% of the listed events are tuple right on the tuning sets, out of
    # fold; 0.621 at the former 0.25)
    assert figures["tuple_precision_at_query"] >= 0.72  # measured 0.765 (the model saw these articles)


def test_events_check_floor(data_dir):
    """The check set, scored only: aggregate figures, floors a little under the measured ones
    (tuple F1 0.221, type F1 0.662, 2026-12-06; at the lists' default, 0.45 since 2026-12-07, tuple
    precision 0.357, 0.279 at the former 0.25)."""
    if not (data_dir / "events-fr-check").is_dir():
        pytest.skip("events-fr-check not found")
    figures = events.run_check(data_dir, None)
    assert figures["tuple_f1"] >= 0.21
    assert figures["type_f1"] >= 0.65
    assert figures["tuple_precision_at_query"] >= 0.33


def test_events_unseen_floor(data_dir):
    """events-fr-unseen (75 articles, 233 gold tuples, in no training set; measured 2026-12-07:
    tuple F1 0.454, type F1 0.634; tuple precision at the lists' default 0.626, 0.508 at the former
    0.25)."""
    if not (data_dir / "orangesum").is_dir():
        pytest.skip("orangesum not found")
    figures = events.run_unseen(data_dir, None)
    assert figures["documents"] == 75
    assert figures["tuple_f1"] >= 0.43
    assert figures["type_f1"] >= 0.61
    assert figures["tuple_precision_at_query"] >= 0.59


def test_events_more_floor(data_dir):
    """The project's own annotations (225 articles, 849 gold tuples), a tuning set: measured
    tuple F1 0.407, type F1 0.580 (with the learned event detector, 2026-12-06)."""
    figures = events.run_more(data_dir, None)
    assert figures["documents"] >= 200
    assert figures["tuple_f1"] >= 0.39
    assert figures["type_f1"] >= 0.56


def test_event_confidence_is_calibrated_out_of_fold():
    """The shipped model's own cross-validated figures (``veille train events``)."""
    from veille.what import scorer
    f = scorer.load()["figures"]
    assert f["out-of-fold AUC"] >= 0.77  # measured 0.831 (with the proposals' and the detector's events)
    assert f["out-of-fold log-loss"] <= 0.57  # measured 0.494


def test_events_en_floor(data_dir):
    figures = events.run_en(data_dir, None)
    # the held part (resources/en/gsr_split.toml) is never read to write rules: 0.794 (97 sentences)
    # with intentions coded as the PLOVER manual does, doers named in the sentence proposed and
    # events in reading order (0.691 before)
    assert figures["type_accuracy_held"] >= 0.77
    assert figures["type_accuracy_train"] >= 0.70  # 0.724 (225 sentences)
    assert figures["type_accuracy"] >= 0.72  # 0.745
    assert figures["source_country_accuracy"] >= 0.77  # 0.790
    assert figures["target_country_accuracy"] >= 0.54  # 0.558
