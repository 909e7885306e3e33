"""From the words designating a source to a ``Speaker``: entity, most complete name, mention."""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from .. import resources
from ..records import Mention, Span, Speaker
from ..work import Work
from . import spans
from .lexicon import Lexicon, norm
from .sources import _RECENT, SourceRules

log = logging.getLogger(__name__)


def _coref():
    try:
        from ..who.coref import antecedent
    except ImportError:
        return None
    return antecedent


class _Named:
    """A person named in the text whom the who stage did not list: a speaker without entity."""

    id = None
    type = "PER"

    def __init__(self, name: str):
        self.name = name


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the rules make of the words of a source: a speaker (or none) and the rule that
    decided. ``refused``: the words name something that cannot speak, so the quote has no
    speaker rather than a neighbour's."""

    speaker: Speaker | None
    reason: str

    @property
    def refused(self) -> bool:
        return self.reason == "refused"


class Resolver(SourceRules):
    def __init__(self, work: Work, lex: Lexicon, quoted: list[tuple[int, int]] = ()):
        self.work, self.lex = work, lex
        # names inside a quotation are people the speaker talks about, not sources; and
        # distances skip quoted words, so a long quote does not push its speaker out of reach
        self._quoted = [0] * (len(work.text) + 1)
        inside = bytearray(len(work.text))
        for qs, qe in quoted:
            qs, qe = max(0, qs), min(len(inside), qe)
            inside[qs:qe] = b"\x01" * (qe - qs)
        for i, b in enumerate(inside):
            self._quoted[i + 1] = self._quoted[i] + b
        self._named = sorted((m.start, m.end, e) for e in work.entities if e.type in ("PER", "ORG")
                             for m in e.mentions if m.kind == "name")
        self._indexed = spans.Text(work.text)
        # every mention by where it is, its value (entity index, mention index): the scans of
        # the rules below read only the mentions in their range, in the order of the entities
        kinds: dict[str, list] = {"name": [], "nominal": [], "other": []}
        for i, ent in enumerate(work.entities):
            for j, m in enumerate(ent.mentions):
                kinds.get(m.kind, kinds["other"]).append((m.start, m.end, (i, j)))
        self._names_at = spans.Spans(kinds["name"])
        self._nominals_at = spans.Spans(kinds["nominal"])
        self._mentions_at = spans.Spans(kinds["name"] + kinds["nominal"] + kinds["other"])
        self._person_names: dict[str, tuple[int, int]] = {}  # a person's name as written -> first (entity, mention)
        self._name_words: dict[str, set[str]] = {}  # a capitalised word of a person's name -> entity ids
        for i, ent in enumerate(work.entities):
            if ent.type != "PER":
                continue
            for j, m in enumerate(ent.mentions):
                if m.kind == "name":
                    self._person_names.setdefault(m.text, (i, j))
            for w in ent.name.split():
                if len(w) >= 4 and w[:1].isupper():
                    self._name_words.setdefault(w, set()).add(ent.id)
        from ..who.names import genders
        female = {n for n, g in genders().items() if g == "f"}
        self._male_names = {n for n, g in genders().items() if g == "m"}
        self._female_names = female
        # a name starting with a known first name is a person's, whatever type the parser gave
        self._first_named = {e.id for e in work.entities if e.type in ("MISC", "LOC") and e.name.split()
                             and norm(e.name.split()[0]) in female}
        self.persons: list[tuple[int, int, str]] = sorted(
            (m.start, m.end, e.id) for e in work.entities if e.type == "PER" or e.id in self._first_named
            for m in e.mentions if m.kind == "name")
        self._starts = [p[0] for p in self.persons]
        self._longest = max((p[1] - p[0] for p in self.persons), default=0)
        self._norm_text: str | None = None
        self._tok_starts = [t.idx for t in work.doc] if work.doc is not None else []
        self.feminine = {e.id for e in work.entities if (e.type == "PER" or e.id in self._first_named) and e.name.split()
                         and norm(e.name.split()[0]) in female}
        self.masculine = self._masculine()
        # persons the who stage refers to with feminine pronouns only (first names not listed)
        for ent in work.entities:
            g = [self._gender([norm(m.text.lstrip("-"))]) for m in ent.mentions if m.kind == "pronoun"]
            if ent.type == "PER" and ent.id not in self.masculine and g.count("f") >= 2 and "m" not in g:
                self.feminine.add(ent.id)
        self.subjects = [p for p in self.persons if self._is_subject(p[0], p[1]) and not self._in_quote(p[0])]
        self._subject_starts = [p[0] for p in self.subjects]
        self.last: tuple[int, Speaker] | None = None  # (offset, speaker) of the previous quote
        self._topic: set[str] = set()
        self._person_like: set[str] = set()
        self.org_described: dict[str, tuple[str, str]] = {}  # description -> organisation it named
        self.history: list[tuple[int, Speaker]] = []  # (offset, speaker) of every quote so far
        self.antecedent = _coref()

    def _in_quote(self, at: int) -> bool:
        return self._quoted[at + 1] > self._quoted[at]

    def _dist(self, a: int, b: int) -> int:
        """Characters from a to b outside quotations."""
        a, b = max(0, min(a, b)), min(len(self.work.text), max(a, b))
        return (b - a) - (self._quoted[b] - self._quoted[a])

    def _masculine(self) -> set[str]:
        """Persons the who stage refers to with masculine pronouns more than feminine ones:
        the list of first names only tells women apart, this tells men apart."""
        out = set()
        for e in self.work.entities:
            if e.type != "PER" or e.id in self.feminine:
                continue
            g = [self._gender([norm(m.text.lstrip("-"))]) for m in e.mentions if m.kind == "pronoun"]
            firsts = {norm(m.text.split()[0]) for m in e.mentions if m.kind == "name" and len(m.text.split()) > 1}
            surname = e.name.split()[-1] if len(e.name.split()) > 1 else None
            if surname:
                # a woman of the same family named anywhere ("Hillary Clinton") makes the bare
                # surname ambiguous
                firsts |= {norm(w) for w in self._indexed.words_before(surname)}
            # a known masculine first name, unless the entity also holds a woman's name (two
            # people of one family merged: "Bill Clinton" and "Hillary Clinton") or her pronouns
            if firsts & self._male_names and not firsts & self._female_names and g.count("f") <= g.count("m") \
                    or g.count("m") > g.count("f"):
                out.add(e.id)
        return out

    def _is_subject(self, s: int, e: int) -> bool:
        doc = self.work.doc
        span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
        if span is None:
            return False
        def climb(tok):
            while tok.dep_ in ("flat:name", "flat", "appos", "compound") and tok.head is not tok:
                tok = tok.head
            return tok
        if climb(span.root).dep_.startswith("nsubj"):
            return True
        # a name glued to a lost sentence end ("(JDD).M. X") has its own subject inside
        last = climb(span[-1])
        return last.dep_.startswith("nsubj") and span.start <= last.i < span.end and last.pos_ == "PROPN"

    def _entity_in(self, s: int, e: int):
        """The entity named inside [s, e), a person first."""
        found = []
        text = self.work.text
        for i, j in sorted(v for _, _, v in self._names_at.within(s, e)):
            ent = self.work.entities[i]
            m = ent.mentions[j]
            before = norm(text[max(s, m.start - 12):m.start]).split()
            # a courtesy title sits between the complement's preposition and the name
            while before and before[-1] in self.lex.honorifics:
                before.pop()
            if before and before[-1] in ("de", "du", "des", "d'", "of") or text[max(s, m.start - 2):m.start].endswith("d'"):
                continue  # a complement of the head noun, not the source
            lead = [w for w in norm(text[s:m.start]).replace("'", "' ").split() if w not in self.lex.determiners]
            if ent.type == "PER" or not lead:
                found.append((ent.type != "PER", m.start, ent, m))
        if not found:
            return None
        found.sort(key=lambda x: (x[0], x[1]))
        return found[0][2], found[0][3]

    def _agrees(self, entity_id: str | None, gender: str | None) -> bool:
        # only feminine first names are known: a masculine pronoun rules them out, while a
        # feminine one may still stand for a person whose first name is not on the list
        if entity_id is not None and entity_id in self._topic:
            return False
        if entity_id is None or gender is None:
            return True
        if gender == "f":
            return entity_id not in self.masculine
        return entity_id not in self.feminine

    def _refer(self, s: int, e: int, gender: str | None = None, description: bool = False) -> tuple[str | None, str] | None:
        self._linked = not description
        """The entity a pronoun or a role noun at [s, e) stands for: (entity id, name).

        In news reporting a pronoun cue ("a-t-il ajouté") nearly always continues the
        current source: the previous quote's speaker or the last person written as a subject,
        whichever is nearer, provided the gender agrees (known from feminine first names)."""
        cands = []
        if gender == "f":
            # the nearest woman named shortly before competes with the current source
            k = bisect.bisect_left(self._starts, s) - 1
            while k >= 0 and self._dist(self.persons[k][0], s) < 2 * _RECENT:
                if self.persons[k][2] in self.feminine and not self._in_quote(self.persons[k][0]) \
                        and self.persons[k][2] not in self._topic:
                    ent = self.work.entity(self.persons[k][2])
                    if ent is not None:
                        cands.append((self.persons[k][0], ent))
                        break
                k -= 1
        if self.last and self._dist(self.last[0], s) < _RECENT and self.last[1].entity and self._agrees(self.last[1].entity, gender):
            ent = self.work.entity(self.last[1].entity)
            # a speaker the parser took for a place it cannot code is a person it did not know
            if ent is not None and (ent.type == "PER" or ent.id in self._person_like or ent.id in self._first_named
                                    or ent.type in ("LOC", "MISC") and ent.country is None and ent.sector is None):
                cands.append((self.last[1].mention.start if self.last[1].mention else self.last[0], ent))
        if not cands and gender == "f" and self.last and self._dist(self.last[0], s) < _RECENT:
            # the current source may be an institution written with a determiner of the
            # pronoun's gender ("la direction de la centrale ... a-t-elle ajouté")
            sp = self.last[1]
            ent = self.work.entity(sp.entity) if sp.entity else None
            if (ent is None or ent.type != "PER") and sp.mention is not None:
                # the words that named it: the mention, or the name behind a pronoun or a
                # document ("elle", "un communiqué" of "la préfecture")
                words = self._split(sp.mention.text)
                if (not words or words[0] not in self.lex.feminine or " ".join(words) in self.lex.pronouns) \
                        and self._split(sp.name)[:1] and self._split(sp.name)[0] in self.lex.feminine:
                    words = self._split(sp.name)
                if words and words[0] in self.lex.feminine and " ".join(words) not in self.lex.pronouns:
                    near = bisect.bisect_left(self._subject_starts, s) - 1
                    if near < 0 or self.subjects[near][0] < sp.mention.start:
                        return (ent.id, ent.name) if ent else (None, sp.name)
        k = bisect.bisect_left(self._subject_starts, s) - 1
        while k >= 0 and self._dist(self.subjects[k][0], s) < 2 * _RECENT:
            if self._agrees(self.subjects[k][2], gender):
                ent = self.work.entity(self.subjects[k][2])
                if ent is not None:
                    cands.append((self.subjects[k][0], ent))
                break
            k -= 1
        if cands:
            ent = max(cands, key=lambda c: c[0])[1]
            return ent.id, ent.name
        if description:
            # a description with no current source nearby names someone new (often named
            # further on), not whoever was last mentioned in passing
            return None
        k = bisect.bisect_left(self._starts, s) - 1
        while k >= 0:
            if self._agrees(self.persons[k][2], gender) and not self._in_quote(self.persons[k][0]):
                ent = self.work.entity(self.persons[k][2])
                if ent is not None:
                    return ent.id, ent.name
            k -= 1
        if self.antecedent is not None:
            try:
                ent = self.antecedent(self.work, s, e)
            except Exception:  # coreference is best effort here; the rules above come first
                log.debug("coreference failed at %d-%d", s, e, exc_info=True)
                ent = None
            if ent is not None and any(m.kind == "name" and m.end <= s and not self._in_quote(m.start) for m in ent.mentions):
                return ent.id, ent.name
        return None

    def _refer_group(self, s: int) -> tuple[str | None, str] | None:
        """A plural pronoun continues the previous quote's source when that source was a group
        (an organisation, or words naming several people); a single person is never "ils"."""
        if self.last and self._dist(self.last[0], s) < _RECENT:
            sp = self.last[1]
            ent = self.work.entity(sp.entity) if sp.entity else None
            if ent is not None and ent.type != "PER":
                return ent.id, ent.name
            if ent is None and sp.mention is not None and norm(sp.mention.text) not in self.lex.pronouns:
                return None, sp.name
        doc = self.work.doc
        # or the nearest plural subject before ("les fillonistes ne décolèrent pas. Pour eux, ...")
        plural = None
        if doc is not None:
            k = bisect.bisect_left(self._tok_starts, s) - 1
            while k >= 0 and self._dist(doc[k].idx, s) < _RECENT:
                t = doc[k]
                if t.dep_.startswith("nsubj") and t.pos_ == "NOUN" and t.morph.get("Number") == ["Plur"] \
                        and not self._in_quote(t.idx):
                    left = min(x.i for x in t.subtree if x.i <= t.i)
                    plural = (doc[left].idx, t.idx + len(t.text))
                    break
                k -= 1
        # or the last people named together ("Cécile et Paul Martin")
        k = bisect.bisect_left(self._starts, s) - 1
        while k >= 0 and self._dist(self.persons[k][0], s) < 2 * _RECENT:
            if plural is not None and self.persons[k][0] < plural[0]:
                break
            ps, pe, eid = self.persons[k]
            span = doc.char_span(ps, pe, alignment_mode="expand")
            if span is not None and not self._in_quote(ps) and (
                    span.root.dep_ == "conj" or any(c.dep_ == "conj" for c in span.root.children)):
                ent = self.work.entity(eid)
                return (ent.id, ent.name) if ent else None
            k -= 1
        if plural is not None:
            return None, self.work.text[plural[0]:plural[1]]
        return None

    def _gender(self, words: list[str]) -> str | None:
        if not words:
            return None
        if words[0] in self.lex.feminine:
            return "f"
        if words[0] in self.lex.masculine:
            return "m"
        return None

    def _known_nominal(self, s: int, e: int, sure: float = 0.0) -> tuple[str, str] | None:
        """A description the who stage already attached to a person ("le procureur"); with
        ``sure``, only links at least that confident (an apposition to the name)."""
        for i, j in sorted(v for _, _, v in self._nominals_at.within(s, e)):
            ent = self.work.entities[i]
            if ent.type != "PER":
                continue
            m = ent.mentions[j]
            if (m.end - m.start) * 2 > e - s and m.confidence >= sure and not any(
                    n.kind == "name" and s <= n.start < e and re.search(r"\b(?:de|du|des|d'|d’|of)\s*$",
                                                                   self.work.text[max(s, n.start - 5):n.start])
                    for n in ent.mentions):  # "l'avocat des parents d'Arthur" is not Arthur
                return ent.id, ent.name
        return None

    def _introduced(self, words: list[str], s: int) -> tuple[str, str] | None:
        """The person a description was first attached to ("X, le terroriste", "le procureur
        X"): the named person written next to an earlier use of the same words.
        The longest earlier match wins; a lone generic title ("le président") is not enough."""
        body = [w for w in words[1:] if w not in self.lex.determiners]
        text = self._norm_prefix(s)
        for n in range(min(len(body), 4), 0, -1):
            if n == 1 and (body[0] in self.lex.generic_titles or len(body[0]) < 4):
                return None
            phrase = " ".join(body[:n]).replace("' ", "'")
            best = None
            gender = self._gender(words)
            for m0, m1 in spans.find_word(text, phrase):
                det = text[max(0, m0 - 6):m0].replace("'", "' ").split()[-1:]
                if gender and self._gender(det) and self._gender(det) != gender:
                    continue  # "la commissaire" does not introduce "le commissaire"
                for ms, me, eid in self._next_to(m0, m1):
                    if gender == "m" and eid in self.feminine or gender == "f" and eid in self.masculine:
                        continue
                    if me > s or (ms < m1 and m0 < me) or re.search(r"\b(?:de|du|des|d'|d’|of)\s*$", text[max(0, ms - 5):ms]):
                        continue  # a complement of the description, not the person it describes
                    # written next to the name: "X, le terroriste", "le procureur X"
                    gap = text[me:m0] if ms < m0 else text[m1:ms]
                    if len(gap) > 40 or re.search(r"[.\n«»\"“”;:()]", gap) or len(gap.split()) > 4:
                        continue
                    d = len(gap)
                    if best is None or d < best[0]:
                        best = (d, eid)
            if best is not None:
                ent = self.work.entity(best[1])
                return (ent.id, ent.name) if ent else None
        return None

    def _norm_prefix(self, s: int) -> str:
        """``norm(text[:s])``, cut from the article's text normalised once when that is the same."""
        text = self.work.text
        if self._norm_text is None:
            self._norm_text = norm(text)
        if len(self._norm_text) != len(text) or "Σ" in text:  # lower case not character by character
            return norm(text[:s])
        return self._norm_text[:s]

    def _next_to(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The persons' names that may stand within 40 characters of the words at [a, b): those
        ending at a - 40 or later and starting before b + 41 (``_introduced``, ``_described``:
        a name further away has a gap of more than 40 characters and is passed over)."""
        lo = bisect.bisect_left(self._starts, a - 40 - self._longest)
        return self.persons[lo:bisect.bisect_left(self._starts, b + 41)]

    def _described(self, words: list[str], s: int, e: int) -> tuple[str, str] | None:
        """The person a role description ("le premier secrétaire du PS") stands for, when the
        article writes that role next to a name elsewhere ("Olivier Faure, premier secrétaire
        du PS", "le ministre Bruno Le Maire"): the person whose name sits closest to the most
        words of the description, within one sentence; ties go to the nearest name before."""
        office = self._office(words)
        if office is not None:
            # an office named without its country is only clear when all officials are of one
            label, country = office
            officials = {e.country for e in self.work.entities if e.type == "PER" and e.sector == "GOV"}
            holders = [e for e in self.work.entities if e.type == "PER" and e.role == label
                       and (e.country == country if country else len(officials) == 1)]
            if len(holders) == 1:
                return holders[0].id, holders[0].name
        body = [w.strip("()[]«»\"“”,;") for w in words[1:] if w not in self.lex.determiners]
        body = [w for w in body if len(w) > 2]  # "(LFI)" counts as "lfi"
        head = next((w for w in body if w in self.lex.person_nouns), None)
        if head is None:
            return None
        text = self._norm_prefix(len(self.work.text))
        gender = self._gender(words)
        best: tuple | None = None
        for m0, m1 in spans.find_word(text, head):
            if s <= m0 < e:
                continue
            det = text[max(0, m0 - 6):m0].replace("'", "' ").split()[-1:]
            if gender and self._gender(det) and self._gender(det) != gender:
                continue  # "la commissaire" is another person than "le commissaire"
            window = text[max(0, m0 - 40):m1 + 60]
            score = sum(1 for w in set(body) if re.search(r"\b" + re.escape(w) + r"\b", window))
            for ms, me, eid in self._next_to(m0, m1):
                # the name must stand next to the title: apposition or title before the name
                gap = text[me:m0] if ms < m0 else text[m1:ms]
                if len(gap) > 40 or re.search(r"[.\n«»\"“”;:()]", gap) or len(gap.split()) > (3 if ms < m0 else 5):
                    continue
                if not self._agrees(eid, gender) or gender == "m" and eid in self.feminine \
                        or gender == "f" and eid in self.masculine:
                    continue
                if len(set(body)) >= 2 and score < 2:
                    continue  # "le président de la FFF" is not any "président": its complement must match
                dist = s - ms if ms < s else 10 * (ms - s)
                key = (score, -len(gap.split()), -dist)
                if best is None or key > best[0]:
                    best = (key, eid)
        if best is None:
            return None
        ent = self.work.entity(best[1])
        return (ent.id, ent.name) if ent else None

    def _office(self, words: list[str]) -> tuple[str, str | None] | None:
        """The office a description names ("le Premier ministre": head of government), as
        the who stage labels it in ``Entity.role`` for the persons it knows hold it."""
        try:
            from ..who.actors import lexicon as who_lexicon
            from ..who.knowledge import norm as who_norm
        except ImportError:
            return None
        lex = who_lexicon(self.work.language, tuple(self.work.options.kb_paths))
        # only the leading determiner goes: "chef de l'Etat" keeps its own
        lead = 1 if words[:1] and words[0] in self.lex.determiners else 0
        toks = who_norm(" ".join(words[lead:])).split()
        found = lex.title_at(toks)
        if not found or not found[1].get("office"):
            return None
        # a complement changes the office: "la présidente du Rassemblement national" is not
        # a head of state; only a country may follow ("le président russe")
        rest = toks[len(found[0].split()):]
        if rest and not all(t in lex.adjectives for t in rest):
            return None
        label = lex.office_labels.get(found[1]["office"])
        return (label, found[1].get("country")) if label else None

    @staticmethod
    def _split(phrase: str) -> list[str]:
        return [norm(w) for w in phrase.replace("'", "' ").replace("’", "’ ").split()]

    def _is_role(self, words: list[str]) -> bool:
        if len(words) < 2 or len(words) > 8 or words[0] not in self.lex.determiners:
            return False
        return words[1] in self.lex.person_nouns or (len(words) > 2 and words[2] in self.lex.person_nouns)

    def _topics(self, content: tuple[int, int] | None) -> set[str]:
        """Persons the reported words talk about in the third person: not their speaker."""
        if content is None:
            return set()
        cs, ce = content
        words = set(re.findall(r"\w+", self.work.text[cs:ce]))
        out = set()
        for _, _, (i, j) in self._mentions_at.within(cs, ce):
            ent = self.work.entities[i]
            if ent.type == "PER" and ent.mentions[j].kind != "pronoun":
                out.add(ent.id)
        for w in words:
            out |= self._name_words.get(w, set())
        return out

    def resolve(self, span: tuple[int, int] | None, at: int, content: tuple[int, int] | None = None) -> Resolution:
        """The speaker the words of a source designate, and the rule that decided it.

        The steps of ``STEPS`` run in order on the words: a narrowing step gives narrower words
        (or refuses them), a rule gives a resolution or passes. Without any rule deciding, the
        words themselves are the source."""
        self._topic = self._topics(content)
        self._linked = True
        if span is None:
            return Resolution(None, "no source")
        words = Words(*span)
        for name, step in STEPS:
            out = step(self, words)
            if isinstance(out, Words):
                words = out
            elif isinstance(out, Resolution):
                return self._settle(out, at)
        s, e = words.s, words.e
        return self._settle(Resolution(Speaker(self.work.text[s:e], None, Span(s, e, self.work.text[s:e])), "own words"), at)

    def _settle(self, r: Resolution, at: int) -> Resolution:
        """Remember a speaker as the current source (and the description of an organisation it
        was named by); refusals leave the discourse as it was."""
        sp = r.speaker
        if sp is None:
            return r
        if sp.entity and sp.mention is not None:
            # however a description of an organisation was resolved, it names the same one again
            words = self._split(sp.mention.text)
            body = [w for w in words if w not in self.lex.determiners]
            if words[:1] and words[0] in self.lex.determiners and 1 <= len(body) <= 3 and body[0] in self.lex.org_nouns:
                self.org_described.setdefault(" ".join(body), (sp.entity, sp.name))
        self.last = (at, sp)
        self.history.append(self.last)
        return r

    # -- the steps, in the order of STEPS -------------------------------------------------------
    def _cut_circumstance(self, w: "Words"):
        """A circumstance or a participial clause before the source ("Sur le plateau de BFMTV, la
        présidente du syndicat"; "S'estimant accusé à tort, l'ancien chargé de mission") is cut
        at its last comma; words that are only a circumstance name no source."""
        text, doc = self.work.text, self.work.doc
        s, e = w.s, w.e
        first = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
        if first is None or not len(first):
            return None
        named_first = bool(self._names_at.starting_in(s, s + 1))
        opener = any(t.pos_ in ("VERB", "AUX") for t in first if t.idx < next((c.idx for c in first if c.text == ","), -1))
        if not (first[0].pos_ in ("ADP", "VERB", "SCONJ", "CCONJ", "PUNCT") or opener) \
                or norm(first[0].text) in self.lex.pronouns or named_first:
            return None
        commas = [t for t in first if t.text == ","]
        if not commas or commas[-1].idx + 1 >= e:
            return Resolution(None, "circumstance")
        s = commas[-1].idx + 1
        while s < e and text[s].isspace():
            s += 1
        return Words(s, e)

    def _rule_relative(self, w: "Words"):
        """A relative pronoun right after a name reports for that name."""
        if norm(self.work.text[w.s:w.e].strip()) in self.lex.relatives:
            named = self._antecedent_of_relative(w.s)
            if named is not None:
                return Resolution(named, "relative")
        return None

    def _narrow_clean(self, w: "Words"):
        cleaned = self._clean(w.s, w.e)
        return Resolution(None, "refused") if cleaned is None else Words(*cleaned)

    def _narrow_agent(self, w: "Words"):
        agent = self._agent(w.s, w.e)
        return Words(*agent) if agent is not None else None

    def _found(self, w: "Words", found, reason: str) -> Resolution:
        """A named entity found in the words: the person a role-only entity describes stands for
        it ("Le terroriste"); a name after a person noun is a person's ("la présidente du
        syndicat X", whose gender it also tells)."""
        if self._is_role(self._split(found[0].name)):
            words = self._split(found[0].name)
            ref = self._described(words, w.s, w.e) or self._refer(w.s, w.e, self._gender(words), description=True)
            if ref and ref[0] and ref[0] != found[0].id:
                found, reason = (self.work.entity(ref[0]), found[1]), "described entity"
        ent, m = found
        lead = self._split(self.work.text[w.s:m.start])
        if ent.id and len(lead) >= 2 and lead[1] in self.lex.person_nouns:
            self._person_like.add(ent.id)
            if lead[0] in self.lex.feminine:
                self.feminine.add(ent.id)
                self.masculine.discard(ent.id)
        return Resolution(Speaker(ent.name, ent.id, Span(m.start, m.end, m.text)), reason)

    def _rule_named(self, w: "Words"):
        """Names in the words: several coordinated, one entity, or a name ending a description."""
        for name, rule in (("coordinated", self._coordinated), ("named", self._entity_in), ("tail name", self._tail_name)):
            found = rule(w.s, w.e)
            if found is not None:
                return self._found(w, found, name)
        return None

    def _narrow_impersonal(self, w: "Words"):
        """The document an impersonal cue reads from ("est-il écrit dans la lettre")."""
        span = self._impersonal(w.s, w.e)
        return Words(*span, impersonal=True) if span is not None else None

    def _rule_impersonal(self, w: "Words"):
        if not w.impersonal:
            return None
        found = self._entity_in(w.s, w.e)
        return self._found(w, found, "impersonal") if found is not None else None

    def _rule_apposed(self, w: "Words"):
        """Persons named in apposition right after a description."""
        if norm(self.work.text[w.s:w.e]) in self.lex.pronouns:
            return None
        named = self._apposed(w.e)
        return Resolution(named, "apposed") if named is not None else None

    def _narrow_trim(self, w: "Words"):
        s, e = self._trim(w.s, w.e)
        s, e = self._tail(s, e) or (s, e)
        return Words(s, e, impersonal=w.impersonal)

    def _rule_on_source(self, w: "Words"):
        if w.words(self) == ["on"] and (named := self._on_source(w.s)) is not None:
            return Resolution(named, "on source")
        return None

    def _rule_same_source(self, w: "Words"):
        if " ".join(w.words(self)) in self.lex.same_source and self.last and self._dist(self.last[0], w.s) < 2 * _RECENT:
            return Resolution(Speaker(self.last[1].name, self.last[1].entity, w.span(self)), "same source")
        return None

    def _rule_document_author(self, w: "Words"):
        named = self._document_author(w.words(self), w.s)
        return Resolution(Speaker(named.name, named.entity, w.span(self)), "document author") if named else None

    def _rule_organisation(self, w: "Words"):
        ref = self._org_antecedent(w.words(self), w.s, w.e)
        return Resolution(Speaker(ref[1], ref[0], w.span(self)), "organisation described") if ref else None

    def _rule_pronoun(self, w: "Words"):
        """A pronoun stands for the current source or the person last written as a subject."""
        words = w.words(self)
        joined = " ".join(words)
        if joined not in self.lex.pronouns or words[0] == "on":
            return None
        self._topic |= self._named_after(w.e)
        ref = self._refer_group(w.s) if joined in self.lex.plural else self._refer(w.s, w.e, self._gender(words))
        if ref is None and self.last and self.last[1].entity is None and self._dist(self.last[0], w.s) < _RECENT \
                and self.last[1].mention is not None and self._tail_name(*self._bounds(self.last[1])) is not None \
                and joined not in self.lex.plural:
            ref = (None, self.last[1].name)  # a person the who stage did not list
        if ref:
            return Resolution(Speaker(ref[1], ref[0], w.span(self)), "pronoun")
        return Resolution(Speaker(w.text(self), None, w.span(self)), "pronoun unresolved")

    def _rule_description(self, w: "Words"):
        """A description of a person introduced, described or linked earlier in the text."""
        words, s, e = w.words(self), w.s, w.e
        ref = (2 <= len(words) <= 6 and words[0] in self.lex.determiners and self._introduced(words, s)) \
            or self._known_nominal(s, e, sure=0.9) \
            or (self._is_role(words) and (self._described(words, s, e) or self._refer(s, e, self._gender(words), description=True))) \
            or self._known_nominal(s, e, sure=0.8)
        if not ref:
            return None
        return Resolution(Speaker(ref[1], ref[0], w.span(self)), "description" if self._linked else "current source")

    def _rule_cannot_speak(self, w: "Words"):
        return None if self._may_speak(w.s, w.e, w.words(self)) else Resolution(None, "cannot speak")

    def _rule_after_comma(self, w: "Words"):
        """A circumstance the parser took for the subject ("De son côté, l'OSDH a fait état"):
        the name after its comma speaks; else the words name nothing that can speak."""
        if self._speaker_like(w.s, w.e, w.words(self)):
            return None
        text, e = self.work.text, w.e
        m = re.match(r"\s*,\s*(?:l['’]|la\s|le\s|les\s)?", text[e:e + 8])
        hit = next(((ms, me, ent) for ms, me, ent in self._named if m and ms == e + m.end()), None)
        if hit is None:
            return Resolution(None, "refused")
        ms, me, ent = hit
        return Resolution(Speaker(ent.name, ent.id, Span(ms, me, text[ms:me])), "after comma")

    def _antecedent_of_relative(self, s: int) -> Speaker | None:
        """A relative pronoun right after a name ("Daimler -qui a annoncé une enquête-",
        "M. X, qui accuse ...") reports for that name."""
        text = self.work.text
        m = re.search(r"[\s,(\-–—]*$", text[max(0, s - 6):s])
        end = s - len(m.group(0)) if m else s
        for ms, me, ent in self._named:
            if me == end and not self._in_quote(ms):
                return Speaker(ent.name, ent.id, Span(ms, me, text[ms:me]))
        return None

    def _coordinated(self, s: int, e: int):
        """Several named sources together ("Franceinfo et Foodwatch"): one speaker for all."""
        text = self.work.text
        # the parser may give only the last of coordinated subjects: "Franceinfo et Foodwatch ont"
        while True:
            lo = s  # a name joined by "et" ends where only spaces, a comma and "et" lie before s
            while lo > 0 and (text[lo - 1] in ",etand" or text[lo - 1].isspace()):
                lo -= 1
            before = [(a, b) for a, b, _ in self._names_at.ending_in(lo, s)
                      if re.fullmatch(r"\s*,?\s*(?:et|and)\s*", text[b:s])]
            if not before:
                break
            s = before[-1][0]
        inside = [(a, b) for a, b, _ in self._names_at.within(s, e)]
        if len(inside) < 2 or inside[0][0] != s or inside[-1][1] != e:
            return None
        for (a0, a1), (b0, b1) in zip(inside, inside[1:]):
            if not re.fullmatch(r"\s*(?:,|et|and)\s*", self.work.text[a1:b0]):
                return None
        # "Contacté par BFMTV, Matignon": names joined by commas alone are a list only when
        # it closes with "et"
        if not re.fullmatch(r"\s*,?\s*(?:et|and)\s*", self.work.text[inside[-2][1]:inside[-1][0]]):
            return None
        return _Named(self.work.text[s:e]), Mention(s, e, self.work.text[s:e], "name", 0.8)

    @staticmethod
    def _bounds(sp: Speaker) -> tuple[int, int]:
        return (sp.mention.start, sp.mention.end) if sp.mention else (0, 0)

    def _named_after(self, e: int) -> set[str]:
        """Persons named in the rest of a pronoun's clause: "souligne-t-elle devant les
        caméras de Brut" cannot be Brut (a pronoun does not corefer with a name it governs)."""
        text = self.work.text
        stop = re.search(r"[.;:!?\n«»\"“”]", text[e:e + 200])
        end = e + (stop.start() if stop else 200)
        return {ent.id for ms, me, ent in self._named if e <= ms and me <= end}

    def _tail_name(self, s: int, e: int):
        """A person named at the end of a description the parser left unnamed ("le chirurgien
        responsable de l'opération Keyoumars Ashkan", "le ministre de l'Économie Bruno Le
        Maire"): an entity whose name ends the words, else the capitalised words themselves."""
        text = self.work.text
        toks = [(m.start() + s, m.end() + s) for m in re.finditer(r"[\w'’-]+", text[s:e])]
        if len(toks) < 3 or not text[toks[0][0]].islower():
            return None
        # the first person's name (in the order of the entities) that ends the words after a
        # character that is not a letter or digit
        hits = sorted(self._person_names[text[i:e]] for i in range(s + 1, e + 1)
                      if not text[i - 1].isalnum() and text[i:e] in self._person_names)
        for i, j in hits:
            ent = self.work.entities[i]
            m = ent.mentions[j]
            if not self._complement_before(text[s:e - len(m.text)]):
                return ent, Mention(e - len(m.text), e, m.text, "name", 0.8)
        k = len(toks)
        while k > 0 and text[toks[k - 1][0]].isupper():
            k -= 1
        run = toks[k:]
        if len(run) < 2 or k == 0 or norm(text[toks[k - 1][0]:toks[k - 1][1]]) in self.lex.determiners \
                or norm(text[toks[k - 1][0]:toks[k - 1][1]]) in ("de", "du", "des", "d'", "d’", "of", "the", "l'", "l’"):
            return None
        return None if any(norm(text[a:b]) in self.lex.person_nouns for a, b in run) else \
            (_Named(text[run[0][0]:e]), Mention(run[0][0], e, text[run[0][0]:e], "name", 0.6))

    def _complement_before(self, before: str) -> bool:
        """Whether words end with the preposition of a complement ("la rivale de [M.]")."""
        words = norm(before).replace("'", "' ").split()
        while words and words[-1] in self.lex.honorifics:
            words.pop()
        return bool(words) and words[-1] in ("de", "du", "des", "d'", "of")

    def _apposed(self, e: int) -> Speaker | None:
        """Persons named in apposition right after a description ("sa fondatrice, Pauline
        Vanderquand"; "deux figures du mouvement, Maxime Nicolle et Eric Drouet")."""
        text = self.work.text
        # the name may follow a short complement of the description ("sa rivale aux municipales, X")
        m = re.match(r"(?:[ \t]+[\w'’-]+){0,6}?[ \t]*,[ \t]*", text[e:e + 60])
        if m is None:
            return None
        names: list[tuple[int, int, str]] = []
        at = e + m.end()
        while True:
            k = bisect.bisect_left(self._starts, at)
            if k >= len(self.persons) or self.persons[k][0] != at:
                break
            names.append(self.persons[k])
            joint = re.match(r"\s+(?:et|and)\s+", text[self.persons[k][1]:self.persons[k][1] + 6])
            if joint is None:
                break
            at = self.persons[k][1] + joint.end()
        if not names:
            return None
        start, end = names[0][0], names[-1][1]
        if not re.match(r"\s*(?:[,.;)»\"”]|$)", text[end:end + 2]):
            return None  # the name opens a clause of its own: "selon le rapport, X a dit"
        if len(names) == 1:
            ent = self.work.entity(names[0][2])
            return Speaker(ent.name, ent.id, Span(start, end, text[start:end])) if ent else None
        return Speaker(text[start:end], None, Span(start, end, text[start:end]))

    def _may_speak(self, s: int, e: int, words: list[str]) -> bool:
        """Whether words that name no known entity can still be the source: a subject, or a
        phrase headed by a noun for a person or a document. An object or a circumstance
        ("en annonçant le déconfinement", "Face à la situation") is not."""
        if words and words[0] in self.lex.pronouns or any(
                w in self.lex.person_nouns or w in self.lex.source_nouns for w in words[:3]):
            return True
        doc = self.work.doc
        span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
        if span is None or not len(span):
            return True
        root = span.root
        if len(span) == 1 and (root.pos_ == "DET" or root.pos_ == "PRON" and root.dep_ in ("obj", "iobj")):
            return False
        # a circumstance carries its own preposition inside the span
        return not (span[0].pos_ == "ADP" or any(c.dep_ == "case" and c.i < root.i and c in span for c in root.children))

    def subject_between(self, a: int, b: int) -> Speaker | None:
        """The last person written as a subject in [a, b), outside quotations."""
        k = bisect.bisect_left(self._subject_starts, b) - 1
        if k < 0 or self.subjects[k][0] < a:
            return None
        ms, me, eid = self.subjects[k]
        ent = self.work.entity(eid)
        return Speaker(ent.name, ent.id, Span(ms, me, self.work.text[ms:me])) if ent else None

    def remember(self, at: int, sp: Speaker | None) -> None:
        if sp is not None:
            self.last = (at, sp)
            self.history.append(self.last)


@dataclass(frozen=True, slots=True)
class Words:
    """The words designating a source, as the steps narrow them down."""

    s: int
    e: int
    impersonal: bool = False   # the document an impersonal cue reads from

    def text(self, r: Resolver) -> str:
        return r.work.text[self.s:self.e]

    def span(self, r: Resolver) -> Span:
        return Span(self.s, self.e, self.text(r))

    def words(self, r: Resolver) -> list[str]:
        return [norm(w) for w in self.text(r).replace("'", "' ").replace("’", "’ ").split()]


# The steps of Resolver.resolve, in order: (name, function of the resolver and the words).
STEPS = (
    ("circumstance", Resolver._cut_circumstance),
    ("relative", Resolver._rule_relative),
    ("clean", Resolver._narrow_clean),
    ("agent", Resolver._narrow_agent),
    ("named", Resolver._rule_named),
    ("impersonal document", Resolver._narrow_impersonal),
    ("impersonal", Resolver._rule_impersonal),
    ("apposed", Resolver._rule_apposed),
    ("trim", Resolver._narrow_trim),
    ("on source", Resolver._rule_on_source),
    ("same source", Resolver._rule_same_source),
    ("document author", Resolver._rule_document_author),
    ("organisation described", Resolver._rule_organisation),
    ("pronoun", Resolver._rule_pronoun),
    ("description", Resolver._rule_description),
    ("cannot speak", Resolver._rule_cannot_speak),
    ("after comma", Resolver._rule_after_comma),
)
