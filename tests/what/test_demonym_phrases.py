"""A demonym of several words is read whole before its last word ("North Korean" is not "Korean")."""
from __future__ import annotations

import pytest

from veille import who
from veille.what.actors import Coder
from veille.what.lexicon import load


@pytest.mark.model
@pytest.mark.parametrize("phrase, want", [
    ("the North Korean envoy", "PRK"),
    ("a South Korean diplomat", "KOR"),
    ("the Korean delegation", "KOR"),
])
def test_the_longest_demonym_codes_the_phrase(work, phrase, want):
    w = work(f"Officials said {phrase} arrived in Geneva on Monday.", lang="en", published="2021-03-10")
    who.annotate(w)
    assert Coder(w, load("en")).country_of_text(phrase) == want
