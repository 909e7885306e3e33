"""Nominal mentions: titles ("le président russe") and groups ("la police", "le ministère de la Santé").

A nominal starts at a title or group word introduced by a determiner (or right before a
name), and runs over its adjectives and up to two "de ..." complements. Its mention span
starts at the head word: the determiner is not part of the referent's name.
"""
from __future__ import annotations

from dataclasses import dataclass

from .actors import Lexicon
from .knowledge import norm

_COMPLEMENT = {"de", "du", "des", "d", "of"}
_MAX_COMPLEMENTS = 2


@dataclass(frozen=True, slots=True)
class Nominal:
    start: int            # token index of the head (first title/group word)
    end: int              # token index past the phrase
    kind: str             # "title" or "group"
    key: str              # the lexicon entry matched
    spec: dict
    determined: bool      # introduced by a determiner
    plural: bool
    feminine: bool


def _norms(words: list[list[str]], i: int, n: int) -> list[str]:
    """Normalised words from token i ("nord-coréenne" gives "nord", "coreenne")."""
    out: list[str] = []
    for w in words[i:i + n + 2]:
        out.extend(w)
    return out[:n + 2]


def _extend(doc, j: int, limit: int, lex: Lexicon) -> int:
    """Past adjectives and up to two "de (DET) NOUN/PROPN (ADJ*)" complements; a country
    adjective counts whatever the tagger calls it ("les migrants afghans", "afghans" a noun)."""
    complements = 0
    while j < limit:
        t = doc[j]
        if (t.pos_ == "ADJ" or (t.text.islower() and norm(t.text) in lex.adjectives)) and not t.is_sent_start:
            j += 1
            continue
        if norm(t.text) in _COMPLEMENT and complements < _MAX_COMPLEMENTS and j + 1 < limit:
            k = j + 1
            if doc[k].pos_ == "DET" and k + 1 < limit:
                k += 1
            if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].ent_type_ not in ("PER", "PERSON"):
                j = k + 1
                complements += 1
                continue
        break
    return j


def _token_end(words: list[list[str]], i: int, count: int) -> int:
    """The token index past ``count`` normalised words from token i."""
    j, seen = i, 0
    while j < len(words) and seen < count:
        seen += len(words[j])
        j += 1
    return j


def find(doc, lex: Lexicon) -> list[Nominal]:
    out: list[Nominal] = []
    i, n = 0, len(doc)
    words = [norm(t.text).split() for t in doc]  # each token normalised once
    while i < n:
        t = doc[i]
        if t.pos_ not in ("NOUN", "ADJ", "PROPN") or t.is_punct:
            i += 1
            continue
        window = _norms(words, i, lex.max_title + 2)
        found, kind = lex.title_at(window), "title"
        if not found:
            found, kind = lex.group_at(window), "group"
        if not found:
            i += 1
            continue
        key, spec = found
        head_end = _token_end(words, i, len(key.split()))
        prev = doc[i - 1] if i > 0 else None
        if prev is not None:
            # adjectives before a group noun: "six jeunes demandeurs d'asile", "de nombreux manifestants";
            # a capitalised country adjective before any nominal, English order: "the Latvian parliament"
            k = i - 1
            while k > 0 and i - k <= 2 and not doc[k].is_sent_start and (
                    (kind == "group" and doc[k].pos_ == "ADJ" and doc[k].text.islower())
                    or (doc[k].text[:1].isupper() and norm(doc[k].text) in lex.adjectives)):
                k -= 1
            if k < i - 1 and (doc[k].pos_ in ("DET", "NUM") or norm(doc[k].text) in lex.quantifiers | lex.determiners):
                prev = doc[k]
        determined = prev is not None and (norm(prev.text) in lex.determiners or (
            kind == "group" and (prev.pos_ in ("DET", "NUM") or norm(prev.text) in lex.quantifiers)))
        nxt = doc[head_end] if head_end < n else None
        before_name = nxt is not None and nxt.ent_type_ in ("PER", "PERSON")
        end = _extend(doc, head_end, n, lex)
        after_name = prev is not None and prev.text == "," and i >= 2 and doc[i - 2].ent_type_ in ("PER", "PERSON")
        if not determined and not before_name and not after_name and not (end < n and doc[end].ent_type_ in ("PER", "PERSON")):
            i = head_end
            continue
        morph = (prev.morph if determined else t.morph)
        plural = "Plur" in morph.get("Number") or t.morph.get("Number") == ["Plur"]
        feminine = "Fem" in morph.get("Gender")
        out.append(Nominal(i, end, kind, key, spec, determined, plural, feminine))
        i = max(end, i + 1)
    return out
