"""Time-expression gate: FR-TimeBank through the library, against pinned floors.

Measured (72 documents): value F1 0.920, strict F1 0.935, relaxed F1 0.967; plain dateparser
in the same run: value 0.227, strict 0.296. The English set is the project's own.
"""
from __future__ import annotations

import pytest

from veille.eval import times


@pytest.mark.gate
@pytest.mark.model
def test_frtimebank_floors(data_dir):
    figures = times.run(data_dir, None)
    assert figures["analysed"] == figures["documents"] == 72
    assert figures["value_f1"] >= 0.89
    assert figures["strict_f1"] >= 0.91
    assert figures["relaxed_f1"] >= 0.94
    # the baseline is scored in the same run, on the same spans
    assert figures["dateparser_value_f1"] < figures["value_f1"] - 0.4


@pytest.mark.gate
@pytest.mark.model
def test_english_set_floors(data_dir):
    figures = times.run_en(data_dir, None)
    assert figures["value_f1"] >= 0.9
    assert figures["strict_f1"] >= 0.9
