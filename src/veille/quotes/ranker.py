"""The speaker of each quote, chosen among scored candidates.

The rules of ``speakers`` propose a speaker (or none); this module turns that proposal into
one feature among others and lets learned weights decide. For each quote the candidates are
the persons and organisations of the article named within reach, the rules' choice, and the
words of the source themselves ("un habitant", "la préfecture"). Each candidate gets the
features of the ``FEATURES`` table (one small function each: the words of the source name it,
gender agreement, a description seen written next to that name, distance, the current source
of a sequence of quotes, salience, being talked about in the quote ...). A linear model over
them, trained on annotated articles (``veille train speakers``), ranks the candidates; the
reported confidence is the chosen candidate's share of the softmax.

Weights live in ``resources/models/speakers.json``; without them the rules' choice stands.
"""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import dataclasses
import functools
import json
import math
import re
from dataclasses import dataclass, field
from typing import Callable

from .. import resources
from ..records import Mention, Span, Speaker
from ..work import Work
from .lexicon import Lexicon, norm

MODEL = "speakers"
# Candidates: entities with a mention at most this many characters (outside quotations)
# before the quote, or this much after it, plus the article's most mentioned ones.
REACH_BEFORE = 3000
REACH_AFTER = 800
SALIENT = 4
_WORD = re.compile(r"\w+")


# -- the article, seen once ---------------------------------------------------------------------
@dataclass
class Person:
    """An entity as a possible speaker: where it is named, its gender, its descriptions."""

    id: str
    name: str
    type: str
    gender: str | None
    starts: list[int]                   # mentions outside quotations (not pronouns), sorted
    subject_starts: set[int]
    descriptors: set[str]               # lemmas written next to its name, its role, its nominals
    in_title: bool
    in_lede: bool
    n_mentions: int
    role: str | None = None             # the office the who stage or the knowledge base gives it
    country: str | None = None


@dataclass
class Scene:
    """What the features need to know of the article, computed once."""

    work: Work
    lex: Lexicon
    persons: dict[str, Person]
    salient: list[str]
    sentence_starts: list[int]
    paragraph_starts: list[int]
    quoted: Callable[[int], bool]
    distance: Callable[[int, int], int]   # characters outside quotations between two offsets
    source_of: dict[int, str] = field(default_factory=dict)  # quote index -> entity named in its source
    contents: dict[int, tuple[int, int]] = field(default_factory=dict)  # quote index -> its content
    named_at: Callable[[int], str | None] = lambda at: None  # offset -> organisation or place named there
    lede_end: int = 0
    office: Callable[[list[str]], tuple[str, str | None] | None] = lambda words: None  # words -> (office, country)
    heads: dict[str, int] = field(default_factory=dict)  # descriptor -> how many named persons have it
    drafts: list = field(default_factory=list)
    links: dict[str, str | None] = field(default_factory=dict)  # description entity -> named person
    _index: "Index | None" = None

    @property
    def index(self) -> "Index":
        """Where each person is named and which quotes name whom, built at the first use."""
        if self._index is None:
            self._index = Index(self)
        return self._index

    def words_of(self, span: tuple[int, int]) -> list[str]:
        return [w.lower() for w in _WORD.findall(self.work.text[span[0]:span[1]])]

    def sentence(self, at: int) -> int:
        return bisect.bisect_right(self.sentence_starts, at) - 1

    def paragraph(self, at: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, at) - 1


class Index:
    """The scene's persons and quotes by position, so that a quote's candidates and features
    read the persons named near it rather than every person of the article. Each use gives
    what the scan over all persons or quotes gave."""

    def __init__(self, sc: Scene):
        self.order = {pid: k for k, pid in enumerate(sc.persons)}
        # every start of every person (a person named twice at one place counts twice), by place
        self.named = sorted((m, pid) for pid, p in sc.persons.items() for m in p.starts)
        self.named_at = [m for m, _ in self.named]
        self.types = {pid: p.type for pid, p in sc.persons.items()}
        self.subjects = sorted((m, pid) for pid, p in sc.persons.items() if p.type == "PER" for m in p.subject_starts)
        self.subject_at = [m for m, _ in self.subjects]
        self.starts = set(self.named_at)
        self.speaking: dict[str, list[int]] = {}  # entity -> the quotes whose source names it
        for i, eid in sc.source_of.items():
            self.speaking.setdefault(eid, []).append(i)
        self.anchors = {x.index: _anchor(x) for x in sc.drafts}
        self.draft_starts = [x.content[0] for x in sc.drafts]
        self._nouns: dict[str, list[int]] | None = None
        self._described: dict[str, list[int]] | None = None
        self._words: dict[tuple[int, int], list[str]] = {}
        self._trigrams: dict[tuple[str, ...], set[int]] | None = None
        self.sc = sc

    def words_of(self, span: tuple[int, int]) -> list[str]:
        """``sc.words_of(span)``, made once per span."""
        if span not in self._words:
            self._words[span] = self.sc.words_of(span)
        return self._words[span]

    def with_trigram(self, three: tuple[str, ...]) -> set[int]:
        """The quotes whose source names someone and whose words hold these three in a row."""
        if self._trigrams is None:
            self._trigrams = {}
            for i in self.sc.source_of:
                w = self.words_of(self.sc.contents[i])
                for k in range(len(w) - 2):
                    self._trigrams.setdefault(tuple(w[k:k + 3]), set()).add(i)
        return self._trigrams.get(three, set())

    def named_in(self, lo: int, hi: int) -> set[str]:
        """The persons with a start in [lo, hi)."""
        a, b = bisect.bisect_left(self.named_at, lo), bisect.bisect_left(self.named_at, hi)
        return {pid for _, pid in self.named[a:b]}

    def latest(self, at: int, pairs: list[tuple[int, str]], starts: list[int], enough) -> list[str]:
        """Persons by their last place before ``at`` in ``pairs`` (place, id), the latest first,
        ties in the order of ``sorted(..., reverse=True)`` over (place, id, type); read back from
        ``at`` until ``enough(found)`` holds (or no place is left)."""
        out: list[str] = []
        seen: set[str] = set()
        k = bisect.bisect_left(starts, at) - 1
        while k >= 0 and not enough(out):
            m = starts[k]
            group = []
            while k >= 0 and starts[k] == m:
                pid = pairs[k][1]
                if pid not in seen:
                    seen.add(pid)
                    group.append(pid)
                k -= 1
            out.extend(sorted(group, key=lambda pid: (pid, self.types[pid]), reverse=True))
        return out

    def nouns(self, lemma: str) -> list[int]:
        """The tokens (indexes) of the doc that are nouns of this lemma, in order."""
        if self._nouns is None:
            self._nouns = {}
            for t in self.sc.work.doc:
                if t.pos_ == "NOUN":
                    self._nouns.setdefault(_lemma(t), []).append(t.i)
        return self._nouns.get(lemma, [])

    def described(self, words) -> list[str]:
        """The named persons (capitalised, PER) with any of these descriptors, in the persons' order."""
        if self._described is None:
            self._described = {}
            for pid, p in self.sc.persons.items():
                if p.type == "PER" and p.name[:1].isupper():
                    for w in p.descriptors:
                        self._described.setdefault(w, []).append(self.order[pid])
        ks = {k for w in words for k in self._described.get(w, ())}
        pids = list(self.sc.persons)
        return [pids[k] for k in sorted(ks)]

    def distance_reach(self, at: int, reach: int) -> int:
        """The smallest offset b <= at with ``sc.distance(b, at) <= reach`` (the distance only
        grows as b moves back)."""
        lo, hi = 0, at
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sc.distance(mid, at) <= reach:
                hi = mid
            else:
                lo = mid + 1
        return lo


