"""The choice between the readings of "aujourd'hui" (``when.reading``): the rule decides when no
weights are shipped, weights decide when they are, and a training run records the features."""
import pytest

from veille.when import extract, reading

PUB = "2019-05-10"


def values(text, published=PUB):
    return [(t.text, t.value) for t in extract(text, "fr", published)]


def test_no_weights_are_shipped_so_the_rule_decides():
    assert reading.model() is None
    assert values("Le ministre a dénoncé aujourd'hui le geste.") == [("aujourd'hui", PUB)]
    assert values("Il est aujourd'hui ministre.") == [("aujourd'hui", "PRESENT_REF")]


@pytest.mark.parametrize("bias, expected", [(-5.0, PUB), (5.0, "PRESENT_REF")])
def test_shipped_weights_decide_against_the_rule(monkeypatch, bias, expected):
    fake = {"languages": ["fr"], "threshold": 0.5, "bias": bias, "weights": {"rule": 0.1}}
    monkeypatch.setattr(reading, "model", lambda: fake)
    # the rule reads nowadays in the first sentence and the day in the second
    assert values("Il est aujourd'hui ministre.") == [("aujourd'hui", expected)]
    assert values("Le ministre a dénoncé aujourd'hui le geste.") == [("aujourd'hui", expected)]


def test_weights_of_another_language_leave_the_rule(monkeypatch):
    fake = {"languages": ["en"], "threshold": 0.5, "bias": 5.0, "weights": {}}
    monkeypatch.setattr(reading, "model", lambda: fake)
    assert values("Le ministre a dénoncé aujourd'hui le geste.") == [("aujourd'hui", PUB)]


def test_a_training_run_records_the_features_and_keeps_the_rule():
    recorded = []
    text = "« Nous le disons aujourd'hui », a déclaré lundi le ministre. Il est aujourd'hui ministre."
    found = [(t.text, t.value) for t in extract(text, "fr", PUB, readings=recorded)]
    assert ("aujourd'hui", "PRESENT_REF") in found
    spans = sorted({(s, e) for s, e, _ in recorded})
    assert [text[s:e] for s, e in spans] == ["aujourd'hui", "aujourd'hui"]
    first = next(f for s, e, f in recorded if s == spans[0][0])
    second = next(f for s, e, f in recorded if s == spans[1][0])
    assert first["quotation"] == 1.0 and second["quotation"] == 0.0
    assert first["day_in_sentence"] == 1.0 and second["day_in_sentence"] == 0.0
    assert second["rule"] == 1.0 and second["sentence_start"] == 0.0


def test_probability_is_the_logistic_of_the_weighted_sum():
    m = {"bias": -1.0, "weights": {"rule": 2.0, "quotation": -1.0}}
    assert reading.probability(m, {"rule": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.0))
    assert reading.probability(m, {"rule": 1.0, "quotation": 1.0}) == pytest.approx(0.5)


@pytest.mark.gate
@pytest.mark.model
def test_the_study_counts_its_examples_and_writes_nothing_by_default(data_dir, tmp_path):
    from pathlib import Path

    from veille import train

    annotations = Path(__file__).resolve().parents[2] / "annotations"
    figures = train.run("times", data_dir, annotations, out=None, seed=0)
    assert figures["examples"] == figures["nowadays"] + figures["day"] >= 40
    assert 0.0 < figures["rule_accuracy"] <= 1.0
    assert figures["written"].startswith("nothing")
    assert not (Path(train.__file__).resolve().parents[1] / "resources" / "models" / "times.json").exists()
    out = tmp_path / "times.json"
    written = train.run("times", data_dir, annotations, out=out, seed=0)
    assert written["written"] == str(out) and out.is_file()
