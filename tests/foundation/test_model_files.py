"""Learned model files: absent is None, damaged is a ConfigError naming the file."""
import pytest

from veille import resources
from veille.errors import ConfigError
from veille.what import political, scorer


def test_an_absent_model_is_none(tmp_path):
    assert resources.read_model(tmp_path / "none.json") is None
    assert scorer.load(str(tmp_path / "none.json")) is None


def test_a_damaged_model_names_its_file(tmp_path):
    bad = tmp_path / "political.json"
    bad.write_text('{"weights": {"loi": 0.5', encoding="utf-8")
    with pytest.raises(ConfigError, match="political.json"):
        political.load(str(bad))


def test_the_shipped_models_read():
    for name in ("coref", "speakers", "detector", "events", "political"):
        model = resources.load_model(name)
        assert isinstance(model, dict) and model, name
