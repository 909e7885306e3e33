"""Time-expression gate: FR-TimeBank through the library, against pinned floors.

Measured (72 documents): value F1 0.92, strict F1 0.94, relaxed F1 0.97; plain dateparser
in the same run: value 0.23, strict 0.30. The English set is the project's own.
"""
from __future__ import annotations

import pytest

from veille.eval import times


@pytest.mark.gate
@pytest.mark.model
def test_frtimebank_floors(data_dir):
    figures = times.run(data_dir, None)
    assert figures["analysed"] == figures["documents"] == 72
    assert figures["value_f1"] >= 0.88
    assert figures["strict_f1"] >= 0.90
    assert figures["relaxed_f1"] >= 0.93
    # the baseline is scored in the same run, on the same spans
    assert figures["dateparser_value_f1"] < figures["value_f1"] - 0.4


@pytest.mark.gate
@pytest.mark.model
def test_english_set_floors(data_dir):
    figures = times.run_en(data_dir, None)
    assert figures["value_f1"] >= 0.9
    assert figures["strict_f1"] >= 0.9
