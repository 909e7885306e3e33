"""The shipped weights are what ``veille train NAME`` gives on the tuning sets with seed 0.

A change to the features of a learned stage (or to the stages that feed it) must come with its
weights rebuilt; otherwise the package ships weights fitted to code that no longer exists, and
the figures measured with them cannot be reproduced by the documented command.
"""
from __future__ import annotations

import json
import math
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


def _differences(shipped, rebuilt, where="") -> list[str]:
    """Where two models differ: keys, lengths, strings, or numbers beyond floating-point noise.
    A number is the same when it agrees to 1e-9 relative (or 1e-12 absolute): the BLAS of
    another processor may sum in another order and move the last bits of a fitted weight; a
    change of features or data moves weights far more than that."""
    if isinstance(shipped, dict) and isinstance(rebuilt, dict):
        if shipped.keys() != rebuilt.keys():
            return [f"{where}: keys {sorted(set(shipped) ^ set(rebuilt))[:5]}"]
        return [d for k in shipped for d in _differences(shipped[k], rebuilt[k], f"{where}/{k}")]
    if isinstance(shipped, list) and isinstance(rebuilt, list):
        if len(shipped) != len(rebuilt):
            return [f"{where}: length {len(shipped)} != {len(rebuilt)}"]
        return [d for i, (a, b) in enumerate(zip(shipped, rebuilt)) for d in _differences(a, b, f"{where}[{i}]")]
    numbers = (int, float)
    if isinstance(shipped, numbers) and isinstance(rebuilt, numbers) and not isinstance(shipped, bool):
        same = math.isclose(shipped, rebuilt, rel_tol=1e-9, abs_tol=1e-12)
    else:
        same = shipped == rebuilt
    return [] if same else [f"{where}: {shipped!r} != {rebuilt!r}"]


def test_differences_ignore_noise_but_not_drift():
    a = {"w": [0.1, -2.5, 3], "names": ["x", "y"], "c": 0.3}
    assert _differences(a, {"w": [0.1 + 1e-15, -2.5, 3], "names": ["x", "y"], "c": 0.3}) == []
    assert _differences(a, {"w": [0.1, -2.5001, 3], "names": ["x", "y"], "c": 0.3}) == ["/w[1]: -2.5 != -2.5001"]
    assert _differences(a, {"w": [0.1, -2.5, 3], "names": ["x", "z"], "c": 0.3}) == ["/names[1]: 'y' != 'z'"]
    assert _differences(a, {"w": [0.1, -2.5], "names": ["x", "y"], "c": 0.3}) == ["/w: length 3 != 2"]


# in the order a rebuild runs them: pronouns first, then speakers (which read the pronouns'
# groups), then the event detector (which reads the parse only), then events (which read
# speakers, entities and the detector's proposals); the political-news model reads words only
@pytest.mark.parametrize("name", ["coref", "speakers", "detector", "political", "events"])
def test_shipped_weights_are_rebuilt_by_the_training_command(name, data_dir, tmp_path):
    out = tmp_path / f"{name}.json"
    train.run(name, data_dir, ANNOTATIONS, out=out, seed=0)
    shipped, rebuilt = _model(MODELS / f"{name}.json"), _model(out)
    differences = _differences(shipped, rebuilt)
    assert not differences, (
        f"resources/models/{name}.json is not what `veille train {name}` gives on this code "
        f"({len(differences)} differences, first {differences[:3]}): "
        f"rebuild it (coref, then speakers, then detector, then events) and report the figures")
