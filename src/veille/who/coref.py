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
import functools
import math
from dataclasses import dataclass

from .. import resources
from ..records import Entity, Mention
from ..work import Work
from .actors import Lexicon, lexicon
from .knowledge import norm

WINDOW_SENTENCES = 3
MODEL = "coref"


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
    sent_of = _token_index(doc)[1]
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


def _token_index(doc) -> tuple[list[int], list[int]]:
    """Each token's start and sentence index, made once per doc (``antecedent`` is asked of
    many spans of one article)."""
    index = doc.user_data.get("veille.token_index")
    if index is None:
        index = doc.user_data["veille.token_index"] = ([t.idx for t in doc], _sentence_index(doc))
    return index


def _mention_sent(doc, starts: list[int], sents: list[int], char: int) -> int:
    k = bisect.bisect_right(starts, char) - 1
    return sents[max(k, 0)]


# -- candidates and their features ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Candidate:
    """A person group a pronoun may refer to: its closest mention before, and its features."""

    group: object
    last: Mention
    features: dict[str, float]


def _gap(pro: Pronoun, g, last: Mention, sent_of_char) -> int:
    return pro.sent - sent_of_char(last.start)


# Each feature: (pronoun, group, its last mention before, context) -> value. Context holds the
# sentence of a character offset and the most recent mention of any person before the pronoun.
def f_distance(pro, g, last, ctx):
    return math.log1p((pro.start - last.end) / 80.0)


def f_same_sentence(pro, g, last, ctx):
    return float(_gap(pro, g, last, ctx["sent_of"]) == 0)


def f_previous_sentence(pro, g, last, ctx):
    return float(_gap(pro, g, last, ctx["sent_of"]) == 1)


def f_subject(pro, g, last, ctx):
    return float(last.start in g.subject_at)


def f_most_recent(pro, g, last, ctx):
    return float(last is ctx["most_recent"])


def f_most_recent_demonstrative(pro, g, last, ctx):
    return float(pro.demonstrative and last is ctx["most_recent"])


def f_gender_agrees(pro, g, last, ctx):
    return float(pro.gender is not None and g.gender == pro.gender)


def f_gender_unknown(pro, g, last, ctx):
    return float(g.gender is None)


def f_feminine_agrees(pro, g, last, ctx):
    return float(pro.gender == "f" and g.gender == "f")


def f_salience(pro, g, last, ctx):
    return math.log1p(len(g.mentions))


def f_last_is_pronoun(pro, g, last, ctx):
    return float(last.kind == "pronoun")


def f_last_is_name(pro, g, last, ctx):
    return float(last.kind == "name")


def f_first_person(pro, g, last, ctx):
    """The first person the article names (the subject of a news story)."""
    return float(ctx["first"] is g)


FEATURES = (
    ("distance", f_distance), ("same_sentence", f_same_sentence), ("previous_sentence", f_previous_sentence),
    ("subject", f_subject), ("most_recent", f_most_recent), ("most_recent_demonstrative", f_most_recent_demonstrative),
    ("gender_agrees", f_gender_agrees), ("gender_unknown", f_gender_unknown), ("feminine_agrees", f_feminine_agrees),
    ("salience", f_salience), ("last_is_pronoun", f_last_is_pronoun), ("last_is_name", f_last_is_name),
    ("first_person", f_first_person),
)
# Weights when no trained model is shipped: the hand-set scores this stage started from.
DEFAULT_WEIGHTS = {"distance": -1.0, "same_sentence": 0.3, "subject": 0.4, "most_recent_demonstrative": 0.5,
                   "feminine_agrees": 0.3, "salience": 0.1}


def candidates(work: Work, groups, pro: Pronoun, sent_of_char, recent: "Recent | None" = None) -> list[Candidate]:
    """The person groups a pronoun may refer to, with their features: a person with a mention in
    the same or the WINDOW_SENTENCES previous sentences, whose gender does not clash.

    ``recent`` (the groups' mentions by place, for the pronouns of one article in order) gives
    the same candidates without reading every mention of the article for each pronoun."""
    if recent is not None:
        return recent.candidates(pro)
    out = []
    persons = [g for g in groups if g.type == "PER"]
    before_any = [m for g in persons for m in g.mentions if m.end <= pro.start]
    ctx = {"sent_of": sent_of_char,
           "most_recent": max(before_any, key=lambda m: m.end, default=None),
           "first": min(persons, key=lambda g: g.first, default=None)}
    for g in persons:
        if pro.gender is not None and g.gender is not None and g.gender != pro.gender:
            continue
        before = [m for m in g.mentions if m.end <= pro.start]
        if not before or not any(m.kind != "pronoun" for m in before):
            continue
        last = max(before, key=lambda m: m.end)
        if _gap(pro, g, last, sent_of_char) > WINDOW_SENTENCES:
            continue
        out.append(Candidate(g, last, _features(pro, g, last, ctx)))
    return out


def _features(pro, g, last, ctx) -> dict[str, float]:
    feats = {}
    for name, fn in FEATURES:
        v = fn(pro, g, last, ctx)
        if v:
            feats[name] = v
    return feats


