"""The shipped weights are what ``veille train NAME`` gives on the tuning sets with seed 0.

A change to the features of a learned stage (or to the stages that feed it) must come with its
weights rebuilt; otherwise the package ships weights fitted to code that no longer exists, and
the figures measured with them cannot be reproduced by the documented command.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille import train

pytestmark = [pytest.mark.gate, pytest.mark.model]

MODELS = Path(train.__file__).resolve().parents[1] / "resources" / "models"
ANNOTATIONS = Path(__file__).resolve().parents[2] / "annotations"


def _model(path: Path) -> dict:
    model = json.loads(path.read_text(encoding="utf-8"))
    model.pop("trained", None)  # the date of the build
    return model


# in the order a rebuild runs them: pronouns first, then speakers (which read the pronouns'
# groups), then the event detector (which reads the parse only), then events (which read
# speakers, entities and the detector's proposals); the political-news model reads words only
@pytest.mark.parametrize("name", ["coref", "speakers", "detector", "political", "events"])
def test_shipped_weights_are_rebuilt_by_the_training_command(name, data_dir, tmp_path):
    out = tmp_path / f"{name}.json"
    train.run(name, data_dir, ANNOTATIONS, out=out, seed=0)
    shipped, rebuilt = _model(MODELS / f"{name}.json"), _model(out)
    assert rebuilt.keys() == shipped.keys()
    assert rebuilt == shipped, (
        f"resources/models/{name}.json is not what `veille train {name}` gives on this code: "
        f"rebuild it (coref, then speakers, then detector, then events) and report the figures")
