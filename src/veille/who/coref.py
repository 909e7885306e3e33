"""Pronoun resolution and the ``antecedent`` helper other stages use for speakers.

A third-person pronoun ("il", "elle", "ce dernier", the "-il" of "a-t-il expliqué", "he",
"she") refers to a person mentioned before it. Candidates are the person entities with a
mention in the same or the three previous sentences; gender must agree when known; the
score prefers recent mentions, mentions that are grammatical subjects, and entities
mentioned often. Demonstratives ("ce dernier", "celui-ci") prefer the most recent mention
and do not favour subjects. Impersonal "il" ("il faut", "il y a") is left alone.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..records import Entity, Mention
from ..work import Work
from .actors import Lexicon, lexicon
from .knowledge import norm

WINDOW_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Pronoun:
    start: int
    end: int
    text: str
    gender: str | None
    plural: bool
    demonstrative: bool
    sent: int


def pronouns(work: Work, lex: Lexicon) -> list[Pronoun]:
    """Third-person personal and demonstrative pronouns that may refer to a person."""
    doc = work.doc
    out: list[Pronoun] = []
    sent_of = _sentence_index(doc)
    words = [norm(t.text) for t in doc]  # "-il" in "a-t-il" is "il"
    plain = [t.is_alpha or "-" in t.text for t in doc]
    i = 0
    while i < len(doc):
        t = doc[i]
        spec, length = None, 1
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(doc) and plain[i] and plain[i + 1] else ""
        if two and len(two.split()) == 2 and two in lex.pronouns:
            spec, length = lex.pronouns[two], 2
        elif words[i] in lex.pronouns and t.pos_ == "PRON":
            spec = lex.pronouns[words[i]]
        if spec is None or t.dep_.startswith("expl"):
            i += 1
            continue
        if length == 1 and _impersonal(doc, t):
            i += 1
            continue
        start = t.idx + (len(t.text) - len(t.text.lstrip("-")))
        end = doc[i + length - 1].idx + len(doc[i + length - 1].text)
        out.append(Pronoun(start, end, work.text[start:end], spec.get("gender") or None,
                           spec.get("number") == "plur", bool(spec.get("demonstrative")), sent_of[i]))
        i += length
    return out


def is_subject(tok) -> bool:
    """A subject, or a name in apposition to one ("Le ministre Mike Pompeo a dit")."""
    for _ in range(4):
        if tok.dep_.startswith("nsubj"):
            return True
        if tok.dep_ in ("appos", "flat:name", "flat", "nmod") and tok.head is not tok:
            tok = tok.head
            continue
        return False
    return False


def _impersonal(doc, t) -> bool:
    if norm(t.text.lstrip("-")) not in ("il", "it"):
        return False
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and norm(nxt.text) in ("y", "faut", "semble", "s", "est", "etait", "sera", "fallait", "faudra", "reste", "suffit", "parait"):
        # "il est" is personal when followed by a participle or a noun phrase about a person;
        # keep the usual impersonal patterns only: "il est possible de/que", "il y a"
        if norm(nxt.text) in ("est", "etait", "sera"):
            after = doc[t.i + 2] if t.i + 2 < len(doc) else None
            return after is not None and after.pos_ == "ADJ" and t.i + 3 < len(doc) and norm(doc[t.i + 3].text) in ("de", "d", "que", "qu")
        return True
    return False


def _sentence_index(doc) -> list[int]:
    idx, out = -1, []
    for t in doc:
        if t.is_sent_start or idx < 0:
            idx += 1
        out.append(idx)
    return out


def _mention_sent(doc, starts: list[int], sents: list[int], char: int) -> int:
    k = bisect.bisect_right(starts, char) - 1
    return sents[max(k, 0)]


def candidates(work: Work, groups, pro: Pronoun, sent_of_char) -> list[tuple[float, object, Mention]]:
    """(score, group, closest mention) of the person groups a pronoun may refer to."""
    scored = []
    for g in groups:
        if g.type != "PER":
            continue
        if pro.gender == "f" and g.gender == "m":
            continue
        if pro.gender == "m" and g.gender == "f":
            continue
        before = [m for m in g.mentions if m.end <= pro.start and m.kind != "pronoun"]
        before_pro = [m for m in g.mentions if m.end <= pro.start]
        if not before_pro:
            continue
        last = max(before_pro, key=lambda m: m.end)
        gap = pro.sent - sent_of_char(last.start)
        if gap > WINDOW_SENTENCES or not before:
            continue
        distance = pro.start - last.end
        score = 1.0 / (1.0 + distance / 80.0)
        if gap == 0:
            score += 0.3
        if not pro.demonstrative and last.start in g.subject_at:
            score += 0.4
        if pro.demonstrative and last is max((m for grp in groups for m in grp.mentions if m.end <= pro.start),
                                             key=lambda m: m.end, default=None):
            score += 0.5
        if pro.gender == "f" and g.gender == "f":
            score += 0.3
        score += min(len(g.mentions), 5) * 0.03
        scored.append((score, g, last))
    scored.sort(key=lambda x: -x[0])
    return scored


def resolve(work: Work, groups, lex: Lexicon) -> None:
    """Attach each resolvable pronoun to its group (as a ``pronoun`` mention with a confidence)."""
    doc = work.doc
    starts = [t.idx for t in doc]
    sents = _sentence_index(doc)

    def sent_of_char(c: int) -> int:
        return _mention_sent(doc, starts, sents, c)

    for pro in pronouns(work, lex):
        if pro.plural:
            continue
        cands = candidates(work, groups, pro, sent_of_char)
        if not cands:
            continue
        best = cands[0]
        margin = best[0] - (cands[1][0] if len(cands) > 1 else 0.0)
        confidence = min(0.95, 0.5 + 0.5 * min(margin, 1.0))
        g = best[1]
        g.add(Mention(pro.start, pro.end, pro.text, "pronoun", confidence))
        tok = doc.char_span(pro.start, pro.end, alignment_mode="expand")
        if tok is not None and is_subject(tok.root):
            g.subject_at.add(pro.start)


def antecedent(work: Work, start: int, end: int) -> Entity | None:
    """The entity the pronoun or nominal at [start, end) refers to, or None.

    A span already in an entity gives that entity; otherwise the span is resolved now as a
    pronoun (nearest agreeing person, subject preferred) against the article's entities.
    """
    hit = work.entity_at(start, end)
    if hit is not None:
        return hit[0]
    if work.doc is None or work.language not in ("fr", "en"):
        return None
    lex = lexicon(work.language, tuple(work.options.kb_paths))
    span = work.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    text = work.text[span.start_char:span.end_char]
    spec = lex.pronouns.get(norm(text.lstrip("-")), {})
    groups = work.scratch.get("who_groups")
    doc = work.doc
    starts = [t.idx for t in doc]
    sents = _sentence_index(doc)
    pro = Pronoun(start, end, text, spec.get("gender") or _gender_of_span(span), spec.get("number") == "plur",
                  bool(spec.get("demonstrative")), sents[span.start])
    if groups is None:
        return None
    cands = candidates(work, groups, pro, lambda c: _mention_sent(doc, starts, sents, c))
    if not cands:
        return None
    ident = work.scratch.get("who_ids", {}).get(id(cands[0][1]))
    return work.entity(ident) if ident else None


def _gender_of_span(span) -> str | None:
    g = span.root.morph.get("Gender")
    return "f" if g == ["Fem"] else "m" if g == ["Masc"] else None
