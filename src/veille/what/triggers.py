"""Trigger words: lexicon entries matched on the parse, outside quotation marks."""
from __future__ import annotations

import re
from dataclasses import dataclass
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

def triggers(doc, lex: Lexicon, skip: list[tuple[int, int]]) -> Iterator[Found]:
    for token in doc:
        if token.pos_ == "VERB":
            pos = "verb"
        elif token.pos_ == "NOUN":
            pos = "noun"
        else:
            continue
        if any(a <= token.idx < b for a, b in skip):
            continue
        entries = lex.entries(token.lemma_, pos) or lex.entries(token.lower_, pos)
        # Constrained entries are the more specific readings: try them first.
        for entry in sorted(entries, key=lambda e: not (e.needs or e.any_of)):
            if satisfies(token, entry):
                yield Found(token, entry)
                break

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
