"""Fixtures of the event stage's tests."""
from __future__ import annotations

import pytest

from veille import quotes, what, who


@pytest.fixture
def analysed(work):
    """Factory fixture: ``analysed(text, published="2021-03-10")`` -> a French Work through the
    entity, quote and event stages (no time expressions)."""
    def run(text: str, published: str = "2021-03-10"):
        w = work(text, lang="fr", published=published)
        who.annotate(w)
        w.times = []
        quotes.annotate(w)
        what.annotate(w)
        return w
    return run
