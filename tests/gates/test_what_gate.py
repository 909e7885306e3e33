"""Evaluation gate for events: floors a little under the measured figures (docs/what.md)."""
from __future__ import annotations

import pytest

from veille.eval import events

pytestmark = pytest.mark.gate


def test_events_fr_floor(data_dir):
    figures = events.run(data_dir, None)
    # actors take no country from a neighbour any more (the tuning set had been fitted to it)
    assert figures["tuple_f1"] >= 0.59
    # The second half holds the articles about two sides (the Koreas, Hong Kong, Lebanon).
    assert figures["tuple_f1_second_half"] >= 0.50
    assert figures["type_f1"] >= 0.75
    assert figures["factuality_accuracy"] >= 0.86
    assert figures["date_accuracy"] >= 0.64


def test_events_en_floor(data_dir):
    figures = events.run_en(data_dir, None)
    assert figures["type_accuracy"] >= 0.63
    assert figures["source_country_accuracy"] >= 0.72
    assert figures["target_country_accuracy"] >= 0.51