_CONTENT_POS = {"NOUN", "ADJ", "PROPN"}


def _lemma(tok) -> str:
    return norm(tok.lemma_ or tok.text)


_STOP_POS = {"VERB", "AUX", "SCONJ", "PRON"}
_STOP_TEXT = set("«»\"“”;:.!?()[]")
REACH_WORDS = 12


def _gender_word(tok) -> int:
    g = tok.morph.get("Gender")
    return 1 if g == ["Fem"] else -1 if g == ["Masc"] else 0


def _around(doc, start: int, end: int, named: Callable[[int], str | None] | None = None) -> tuple[set[str], int]:
    """Nouns and adjectives of the stretch without a verb around a name: a title before it
    ("le ministre de l'Intérieur Gérald Darmanin", "Mathématicien renommé, le député Cédric
    Villani") or an apposition after a comma ("Jérôme Salomon, directeur général de la Santé");
    and the gender the stretch gives (+1 feminine, -1 masculine, 0 unknown). With ``named``
    (offset -> entity id of an organisation or place named there), the entities named in the
    stretch count too, as ``@id`` ("représentant de l'ONU", "élu de la Gironde")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set(), 0
    out: set[str] = set()

    def complement(t) -> None:
        eid = named(t.idx) if named is not None else None
        if eid is not None:
            out.add("@" + eid)

    vote = 0
    i = span.start - 1
    first = None
    while i >= 0 and span.start - i <= REACH_WORDS:
        t = doc[i]
        if t.pos_ in _STOP_POS or t.text in _STOP_TEXT or t.is_sent_end:
            break
        if t.pos_ in _CONTENT_POS and not t.ent_type_:
            out.add(_lemma(t))
        complement(t)
        if t.pos_ == "DET":
            first = t
        i -= 1
    if first is not None and first.i + 1 < span.start and doc[first.i + 1].pos_ in ("NOUN", "ADJ"):
        vote = _gender_word(first) or _gender_word(doc[first.i + 1])
    if span.start >= 1 and norm(doc[span.start - 1].text).rstrip(".") in ("mme", "madame", "mlle"):
        vote = 1
    elif span.start >= 1 and norm(doc[span.start - 1].text) in ("m.", "monsieur"):
        vote = -1
    j = span.end
    if j < len(doc) and doc[j].text == ",":
        j += 1
        lead = True
        while j < len(doc) and j - span.end <= REACH_WORDS:
            t = doc[j]
            if t.pos_ in _STOP_POS or t.text in _STOP_TEXT or t.text == ",":
                break
            if t.pos_ in _CONTENT_POS:
                out.add(_lemma(t))
            complement(t)
            if lead and t.pos_ in ("DET", "NOUN") and not vote:
                vote = _gender_word(t)
                lead = t.pos_ == "DET" and not vote
            j += 1
    return out, vote


def scene(work: Work, lex: Lexicon, resolver, drafts: list["Draft"]) -> Scene:
    doc, text = work.doc, work.text
    quoted = resolver._in_quote
    lede_end = next((s.end_char for s in doc.sents), 0)
    title = norm(work.title or "")
    spans = sorted((m.start, m.end, e.id) for e in work.entities if e.type not in ("PER",)
                   and e.id not in resolver._first_named for m in e.mentions if m.kind == "name")
    span_starts = [x[0] for x in spans]

    def named_at(at: int) -> str | None:
        k = bisect.bisect_right(span_starts, at) - 1
        return spans[k][2] if k >= 0 and spans[k][0] <= at < spans[k][1] else None

    ids = work.scratch.get("who_ids", {})
    groups = {ids[id(g)]: g for g in work.scratch.get("who_groups", []) if id(g) in ids}
    subjects: dict[str, set[int]] = {}
    for s0, _, eid in resolver.subjects:
        subjects.setdefault(eid, set()).add(s0)
    persons: dict[str, Person] = {}
    for e in work.entities:
        if e.type not in ("PER", "ORG") and e.id not in resolver._first_named:
            continue
        ms = [m for m in e.mentions if m.kind != "pronoun" and not quoted(m.start)]
        if not ms:
            continue
        desc: set[str] = set()
        votes = 0
        for m in e.mentions:
            if m.kind == "name":
                words, vote = _around(doc, m.start, m.end, named_at)
                desc |= words
                votes += vote
            elif m.kind == "nominal" and m.confidence >= 0.9:
                desc |= {norm(w) for w in _WORD.findall(m.text)}
        if e.role:
            desc |= {norm(w) for w in _WORD.findall(e.role) if len(w) > 2}
        g = groups.get(e.id)
        gender = "f" if e.id in resolver.feminine else "m" if e.id in resolver.masculine else \
            (g.gender if g and g.gender else "f" if votes > 0 else "m" if votes < 0 else None)
        words = [w for w in norm(e.name).split() if len(w) > 2]
        persons[e.id] = Person(
            id=e.id, name=e.name, type=e.type if e.id not in resolver._first_named else "PER", gender=gender,
            starts=sorted(m.start for m in ms),
            subject_starts=set(subjects.get(e.id, ()))
            | {m.start for m in ms if m.kind == "nominal" and resolver._is_subject(m.start, m.end)},
            descriptors=desc, in_title=bool(words) and words[-1] in title,
            in_lede=any(m.start < lede_end for m in ms), n_mentions=len(e.mentions), role=e.role, country=e.country)
    salient = sorted(persons, key=lambda k: (-persons[k].n_mentions, persons[k].starts[0]))[:SALIENT]
    paragraphs = [0] + [m.end() for m in re.finditer(r"\n", text)]
    sc = Scene(work, lex, persons, salient, [s.start_char for s in doc.sents], paragraphs, quoted, resolver._dist,
               named_at=named_at, lede_end=lede_end, office=resolver._office)
    for q in persons.values():
        if q.name[:1].isupper():
            for w in q.descriptors:
                sc.heads[w] = sc.heads.get(w, 0) + 1
    sc.drafts = sorted(drafts, key=lambda x: x.content)
    for d in drafts:  # who speaks elsewhere under their own name
        sc.contents[d.index] = d.content
        if d.source is not None:
            s, e = d.source
            near = sc.index.named_in(s, e)
            named = [pid for pid in sorted(near, key=sc.index.order.__getitem__)
                     if any(s <= m < e and not _complement(text, s, m) for m in persons[pid].starts)]
            if len(named) == 1:
                sc.source_of[d.index] = named[0]
    sc._index = None  # built again with every quote's source
    return sc


# -- one quote's source ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Draft:
    """A quote found, before its speaker is chosen."""

    index: int
    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None     # the words designating the source, as the cue gives them
    rule: Speaker | None               # the rules' choice
    reason: str = ""                   # the rule that made it
    refused: bool = False              # the cue's subject cannot speak: no speaker at all


_DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}


@dataclass(frozen=True, slots=True)
class Source:
    """How the words of a source look: the kind of phrase, its gender, its content words."""

    kind: str           # one of KINDS
    gender: str | None
    head: str | None    # lemma of the head noun of a description
    words: frozenset[str]
    expects: str | None  # PER or ORG, from the head noun
    named: frozenset[str] = frozenset()  # organisations and places named in the words ("de l'ONU")
    office: tuple[str, str | None] | None = None  # the office a description names, and its country
    base: str | None = None  # for words the rules refused, the kind they would have had


def source(sc: Scene, d: Draft) -> Source:
    if d.refused:
        # words the rules found unable to speak ("la récession promet"): a kind of their own,
        # where no speaker at all is a candidate too
        own = _source(sc, d)
        return dataclasses.replace(own, kind="refused", base=own.kind)
    return _source(sc, d)


def _source(sc: Scene, d: Draft) -> Source:
    if d.source is None:
        return Source("none", None, None, frozenset(), None)
    lex, text = sc.lex, sc.work.text
    s, e = d.source
    phrase = text[s:e].strip().lstrip("-")
    words = [norm(w) for w in phrase.replace("'", "' ").replace("’", "’ ").split()]
    joined = " ".join(words)
    gender = "f" if words and words[0] in lex.feminine else "m" if words and words[0] in lex.masculine else None
    if joined == "on":
        return Source("on", None, None, frozenset(), None)
    if joined in lex.pronouns:
        return Source("plural_pronoun" if joined in lex.plural else "pronoun", gender, None, frozenset(), "PER")
    span = sc.work.doc.char_span(s, e, alignment_mode="expand")
    lead = next((t for t in span if norm(t.text) not in lex.determiners and norm(t.text) not in lex.honorifics
                 and not t.is_punct), None) if span is not None else None
    if lead is not None and lead.text[:1].isupper() and (
            lead.pos_ == "PROPN" or lead.idx in sc.index.starts):
        kind = "name"
    elif words and words[0] in _DEMONSTRATIVES:
        kind = "demonstrative"
    elif words and words[0] in lex.determiners:
        kind = "definite"
    elif words and words[0] in ("un", "une", "des", "plusieurs", "certains", "certaines", "deux", "trois"):
        kind = "indefinite"
    else:
        kind = "other"
    head = None
    content: set[str] = set()
    if span is not None:
        nouns = [t for t in span if t.pos_ == "NOUN"]
        root = span.root
        head_tok = root if root.pos_ == "NOUN" else (nouns[0] if nouns else None)
        head = _lemma(head_tok) if head_tok is not None else None
        content = {_lemma(t) for t in span if t.pos_ in _CONTENT_POS}
        if head_tok is not None and head_tok.morph.get("Number") == ["Plur"] and kind in ("definite", "demonstrative"):
            kind = "plural"
        if gender is None and head_tok is not None and kind in ("definite", "demonstrative", "indefinite"):
            # an elided determiner ("l'ancienne ministre"): the gender of the noun or its adjective
            g = next((_gender_word(t) for t in span if t.i <= head_tok.i and t.pos_ in ("ADJ", "NOUN")
                      and _gender_word(t)), 0)
            gender = "f" if g > 0 else "m" if g < 0 else None
    named = frozenset(x for x in (sc.named_at(t.idx) for t in span) if x) if span is not None else frozenset()
    w0 = words[1] if len(words) > 1 and kind in ("definite", "demonstrative", "indefinite") else (words[0] if words else "")
    expects = "PER" if (head in lex.person_nouns or w0 in lex.person_nouns) else \
        "ORG" if (head in lex.org_nouns or head in lex.institutions or w0 in lex.org_nouns) else None
    office = None
    if kind in ("definite", "demonstrative"):
        try:
            office = sc.office(words)
        except Exception:  # the office lexicon is the who stage's; a description without one is common
            office = None
    return Source(kind, gender, head, frozenset(content), expects, named, office)


# -- candidates and their features ------------------------------------------------------------
@dataclass
class Candidate:
    key: str                     # an entity id, "self" (the source's own words) or "rule"
    name: str
    entity: str | None
    mention: Span | None
    features: dict[str, float] = field(default_factory=dict)
    via: str | None = None       # a description entity standing for the named person ``entity``

    @property
    def ref(self) -> str | None:
        """The entity the features describe: the description's own, when it stands for a name."""
        return self.via or self.entity


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return n <= len(longer) and any(longer[k:k + n] == shorter for k in range(len(longer) - n + 1))


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def _before(p: Person, at: int) -> int | None:
    k = bisect.bisect_left(p.starts, at) - 1
    return p.starts[k] if k >= 0 else None


