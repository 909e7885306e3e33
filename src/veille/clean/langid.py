"""Language identification by function-word frequency.

Function words are taken from spaCy's own stop-word lists (data shipped with spaCy), so
no model is downloaded. Good enough to tell French from English and to flag anything else.
"""
from __future__ import annotations

import functools
import importlib
import re

CANDIDATES = ("fr", "en", "de", "es", "it", "pt", "nl")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    mod = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    # Short, frequent function words discriminate best; long stop words overlap across languages.
    return frozenset(w for w in mod.STOP_WORDS if len(w) <= 6 and "'" not in w and "’" not in w)


def identify(text: str, sample: int = 20_000) -> tuple[str, float]:
    """Return (language code, confidence in 0..1); ("und", 0.0) when there is too little text."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if len(words) < 3:
        return "und", 0.0
    scores = {lang: sum(w in _stopwords(lang) for w in words) for lang in CANDIDATES}
    # Words that are stop words in every language (e.g. "a") carry no signal.
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0:
        return "und", 0.0
    return best, round((top - second) / top, 3)
