"""Helpers of the French time tests: the (text, value) pairs an article's expressions come out as,
from the text alone or through the parse the pipeline gives the stage."""
from __future__ import annotations

import pytest

from veille.when import annotate, extract


@pytest.fixture
def times_of():
    """``times_of(text, published)``: (text, value) of each expression, from the text alone."""
    def run(text: str, published: str | None) -> list[tuple[str, str]]:
        return [(t.text, t.value) for t in extract(text, "fr", published)]
    return run


@pytest.fixture
def parsed_times(work):
    """``parsed_times(text, lang="fr", published=None)``: the same through the parse and ``annotate``."""
    def run(text: str, lang: str = "fr", published: str | None = None) -> list[tuple[str, str]]:
        w = work(text, lang, published)
        annotate(w)
        return [(t.text, t.value) for t in w.times]
    return run
