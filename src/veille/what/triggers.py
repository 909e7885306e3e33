"""Trigger words: lexicon entries matched on the parse, outside quotation marks."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Iterator

from .lexicon import Entry, Lexicon, fold
from .syntax import PASSIVE_SUBJECT, SUBJECT

QUOTE_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger word and the lexicon entry it matched."""

    token: object
    entry: Entry

def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks: reported words, not reported events."""
    out = []
    for open_, close in QUOTE_PAIRS:
        pattern = re.escape(open_) + r"[^" + re.escape(close) + r"\n]{1,800}?" + re.escape(close)
        out.extend((m.start(), m.end()) for m in re.finditer(pattern, text))
    return out

def _near(token, depth: int = 2) -> list:
    out, frontier = [], [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children]
        out.extend(frontier)
    return out

def _words(tokens) -> set[str]:
    """Lemmas and forms, also without accents ("Etat" is written for "État")."""
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    return words | {fold(w) for w in words}

def satisfies(token, entry: Entry) -> bool:
    near_words = _words(_near(token, 2))
    if any(n not in near_words for n in entry.needs):
        return False
    if any(n in near_words or fold(n) in near_words for n in entry.not_):
        return False
    if entry.any_of:
        phrase = _words(_near(token, 3))
        if not (entry.any_of & phrase or {fold(w) for w in entry.any_of} & phrase):
            return False
    return True

def _in_ranges(ranges: list[tuple[int, int]]):
    """``x -> any(a <= x < b for a, b in ranges)`` in logarithmic time (a text with many
    quotations has many ranges, and every verb and noun is tested)."""
    merged: list[list[int]] = []
    for a, b in sorted(r for r in ranges if r[0] < r[1]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [m[0] for m in merged]

    def inside(x: int) -> bool:
        i = bisect.bisect_right(starts, x) - 1
        return i >= 0 and x < merged[i][1]
    return inside


def triggers(doc, lex: Lexicon, skip: list[tuple[int, int]]) -> Iterator[Found]:
    skipped = _in_ranges(skip)
    for token in doc:
        if token.pos_ == "VERB":
            pos = "verb"
        elif token.pos_ == "NOUN" and token.dep_ != "case":
            # A noun that the parse reads as (part of) a preposition ("grâce à": thanks to) names
            # no act.
            pos = "noun"
        else:
            continue
        if skipped(token.idx):
            continue
        entries = lex.entries(token.lemma_, pos) or lex.entries(token.lower_, pos)
        # Constrained entries are the more specific readings: try them first.
        for entry in sorted(entries, key=lambda e: not (e.needs or e.any_of)):
            if satisfies(token, entry):
                yield Found(token, entry)
                break

_VECTORS: dict[tuple, tuple] = {}


def _plain_vectors(lex: Lexicon, vocab, pos: str):
    """The lexicon's entries without constraints of one part of speech, and their unit lemma vectors."""
    key = (id(lex), id(vocab), pos)
    if key not in _VECTORS:
        _VECTORS[key] = (lex, vocab, *_unit_vectors(lex, vocab, pos))  # the objects keep their ids
    return _VECTORS[key][2:]


def _unit_vectors(lex: Lexicon, vocab, pos: str):
    import numpy as np
    table = lex.verbs if pos == "verb" else lex.nouns
    entries, rows = [], []
    for lemma, found in sorted(table.items()):
        plain = [e for e in found if not (e.needs or e.any_of or e.not_ or e.subject_patient)]
        lx = vocab[lemma]
        if not plain or not lx.has_vector:
            continue
        entries.append(plain[0])
        rows.append(lx.vector / (np.linalg.norm(lx.vector) or 1.0))
    return entries, (np.array(rows) if rows else None)


def similar_entry(token, pos: str, lex: Lexicon) -> tuple[Entry, float] | None:
    """The lexicon entry whose lemma's vector is nearest to the token's lemma, when at least
    ``similar_min`` (cosine); the word is then proposed as a trigger of that entry's type."""
    import numpy as np
    if lex.similar_min <= 0:
        return None
    lemma = token.lemma_.lower()
    if lemma in lex.arguments.get("light_words", ()) or not lemma.isalpha():
        return None
    vocab = token.doc.vocab
    lx = vocab[lemma]
    if not lx.has_vector:
        return None
    entries, matrix = _plain_vectors(lex, vocab, pos)
    if matrix is None:
        return None
    sims = matrix @ (lx.vector / (np.linalg.norm(lx.vector) or 1.0))
    k = int(sims.argmax())
    return (entries[k], float(sims[k])) if sims[k] >= lex.similar_min else None


def proposals(doc, lex: Lexicon, skip: list[tuple[int, int]], taken: set[int]) -> Iterator[tuple[Found, str, float]]:
    """Words the lexicon does not make triggers, proposed for the scorer to judge:

    - ``relaxed``: a lexicon word whose required dependents are missing ("appeler" without "à"),
      as long as none of its forbidden ones is there;
    - ``similar``: a word outside the lexicon whose lemma's vector is near a lexicon word's
      (``[options] similar_min``), with that word's type.
    """
    skipped = _in_ranges(skip)
    for token in doc:
        if token.i in taken or token.pos_ not in ("VERB", "NOUN") or skipped(token.idx):
            continue
        pos = "verb" if token.pos_ == "VERB" else "noun"
        entries = lex.entries(token.lemma_, pos) or lex.entries(token.lower_, pos)
        if entries:
            near_words = _words(_near(token, 2))
            for entry in entries:
                if (entry.needs or entry.any_of) and not any(n in near_words or fold(n) in near_words for n in entry.not_):
                    yield Found(token, replace(entry, needs=(), any_of=frozenset())), "relaxed", 1.0
                    break
            continue
        hit = similar_entry(token, pos, lex)
        if hit is not None:
            yield Found(token, hit[0]), "similar", hit[1]


def reported_demands(doc, lex: Lexicon, skip: list[tuple[int, int]]):
    """Obligations reported as someone's words: "X said Y must do Z" is X's demand to Y (REQUEST).

    Yields (Found, (source token, target token)); the trigger is the obliging modal.
    """
    modals = lex.arguments.get("demand_modals", frozenset())
    speech = lex.arguments.get("speech_verbs", frozenset())
    if not modals or not speech:
        return
    for tok in doc:
        if tok.lemma_.lower() not in modals or any(a <= tok.idx < b for a, b in skip):
            continue
        clause = tok.head if tok.dep_.startswith("aux") else tok
        if clause.dep_ not in ("ccomp", "xcomp", "parataxis") or clause.head.lemma_.lower() not in speech:
            continue
        speaker = next((c for c in clause.head.children if c.dep_ in SUBJECT), None)
        addressee = next((c for c in clause.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT), None)
        if speaker is None or addressee is None:
            continue
        yield Found(tok, Entry(tok.lemma_.lower(), "REQUEST", None, "verb")), (speaker, addressee)