def _after(p: Person, at: int) -> int | None:
    k = bisect.bisect_left(p.starts, at)
    return p.starts[k] if k < len(p.starts) else None


def _anchor(d: Draft) -> int:
    """Where the attribution is: its source words, its cue, else the quote."""
    if d.source is not None:
        return d.source[0]
    if d.cue is not None:
        return d.cue[0]
    return d.content[0]


# Each feature: name -> function(scene, draft, source, candidate, person or None, state) -> value.
Feature = Callable[["Scene", Draft, Source, Candidate, "Person | None", dict], float]


def f_rule(sc, d, src, c, p, st):
    """The rules chose this entity."""
    r = d.rule
    return float(r is not None and c.ref is not None and r.entity == c.ref)


def f_rule_words(sc, d, src, c, p, st):
    """The rules chose words that name no entity of the article: the source's own or a name."""
    r = d.rule
    return float(r is not None and c.entity is None and r.entity is None and norm(r.name) == norm(c.name))


_COMPLEMENT = re.compile(r"(?:\b(?:de|du|des|of)\s+(?:la\s+|l['’]\s*|les\s+)?|\bd['’]\s*)$", re.I)


def _complement(text: str, s: int, m: int) -> bool:
    """Whether a name at ``m`` is a complement inside the words starting at ``s``."""
    return m > s and bool(_COMPLEMENT.search(text[max(s, m - 8):m]))


