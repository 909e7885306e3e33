"""Quotation marks: pairs of marks and the text units (sentences) that hold them."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Opening mark -> closing mark. Straight quotes close themselves.
_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"'}


@dataclass(frozen=True, slots=True)
class Pair:
    """Quotation marks at ``open`` and ``close`` (``close`` may be the paragraph end when a
    quotation runs on unclosed); ``start``/``end`` delimit the words inside, trimmed."""

    open: int
    close: int
    start: int
    end: int


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str):
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _straight(text: str) -> list[tuple[int, int]]:
    """Straight quotation marks, told apart by what surrounds them: an opening mark is
    followed by a word, a closing one follows a word. A quotation may run over a line
    break when the next paragraph starts by closing it; otherwise it ends with its line."""
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in re.finditer(r'"', text):
        a = m.start()
        before = text[a - 1] if a else " "
        after = text[a + 1] if a + 1 < len(text) else " "
        closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]-–…»\"'’" or a + 1 == len(text))
        opens = (before.isspace() or before in "([«-–'’:") and not after.isspace()
        if open_at is not None and "\n" in text[open_at:a] and not (closes and text.count("\n", open_at, a) == 1 and not opens):
            found.append((open_at, text.index("\n", open_at)))
            open_at = None
        if open_at is None:
            if opens or not closes:
                open_at = a
        elif closes or not opens:
            found.append((open_at, a))
            open_at = None
        else:
            end = text.find("\n", open_at)
            found.append((open_at, end if 0 <= end < a else a))
            open_at = a
    if open_at is not None:
        end = text.find("\n", open_at)
        found.append((open_at, end if end >= 0 else len(text)))
    return found


def find_pairs(text: str) -> list[Pair]:
    """Every quotation in ``text``; a quotation nested in another one is left out."""
    found: list[tuple[int, int]] = _straight(text)
    for p0, p1 in _paragraphs(text):
        para = text[p0:p1]
        for opener, closer in _PAIRS.items():
            if opener == '"':
                continue
            i = 0
            while True:
                a = para.find(opener, i)
                if a < 0:
                    break
                b = para.find(closer, a + 1)
                if opener == "«":
                    depth, j = 0, a + 1
                    b = -1
                    while j < len(para):
                        if para[j] == "«":
                            depth += 1
                        elif para[j] == "»":
                            if depth == 0:
                                b = j
                                break
                            depth -= 1
                        j += 1
                if b < 0:
                    found.append((p0 + a, p1))
                    break
                found.append((p0 + a, p0 + b))
                i = b + 1
    found.sort(key=lambda x: (x[0], -x[1]))
    pairs: list[Pair] = []
    last_close = -1
    for a, b in found:
        if a < last_close:
            continue
        s, e = _trim(text, a + 1, b)
        while e > s and text[e - 1] == ",":  # "...," he said: the comma belongs to the sentence
            e -= 1
        if e <= s:
            continue
        pairs.append(Pair(a, b, s, e))
        last_close = b
    return pairs


def _ends_sentence(before: str) -> bool:
    if before[-1:] in "\"»”":
        before = before[:-1].rstrip()
    return before[-1:] in ".!?…"


def _starts_sentence(first: str) -> bool:
    return first.isupper() or first.isdigit() or first in "«“\"-–("


def unit_bounds(text: str, sentence_starts: list[int], pairs: list[Pair]) -> list[tuple[int, int]]:
    """Sentences merged so that no quotation straddles two, and cut at line breaks."""
    newlines = {m.end() for m in re.finditer(r"\n", text)}
    # the parser also cuts at dashes and colons; a reported clause runs on across those
    cuts = {c for c in sentence_starts if _ends_sentence(text[:c].rstrip()) and _starts_sentence(text[c:c + 1])} | newlines
    cuts |= set(_quotation_openings(text, pairs))
    cuts.discard(0)
    cuts = _outside(cuts, pairs)
    bounds, start = [], 0
    for c in sorted(cuts) + [len(text)]:
        if c > start:
            s, e = _trim(text, start, c)
            if e > s:
                bounds.append((s, e))
        start = c
    return bounds


def _outside(cuts: set[int], pairs: list[Pair]) -> set[int]:
    """The cuts outside every quotation (none in ``open < c <= close``), each pair's cuts found
    by bisection rather than every cut read per pair."""
    ordered = sorted(cuts)
    inside: set[int] = set()
    for p in pairs:
        inside.update(ordered[bisect.bisect_right(ordered, p.open):bisect.bisect_right(ordered, p.close)])
    return cuts - inside


def _quotation_openings(text: str, pairs: list[Pair]) -> list[int]:
    """Quotations that open a sentence the parser did not cut off: a capital after a sentence
    end (`... bientôt. « Grâce à eux ... »`), or right after the previous quotation with no word
    between (`"... ce quartier""On ne voit plus l'eau"`: a paragraph break the text lost)."""
    out, last_close = [], -1
    for p in pairs:
        first = text[p.start:p.start + 1]
        if p.open > 0 and first.isupper():
            before = text[max(0, last_close + 1 if p.open - last_close < 40 else p.open - 40):p.open].rstrip()
            glued = last_close >= 0 and not text[last_close + 1:p.open].strip()
            if glued or _ends_sentence(before):
                out.append(p.open)
        last_close = p.close
    return out
