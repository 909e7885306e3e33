"""Training of veille's learned components (``veille train NAME --data ../shared/data``).

Each component is a module of this package with ``run(data, annotations, out, seed) -> dict``
that reads the tuning sets (never a check set), fits its weights with scikit-learn (the
``train`` extra) and writes them to ``resources/models/<name>.json``, where the stage reads
them at run time with no scikit-learn needed. The same data and seed give the same weights.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ..errors import ConfigError

COMPONENTS = {
    "speakers": "veille.train.speakers",   # who said it: a ranker over the candidates of each quote
    "coref": "veille.train.coref",         # what a pronoun stands for: a ranker over person groups
    "detector": "veille.train.detector",   # which event types a sentence reports: one regression per type
    "political": "veille.train.political",  # whether an article reports political news: word presence
    "events": "veille.train.events",       # how sure an event is: a logistic regression over its features
    "times": "veille.train.times",         # the reading of "aujourd'hui": nowadays or the day
    "participants": "veille.train.participants",  # a study: rules vs a learned choice of participants (no weights)
}


def run(name: str, data: Path, annotations: Path, out: Path | None = None, seed: int = 0) -> dict[str, Any]:
    if name not in COMPONENTS:
        raise ConfigError(f"unknown component {name!r}; components: {', '.join(COMPONENTS)}")
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise ConfigError("training needs scikit-learn: pip install 'veille[train]'") from exc
    mod = importlib.import_module(COMPONENTS[name])
    return mod.run(Path(data), Path(annotations), out, seed)
