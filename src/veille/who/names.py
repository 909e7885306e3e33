"""First names and their gender: the hand-kept lists of ``resources/common/who_names.toml``
first, then the list read off French news by ``scripts/build_names.py``
(``resources/common/first_names.tsv``). Keys are folded (lower case, no accents)."""
from __future__ import annotations

import functools

from .. import resources
from .knowledge import norm


@functools.lru_cache(maxsize=None)
def genders() -> dict[str, str]:
    """First name -> "f" or "m"."""
    out: dict[str, str] = {}
    for line in resources.lines("common", "first_names.tsv"):
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1] in ("f", "m"):
            out[parts[0]] = parts[1]
    hand = resources.load("common", "who_names")
    for gender, key in (("f", "female"), ("m", "male")):
        for name in hand.get(key, ()):
            out[norm(name)] = gender
    return out


def gender_of(first: str) -> str | None:
    """The gender of a first name ("Agnès" -> "f"), also of a compound's first part ("Jean-Marc")."""
    n = norm(first).replace(" ", "-")
    found = genders().get(n)
    if found is None and "-" in n:
        found = genders().get(n.split("-")[0])
    return found
