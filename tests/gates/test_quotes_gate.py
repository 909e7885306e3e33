"""Quotes gate: quotes-fr and PolNeAR dev scored as in the data README, with pinned floors."""
from __future__ import annotations

import pytest

from veille.eval import quotes

pytestmark = [pytest.mark.gate, pytest.mark.model]


def test_french_quotes_floor(data_dir):
    m = quotes.run(data_dir, None)
    assert m["f1@0.3"] >= 0.82
    assert m["f1@0.8"] >= 0.74
    assert m["speaker_acc"] >= 0.58
    assert m["f1@0.3"] > m["baseline_f1@0.3"] + 0.1
    assert m["speaker_acc"] > m["baseline_speaker_acc"] + 0.2


def test_english_quotes_floor(data_dir):
    m = quotes.run_en(data_dir, None)
    assert m["f1@0.3"] >= 0.55
    assert m["source_acc"] >= 0.60
    assert m["f1@0.3"] > m["baseline_f1@0.3"] + 0.08
