"""``veille.analyze`` on any text: every span matches the text, no exception escapes but an
InputError; bad fields and oversized articles get a clear error or a warning.

The property test loads the French model and is bounded (few examples, no deadline)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import veille
from veille.cli import main
from veille.errors import ConfigError, InputError
from veille.options import Options

WORDS = ["Le", "la", "ministre", "président", "Emmanuel", "Macron", "a", "déclaré", "dit", "jeudi", "lundi",
         "10 mai 2019", "hier", "à", "Paris", "Berlin", "l'ONU", "selon", "il", "elle", "a-t-il", "ajouté", "accord",
         "sanctions", "contre", "la Russie", "«", "»", "\"", ":", ",", ".", "\n", "\n\n", "—", "(AFP)", "Publicité",
         "Mme", "Dupont", "qu'", "que", "les", "États-Unis", "ont", "menacé", "d'imposer", "des", "taxes"]
TEXTS = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), min_size=1, max_size=60).map(" ".join)


def _spans(node, path="$"):
    """Every (path, span) of an analysis dict: an object with integer start and end and a text."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
            yield path, node
        for k, v in node.items():
            yield from _spans(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _spans(v, f"{path}[{i}]")


@pytest.mark.model
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2019-05-10"]))
def test_any_text_gives_an_analysis_whose_spans_match_it_or_an_input_error(text, published):
    try:
        a = veille.analyze(text, published=published, language="fr")
    except InputError:
        return
    d = a.to_dict()
    for path, span in _spans({k: v for k, v in d.items() if k != "removed"}):
        assert d["text"][span["start"]:span["end"]] == span["text"], path
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # writable anywhere


@pytest.mark.parametrize("field, value, message", [
    ("language", 5, "field 'language' must be a string"),
    ("title", 42, "field 'title' must be a string"),
    ("text", "Il a dit \ud800 jeudi.", "unpaired surrogate"),
])
def test_bad_fields_are_an_input_error_before_any_model(field, value, message):
    kw = {"text": "Le ministre a parlé jeudi.", field: value}
    with pytest.raises(InputError, match=message):
        veille.analyze(kw.pop("text"), **kw)


@pytest.mark.parametrize("kw, message", [({"published": 20190510}, "published must be a string"),
                                         ({"max_chars": 0}, "max_chars must be an integer"),
                                         ({"workers": "2"}, "workers must be an integer")])
def test_options_of_the_wrong_type_are_a_config_error(kw, message):
    with pytest.raises(ConfigError, match=message):
        Options(**kw)


def test_a_record_with_a_numeric_language_is_reported_by_analyze(tmp_path):
    path = tmp_path / "l.jsonl"
    path.write_text('{"id": "l", "text": "Le ministre a annoncé jeudi un accord.", "lang": 5}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 1 and "field 'lang' must be a string" in result.output
    assert "Traceback" not in result.output


@pytest.mark.model
def test_an_article_over_the_budget_is_cut_with_a_warning():
    text = "Le ministre a parlé jeudi à Paris. " * 40
    a = veille.analyze(text, language="fr", options=Options(language="fr", max_chars=300))
    assert len(a.text) <= 300
    assert any("cut at 300 characters" in w for w in a.warnings)