def f_named_in_source(sc, d, src, c, p, st):
    if p is None or d.source is None:
        return 0.0
    s, e = d.source
    return float(any(s <= m < e and not _complement(sc.work.text, s, m) for m in p.starts))


def f_named_in_complement(sc, d, src, c, p, st):
    """Named in a complement of the source's head ("le fondateur de l'ONG", "un porte-parole
    d'Amnesty"): the organisation or person the source belongs to, not the source."""
    if p is None or d.source is None:
        return 0.0
    s, e = d.source
    return float(any(s <= m < e and _complement(sc.work.text, s, m) for m in p.starts))


def f_name_is_description(sc, d, src, c, p, st):
    """An entity known only by a description ("la présidente du Rassemblement national")."""
    return float(p is not None and not p.name[:1].isupper())


def f_self(sc, d, src, c, p, st):
    return float(c.key == "self")


def f_possessor(sc, d, src, c, p, st):
    return float(c.key == "possessor")


def f_document(sc, d, src, c, p, st):
    return float(c.key == "document")


def f_nobody(sc, d, src, c, p, st):
    """No speaker at all: a candidate only where the rules found the words unable to speak."""
    return float(c.key == "nobody")


def f_self_with_complement(sc, d, src, c, p, st):
    """The source's own words, when they hold a named complement ("le fondateur de l'ONG")."""
    if c.key != "self" or d.source is None:
        return 0.0
    s, e = d.source
    return float(bool(re.search(r"\b(?:de|du|des|d['’])\s*(?:la\s+|l['’]\s*|les\s+)?[A-ZÉÈ]", sc.work.text[s:e])))


def f_self_described_elsewhere(sc, d, src, c, p, st):
    """The source's own words, when a person of the article has its head noun next to their name."""
    if c.key != "self" or src.head is None:
        return 0.0
    return float(src.head in sc.heads)  # the descriptors of the capitalised persons


def f_gender_agrees(sc, d, src, c, p, st):
    return float(p is not None and src.gender is not None and p.gender == src.gender)


def f_gender_clashes(sc, d, src, c, p, st):
    return float(p is not None and src.gender is not None and p.gender is not None and p.gender != src.gender)


def f_head_described(sc, d, src, c, p, st):
    return float(p is not None and src.head is not None and src.head in p.descriptors)


def f_words_described(sc, d, src, c, p, st):
    if p is None or not src.words:
        return 0.0
    words = src.words - {src.head}
    return len(words & p.descriptors) / len(words) if words else 0.0


def f_complement_described(sc, d, src, c, p, st):
    """An organisation or place named in the description ("le représentant de l'ONU", "l'ancien
    élu de la Gironde") was written next to this person's name ("X, représentant de l'ONU")."""
    if p is None or p.type != "PER" or not src.named or p.id in src.named:
        return 0.0
    return float(any("@" + x in p.descriptors for x in src.named))


def f_office_holder(sc, d, src, c, p, st):
    """The description names an office ("le président vénézuélien", "le chef de la diplomatie")
    that the who stage or the knowledge base gives this person, in the same country if it says one."""
    if p is None or src.office is None or not p.role:
        return 0.0
    label, country = src.office
    return float(p.role == label and (country is None or p.country == country))


def f_head_distinct(sc, d, src, c, p, st):
    """The head noun of the description was written next to this person's name and to no
    other named person's."""
    return float(p is not None and src.head is not None and src.head in p.descriptors
                 and sc.heads.get(src.head, 0) == 1)


def f_expects_person(sc, d, src, c, p, st):
    return float(p is not None and src.expects == "PER" and p.type == "PER")


def f_expects_org(sc, d, src, c, p, st):
    return float(p is not None and src.expects == "ORG" and p.type == "ORG")


