"""The characters a regular expression's match can start with, as a lookahead that speeds it up.

A pattern that opens with a zero-width test (a word boundary, a lookbehind) is tried by the
``regex`` engine at every position of the text; put ``(?=[...])`` in front of it, naming the
characters a match can start with, and the engine skips to the next such character first.
The matches are the same: the lookahead is zero-width and holds wherever a match starts.

    gate(r"(?<!\\w)(?:le\\s+)?(?:lundi|mardi)") == "(?=[lm])"   # compiled with the pattern's own flags

The set is read from the pattern's syntax tree (Python's ``re`` parser); a pattern whose first
character cannot be bounded that way (one that can match the empty string, a negated class,
a back reference, syntax of ``regex`` only) gets no gate (``""``), never a wrong one.
"""
from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

# Named groups may repeat in ``regex`` ((?P<word>a)|(?P<word>b)), not in ``re``: unnamed here.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# Unicode letter properties are letters, that is word characters; any other property: no gate.
_LETTER_PROPERTY = re.compile(r"\\p\{(?:L|Ll|Lu|Lt|Lm|Lo|Letter|Alpha|Alphabetic)\}")
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s", C.CATEGORY_WORD: r"\w"}


class _Unbounded(Exception):
    pass


def _sequence(items) -> tuple[list, bool]:
    """The class items a sequence can start with, and whether it can match the empty string."""
    out: list = []
    for op, av in items:
        first, empty = _item(op, av)
        out.extend(first)
        if not empty:
            return out, False
    return out, True


def _item(op, av) -> tuple[list, bool]:
    if op is C.LITERAL:
        return [(C.LITERAL, av)], False
    if op is C.IN:
        if any(o is C.NEGATE for o, _ in av):
            raise _Unbounded
        return list(av), False
    if op is C.BRANCH:
        out, empty = [], False
        for alternative in av[1]:
            first, e = _sequence(alternative.data)
            out.extend(first)
            empty = empty or e
        return out, empty
    if op is C.SUBPATTERN:
        return _sequence(av[-1].data)
    if op is C.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        first, empty = _sequence(sub.data)
        return first, empty or low == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the next item starts the match
        return [], True
    raise _Unbounded


def _escape(ch: int) -> str:
    return chr(ch) if chr(ch).isalnum() else f"\\u{ch:04x}" if ch < 0x10000 else f"\\U{ch:08x}"


def gate(pattern: str) -> str:
    """``(?=[...])``: the characters a match of ``pattern`` starts with; ``""`` when unknown."""
    if "\\P{" in pattern or "(?P=" in pattern:
        return ""
    source = _LETTER_PROPERTY.sub(r"\\w", _NAMED_GROUP.sub("(?:", pattern))
    if "\\p{" in source:
        return ""
    try:
        items, empty = _sequence(P.parse(source, re.IGNORECASE).data)
    except (_Unbounded, re.error, RecursionError):
        return ""
    if empty or not items:
        return ""
    parts: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(_escape(av))
        elif op is C.RANGE:
            parts.append(f"{_escape(av[0])}-{_escape(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return ""
    return "(?=[" + "".join(dict.fromkeys(parts)) + "])"
