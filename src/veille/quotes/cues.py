"""Attributions found around cue words: a cue, the reported content, the source's words.

An ``Attribution`` is found from the parse of one text unit (a sentence, merged so that no
quotation straddles two). Four shapes cover most news reporting:

- a cue verb followed by a complementizer: "X a assuré que <content>";
- a cue verb after the content, set off by a comma: "<content>, a-t-il dit" / ", a dit X";
- a cue verb followed by a colon: "X a prévenu : <content>";
- a source preposition: "selon X, <content>" / "<content>, selon X";
and, for a few verbs, a noun phrase as content ("X a annoncé sa démission").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, norm

_STOPS = {".", ";", "?", "!", "…"}
_WORD = re.compile(r"\w+")


def _n_words(text: str, span: tuple[int, int]) -> int:
    return len(_WORD.findall(text[span[0]:span[1]]))
_MARKS = set('«»“”"„')
# words a quotation governed by a cue verb needs to take that cue ("a fustigé « ... »"): as
# many as a quotation needs to be kept without one (quotes.MIN_FREE_WORDS)
QUOTED_OBJECT_WORDS = 6


def _mood(verb) -> str | None:
    """The mood of a verb, read on its auxiliary when it has one ("ait fait": subjunctive)."""
    for tok in [c for c in verb.children if c.dep_.startswith("aux")] + [verb]:
        mood = tok.morph.get("Mood")
        if mood:
            return mood[0]
    return None


@dataclass(frozen=True, slots=True)
class Attribution:
    shape: str                       # "que", "after", "colon", "object", "prep", "opinion"
    cue: tuple[int, int]
    content: tuple[int, int]
    speaker: tuple[int, int] | None  # the words designating the source
    continues: bool = False          # a participle continuing the previous attribution


_BY_INITIAL: dict[int, tuple] = {}


def _phrases_by_initial(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[str]]:
    """The several-word cues as strings, in their order, under their first character (a text
    starts with a cue only if it starts with its first character; a cue has two words or more)."""
    hit = _BY_INITIAL.get(id(phrases))
    if hit is None or hit[0] is not phrases:
        by: dict[str, list[str]] = {}
        for ph in phrases:
            p = " ".join(ph)
            by.setdefault(p[:1], []).append(p)
        hit = _BY_INITIAL[id(phrases)] = (phrases, by)
    return hit[1]


class UnitParser:
    """Finds attributions among the tokens of one unit."""

    def __init__(self, text: str, tokens: list, lex: Lexicon, quoted, entity_spans):
        self.text, self.toks, self.lex = text, tokens, lex
        self.quoted = quoted              # char offset -> inside a quotation?
        self.entity_spans = entity_spans  # [(start, end, type)] of named mentions
        self.words = [norm(t.text) for t in tokens]
        self.index = {t.i: k for k, t in enumerate(tokens)}

    # -- token helpers ---------------------------------------------------------------
    def _is_inverted(self, k: int) -> bool:
        w = self.words[k]
        return w in self.lex.inverted or w in ("-t", "t", "-t-")

    def _adverb(self, k: int) -> bool:
        """A word that may stand between an auxiliary and a cue verb: an adverb of the lexicon,
        or any adverb in -ment the parser tags so ("a vertement répliqué")."""
        w = self.words[k]
        return w in self.lex.adverbs or (w.endswith("ment") and len(w) > 6 and self.toks[k].pos_ == "ADV")

    def _pronoun_span(self, k: int) -> tuple[int, int]:
        t = self.toks[k]
        s = t.idx + len(t.text) - len(t.text.lstrip("-"))
        return s, t.idx + len(t.text)

    def _phrase_at(self, i: int) -> int | None:
        """Index of the last token of a several-word cue starting at token i."""
        t = self.toks[i]
        low = norm(self.text[t.idx: t.idx + 40])
        for p in _phrases_by_initial(self.lex.phrases).get(low[:1], ()):
            if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalpha()):
                end = t.idx + len(p)
                k = i
                while k + 1 < len(self.toks) and self.toks[k + 1].idx < end:
                    k += 1
                return k
        return None

    def _is_verb(self, i: int) -> bool:
        t, w = self.toks[i], self.words[i]
        if self.quoted(t.idx):
            return False
        if w not in self.lex.forms and not (t.pos_ == "VERB" and norm(t.lemma_) in self.lex.lemmas
                                            and t.morph.get("VerbForm") != ["Inf"]):
            return False
        prev = self.words[i - 1] if i else ""
        k = i - 1
        while k > 0 and self.words[k] in self.lex.adverbs and self.toks[k].pos_ == "ADV":
            k -= 1  # a passive keeps its auxiliary across adverbs: "il est aussi demandé"
        if k < i - 1 and self.words[k] in ("est", "sont", "était", "étaient", "sera", "été") \
                and not (k >= 1 and self.words[k - 1] in ("s'", "se")):
            return False
        if prev in self.lex.determiners or prev in ("un", "une", "des", "du", "de", "d'", "au", "aux"):
            return False
        if prev in ("été", "être") or (prev in ("est", "sont", "était", "étaient", "sera", "is", "was", "were", "been", "be")
                                       and not (i >= 2 and self.words[i - 2] in ("s'", "se"))):
            return False
        return True

    def _np_after(self, k: int, stop: int) -> tuple[int, int] | None:
        """The first noun phrase at or after token k (before ``stop``), skipping
        prepositional phrases and adverbs ("à l'AFP", "mercredi")."""
        i = k
        while i < stop:
            t = self.toks[i]
            if t.text in (",", ":") or t.text in _STOPS or t.text in _MARKS:
                return None
            if t.pos_ == "ADP" or self.words[i] in ("à", "au", "aux", "dans", "auprès", "lors", "devant", "sur", "par", "to", "in", "on", "at"):
                i += 1
                while i < stop and self.toks[i].pos_ in ("DET", "ADJ", "ADP", "NUM"):
                    i += 1
                i += 1
                while i < stop and self.toks[i].pos_ in ("ADJ", "PROPN", "NOUN") and self.toks[i].pos_ != "DET" and \
                        self.toks[i - 1].pos_ != "PUNCT" and not self._starts_entity(i) and not self._after_media(i):
                    i += 1
                continue
            if t.pos_ in ("ADV", "NUM") or self.words[i] in self.lex.adverbs:
                i += 1
                continue
            if t.pos_ in ("DET", "PROPN", "NOUN", "PRON", "ADJ") or self._starts_named(i):
                j = i + 1
                while j < stop and (not self._ends_np(j) or (j == i + 1 and t.pos_ == "DET")) and j - i < 14:
                    j += 1
                return self.toks[i].idx, self.toks[j - 1].idx + len(self.toks[j - 1].text)
            return None
        return None

    def _after_media(self, i: int) -> bool:
        """Token i follows the name of a news outlet someone speaks to ("a dit à l'AFP Manuela",
        which the parser and the entity stage read as one name): a name starting there is
        another one, the source's."""
        return i > 0 and self.words[i - 1] in self.lex.media and self.toks[i].text[:1].isupper()

    def _ends_np(self, j: int) -> bool:
        t, w = self.toks[j], self.words[j]
        if t.text in (",", ":", "(", ")", ";") or t.text in _STOPS or t.text in _MARKS:
            return True
        if w in ("qui", "who", "which", "que", "dont", "that", "lors", "après", "avant", "pendant"):
            return True
        if t.pos_ in ("VERB", "AUX", "SCONJ"):
            return True
        return t.pos_ == "ADP" and w not in ("de", "d'", "du", "des", "of")

    def _starts_entity(self, i: int) -> bool:
        s = self.toks[i].idx
        return any(a == s and typ == "PER" for a, b, typ in self.entity_spans)

    def _starts_named(self, i: int) -> bool:
        """A person or organisation named from token i, whatever part of speech the parser gave
        its first word ("a ajouté Barack Obama" with "Barack" tagged X)."""
        s = self.toks[i].idx
        return any(a == s and typ in ("PER", "ORG") for a, b, typ in self.entity_spans)

    def _participle(self, i: int) -> bool:
        """A present participle or gerund ("..., ajoutant que", "en annonçant que"): it reports
        for the subject of the verb it depends on."""
        t = self.toks[i]
        return self.words[i] in self.lex.continuing or (
            t.pos_ == "VERB" and t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Pres"])

    def _subject(self, v: int, own: bool = False) -> tuple[int, int] | None:
        """The subject written before the cue verb, from the dependency parse (``own``: not
        one shared with a coordinated verb); a participle takes the subject of its verb."""
        t = self.toks[v]
        first = self.toks[0].i
        absolute = any(c.dep_.startswith("nsubj") and first <= c.i < t.i for c in t.children)
        opening = None if own or absolute else self._opening_participle(v)
        if opening is not None:
            return self._subject(opening[1], own=True)
        reporting = self._participle(v) and not own and not absolute
        final = self._final_cue_subject(t) if reporting else None
        if final is not None:
            return final
        if reporting and t.head.i < t.i and t.head.i >= first:
            if t.dep_.startswith("acl") and t.head.pos_ in ("PROPN", "NOUN"):
                noun = t.head  # "X, évoquant ..."
                if noun.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod") and noun.head.i in self.index \
                        and t.i > 0 and t.doc[t.i - 1].text == ",":
                    # set off by a comma after an object, it still qualifies the subject:
                    # "X a tancé la Turquie, évoquant ..."
                    return self._subject(self.index[noun.head.i], own)
                left = min(x.i for x in noun.subtree if x.i >= first)
                return t.doc[left].idx, noun.idx + len(noun.text)
            if t.dep_ in ("advcl", "conj", "xcomp") and t.head.pos_ in ("VERB", "AUX"):
                found = self._subject(self.index[t.head.i], own) if t.head.i in self.index else None
                return found or self._governing_subject(t)
            return self._governing_subject(t)
        head = t.head
        if t.dep_ == "conj" and head.dep_ == "ccomp" and _mood(head) == "Sub" and _mood(t) != "Sub" and head.head.i < t.i:
            # "X a regretté que Y ait ... et a fustigé ...": the indicative verb joins X's verb,
            # not the subjunctive clause it follows
            head = head.head
        heads = [t] + ([head] if t.dep_ in ("xcomp", "conj") and head.i < t.i and not own else [])
        for h in heads:
            for c in h.children:
                if c.dep_.startswith("nsubj") and c.i < t.i and c.i >= first:
                    if c.text.startswith("-"):
                        # the inverted pronoun of "a-t-il dit", possibly split as "-t" "-il"
                        k = self.index.get(c.i)
                        while k is not None and k < len(self.toks) and self.toks[k].text.startswith("-"):
                            if self.words[k].lstrip("-") in self.lex.pronouns:
                                return self._pronoun_span(k)
                            k += 1
                        return None
                    if any(x.dep_ in ("case", "fixed") and x.i < c.i for x in c.children) or c.dep_ == "case":
                        # a circumstance the parser took for the subject ("Face à la situation,
                        # le ministre a dit"): the subject is its apposition after the comma
                        app = [x for x in c.children if x.dep_ == "appos" and x.i > c.i]
                        if not app:
                            continue
                        sub = [x for x in app[0].subtree if x.i >= first]
                        return t.doc[sub[0].i].idx, t.doc[sub[-1].i].idx + len(t.doc[sub[-1].i].text)
                    # a conjunction or a comma the parser hangs on the subject is not its words
                    # ("..., mais la direction s'oppose")
                    sub = [x for x in c.subtree if x.i >= first]
                    while len(sub) > 1 and sub[0].i < c.i and (sub[0].dep_ == "cc" or sub[0].text == ","):
                        sub = sub[1:]
                    left, right = sub[0].i, c.i
                    for x in sub:
                        if x.i > c.i and x.text not in (",", "(") and x.lower_ not in ("qui", "who", "dont", "que", "which"):
                            if any(y.text == "," or y.lower_ in ("qui", "who", "dont", "which") for y in t.doc[c.i: x.i + 1]):
                                break
                            right = x.i
                    if c.lower_ in ("qui", "who", "which", "that") and h.dep_.startswith("acl") and h.head.i >= first:
                        noun = h.head
                        left = min(x.i for x in noun.subtree if x.i >= first)
                        return t.doc[left].idx, noun.idx + len(noun.text)
                    if c.lower_ in ("qui", "who", "which", "that"):
                        return None
                    return t.doc[left].idx, t.doc[right].idx + len(t.doc[right].text)
        return None

    def _final_cue_subject(self, t) -> tuple[int, int] | None:
        """A participle right after a final cue and its subject continues that report, whatever
        verb the parser hangs it on ("<content>, a indiqué X, précisant que": X)."""
        first = self.toks[0].i
        k = t.i - 1
        while k > first and t.doc[k].lower_ in ("en", "tout"):
            k -= 1
        if k <= first or t.doc[k].text != ",":
            return None
        for c in t.doc[first:k]:
            h = c.head
            if c.dep_.startswith("nsubj") and first <= h.i < c.i and h.pos_ in ("VERB", "AUX") \
                    and c.pos_ in ("NOUN", "PROPN") and max(x.i for x in c.subtree) == k - 1:
                left = min(x.i for x in c.subtree if x.i > h.i)
                return t.doc[left].idx, t.doc[k - 1].idx + len(t.doc[k - 1].text)
        return None

    def _governing_subject(self, t) -> tuple[int, int] | None:
        """The subject of the verb a participle depends on, reached through an adjective or an
        adverbial link the parser chose ("s'est voulu rassurant en estimant que", "s'oppose à
        ..., jugeant que"), written before that verb or, for a final cue, after it and before
        the participle ("<content>, a ajouté le communiqué, appelant à")."""
        first = self.toks[0].i
        h = t
        for _ in range(3):
            if h.dep_ not in ("advcl", "advmod", "conj", "xcomp", "acl") or not first <= h.head.i < h.i \
                    or h.head.i not in self.index:
                return None
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                break
            if h.pos_ != "ADJ":
                return None
        else:
            return None
        if h.pos_ not in ("VERB", "AUX"):
            return None
        found = self._subject(self.index[h.i])
        if found:
            return found
        for c in h.children:
            if c.dep_.startswith("nsubj") and h.i < c.i < t.i and c.pos_ in ("NOUN", "PROPN"):
                right = c.i
                for i in sorted(x.i for x in c.subtree if c.i <= x.i < t.i):
                    if t.doc[i].text in (",", "(") or t.doc[i].lower_ in ("qui", "dont", "que"):
                        break
                    right = i
                left = min(x.i for x in c.subtree if x.i >= first)
                return t.doc[left].idx, t.doc[right].idx + len(t.doc[right].text)
        return None

    def _opening_participle(self, v: int) -> tuple[int, int] | None:
        """A participle opening its sentence ("Estimant que ..., le syndicat convie ...",
        "Saluant une victoire, le candidat X a promis ..."): it reports for the subject of the
        main clause after it, the first subject set off by a comma whose verb opens no clause
        of its own (no "que"). Returns (the comma, the main verb) as token indices."""
        t = self.toks[v]
        if not self._participle(v):
            return None
        k = v - 1
        while k >= 0 and self.words[k] in ("tout", "en", "et", "mais"):
            k -= 1
        if k >= 0 and not self.toks[k + 1].is_sent_start and self.toks[k].text not in ("-", "–", ".", "!", "?") \
                and not (self.toks[k].text in _MARKS and k > 0 and self.toks[k - 1].text in (".", "!", "?")):
            return None
        for x in t.doc[t.i + 1:t.sent.end]:
            if not x.dep_.startswith("nsubj") or x.i not in self.index or x.lower_ in ("qui", "que", "qu'"):
                continue
            h = x.head
            if h.i <= x.i or h.pos_ not in ("VERB", "AUX", "NOUN", "ADJ") or h.i not in self.index:
                continue
            if any(c.dep_ == "mark" and c.i != t.i and c.pos_ == "SCONJ" for c in h.children):
                continue
            left = min(y.i for y in x.subtree)
            if left - 1 <= t.i or t.doc[left - 1].text != "," or (left - 1) not in self.index:
                continue
            return self.index[left - 1], self.index[h.i]
        return None

    def _content_end(self, g: "VerbGroup", k: int) -> int:
        """Where content starting at token k ends: the end of its unit or the next cue, and for
        a participle opening the sentence, the comma before the main clause's subject."""
        end = self._end_of_content(k)
        opening = self._opening_participle(g.i)
        return min(end, opening[0]) if opening and opening[0] > k else end

    def _end_of_content(self, k: int) -> int:
        """Content starting at token k runs to the unit end or to the next cue set off by a comma."""
        end = len(self.toks)
        for j in range(k + 1, len(self.toks)):
            before = self.toks[j - 1].text
            if (before == "," or self.words[j - 1] in self.lex.content_openers) and self._starts_cue(j):
                end = j - 1  # "..., ajoutant que" / "... et a dénoncé ..."
                break
            if before == ":" and self.toks[j].text in _MARKS:
                end = j - 1  # a colon opening a quotation of its own
                break
        return end

    def _starts_cue(self, j: int) -> bool:
        w = self.words[j]
        if self.quoted(self.toks[j].idx):
            return False
        if w in self.lex.continuing or any(w == p[0] for p in self.lex.prepositions):
            return True
        for k in range(j, min(j + 4, len(self.toks))):
            if self._is_verb(k) and all(self.words[m] in self.lex.auxiliaries or self._adverb(m)
                                        or self._is_inverted(m) for m in range(j, k)):
                return True
        return False

    def _span(self, a: int, b: int) -> tuple[int, int]:
        """Characters of tokens a..b-1, trimmed of punctuation and marks at the edges."""
        while a < b and (self.toks[a].text in (",", ":", "-", "–", ";") or self.words[a] in self.lex.content_openers):
            a += 1
        while b > a and self.toks[b - 1].text in (",", ":", ".", "-", "–", ";", "(", "…"):
            b -= 1
        if b <= a:
            return (0, 0)
        return self.toks[a].idx, self.toks[b - 1].idx + len(self.toks[b - 1].text)

    # -- the shapes ------------------------------------------------------------------
    def attributions(self) -> list[Attribution]:
        out: list[Attribution] = []
        toks, words, lex = self.toks, self.words, self.lex
        n = len(toks)
        last_end = 0  # token index where the previous attribution's words end
        i = 0
        while i < n:
            t = toks[i]
            if self.quoted(t.idx):
                i += 1
                continue
            prep = self._preposition_at(i)
            if prep:
                att, i2 = self._preposition(i, prep, last_end)
                if att:
                    out.append(att)
                    last_end = i2
                i = max(i2, i + 1)
                continue
            # "Pour X, ..." opens its sentence ("Et pour X, ..."); "Manifestation pour X: ..." is no opinion
            if words[i] in lex.opinion_prepositions and (i == 0 or i == 1 and words[0] in lex.content_openers):
                att, i2 = self._opinion(i)
                if att:
                    out.append(att)
                    last_end = i2
                    i = i2
                    continue
            ph_end = self._phrase_at(i)
            if ph_end is None and not self._is_verb(i):
                i += 1
                continue
            v_end = ph_end if ph_end is not None else i
            att, i2 = self._verb(i, v_end, last_end, out)
            if att:
                out.append(att)
                last_end = i2
            i = max(i2, v_end + 1) if att else v_end + 1
        return out

    def _preposition_at(self, i: int) -> int:
        for p in self.lex.prepositions:
            if tuple(self.words[i:i + len(p)]) == p:
                return len(p)
        if self.words[i] in ("d'", "d’") and i + 1 < len(self.toks) and self.words[i + 1] == "après":
            return 2
        return 0

    def _preposition(self, i: int, width: int, last_end: int):
        toks, n = self.toks, len(self.toks)
        j = i + width
        if j >= n or self.words[j] in ("laquelle", "lequel", "lesquels", "lesquelles", "which", "whom"):
            return None, i + 1
        k = j
        if self.words[j] in self.lex.pronouns or toks[j].pos_ == "PRON":
            k = j + 1
        else:
            while k < n and toks[k].text not in (",", ")", ";", ":", "-", "–") and toks[k].text not in _STOPS and toks[k].text not in _MARKS and k - j < 12:
                k += 1
            # an apposition after the source ("selon X, directrice de ..., ...")
            if k < n and toks[k].text == ",":
                m = k + 1
                participle = k + 1 < n and toks[k + 1].morph.get("VerbForm") == ["Part"]
                while m < n and toks[m].text not in (",", ";") and toks[m].text not in _STOPS and toks[m].text not in _MARKS \
                        and (toks[m].pos_ not in ("VERB", "AUX") or (participle and m == k + 1)) and m - k < 10:
                    m += 1
                if m < n and toks[m].text == "," and m > k + 1 and (toks[k + 1].pos_ in ("NOUN", "DET", "ADJ", "PROPN") or participle):
                    k = m
        if k == j:
            return None, i + 1
        src = (toks[j].idx, toks[k - 1].idx + len(toks[k - 1].text))
        cue = (toks[i].idx, toks[j - 1].idx + len(toks[j - 1].text))
        before = self._span(last_end, i)
        after_start = k + 1 if k < n and toks[k].text == "," else k
        after = self._span(after_start, self._end_of_content(after_start)) if after_start < n else (0, 0)
        after_is_cue = after_start < n and self._starts_cue(after_start)
        # an apposition ending the sentence ("..., selon X, directrice de l'ONG.") is not content
        verbless = after[1] > after[0] and before[1] > before[0] and \
            not any(t.pos_ in ("VERB", "AUX") or self.quoted(t.idx) for t in toks if after[0] <= t.idx < after[1])
        if (i - last_end <= 1 or (toks[i - 1].text == "," and after[1] > after[0] and k < n and toks[k].text == ",")) \
                and not (after_is_cue and before[1] > before[0]) and not verbless:
            content = after
        else:
            content = before
        if content[1] <= content[0]:
            content = after if after[1] > after[0] else before
        if content[1] <= content[0]:
            return None, k
        return Attribution("prep", cue, content, src), (k if content is before else self._end_of_content(after_start))

    def _opinion(self, i: int):
        """"Pour X, <content>" when X is a person (a named person or a pronoun)."""
        toks, n = self.toks, len(self.toks)
        k = i + 1
        while k < n and toks[k].text != "," and k - i < 8:
            k += 1
        if k >= n or k == i + 1:
            return None, i + 1
        s, e = toks[i + 1].idx, toks[k - 1].idx + len(toks[k - 1].text)
        person = any(a >= s and b <= e and typ == "PER" for a, b, typ in self.entity_spans) or \
            (k == i + 2 and self.words[i + 1] in ("lui", "elle", "eux", "elles"))
        if not person:
            return None, i + 1
        content = self._span(k + 1, self._end_of_content(k + 1))
        if content[1] <= content[0]:
            return None, i + 1
        return Attribution("opinion", (toks[i].idx, toks[i].idx + len(toks[i].text)), content, (s, e)), len(toks)

    def _verb(self, i: int, v_end: int, last_end: int, prior: list[Attribution]):
        """The attribution a cue verb at tokens i..v_end makes, if any: the verb group is read
        (auxiliaries, adverbs, an inverted pronoun), checked by ``VERB_CHECKS``, then each shape
        of ``SHAPES`` is tried in order."""
        g = self._group(i, v_end, last_end)
        for name, check in VERB_CHECKS:
            if not check(self, g):
                return None, v_end + 1
        for name, shape in SHAPES:
            found = shape(self, g)
            if found is not None:
                return found
        return None, g.ge + 1

    def _group(self, i: int, v_end: int, last_end: int) -> "VerbGroup":
        """The verb group around a cue verb: auxiliaries, adverbs and an inverted pronoun
        ("a-t-il également dit", "en annonçant")."""
        words, lex, n = self.words, self.lex, len(self.toks)
        gs = i
        j = i - 1
        while j >= max(last_end, i - 6):
            w = words[j]
            if w in lex.auxiliaries or self._is_inverted(j):
                gs = j
            elif not self._adverb(j):
                break
            j -= 1
        if gs - 1 > last_end and words[gs - 1] in lex.object_clitics and \
                (self.toks[gs - 2].text == "," or self.toks[gs - 2].text in _MARKS):
            gs -= 1  # an object clitic opening an incise: "<content>, lui a répliqué X"
        if gs == i and i > 0 and words[i - 1] == "en" and words[i].endswith("ant"):
            gs = i - 1
        ge = v_end
        pron = None
        for k in range(gs, v_end + 1):
            if self._is_inverted(k) and words[k].lstrip("-") in lex.pronouns:
                pron = self._pronoun_span(k)
        while ge + 1 < n and self._is_inverted(ge + 1):
            ge += 1
            if words[ge].lstrip("-") in lex.pronouns:
                pron = self._pronoun_span(ge)
        if ge + 1 < n and words[ge + 1] in ("valoir", "savoir") and pron:
            ge += 1
        continuing = self._participle(i) or (gs < i and words[gs] == "en")
        cue = (self.toks[gs].idx, self.toks[ge].idx + len(self.toks[ge].text))
        return VerbGroup(i, v_end, gs, ge, pron, continuing, cue, last_end)

    def _source(self, g: "VerbGroup", *fallbacks) -> tuple[int, int] | None:
        """The words designating the source: the inverted pronoun, the subject of the verb,
        else (unless the verb continues an earlier report) the first of ``fallbacks`` found."""
        found = g.pron or self._subject(g.i)
        if found or g.continuing:
            return found
        for fallback in fallbacks:
            found = fallback()
            if found:
                return found
        return None

    def _before(self, g: "VerbGroup"):
        return self._np_before(g.gs, g.last_end)

    def _between(self, g: "VerbGroup"):
        return self._np_between(g.last_end, g.gs)

    # -- checks: a verb group that is no cue -------------------------------------------------------
    def _check_past_participle(self, g: "VerbGroup") -> bool:
        """A past participle without auxiliary is an adjective or a passive, not a report."""
        words, toks = self.words, self.toks
        has_aux = any(words[k] in self.lex.auxiliaries for k in range(g.gs, g.i))
        return has_aux or g.pron is not None or not (toks[g.i].morph.get("VerbForm") == ["Part"] and toks[g.i].morph.get(
            "Tense") == ["Past"] and words[g.i].endswith(("é", "ée", "és", "ées", "ed", "ise", "ises", "ite", "ites", "ue", "ues")))

    def _check_passive(self, g: "VerbGroup") -> bool:
        """A passive participle: "l'entourage, cité par le journal"."""
        words, n = self.words, len(self.toks)
        has_aux = any(words[k] in self.lex.auxiliaries for k in range(g.gs, g.i))
        return has_aux or g.pron is not None or not (g.ge + 1 < n and words[g.ge + 1] in ("par", "by") and (
            g.ge + 2 >= n or words[g.ge + 2] not in self.lex.adverbs and words[g.ge + 2] not in ("exemple", "ailleurs", "contre")))

    def _check_question(self, g: "VerbGroup") -> bool:
        """A question: "X a-t-il voulu saborder ... ?"."""
        toks = self.toks
        return not (g.pron is not None and toks[-1].text == "?" and not self.quoted(toks[-1].idx) and g.gs > g.last_end
                    and toks[g.gs - 1].pos_ in ("PROPN", "NOUN"))

    # -- shapes, in the order of SHAPES ----------------------------------------------------------
    def _shape_que(self, g: "VerbGroup"):
        """A complementizer within a few words: "a assuré mardi à l'AFP que ..."."""
        toks, words, lex, n = self.toks, self.words, self.lex, len(self.toks)
        k = g.ge + 1
        while k < n and k - g.ge <= 8:
            w = words[k]
            if w in lex.complementizers and words[k - 1] in lex.subordinators:
                return None  # "a promis X alors que ...": a conjunction, not the cue's complement
            if w in lex.complementizers:
                if k == g.ge + 1 or toks[k - 1].pos_ not in ("NOUN", "PROPN") or toks[k - 1].text == "," \
                        or words[k - 1] in lex.adverbs or toks[g.ge + 1].pos_ != "DET":
                    end = self._content_end(g, k)
                    content = self._span(k + 1, end)
                    if content[1] > content[0]:
                        spk = self._source(g, lambda: self._before(g), lambda: self._between(g))
                        return Attribution("que", g.cue, content, spk, g.continuing and not spk), end
                return None
            if toks[k].text in _STOPS or toks[k].text in _MARKS or toks[k].text == ":" or self._is_verb(k):
                return None
            k += 1
        return None

    def _shape_bare_clause(self, g: "VerbGroup"):
        """A complement clause without complementizer: "Clinton said she opposes the deal"."""
        toks, words = self.toks, self.words
        for c in (toks[g.i].children if self.lex.bare_complements else ()):
            if c.dep_ == "ccomp" and c.i > toks[g.ge].i and c.left_edge.i > toks[g.ge].i and c.left_edge.i in self.index:
                k = self.index[c.left_edge.i]
                if words[k] in self.lex.complementizers:
                    k += 1
                end = self._end_of_content(k)
                content = self._span(k, end)
                if content[1] > content[0] and not self.quoted(toks[k].idx):
                    spk = self._source(g, lambda: self._before(g), lambda: self._between(g))
                    return Attribution("que", g.cue, content, spk, g.continuing and not spk), end
        return None

    def _shape_colon(self, g: "VerbGroup"):
        """A colon after the cue, possibly after the source: "prévient X :"."""
        toks, n = self.toks, len(self.toks)
        k = g.ge + 1
        while k < n and k - g.ge <= 10 and toks[k].text not in _STOPS and toks[k].text not in _MARKS:
            if toks[k].text == ":":
                content = self._span(k + 1, self._end_of_content(k + 1))
                if content[1] > content[0]:
                    spk = self._source(g, lambda: self._before(g), lambda: self._np_after(g.ge + 1, k), lambda: self._between(g))
                    return Attribution("colon", g.cue, content, spk, g.continuing and not spk), n
                return None
            k += 1
        return None

    def _shape_after(self, g: "VerbGroup"):
        """A cue set off after the content: "<content>, a-t-il dit" / "<content>, dit X"."""
        toks, words, lex, n = self.toks, self.words, self.lex, len(self.toks)
        gs, ge, last_end = g.gs, g.ge, g.last_end
        prev = toks[gs - 1].text if gs > 0 else ""
        if not (gs > last_end and (prev == "," or prev in _MARKS or prev in ("-", "–")) and not g.continuing):
            return None
        stop = ge + 1
        while stop < n and toks[stop].text not in (",", ":") and toks[stop].text not in _STOPS and toks[stop].text not in _MARKS \
                and not (words[stop] in lex.subordinators and stop + 1 < n and words[stop + 1] in lex.complementizers):
            stop += 1
        after_np = self._np_after(ge + 1, stop)
        if stop == ge + 1 and stop < n and toks[stop].text == ",":
            # a participial incise between the cue and its source: "..., a précisé, joint par
            # l'AFP, X" / "..., a expliqué, interrogé par BFMTV, le maire"
            later = self._after_incise(stop + 1)
            if later is not None:
                after_np, stop = later
        # a noun phrase closing the clause after the cue is its subject ("..., a annoncé à
        # l'AFP son entourage"), a prepositional phrase may come between
        closes = after_np is not None and stop > ge + 1 and after_np[1] == toks[stop - 1].idx + len(toks[stop - 1].text) \
            and any(t.idx == after_np[0] and (t.pos_ == "DET" or self._after_media(k)) for k, t in enumerate(toks[ge + 1:stop], ge + 1)) \
            and (stop >= n or toks[stop].text not in _MARKS)
        if g.pron is not None or (self._subject(g.i, own=True) or (1 << 30,))[0] >= toks[gs - 1].idx \
                or self._names_source(after_np) or closes:
            content = self._span(last_end, gs)
            if _n_words(self.text, content) < 4 and stop < n and toks[stop].text == ",":
                later = self._span(stop + 1, self._end_of_content(stop + 1))  # "A ce jour, a-t-il dit, <content>"
                if _n_words(self.text, later) >= 3:
                    content = later
            if content[1] > content[0] and self._is_clause(content):
                spk = g.pron or after_np or self._subject(g.i)
                return Attribution("after", g.cue, content, spk), stop if content[0] < g.cue[0] else n
        return None

    def _after_incise(self, k: int) -> tuple[tuple[int, int], int] | None:
        """A past participle opening a short incise at token k, closed by a comma and followed
        by words that name a source: those words and where they stop."""
        toks, words, n = self.toks, self.words, len(self.toks)
        t = toks[k] if k < n else None
        if t is None or not (t.morph.get("VerbForm") == ["Part"] and t.morph.get("Tense") == ["Past"]):
            return None
        close = next((m for m in range(k + 1, min(k + 9, n)) if toks[m].text == ","), None)
        if close is None or any(toks[m].text in _STOPS or toks[m].text in _MARKS for m in range(k, close)):
            return None
        stop = close + 1
        while stop < n and toks[stop].text not in (",", ":") and toks[stop].text not in _STOPS and toks[stop].text not in _MARKS \
                and not (words[stop] in self.lex.subordinators and stop + 1 < n and words[stop + 1] in self.lex.complementizers):
            stop += 1
        np = self._np_after(close + 1, stop)
        if np is None or not self._names_source(np):
            return None
        return np, stop

    def _shape_subject_between(self, g: "VerbGroup"):
        """The source between the content and the cue: "<content>, X said"."""
        toks, n = self.toks, len(self.toks)
        prev = toks[g.gs - 1].text if g.gs > 0 else ""
        ends = g.ge + 1 >= n or toks[g.ge + 1].text in _STOPS or toks[g.ge + 1].text == ","
        subj = None if prev == "," or g.continuing or not ends else self._subject(g.i)
        if not subj:
            return None
        k = next((m for m in range(g.last_end, g.gs) if toks[m].idx >= subj[0]), None)
        if k is not None and k > g.last_end and (toks[k - 1].text == "," or toks[k - 1].text in _MARKS):
            content = self._span(g.last_end, k)
            if content[1] > content[0]:
                stop = g.ge + 1
                while stop < n and toks[stop].text not in _STOPS and toks[stop].text not in _MARKS and toks[stop].text != ",":
                    stop += 1
                return Attribution("after", g.cue, content, subj), stop
        return None

    def _shape_self_describing(self, g: "VerbGroup"):
        """A reflexive "se dire" with an adjective: "s'est dit favorable à", "se disent menacés"."""
        toks, words, lex, n = self.toks, self.words, self.lex, len(self.toks)
        if not (g.gs < g.i and words[g.i] in lex.self_describing and any(words[m] in ("s'", "se", "s’") for m in range(g.gs, g.i))):
            return None
        k = g.ge + 1
        while k < n and (words[k] in lex.adverbs or words[k] in ("lui", "elle", "eux", "elles", "aussi", "même")):
            k += 1
        adj = k + 1 if k + 1 < n and toks[k].text in _MARKS else k  # "se dit « attentif »"
        if adj < n and (toks[adj].pos_ == "ADJ" or toks[adj].morph.get("VerbForm") == ["Part"]):
            end = self._end_of_content(k)
            content = self._span(k, end)
            # not in a relative clause inside someone else's report ("X estime que les
            # libraires, qui se disent menacés, ...")
            if content[1] > content[0] and not (g.gs > 0 and words[g.gs - 1] in ("qui", "who")):
                spk = self._source(g, lambda: self._before(g))
                return Attribution("object", g.cue, content, spk, g.continuing and not spk), end
        return None

    def _shape_infinitive(self, g: "VerbGroup"):
        """An infinitive as content: "a reconnu avoir menti", "se vante d'avoir", "veut élargir"."""
        toks, words, lex, n = self.toks, self.words, self.lex, len(self.toks)
        k = g.ge + 1
        while k < n and (words[k] in lex.adverbs and toks[k].pos_ == "ADV"):
            k += 1
        if k < n and words[k] in ("de", "d'") and k + 1 < n:
            k += 1
        if k < n and toks[k].morph.get("VerbForm") == ["Inf"] and not g.continuing:
            end = self._content_end(g, k)
            content = self._span(k, end)
            if content[1] > content[0]:
                spk = self._source(g, lambda: self._before(g), lambda: self._between(g))
                return Attribution("object", g.cue, content, spk), end
        return None

    def _shape_object(self, g: "VerbGroup"):
        """A noun phrase as content, for the verbs that take one: "a annoncé sa démission"."""
        toks, words, lex, n = self.toks, self.words, self.lex, len(self.toks)
        i, ge = g.i, g.ge
        negated = any(words[m] in ("ne", "n'", "n’") for m in range(max(g.gs - 2, g.last_end), i))
        # a form the parser reads as a noun ("de vives critiques", "la critique envers") is no cue
        noun_like = toks[i].pos_ == "NOUN" and g.gs == i and g.pron is None
        if not negated and not noun_like and lex.is_object_verb(words[i]) and ge + 1 < n and toks[ge + 1].pos_ in (
                "DET", "NOUN", "PROPN", "NUM", "ADJ", "VERB", "ADP") and not lex.is_cognition_verb(words[i]) \
                or (words[i] in lex.continuing and ge + 1 < n and toks[ge + 1].text in _MARKS) \
                or (not negated and toks[i].pos_ in ("VERB", "AUX") and not g.continuing and self._quotation_object(ge + 1)):
            end = self._content_end(g, ge + 1)
            content = self._span(ge + 1, end)
            if content[1] > content[0]:
                spk = self._source(g, lambda: self._before(g), lambda: self._between(g))
                return Attribution("object", g.cue, content, spk, g.continuing and not spk), end
        return None

    def _quotation_object(self, k: int) -> bool:
        """A quotation opening at token k, or after a preposition there, as the object of a cue
        verb: its quoted words are what was said ("a fustigé « l'été sanglant qui s'achève »",
        "a mis en garde contre « une forte probabilité de ... »")."""
        toks, n = self.toks, len(self.toks)
        if k < n and toks[k].pos_ == "ADP" and self.words[k] in self.lex.object_prepositions:
            k += 1
        if not (k + 1 < n and toks[k].text in _MARKS and self.quoted(toks[k + 1].idx)):
            return False
        # only a quotation long enough to be a quote without a cue: the cue gives it a source,
        # it does not turn a quoted term into a quote
        m = k + 1
        while m < n and self.quoted(toks[m].idx) and toks[m].text not in _MARKS:
            m += 1
        if sum(1 for t in toks[k + 1:m] if not t.is_punct) < QUOTED_OBJECT_WORDS:
            return False
        # a cue set off by a comma later in the sentence reports it ("Le gouvernement veut
        # « ... » pour ..., a indiqué le ministre")
        return not any(toks[j - 1].text == "," and self._starts_cue(j) for j in range(m + 1, n))

    def _is_clause(self, span: tuple[int, int]) -> bool:
        """Whether reported words hold a verb or a quotation (a bare noun phrase before a
        cue is mostly its subject with an apposition: "X, la directrice, explique")."""
        inside = [t for t in self.toks if span[0] <= t.idx < span[1]]
        if any(t.text in _MARKS or self.quoted(t.idx) for t in inside):
            return True
        # the last comma-separated piece must hold the verb: "A Paris, X, le ministre, a dit"
        # ends with an apposition of the subject, not with reported words
        last = max((k for k, t in enumerate(inside) if t.text == ","), default=-1)
        return any(t.pos_ in ("VERB", "AUX") for t in inside[last + 1:])

    def _names_source(self, span: tuple[int, int] | None) -> bool:
        """Whether the words after a cue designate a source: a name, or a person noun."""
        if span is None:
            return False
        s, e = span
        if any(a >= s and b <= e and typ in ("PER", "ORG") for a, b, typ in self.entity_spans):
            return True
        words = norm(self.text[s:e]).replace("'", "' ").split()
        return any(w in self.lex.person_nouns or w in self.lex.source_nouns or w in self.lex.institutions
                   or w in self.lex.org_nouns or w in self.lex.spokespersons for w in words[:3])

    def _np_before(self, gs: int, last_end: int) -> tuple[int, int] | None:
        """The noun phrase just before the verb group, when the parser found no subject."""
        j = gs - 1
        while j >= last_end:
            t = self.toks[j]
            if t.text in (",", ":", ";", ")") or t.text in _STOPS or t.text in _MARKS or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") \
                    or self.words[j] in self.lex.complementizers or self.words[j] in ("qui", "who"):
                break
            j -= 1
        j += 1
        while j < gs and self.toks[j].pos_ not in ("DET", "PROPN", "PRON", "NOUN"):
            j += 1
        if j >= gs:
            return None
        if j == gs - 1 and self.words[j] in self.lex.object_clitics:
            return None  # "lui demande le négociateur": the clitic is the addressee
        return self.toks[j].idx, self.toks[gs - 1].idx + len(self.toks[gs - 1].text)

    def _np_between(self, a: int, b: int) -> tuple[int, int] | None:
        """A named person written before the cue in this unit, the nearest one."""
        if b <= a:
            return None
        s, e = self.toks[a].idx, self.toks[b - 1].idx + len(self.toks[b - 1].text)
        best = None
        for x, y, typ in self.entity_spans:
            if x >= s and y <= e and typ in ("PER", "ORG"):
                best = (x, y)
        return best


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """A cue verb with its auxiliaries, adverbs and inverted pronoun (token indices)."""

    i: int                            # the verb
    v_end: int                        # the last token of a several-word cue
    gs: int                           # the group's first token
    ge: int                           # the group's last token
    pron: tuple[int, int] | None      # an inverted pronoun ("-t-il") as the source's words
    continuing: bool                  # a participle continuing the previous report
    cue: tuple[int, int]              # the cue's characters
    last_end: int                     # where the previous attribution's words end


# Verb groups that are no cue, whatever follows them.
VERB_CHECKS = (
    ("past participle", UnitParser._check_past_participle),
    ("passive", UnitParser._check_passive),
    ("question", UnitParser._check_question),
)
# The shapes of an attribution around a cue verb, tried in order.
SHAPES = (
    ("que", UnitParser._shape_que),
    ("bare clause", UnitParser._shape_bare_clause),
    ("colon", UnitParser._shape_colon),
    ("after", UnitParser._shape_after),
    ("subject between", UnitParser._shape_subject_between),
    ("self-describing", UnitParser._shape_self_describing),
    ("infinitive", UnitParser._shape_infinitive),
    ("object", UnitParser._shape_object),
)