def f_type_clash(sc, d, src, c, p, st):
    return float(p is not None and src.expects is not None and p.type != src.expects)


def f_is_org(sc, d, src, c, p, st):
    return float(p is not None and p.type == "ORG")


def f_distance_before(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    at = _anchor(d)
    b = _before(p, at)
    return _log(sc.distance(b, at) / 100) if b is not None else _log(REACH_BEFORE / 100)


def f_named_before(sc, d, src, c, p, st):
    return float(p is not None and _before(p, _anchor(d)) is not None)


def f_same_sentence(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    at = _anchor(d)
    b = _before(p, at)
    a = _after(p, at)
    k = sc.sentence(at)
    return float(b is not None and sc.sentence(b) == k or a is not None and sc.sentence(a) == k
                 and not (d.content[0] <= a < d.content[1]))


def f_previous_sentence(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    at = _anchor(d)
    b = _before(p, at)
    return float(b is not None and sc.sentence(at) - sc.sentence(b) == 1)


def f_same_paragraph(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    at = _anchor(d)
    b = _before(p, at)
    return float(b is not None and sc.paragraph(b) == sc.paragraph(at))


def f_recency_first(sc, d, src, c, p, st):
    return float(p is not None and st.get("recency", {}).get(p.id) == 0)


def f_recency_second(sc, d, src, c, p, st):
    return float(p is not None and st.get("recency", {}).get(p.id) == 1)


def f_recent_person_first(sc, d, src, c, p, st):
    return float(p is not None and st.get("recent_person", {}).get(p.id) == 0)


def f_previous_speaker(sc, d, src, c, p, st):
    prev = st.get("previous")
    return float(p is not None and prev is not None and prev[1] == p.id)


def f_previous_speaker_near(sc, d, src, c, p, st):
    prev = st.get("previous")
    return float(p is not None and prev is not None and prev[1] == p.id
                 and sc.distance(prev[0], d.content[0]) < 400)


def f_speaks_elsewhere(sc, d, src, c, p, st):
    return float(p is not None and any(i != d.index for i in sc.index.speaking.get(p.id, ())))


def f_talked_about(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    cs, ce = d.content
    k = bisect.bisect_left(p.starts, cs)
    inside = k < len(p.starts) and p.starts[k] < ce
    if not inside:
        words = set(_WORD.findall(sc.work.text[cs:ce]))
        last = p.name.split()[-1] if p.name.split() else ""
        inside = len(last) >= 4 and last[:1].isupper() and last in words
    return float(inside)


def f_same_words(sc, d, src, c, p, st):
    """The same words of a source stood for this entity in an earlier quote ("l'hebdomadaire")."""
    return float(p is not None and st.get("same_words") == p.id)


def f_named_in_cue_clause(sc, d, src, c, p, st):
    """Named after a pronoun in the pronoun's own clause ("a-t-elle dit devant Nina Roche"):
    a pronoun does not stand for a name it governs."""
    if p is None or d.source is None or src.kind not in ("pronoun", "plural_pronoun"):
        return 0.0
    e = d.source[1]
    text = sc.work.text
    stop = re.search(r"[.;:!?\n«»\"“”]", text[e:e + 200])
    end = e + (stop.start() if stop else 200)
    k = bisect.bisect_left(p.starts, e)
    return float(k < len(p.starts) and p.starts[k] < end)


def f_repeated_words(sc, d, src, c, p, st):
    """The quote repeats words of another quote whose source names this entity (a heading or
    a lede announcing a quote of the body)."""
    if p is None:
        return 0.0
    mine = sc.index.words_of(d.content)
    if len(mine) < 3:
        return 0.0
    # only the quotes holding the first three words in a row can hold them all
    ix = sc.index
    for i in ix.speaking.get(p.id, ()):
        if i != d.index and i in ix.with_trigram(tuple(mine[:3])) and _contains(ix.words_of(sc.contents[i]), mine):
            return 1.0
    return 0.0


def f_recent_subject_first(sc, d, src, c, p, st):
    """The person last written as a grammatical subject before the source (outside quotations):
    the one a pronoun or an incise usually continues."""
    return float(p is not None and st.get("recent_subject", {}).get(p.id) == 0)


def f_recent_subject_second(sc, d, src, c, p, st):
    return float(p is not None and st.get("recent_subject", {}).get(p.id) == 1)


def f_last_named_in_passing(sc, d, src, c, p, st):
    """The person named last before the source, but not as a subject (an object, a complement):
    named in passing rather than speaking."""
    if p is None or st.get("recent_person", {}).get(p.id) != 0:
        return 0.0
    b = _before(p, _anchor(d))
    return float(b is not None and b not in p.subject_starts)


def f_lede_speaker(sc, d, src, c, p, st):
    """The source of a quote of the lede: the article's main speaker."""
    if p is None:
        return 0.0
    return float(any(i != d.index and sc.contents[i][0] < sc.lede_end + 400
                     for i in sc.index.speaking.get(p.id, ())))


def f_sentence_speaker(sc, d, src, c, p, st):
    """A quotation with no cue of its own whose sentence holds another quote naming this source
    ("X « ... » ôtant « ... », a affirmé son avocate Y")."""
    if p is None or d.source is not None:
        return 0.0
    ks = {sc.sentence(d.content[0]), sc.sentence(max(d.content[0], d.content[1] - 1))}
    anchors = sc.index.anchors
    return float(any(i != d.index and i in anchors and sc.sentence(anchors[i]) in ks
                     for i in sc.index.speaking.get(p.id, ())))


def f_next_speaker(sc, d, src, c, p, st):
    """A quotation with no cue of its own, followed closely in its paragraph by a quote the
    rules give to this entity: a sequence of quotations closed by one cue."""
    if p is None or d.source is not None:
        return 0.0
    par = sc.paragraph(d.content[0])
    # the drafts are sorted by content: those starting before this one ends are passed over
    for n in sc.drafts[bisect.bisect_left(sc.index.draft_starts, d.content[1]):]:
        if n.index == d.index:
            continue
        if sc.paragraph(n.content[0]) != par or sc.distance(d.content[1], n.content[0]) > 400:
            break
        if n.source is not None:
            return float(n.rule is not None and n.rule.entity == p.id)
    return 0.0


def f_paragraph_topic(sc, d, src, c, p, st):
    """The person the paragraph is about: named most often in it before the source (twice at least)."""
    return float(p is not None and st.get("topic") == p.id)


def f_subject_last(sc, d, src, c, p, st):
    if p is None:
        return 0.0
    b = _before(p, _anchor(d))
    return float(b is not None and b in p.subject_starts)


def f_salience(sc, d, src, c, p, st):
    return _log(p.n_mentions) if p is not None else 0.0


def f_most_salient(sc, d, src, c, p, st):
    return float(p is not None and sc.salient[:1] == [p.id])


def f_in_title(sc, d, src, c, p, st):
    return float(p is not None and p.in_title)


def f_in_lede(sc, d, src, c, p, st):
    return float(p is not None and p.in_lede)


def f_only_after(sc, d, src, c, p, st):
    return float(p is not None and _before(p, _anchor(d)) is None)


FEATURES: tuple[tuple[str, Feature], ...] = (
    ("rule", f_rule),
    ("rule_words", f_rule_words),
    ("named_in_source", f_named_in_source),
    ("named_in_complement", f_named_in_complement),
    ("name_is_description", f_name_is_description),
    ("self", f_self),
    ("possessor", f_possessor),
    ("document", f_document),
    ("nobody", f_nobody),
    ("self_with_complement", f_self_with_complement),
    ("self_described_elsewhere", f_self_described_elsewhere),
    ("gender_agrees", f_gender_agrees),
    ("gender_clashes", f_gender_clashes),
    ("head_described", f_head_described),
    ("words_described", f_words_described),
    ("complement_described", f_complement_described),
    ("head_distinct", f_head_distinct),
    ("office_holder", f_office_holder),
    ("expects_person", f_expects_person),
    ("expects_org", f_expects_org),
    ("type_clash", f_type_clash),
    ("is_org", f_is_org),
    ("distance_before", f_distance_before),
    ("named_before", f_named_before),
    ("same_sentence", f_same_sentence),
    ("previous_sentence", f_previous_sentence),
    ("same_paragraph", f_same_paragraph),
    ("recency_first", f_recency_first),
    ("recency_second", f_recency_second),
    ("recent_person_first", f_recent_person_first),
    ("previous_speaker", f_previous_speaker),
    ("previous_speaker_near", f_previous_speaker_near),
    ("speaks_elsewhere", f_speaks_elsewhere),
    ("talked_about", f_talked_about),
    ("same_words", f_same_words),
    ("named_in_cue_clause", f_named_in_cue_clause),
    ("repeated_words", f_repeated_words),
    ("subject_last", f_subject_last),
    ("recent_subject_first", f_recent_subject_first),
    ("recent_subject_second", f_recent_subject_second),
    ("last_named_in_passing", f_last_named_in_passing),
    ("lede_speaker", f_lede_speaker),
    ("paragraph_topic", f_paragraph_topic),
    ("sentence_speaker", f_sentence_speaker),
    ("next_speaker", f_next_speaker),
    ("salience", f_salience),
    ("most_salient", f_most_salient),
    ("in_title", f_in_title),
    ("in_lede", f_in_lede),
    ("only_after", f_only_after),
)
# Features crossed with the kind of source words: what counts for a pronoun is not what counts
# for a description or for a quotation with no cue (a gender clash is near certain against a
# pronoun, "a-t-elle ajouté", and says little against an organisation's grammatical gender).
CROSSED = ("rule", "rule_words", "self", "named_in_source", "named_in_complement", "self_described_elsewhere", "head_described", "words_described", "gender_agrees", "gender_clashes",
           "distance_before", "recency_first", "previous_speaker_near", "same_sentence", "talked_about",
           "salience", "only_after", "type_clash", "is_org")
KINDS = ("name", "pronoun", "plural_pronoun", "on", "definite", "demonstrative", "plural", "indefinite", "other", "none",
         "refused")


def featurize(sc: Scene, d: Draft, src: Source, c: Candidate, st: dict) -> dict[str, float]:
    p = sc.persons.get(c.ref) if c.ref else None
    out: dict[str, float] = {}
    for name, fn in FEATURES:
        v = fn(sc, d, src, c, p, st)
        if v:
            out[name] = v
    for name in CROSSED:
        if name in out:
            out[f"{name}|{src.kind}"] = out[name]
    for name in ("rule", "rule_words"):
        if name in out:
            out[f"{name}|{d.reason}"] = out[name]
            out[f"{name}|{d.reason}|{src.kind}"] = out[name]
    return out


@dataclass
class Discourse:
    """What the quotes before tell about the next one: the previous quote's speaker (offset,
    entity) and the entity each description of a source stood for."""

    previous: tuple[int, str] | None = None
    described: dict[str, str] = field(default_factory=dict)

    def said(self, sc: Scene, d: Draft, entity: str | None) -> None:
        if entity is None:
            return
        self.previous = (d.content[0], entity)
        if d.source is not None:
            key = _words_key(sc.work.text[d.source[0]:d.source[1]])
            if key:
                self.described.setdefault(key, entity)


def _words_key(words: str) -> str:
    return " ".join(norm(w) for w in _WORD.findall(words))


def _state(sc: Scene, d: Draft, discourse: Discourse) -> dict:
    """Discourse state at a quote: the order in which persons were last named, the previous
    quote's speaker, the entity the same words of a source stood for before."""
    at = _anchor(d)
    ix = sc.index
    # the persons by their last mention before the quote, the latest first (the features read
    # the first two, and the first person); the persons by their last place as a subject
    last = ix.latest(at, ix.named, ix.named_at,
                     lambda found: len(found) >= 2 and any(ix.types[pid] == "PER" for pid in found))
    subj = ix.latest(at, ix.subjects, ix.subject_at, lambda found: len(found) >= 2)
    # the person named most often in the paragraph before the quote (twice at least, alone)
    par_start = sc.paragraph_starts[sc.paragraph(at)] if sc.paragraph(at) >= 0 else at
    counts: dict[str, int] = {}
    for _, pid in ix.named[bisect.bisect_left(ix.named_at, par_start):bisect.bisect_left(ix.named_at, at)]:
        counts[pid] = counts.get(pid, 0) + 1
    best = max(counts.values(), default=0)
    topic = next(pid for pid, v in counts.items() if v == best) \
        if best >= 2 and sum(1 for v in counts.values() if v == best) == 1 else None
    same = discourse.described.get(_words_key(sc.work.text[d.source[0]:d.source[1]])) if d.source else None
    return {"recency": {pid: k for k, pid in enumerate(last[:2])},
            "recent_person": {pid: k for k, pid in enumerate([x for x in last if ix.types[x] == "PER"][:1])},
            "previous": discourse.previous, "same_words": same,
            "recent_subject": {pid: k for k, pid in enumerate(subj[:2])}, "topic": topic}


def _linked(sc: Scene, p: Person) -> Person | None:
    """The named person an entity known only by a description stands for ("la présidente du
    Rassemblement national" for "Marine Le Pen, présidente du RN"): the one named person whose
    name was written next to the description's head noun (and next to the organisation or
    place of its complement, when it has one), of a gender that agrees."""
    if p.type != "PER" or p.name[:1].isupper():
        return None
    if p.id in sc.links:
        return sc.persons.get(sc.links[p.id] or "")
    span = sc.work.doc.char_span(p.starts[0], p.starts[0] + len(p.name), alignment_mode="expand")
    # the head noun as the descriptors hold it: its lemma ("présidente" -> "président")
    head = next((_lemma(t) for t in span if t.pos_ == "NOUN"), None) if span is not None else None
    found = None
    if head is not None:
        named = {x for x in (sc.named_at(t.idx) for t in span) if x}
        fits = [q for q in (sc.persons[pid] for pid in sc.index.described([head]))
                if q.id != p.id and q.type == "PER" and q.name[:1].isupper()
                and head in q.descriptors and not (p.gender and q.gender and p.gender != q.gender)
                and (not named or any("@" + x in q.descriptors for x in named))]
        found = fits[0] if len(fits) == 1 else None
    sc.links[p.id] = found.id if found else None
    return found


def gen_entities(sc: Scene, d: Draft, src: Source):
    """The persons and organisations named within reach, the most mentioned ones, the rules' choice;
    an entity known only by a description that stands for a named person is that person."""
    at = _anchor(d)
    ix = sc.index
    # named at most REACH_BEFORE characters outside quotations before, REACH_AFTER after, or in the source
    near = ix.named_in(ix.distance_reach(at, REACH_BEFORE), at) | ix.named_in(d.content[1], d.content[1] + REACH_AFTER + 1)
    if d.source is not None:
        near |= ix.named_in(d.source[0], d.source[1])
    near |= set(sc.salient)
    if d.rule is not None and d.rule.entity in sc.persons:
        near.add(d.rule.entity)
    for p in (sc.persons[pid] for pid in sorted(near, key=ix.order.__getitem__)):
        q = _linked(sc, p)
        mention = Span.of(sc.work.text, *d.source) if d.source else None
        if q is not None:
            yield Candidate(p.id, q.name, q.id, mention, via=p.id)
        else:
            yield Candidate(p.id, p.name, p.id, mention)


def gen_described(sc: Scene, d: Draft, src: Source):
    """For a description, the named persons written next to its head noun or to the organisation
    or place of its complement anywhere in the article ("le représentant de l'ONU" for an envoy
    named far before as "X, représentant de l'ONU")."""
    if d.source is None or (src.base or src.kind) not in ("definite", "demonstrative", "indefinite") or src.head is None:
        return
    for p in (sc.persons[pid] for pid in sc.index.described([src.head, *("@" + x for x in src.named)])):
        if p.type == "PER" and p.name[:1].isupper() and (
                src.head in p.descriptors or any("@" + x in p.descriptors for x in src.named if x != p.id)):
            yield Candidate(p.id, p.name, p.id, Span.of(sc.work.text, *d.source))


def gen_own_words(sc: Scene, d: Draft, src: Source):
    """The words of the source themselves ("un habitant", "la préfecture")."""
    if d.source is None or src.kind in ("pronoun", "plural_pronoun", "on"):
        return
    s, e = d.source
    rule_mention = d.rule.mention if d.rule is not None and d.rule.entity is None else None
    span = rule_mention if rule_mention is not None and s <= rule_mention.start and rule_mention.end <= e \
        else Span.of(sc.work.text, s, e)
    yield Candidate("self", span.text, None, span)


def gen_rules(sc: Scene, d: Draft, src: Source):
    """The rules' choice when it is no entity of the article (a name the who stage missed)."""
    r = d.rule
    if r is not None and (r.entity is None or r.entity not in sc.persons):
        yield Candidate("rule", r.name, r.entity, r.mention)


_POSSESSIVE = {"son": "le", "sa": "la", "ses": "les", "leur": "le", "leurs": "les"}


def gen_possessor(sc: Scene, d: Draft, src: Source):
    """A description with a possessive ("ses proches", "son entourage") named after its
    possessor, the person or organisation named last before it: "les proches de Nathan C."."""
    if d.source is None or src.kind not in ("definite", "plural"):
        return
    s, e = d.source
    words = sc.work.text[s:e].split()
    det = norm(words[0]) if words else ""
    if det not in _POSSESSIVE or len(words) < 2:
        return
    # the person named last before s (of several named there, the first in the persons' order)
    ix = sc.index
    k = bisect.bisect_left(ix.named_at, s) - 1
    if k < 0:
        return
    first = bisect.bisect_left(ix.named_at, ix.named_at[k])
    p = sc.persons[min((pid for _, pid in ix.named[first:k + 1]), key=ix.order.__getitem__)]
    name = f"{_POSSESSIVE[det]} {' '.join(words[1:])} de {p.name}"
    yield Candidate("possessor", name, None, Span.of(sc.work.text, s, e))


def gen_document(sc: Scene, d: Draft, src: Source):
    """A document named again ("cette étude", "le sondage") under its fullest earlier mention
    ("un sondage CSA pour Malakoff Humanis"): the words that name its author."""
    if d.source is None or src.head is None or src.head not in sc.lex.source_nouns or \
            src.kind not in ("definite", "demonstrative", "plural"):
        return
    doc = sc.work.doc
    s = d.source[0]
    best = None
    for t in (doc[i] for i in sc.index.nouns(src.head)):
        if t.idx >= s:
            break
        if sc.quoted(t.idx):
            continue
        left = t.i - 1 if t.i > 0 and doc[t.i - 1].pos_ == "DET" else t.i
        right = t.i
        while right + 1 < len(doc) and right - t.i < 12:
            n = doc[right + 1]
            if n.pos_ in _STOP_POS or n.text in _STOP_TEXT or n.text == "," or n.is_sent_start:
                break
            right += 1
        span = doc[left:right + 1]
        if any(x.text[:1].isupper() for x in doc[t.i + 1:right + 1]) and (best is None or len(span) > len(best)):
            best = span
    if best is not None:
        text = best.text
        words = text.split()
        if words and norm(words[0]) in ("un", "une", "des", "ce", "cet", "cette", "ces"):
            text = " ".join(words[1:])
        yield Candidate("document", text, None, Span.of(sc.work.text, best.start_char, best.end_char))


def gen_nobody(sc: Scene, d: Draft, src: Source):
    """No speaker, for words the rules found unable to speak ("cela veut dire", "la récession
    promet"): the ranker weighs that against the words themselves and the persons around."""
    if d.refused:
        yield Candidate("nobody", "", None, None)


# Where candidates come from, in order; the first of two candidates with the same key is kept.
GENERATORS = (("entities", gen_entities), ("described", gen_described), ("own_words", gen_own_words), ("rules", gen_rules),
              ("possessor", gen_possessor), ("document", gen_document), ("nobody", gen_nobody))


def candidates(sc: Scene, d: Draft, src: Source, discourse: Discourse) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[str | None, str]] = set()
    for _name, gen in GENERATORS:
        for c in gen(sc, d, src):
            key = (c.ref, norm(c.name) if c.entity is None else "")
            if key in seen:
                continue
            seen.add(key)
            out.append(c)
    st = _state(sc, d, discourse)
    for c in out:
        c.features = featurize(sc, d, src, c, st)
    for name in EXCLUDED_BY:
        kept = [c for c in out if not c.features.get(name)]
        out = kept if kept else out
    for name in DECIDED_BY:
        chosen = [c for c in out if c.features.get(name)]
        out = chosen or out
    return out


# Hard constraints, before any weight: candidates with these features are dropped (unless
# none is left) ...
EXCLUDED_BY = ("named_in_cue_clause",)   # a pronoun does not stand for a name of its own clause
# ... and when some candidates have these, only they remain.
DECIDED_BY = ("repeated_words",)         # a heading repeating a quote has that quote's source


# -- the model --------------------------------------------------------------------------------
_RULES_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("rules_only", default=False)


@contextlib.contextmanager
def rules_only():
    """Within it, the rules' choices stand whatever weights are shipped: training reads the
    articles so, and its result then does not depend on the weights it replaces."""
    token = _RULES_ONLY.set(True)
    try:
        yield
    finally:
        _RULES_ONLY.reset(token)


def weights(name: str = MODEL) -> dict[str, float] | None:
    return None if _RULES_ONLY.get() else _shipped(name)


@functools.lru_cache(maxsize=None)
def _shipped(name: str) -> dict[str, float] | None:
    data = resources.load_model(name)
    return dict(data["weights"]) if data else None


def score(w: dict[str, float], features: dict[str, float]) -> float:
    return sum(w.get(k, 0.0) * v for k, v in features.items())


def choose(cands: list[Candidate], w: dict[str, float]) -> tuple[Candidate, float] | None:
    if not cands:
        return None
    scores = [score(w, c.features) for c in cands]
    top = max(scores)
    z = sum(math.exp(s - top) for s in scores)
    k = scores.index(top)
    return cands[k], 1.0 / z


@dataclass(frozen=True, slots=True)
class Choice:
    """The speaker chosen for a quote, how sure the ranker is, and whether the words of the
    source are a mention of the speaker's entity (a pronoun, or a description the text writes
    next to that name) that the entity stage may adopt."""

    speaker: Speaker | None
    confidence: float
    mention: tuple[str, Mention] | None = None


_LINKS = ("head_described", "same_words", "named_in_source")


def attribute(sc: Scene, drafts: list[Draft]) -> list[Choice]:
    """The speaker of each quote, in the order of the drafts."""
    w = weights()
    out: list[Choice] = []
    discourse = Discourse()
    for d in drafts:
        if w is None:
            out.append(Choice(d.rule, 1.0 if d.rule else 0.0))
            continue
        src = source(sc, d)
        picked = choose(candidates(sc, d, src, discourse), w)
        if picked is None:
            out.append(Choice(d.rule, 0.5 if d.rule else 0.0))
            continue
        c, conf = picked
        if c.key == "nobody":
            out.append(Choice(None, conf))
            continue
        if c.key == "rule":
            sp = d.rule
        elif c.entity is None:
            sp = Speaker(c.name, None, c.mention)
        else:
            mention = c.mention
            if mention is None and d.rule is not None and d.rule.entity == c.ref:
                mention = d.rule.mention
            sp = Speaker(c.name, c.entity, mention)
        proposal = None
        if sp is not None and sp.entity and d.source is not None and sp.mention is not None and \
                (src.kind in ("pronoun", "plural_pronoun") or src.kind in ("definite", "demonstrative", "plural")
                 and any(c.features.get(k) for k in _LINKS)):
            kind = "pronoun" if src.kind in ("pronoun", "plural_pronoun") else "nominal"
            proposal = (sp.entity, Mention(sp.mention.start, sp.mention.end, sp.mention.text, kind, round(conf, 3)))
        out.append(Choice(sp, conf, proposal))
        discourse.said(sc, d, sp.entity if sp is not None else None)
    return out
