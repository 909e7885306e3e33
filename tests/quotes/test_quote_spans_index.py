"""The per-article indexes of the quote stage give what the plain scans gave."""
from __future__ import annotations

import random
import re

import pytest

from veille.quotes.spans import Spans, Text

ALPHABET = "ab  .,-'\n\t\u00a0éÉ(Jr"


def _texts(seed: int, n: int = 400):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60)))


@pytest.mark.parametrize("name", ["a", "ab", "aa", "b.", "Jr.", "-a", "a-b", "é", "'a", "(a", "a a", "ba b", ".", "r"])
def test_words_before_is_findall(name):
    for text in _texts(hash(name) & 0xFFFF):
        want = re.findall(r"(\w+)\s+" + re.escape(name) + r"\b", text)
        assert Text(text).words_before(name) == want, (text, name)


def test_words_before_on_names():
    text = "Bill Clinton et Hillary Clinton. Clinton a dit, selon M. Clinton-Smith, que  Chelsea\u00a0Clinton viendra."
    assert Text(text).words_before("Clinton") == re.findall(r"(\w+)\s+Clinton\b", text) == \
        ["Bill", "Hillary", "Chelsea"]


def test_words_before_leading_space_falls_back():
    text = "a  b a b"
    assert Text(text).words_before(" b") == re.findall(r"(\w+)\s+ b\b", text)


def _spans(rnd):
    out = []
    for _ in range(rnd.randint(0, 30)):
        s = rnd.randint(0, 100)
        out.append((s, s + rnd.randint(1, 15), rnd.choice("xyz")))
    return out


def test_spans_queries_are_scans():
    rnd = random.Random(7)
    for _ in range(300):
        items = _spans(rnd)
        ix = Spans(items)
        plain = sorted(items)
        lo, hi = sorted((rnd.randint(-5, 120), rnd.randint(-5, 120)))
        assert ix.starting_in(lo, hi) == [x for x in plain if lo <= x[0] < hi]
        assert ix.within(lo, hi) == [x for x in plain if lo <= x[0] and x[1] <= hi]
        assert ix.ending_in(lo, hi) == [x for x in plain if lo <= x[1] < hi]
        assert list(ix.covering(lo)) == [x for x in plain if x[0] <= lo < x[1]]


@pytest.mark.parametrize("phrase", ["a", "ab", "aa", "a b", "b.", "'a", "é", "a-", "-", "r a"])
def test_find_word_is_finditer(phrase):
    from veille.quotes.spans import find_word
    for text in _texts(hash(phrase) & 0xFFFF):
        want = [(m.start(), m.end()) for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text)]
        assert list(find_word(text, phrase)) == want, (text, phrase)
