"""Entity mentions of an article: cleaned named mentions, grouped per referent, plus nominals.

1. Named mentions come from spaCy's entities, minus junk (page furniture, sentence-initial
   verbs, "État" out of "secrétaire d'État"), with courtesy titles trimmed and types checked
   against the knowledge base ("Moscou" is a place, "Poutine" a person).
2. Names are grouped per referent: a surname or a shorter form joins the closest earlier full
   name it is part of; ORG acronyms and their long forms stay apart unless the text pairs them.
3. Nominals ("le président russe", "la police", "le ministère de la Santé") are found from the
   title and group lexicons; an apposition ("le président russe Vladimir Poutine") codes its
   name, other nominals join the entity they designate or make one of their own.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from .. import resources
from ..records import Mention
from ..work import Work
from .actors import ActorCode, Lexicon
from .coref import is_subject
from .knowledge import norm
from .names import gender_of, genders

log = logging.getLogger(__name__)

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "NORP": "MISC",
          "MISC": "MISC", "FAC": "LOC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC"}
# parts of speech that never start a name on their own (a sentence-initial verb, an adverb)
_NOT_NAME_POS = {"VERB", "AUX", "ADV", "CCONJ", "SCONJ", "ADP", "PRON", "DET", "NUM", "PUNCT", "SYM"}
_COURTESY = {"m", "mme", "mlle", "monsieur", "madame", "mr", "mrs", "ms", "dr", "pr", "me"}


@dataclass
class Group:
    """An entity under construction."""

    type: str
    mentions: list[Mention] = field(default_factory=list)
    name: str = ""
    words: set[str] = field(default_factory=set)
    gender: str | None = None
    code: ActorCode | None = None      # from an apposition or title in the text
    kb: ActorCode | None = None        # from the knowledge base
    title_keys: set[str] = field(default_factory=set)
    subject_at: set[int] = field(default_factory=set)  # start offsets of mentions that are subjects
    borderless: bool = False           # a group that crosses borders: no default country

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def add(self, m: Mention) -> None:
        if any(x.start < m.end and m.start < x.end for x in self.mentions):
            return
        self.mentions.append(m)


def _female_names() -> set[str]:
    return {n for n, g in genders().items() if g == "f"}


def _male_names() -> set[str]:
    return {n for n, g in genders().items() if g == "m"}


def _clean_span(doc, ent, lex: Lexicon):
    """The name part of a spaCy entity (and whether a title was cut from it), or None for junk."""
    toks = list(ent)
    # "Première ministre Jacinda Ardern": the title is left to the nominal finder
    titled = False
    if len(toks) > 1:
        found = lex.title_at([norm(t.text) for t in toks])
        if found:
            k = len(found[0].split())
            if k < len(toks) and toks[k].text[:1].isupper():
                toks, titled = toks[k:], True
    # "M. Macron" -> "Macron"; a capitalised article stays ("La Haye", "Le Caire")
    while toks and (norm(toks[0].text) in _COURTESY or toks[0].is_punct
                    or (toks[0].pos_ == "DET" and toks[0].text.islower())):
        toks = toks[1:]
    # trailing punctuation and the English possessive ("Clinton's")
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].text in ("'s", "’s", "'", "’")):
        toks = toks[:-1]
    if not toks:
        return None
    toks = _with_adjectives(doc, toks)
    span = doc[toks[0].i: toks[-1].i + 1]
    text = span.text
    n = norm(text)
    if not n or n in lex.junk or not (text[0].isupper() or text[0].isdigit()):
        return None
    if len(span) == 1 and span[0].pos_ in _NOT_NAME_POS:
        return None
    if len(span) == 1 and len(text) <= 3 and span.start > 0 and doc[span.start - 1].like_num:
        return None  # a unit after a number ("730 Nm", "12 Go"), not a name
    # the end of a title, not a name: "État" in "secrétaire d'État", "State" in "Secretary of State",
    # also with the title's adjective ("État américain" in "secrétaire d'État américain")
    title_end = span.start + 1 if all(t.text.islower() or norm(t.text) in lex.adjectives for t in span[1:]) \
        else span.end
    for k in (1, 2, 3):
        if span.start - k >= 0 and any(lex._strip(norm(doc[span.start - k: end].text)) in lex.titles
                                       for end in {span.end, title_end}):
            return None
    # a country adjective before a noun ("the Russian President"), not a group of people
    if n in lex.adjectives and (span.root.pos_ == "ADJ" or span.root.dep_ in ("amod", "compound", "nmod")) \
            and span.root.head is not span.root and span.root.head.i > span.root.i:
        return None
    if all(norm(t.text) in lex.titles or t.is_punct for t in span):
        return None
    if "\n" in text:
        return None
    return span, titled


def _with_adjectives(doc, toks: list) -> list:
    """A capitalised common noun named alone, with the adjectives that follow it and are its
    own ("Convention citoyenne", "Conseil constitutionnel"): the parser sees the adjective, the
    entity recogniser sometimes stops before it."""
    if len(toks) != 1 or toks[0].pos_ != "NOUN" or not toks[0].text[:1].isupper() or toks[0].is_sent_start:
        return toks
    head, out = toks[0], list(toks)
    k = head.i + 1
    while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].dep_ == "amod" and doc[k].head.i == head.i \
            and doc[k].text.islower():
        out.append(doc[k])
        k += 1
    return out


def _type_of(span, label: str, lex: Lexicon) -> str:
    n = lex._strip(norm(span.text))
    if n in lex.adjectives and span.text[:1].isupper() and n not in lex.country_names:
        return "MISC"  # a demonym: "les Russes"
    if n in lex.country_names and lex.country_names[n] not in ("EUR", "UNO", "NAT"):
        return "LOC"
    if n in lex.seats and (label != "PER" or len(span) == 1):
        return "LOC"  # a lone "Washington" tagged as a person is the capital
    found = lex.kb.find(n)
    if found and label in ("LOC", "MISC") and found[0].type == "PER" and len(n.split()) > 1:
        return "PER"
    toks = n.split()
    if label in ("LOC", "MISC") and toks and lex.group_at(toks):
        return "ORG"  # "Cour suprême", "Parlement"
    return label


def named_mentions(work: Work, lex: Lexicon) -> list[tuple[object, str]]:
    out = []
    for ent in work.doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        cleaned = _clean_span(work.doc, ent, lex)
        if cleaned is None:
            continue
        span, titled = cleaned
        kind = "PER" if titled else _type_of(span, label, lex)
        cut = _glued_person(work.doc, span, kind, lex)
        if cut is not None:
            head = work.doc[span.start:cut[0]]
            out.append((head, _type_of(head, label, lex)))
            out.append((work.doc[cut[0]:cut[1]], "PER"))
            continue
        out.append((span, kind))
    return out


_NAME_PARTICLES = {"de", "du", "des", "d'", "la", "le", "van", "von", "der", "ben", "bin", "al", "el", "-"}


def _glued_person(doc, span, kind: str, lex: Lexicon) -> tuple[int, int] | None:
    """Where a person's name starts inside an organisation, place or portfolio the entity
    recogniser glued to it ("des Alpes-Maritimes Eric Ciotti", "du RN Jordan Bardella", "de
    l'Économie Bruno Le Maire", "du Rassemblement national Marine Le Pen"): the token of a known
    first name that follows a capitalised word (or the lower-case end of a capitalised name) and
    is followed by the rest of a name, in a span written as a complement (after a lower-case
    word that is no conjunction), that the knowledge base does not know whole: the start and end of
    the person's name (running past the span over a surname it left out, "Marine" then "Le Pen");
    None otherwise."""
    if kind == "PER" or len(span) < 2 or span.start == 0:
        return None
    before = doc[span.start - 1]
    if not before.text[:1].islower() or before.pos_ == "CCONJ" or norm(before.text) in lex.named_after:
        return None
    if norm(span[0].text) in lex.named_after or lex.kb.find(norm(span.text)):
        return None
    for k in range(1, len(span)):
        first, prev = span[k], span[k - 1]
        glued = prev.text[:1].isupper() or (k >= 2 and prev.pos_ in ("ADJ", "NOUN") and prev.text.islower())
        if not (first.text[:1].isupper() and glued) or norm(prev.text) in lex.named_after:
            continue
        if gender_of(first.text) is None:
            continue
        end = span.end
        if k == len(span) - 1:  # the recogniser stopped after the first name
            while end < len(doc) and end - span.end < 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
        rest = list(doc[span.start + k + 1:end])
        if rest and rest[-1].text[:1].isupper() and all(
                t.text[:1].isupper() or t.text.lower() in _NAME_PARTICLES for t in rest):
            return span.start + k, end
    return None


def group_names(work: Work, lex: Lexicon, mentions) -> list[Group]:
    groups: list[Group] = []
    female, male = _female_names(), _male_names()
    # the groups by their words: a name can only join a group that shares a word with it (or
    # that has no words): every test below is of equal words or of a part of the other's
    by_word: dict[str, set[int]] = {}
    wordless: set[int] = set()
    place: dict[int, int] = {}  # id of a group -> its index
    for span, etype in mentions:
        words = set(norm(span.text).split())
        m = Mention(span.start_char, span.end_char, span.text, "name", 1.0)
        target = None
        doc = work.doc
        if span.start >= 2 and doc[span.start - 1].text == "(" and len(span) == 1 and span.text.isupper():
            prev_end = doc[span.start - 2].idx + len(doc[span.start - 2].text)
            target = next((g for g in groups if g.type in ("ORG", "MISC") and any(m.end == prev_end for m in g.mentions)), None)
        # the most recent group this name is a part of (or that is part of it)
        if target or not words:
            near = [] if target else list(reversed(groups))
        else:
            near = [groups[k] for k in sorted(wordless.union(*(by_word.get(w, ()) for w in words)), reverse=True)]
        for g in near:
            if etype == "PER" or g.type == "PER":
                if g.type != etype:
                    # spaCy sometimes types a surname as a place: "Trump" after "Donald Trump"
                    surname = norm(g.name).split()[-1:] if g.name else []
                    if not (g.type == "PER" and len(words) == 1 and list(words) == surname and len(g.words) > 1):
                        continue
                if words <= g.words or g.words <= words:
                    target = g
                    break
            elif g.type == etype and (words == g.words or (etype == "ORG" and (words <= g.words or g.words <= words))
                                      or (etype == "MISC" and words <= g.words and _short_form(span.text, g.name))):
                target = g
                break
            elif {g.type, etype} == {"ORG", "MISC"} and words == g.words:
                target = g  # spaCy tags the same name once ORG, once MISC: an organisation
                g.type = "ORG"
                break
        if target is None:
            target = Group(etype)
            groups.append(target)
            target_at = place[id(target)] = len(groups) - 1
        else:
            target_at = place[id(target)]
            if target.type != "PER" and etype == "PER":
                target.type = "PER"
        target.add(m)
        target.words |= words
        for w in words:
            by_word.setdefault(w, set()).add(target_at)
        if target.words:
            wordless.discard(target_at)
        else:
            wordless.add(target_at)
        if len(span.text) > len(target.name) or (etype == "PER" and len(words) > len(norm(target.name).split())):
            target.name = span.text
        if is_subject(span.root):
            target.subject_at.add(m.start)
        if etype == "PER" and target.gender is None:
            target.gender = _gender_of_name(work.doc, span, female, male)
    return groups


def _short_form(short: str, name: str) -> bool:
    """"la Convention" after "la Convention citoyenne": the name's opening words, repeated."""
    a, b = norm(short).split(), norm(name).split()
    return 0 < len(a) < len(b) and b[:len(a)] == a


def _gender_of_name(doc, span, female: set[str], male: set[str]) -> str | None:
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None:
        b = norm(before.text)
        if b in ("mme", "madame", "mlle", "mrs", "ms", "miss"):
            return "f"
        if b in ("m", "monsieur", "mr"):
            return "m"
    first = norm(span[0].text)
    if first in female or norm(span.text) in female:
        return "f"
    if first in male or (first.split() or [""])[0] in male:
        return "m"
    g = span[0].morph.get("Gender")
    if g == ["Fem"]:
        return "f"
    return None


def _word_or_dash(c: str) -> bool:
    return c.isalnum() or c in "_-"  # [\w-] of a str pattern


_RUN = re.compile(r"[\w-]+")  # a maximal run of ``_word_or_dash`` characters


def _run_starts(text: str) -> dict[str, list[int]]:
    """Where each run of word characters and dashes of ``text`` starts, by the run's text."""
    out: dict[str, list[int]] = {}
    for m in _RUN.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def _whole_repeats(text: str, form: str, runs: dict[str, list[int]] | None = None):
    r"""The spans ``re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)`` gives,
    found with ``str.find`` (a regular expression per name, over the whole text, made the
    names of a long article cost as their number times its length). With ``runs``
    (``_run_starts(text)``), only where the form's first run of word characters stands alone
    in the text is tried: a whole-word repeat starts a run, and that run is the form's first."""
    n = len(form)
    head = _RUN.match(form)
    if runs is not None and head is not None:
        after = -1
        for i in runs.get(head.group(), ()):
            j = i + n
            if i >= after and text.startswith(form, i) and (j == len(text) or not _word_or_dash(text[j])):
                yield i, j
                after = j
        return
    i = text.find(form)
    while i >= 0:
        j = i + n
        if (i == 0 or not _word_or_dash(text[i - 1])) and (j == len(text) or not _word_or_dash(text[j])):
            yield i, j
            i = text.find(form, j)
        else:
            i = text.find(form, i + 1)


def propagate(work: Work, lex: Lexicon, groups: list[Group]) -> None:
    """Add the repeats of a name that spaCy tagged once but missed elsewhere.

    A name keeps its meaning within one article; an exact, capitalised, whole-word repeat of a
    recognised name of two letters or more (not a junk word) becomes a mention of the same
    entity. The parse is not consulted again: the repeat is found in the text.
    """
    taken = sorted((m.start, m.end) for g in groups for m in g.mentions)
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_right(starts, s) - 1
        for a, b in taken[max(k - 1, 0):k + 2]:
            if a < e and s < b:
                return False
        return True

    forms: dict[str, Group] = {}
    for g in groups:
        for m in g.mentions:
            if m.kind == "name" and len(m.text) >= 3 and m.text[:1].isupper() and norm(m.text) not in lex.junk:
                forms.setdefault(m.text, g)
    added = []
    runs = _run_starts(work.text) if forms else {}
    for form in sorted(forms, key=len, reverse=True):
        for s, e in _whole_repeats(work.text, form, runs):
            if free(s, e):
                added.append((s, e, forms[form], form))
                bisect.insort(taken, (s, e))
                bisect.insort(starts, s)  # still the starts of ``taken``, in order
    for s, e, g, form in added:
        g.add(Mention(s, e, form, "name", 0.9))
