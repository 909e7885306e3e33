"""Per-article indexes, so that the work done for one quotation does not grow with the article.

Each helper gives exactly what the plain scan over the whole article gave (the tests compare
them on random texts and spans); it only skips the parts that cannot match.
"""
from __future__ import annotations

import bisect
import re
from typing import Generic, Iterator, TypeVar

T = TypeVar("T")


class Spans(Generic[T]):
    """Spans (start, end, value), sorted as ``sorted()`` sorts the tuples, with the spans
    starting or ending in a range found by bisection."""

    def __init__(self, spans):
        self.items: list[tuple[int, int, T]] = sorted(spans)
        self.starts = [s for s, _, _ in self.items]
        self.by_end = sorted(range(len(self.items)), key=lambda k: (self.items[k][1], k))
        self.ends = [self.items[k][1] for k in self.by_end]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def __len__(self) -> int:
        return len(self.items)

    def starting_in(self, lo: int, hi: int) -> list[tuple[int, int, T]]:
        """The spans with lo <= start < hi, in sorted order."""
        return self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def within(self, lo: int, hi: int) -> list[tuple[int, int, T]]:
        """The spans with lo <= start and end <= hi, in sorted order."""
        return [x for x in self.starting_in(lo, hi + 1) if x[1] <= hi]

    def ending_in(self, lo: int, hi: int) -> list[tuple[int, int, T]]:
        """The spans with lo <= end < hi, in sorted order."""
        ks = self.by_end[bisect.bisect_left(self.ends, lo):bisect.bisect_left(self.ends, hi)]
        return [self.items[k] for k in sorted(ks)]

    def covering(self, at: int) -> Iterator[tuple[int, int, T]]:
        """The spans with start <= at < end, in sorted order."""
        k = bisect.bisect_right(self.starts, at)
        first = bisect.bisect_left(self.starts, at - self.longest)
        for x in self.items[first:k]:
            if at < x[1]:
                yield x


_NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]")


class Text:
    """A text with the offsets of its characters that are neither word characters nor spaces."""

    def __init__(self, text: str):
        self.text = text
        self._stops = [m.start() for m in _NOT_WORD_OR_SPACE.finditer(text)]

    def run_start(self, at: int) -> int:
        """Where the run of word and space characters that ends at ``at`` starts."""
        k = bisect.bisect_left(self._stops, at) - 1
        return self._stops[k] + 1 if k >= 0 else 0

    def words_before(self, name: str) -> list[str]:
        """``re.findall(r"(\\w+)\\s+" + re.escape(name) + r"\\b", text)``, the same list, found
        from the places where ``name`` is written rather than by trying every offset."""
        text = self.text
        if not name or name[0].isspace():  # the reasoning below needs the name to open with a non-space
            return re.findall(r"(\w+)\s+" + re.escape(name) + r"\b", text)
        pattern = re.compile(r"(\w+)\s+" + re.escape(name) + r"\b")
        out: list[str] = []
        pos = 0
        q = text.find(name, pos)
        while q != -1:
            # a match whose name is written at q or later starts inside the run of word and
            # space characters before q (its word and its spaces), and after the last match
            m = pattern.search(text, max(pos, self.run_start(q)), q + len(name) + 1)
            if m is not None:
                out.append(m.group(1))
                pos = m.end()
                q = text.find(name, pos)
            else:
                q = text.find(name, q + 1)
        return out


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # \w of a str pattern


def find_word(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of ``re.finditer(r"\\b" + re.escape(phrase) + r"\\b", text)``,
    found with ``str.find`` (the regular expression tries every offset of the text)."""
    if not phrase:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text):
            yield m.start(), m.end()
        return
    n = len(text)
    first, last = _word_char(phrase[0]), _word_char(phrase[-1])
    at = text.find(phrase)
    while at != -1:
        end = at + len(phrase)
        # \b before: the characters on either side differ in being word characters
        if (at > 0 and _word_char(text[at - 1])) == first or (end < n and _word_char(text[end])) == last:
            at = text.find(phrase, at + 1)
            continue
        yield at, end
        at = text.find(phrase, end)
