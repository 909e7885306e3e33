"""The detector's arithmetic in arrays gives the floats of the plain-Python loops it replaced,
bit for bit (the probabilities are rounded and compared with a threshold: a last-bit change
could move an event)."""
from __future__ import annotations

import math
import random

import numpy

from veille.what import detector


def _project_loop(projection, v):
    c = [x - m for x, m in zip(v, projection["mean"])]
    return {f"svec{k}": sum(a * b for a, b in zip(c, comp)) for k, comp in enumerate(projection["components"])}


def _probabilities_loop(model, features):
    out = {}
    for t, w in model["weights"].items():
        z = model["bias"][t] + sum(w.get(k, 0.0) * v for k, v in features.items())
        out[t] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return out


def test_projection_is_the_left_to_right_sum():
    rng = random.Random(7)
    for dims, comps in ((300, 16), (5, 3), (1, 1)):
        projection = {"mean": [round(rng.gauss(0, 1), 5) for _ in range(dims)],
                      "components": [[round(rng.gauss(0, 3), 5) for _ in range(dims)] for _ in range(comps)]}
        for _ in range(50):
            v = [rng.gauss(0, 1) * 10 ** rng.randint(-3, 3) for _ in range(dims)]
            assert detector.project(projection, v) == _project_loop(projection, v)
    assert detector.project({"mean": [0.0], "components": [[1.0]]}, [1.0, 2.0]) == {}


def test_probabilities_are_those_of_the_sum_over_every_feature():
    rng = random.Random(11)
    names = [f"w={i}" for i in range(200)] + [f"svec{k}" for k in range(16)]
    model = {"bias": {}, "weights": {}}
    for t in ("ACCUSE", "SUPPORT", "PROTEST", "EMPTY"):
        model["bias"][t] = round(rng.uniform(-5, 1), 5)
        model["weights"][t] = {} if t == "EMPTY" else {
            n: round(rng.gauss(0, 2), 5) for n in rng.sample(names, 60)}
    for _ in range(200):
        features = {"bias_detector": 1.0}
        features.update({n: 1.0 for n in rng.sample(names[:200], 25)})
        features.update({f"svec{k}": rng.gauss(0, 4) for k in range(16)})
        got = detector.probabilities(model, features)
        assert got == _probabilities_loop(model, features) and list(got) == list(model["weights"])


def test_sentence_vector_mean_in_doubles():
    acc = numpy.array([0.1, 3.7, -2.25, 1e-8], dtype=numpy.float32)
    assert (acc.astype(numpy.float64) / 3).tolist() == [float(x) / 3 for x in acc]