class Recent:
    """The person groups' mentions by end, kept up to date as pronouns join the groups.

    A group is a candidate only if its last mention before the pronoun starts at most
    WINDOW_SENTENCES sentences back, so only the groups with a mention ending after the start of
    that sentence are read; a group's last mention and whether it has a name or a nominal
    before the pronoun come from its own mentions by end. Ties are broken as the scan breaks
    them (the first group, the first mention in a group's list)."""

    def __init__(self, groups, starts: list[int], sents: list[int]):
        self.persons = [g for g in groups if g.type == "PER"]
        self.starts, self.sents = starts, sents
        self.ends: list[tuple[int, int, int]] = []            # (end, group, place in its list)
        self.own: list[list[tuple[int, int]]] = []             # per group: (end, place)
        self.named_end: list[float] = []                       # per group: the earliest end of a non-pronoun
        self.firsts: list[int] = []
        self.sizes: list[int] = []
        for gi, g in enumerate(self.persons):
            self.own.append([])
            self.named_end.append(math.inf)
            self.firsts.append(g.first)
            self.sizes.append(0)
            self.sync(gi)

    def sync(self, gi: int) -> None:
        """Place the mentions group ``gi`` gained since last read (``Group.add`` appends)."""
        g = self.persons[gi]
        for pos in range(self.sizes[gi], len(g.mentions)):
            m = g.mentions[pos]
            bisect.insort(self.ends, (m.end, gi, pos))
            bisect.insort(self.own[gi], (m.end, pos))
            if m.kind != "pronoun" and m.end < self.named_end[gi]:
                self.named_end[gi] = m.end
            self.firsts[gi] = min(self.firsts[gi], m.start)
        self.sizes[gi] = len(g.mentions)

    def added(self, group) -> None:
        for gi, g in enumerate(self.persons):
            if g is group:
                self.sync(gi)

    def sent_of(self, char: int) -> int:
        k = bisect.bisect_right(self.starts, char) - 1
        return self.sents[max(k, 0)]

    def candidates(self, pro: Pronoun) -> list[Candidate]:
        persons, ends = self.persons, self.ends
        k = bisect.bisect_right(ends, (pro.start, math.inf))
        most_recent = None
        if k:
            end, gi, pos = ends[bisect.bisect_left(ends, (ends[k - 1][0],))]
            most_recent = persons[gi].mentions[pos]
        first = min(range(len(persons)), key=self.firsts.__getitem__, default=None)
        ctx = {"sent_of": self.sent_of, "most_recent": most_recent,
               "first": persons[first] if first is not None else None}
        # the first character of the earliest sentence a candidate's last mention may start in
        t = bisect.bisect_left(self.sents, pro.sent - WINDOW_SENTENCES)
        lo = self.starts[t] if 0 < t < len(self.starts) else -math.inf
        near = sorted({gi for _, gi, _ in ends[bisect.bisect_left(ends, (lo,)):k]})
        out = []
        for gi in near:
            g = persons[gi]
            if pro.gender is not None and g.gender is not None and g.gender != pro.gender:
                continue
            if self.named_end[gi] > pro.start:
                continue
            own = self.own[gi]
            j = bisect.bisect_right(own, (pro.start, math.inf))
            last = g.mentions[own[bisect.bisect_left(own, (own[j - 1][0],))][1]]
            if _gap(pro, g, last, self.sent_of) > WINDOW_SENTENCES:
                continue
            out.append(Candidate(g, last, _features(pro, g, last, ctx)))
        return out


@functools.lru_cache(maxsize=None)
def weights() -> dict[str, float]:
    data = resources.load_model(MODEL)
    return dict(data["weights"]) if data else dict(DEFAULT_WEIGHTS)


def ranked(cands: list[Candidate]) -> list[tuple[float, Candidate]]:
    """Candidates by probability (a softmax of their scores), best first."""
    w = weights()
    scores = [sum(w.get(k, 0.0) * v for k, v in c.features.items()) for c in cands]
    if not scores:
        return []
    top = max(scores)
    exp = [math.exp(x - top) for x in scores]
    z = sum(exp)
    return sorted(((e / z, c) for e, c in zip(exp, cands)), key=lambda x: -x[0])


def sentence_of(doc):
    """A function from a character offset to its sentence index."""
    starts, sents = _token_index(doc)
    return lambda c: _mention_sent(doc, starts, sents, c)


def resolve(work: Work, groups, lex: Lexicon) -> None:
    """Attach each resolvable pronoun to its group (a ``pronoun`` mention whose confidence is
    the ranker's probability)."""
    doc = work.doc
    sent_of_char = sentence_of(doc)
    recent = Recent(groups, *_token_index(doc))
    for pro in pronouns(work, lex):
        if pro.plural:
            continue
        best = ranked(candidates(work, groups, pro, sent_of_char, recent))
        if not best:
            continue
        p, c = best[0]
        c.group.add(Mention(pro.start, pro.end, pro.text, "pronoun", round(min(p, 0.99), 3)))
        recent.added(c.group)
        tok = doc.char_span(pro.start, pro.end, alignment_mode="expand")
        if tok is not None and is_subject(tok.root):
            c.group.subject_at.add(pro.start)


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
    starts, sents = _token_index(doc)
    pro = Pronoun(start, end, text, spec.get("gender") or _gender_of_span(span), spec.get("number") == "plur",
                  bool(spec.get("demonstrative")), sents[span.start])
    if groups is None:
        return None
    best = ranked(candidates(work, groups, pro, lambda c: _mention_sent(doc, starts, sents, c)))
    if not best:
        return None
    ident = work.scratch.get("who_ids", {}).get(id(best[0][1].group))
    return work.entity(ident) if ident else None


def _gender_of_span(span) -> str | None:
    g = span.root.morph.get("Gender")
    return "f" if g == ["Fem"] else "m" if g == ["Masc"] else None
