"""Evaluation gates for extraction and furniture removal (floors a little under measured figures)."""
import pytest

from veille.eval import extraction

pytestmark = pytest.mark.gate


def test_html_extraction_gate(data_dir):
    f = extraction.run_pages(data_dir, limit=300)
    assert f["pages"] >= 290
    assert f["f1"] >= 0.98 and f["recall"] >= 0.98
    assert f["date_accuracy"] >= 0.98
    assert f["removed_gold_lines"] == 0


def test_scraped_text_gate(data_dir):
    f = extraction.run_scraped(data_dir)
    assert f["recall"] >= 0.98          # the article stays
    assert f["precision"] >= 0.87       # the furniture goes (untouched input: 0.39)
    assert f["f1"] >= 0.92
