"""Whether an article reports political news at all: an article-level model over its words.

The event stage was written and trained on Monde and Politique articles, and on other kinds of
news (a car launch, a poll's method, a film, a storm) it finds "events" in words that have a
political sense elsewhere. This model gives the probability that the article belongs with the
political news the event guideline is about; ``factor`` turns it into the share of an event's
confidence that is kept, so that the events of an article the model judges non-political fall
under the default list threshold (their events are still stored, with a lower confidence).

Features: the presence of each word (lower case, letters only, two letters or more) of the
article's text. Weights: a logistic regression trained by ``veille train political``
(``veille.train.political``) and shipped in ``resources/models/political.json``; applied here in
plain Python. See docs/what.md, "Articles that are not political news".
"""
from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any

from .. import resources

MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "political.json"

# the words of a text: the pattern the training vectoriser uses (scikit-learn ``token_pattern``)
TOKEN = re.compile(r"(?u)\b[^\W\d_]{2,}\b")


def words(text: str) -> set[str]:
    """The distinct words of a text, as the model sees them."""
    return set(TOKEN.findall(text.lower()))


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, Any] | None:
    """The trained model, or None when none is shipped."""
    return resources.read_model(Path(path) if path else MODEL)


def probability(model: dict[str, Any], text: str) -> float:
    """The probability that an article of this text reports political news."""
    w = model["weights"]
    z = model.get("bias", 0.0) + sum(w.get(t, 0.0) for t in words(text))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def factor(model: dict[str, Any], p: float) -> float:
    """The share of an event's confidence kept in an article of probability ``p``: 1 from the
    model's ``threshold`` up, ``p / threshold`` under it."""
    t = float(model.get("threshold") or 0.0)
    return 1.0 if t <= 0.0 or p >= t else p / t
