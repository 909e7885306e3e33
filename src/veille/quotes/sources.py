"""Sources that are not persons named in the text: organisations described after being named,
documents and their authors, impersonal cues, and phrases cut down to the words naming a source.

``SourceRules`` is a part of ``speakers.Resolver``: its methods read the resolver's text, lexicon
and the sources of the quotes seen so far (``last``, ``history``).
"""
from __future__ import annotations

import re
import unicodedata

from ..records import Span, Speaker
from .lexicon import norm

def _plain(word: str) -> str:
    """A word without accents, to compare it with a list whatever its spelling ("Etat")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


_FOLDED: dict[int, tuple[object, frozenset[str]]] = {}


def _speaker_words(lex) -> frozenset[str]:
    """The nouns that can name a source, without accents; folded once per lexicon."""
    kept = _FOLDED.get(id(lex))
    if kept is None or kept[0] is not lex:
        words = frozenset(_plain(w) for w in lex.speaker_nouns | lex.person_nouns | lex.source_nouns | lex.org_nouns
                          | lex.institutions | lex.spokespersons | lex.quantity_nouns)
        kept = _FOLDED[id(lex)] = (lex, words)
    return kept[1]


# Words that cannot end the name of a source: what a cut before a time or a parenthesis leaves.
_LOOSE_ENDS = frozenset({"ce", "cette", "cet", "le", "la", "les", "l'", "un", "une", "de", "du", "des", "d'", "pour",
                         "et", "à", "au", "aux", "par", "sur", "dans", "en", "(", ",", "-", "the", "of", "a", "an", "and"})
# How far back (characters) the previous quote's source stays the current one, the likely
# referent of "il" or of "l'agence".
_RECENT = 400
_PUBLIC = {"GOV", "IGO"}   # sectors of public bodies, told apart less reliably


class SourceRules:
    def _impersonal(self, s: int, e: int) -> tuple[int, int] | None:
        """The document an impersonal cue reads from: "est-il écrit dans la lettre", "peut-on
        lire dans le rapport"."""
        text = self.work.text
        if norm(text[s:e]) not in ("il", "on") or text[s - 1:s] != "-" or \
                not re.search(r"\b(?:est|était|sera|été|peut|lit)(?:-t)?-$", text[max(0, s - 12):s]):
            return None
        m = re.match(r"\s*(?:\w+\s+){0,3}?dans\s+((?:la|le|les|l'|l’|un|une|son|sa|ses|leur|leurs|ce|cet|cette)\s*[^,.;:«»\"]+)",
                     text[e:e + 120])
        if m is None:
            return None
        a = e + m.start(1)
        return a, a + len(m.group(1).rstrip())

    def _agent(self, s: int, e: int) -> tuple[int, int] | None:
        """The author of a document or figures the words name: "un communiqué diffusé par la
        présidence", "les chiffres de l'Union française des industries pétrolières"."""
        words = self._split(self.work.text[s:e])
        body = [w for w in words if w not in self.lex.determiners and w not in ("un", "une", "des", "du")]
        if not body or body[0] not in self.lex.source_nouns:
            return None
        m = re.search(r"\b(?:par|by)\s+(?=\S)", self.work.text[s:e]) or \
            re.search(r"\b(?:de|du|des|d'|d’|of)\s*(?=\S)", self.work.text[s:e])
        if m is None:
            return None
        a = s + m.end()
        if norm(m.group(0)).strip() in ("par", "by"):
            # issued by someone ("diffusé par", "transmis par"), not carried out by ("menée par")
            before = self._split(self.work.text[s:s + m.start()])
            return (a, e) if any(w.startswith(self.lex.issued_by) for w in before[1:]) else None
        # "de" must introduce a name: "les chiffres de l'UFIP", not "un rapport de synthèse"
        hit = next(((ms, me) for ms, me, ent in self._named if a <= ms < e), None)
        if hit is None or hit[0] != a and not re.fullmatch(r"(?:l'|l’|la |le |les )", self.work.text[a:hit[0]]):
            return None
        return a, e

    def _trim(self, s: int, e: int) -> tuple[int, int]:
        """A description without its modifiers: a parenthesis, a participle or relative clause,
        a time ("L'intersyndicale opposée au projet (CGT, ...)", "l'hôpital mardi")."""
        doc = self.work.doc
        span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) < 3:
            return s, e
        noun = False
        for t in span:
            w = norm(t.text)
            if noun and (t.text in ("(", ",") or w in ("qui", "dont", "que", "who", "which", "that") or w in self.lex.time_words
                         or t.pos_ in ("VERB", "AUX") or t.morph.get("VerbForm") == ["Part"]):
                end = t.idx
                while end > s and self.work.text[end - 1] in " ,":
                    end -= 1
                return (s, end) if end > s else (s, e)
            if t.pos_ in ("NOUN", "PROPN"):
                noun = True
        return s, e

    def _clean(self, s: int, e: int) -> tuple[int, int] | None:
        """The words naming a source without what the cue's neighbourhood glued to them: the
        dash of an inverted pronoun ("-t-il"), a time before an inverted source ("promet le
        5 avril le ministre"), a determiner or preposition left at the end by a cut ("le
        procureur d'Albi ce [lundi]"). None for a pronoun that never names a source ("cela")."""
        text = self.work.text
        m = re.fullmatch(r"-(?:t-)?(\w+)", text[s:e])
        if m:
            s += m.start(1)
        toks = [(s + t.start(), s + t.end()) for t in re.finditer(r"[\w-]+['’]?|\S", text[s:e])]
        if not toks:
            return None
        words = [norm(text[a:b]) for a, b in toks]
        if words[0] in self.lex.not_sources and (len(words) == 1 or words[1] in self.lex.object_clitics):
            return None
        if len(words) > 1 and words[0] in self.lex.pronouns and words[1] in self.lex.object_clitics:
            e = toks[0][1]  # "Il leur est demandé": the clitic is not part of the source
        k, timed = 0, False
        while k < len(toks) - 1:
            w = words[k]
            if timed and (w in self.lex.determiners or w in ("un", "une", "des") or text[toks[k][0]].isupper()):
                break
            if w in self.lex.time_words or w in self.lex.time_nouns:
                timed = True
            elif not (w.isdigit() or w in ("le", "ce", "cette", "cet", "à", "en", ",")):
                break
            k += 1
        # a time phrase must be followed by a phrase of its own: "le 5 avril le ministre"
        if timed and k < len(toks) and (words[k] in self.lex.determiners or words[k] in ("un", "une", "des")
                                        or text[toks[k][0]].isupper()):
            s = toks[k][0]
        return self._tail(s, e)

    def _tail(self, s: int, e: int) -> tuple[int, int] | None:
        """The words without a determiner, a preposition or a dash left at their end by a cut."""
        text = self.work.text
        toks = [(s + t.start(), s + t.end()) for t in re.finditer(r"\w+['’]?|\S", text[s:e])]
        while len(toks) > 1 and norm(text[toks[-1][0]:toks[-1][1]]) in _LOOSE_ENDS:
            toks.pop()
            e = toks[-1][1]
        return (s, e) if e > s else None

    def _speaker_like(self, s: int, e: int, words: list[str]) -> bool:
        """Whether words that name no known entity can name a source: one of their nouns is
        a noun for people, groups, institutions or writings (or ends like one), or a name.
        "la récession", "une information", "toute complicité" are not."""
        lex = self.lex
        if not lex.speaker_nouns:
            return True
        listed = _speaker_words(lex)
        for w in words:
            if w.strip("()[]«»\"“”,;:.") in lex.pronouns:
                return True
            # "l'Etat", "les patrons", "l'ex-député": accents, plurals and prefixes aside
            w = w.strip("()[]«»\"“”,;:.-").rsplit("-", 1)[-1]
            plain = _plain(w)
            # endings are matched with their accents: "-ité" (complicité) is no "-ite" (chiite)
            if plain in listed or plain[:-1] in listed and w[-1:] in ("s", "x") or len(w) > 3 and w.endswith(lex.speaker_endings):
                return True
        # a name inside the words ("un sondage Ifop", "relaie franceinfo")
        doc = self.work.doc
        span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
        return any(w[:1].isupper() for w in self.work.text[s:e].split()[1:]) or \
            any(a < e and s < b for a, b, _ in self._named) or span is not None and any(t.pos_ == "PROPN" for t in span)

    def _on_source(self, s: int) -> Speaker | None:
        """The source behind an impersonal "on": "a-t-on indiqué de source policière"."""
        text = self.work.text
        a = max(text.rfind(".", 0, s), text.rfind("\n", 0, s), text.rfind("»", 0, s), text.rfind('"', 0, s - 12)) + 1
        b = min((k for k in (text.find(".", s), text.find("\n", s)) if k >= 0), default=len(text))
        m = re.search(r"\b[dD]e\s+((?:même\s+)?sources?\b[^,.;:«»\"]*)", text[a:b])
        if m is None:
            return self._on_place(s)
        words = [norm(w) for w in m.group(1).split()]
        if words and words[0] == "même":
            return Speaker(self.last[1].name, self.last[1].entity, Span(s, s + 2, text[s:s + 2])) if self.last else None
        start = a + m.start(1)
        end = start + len(m.group(1).rstrip())
        return Speaker(text[start:end], None, Span(start, end, text[start:end]))

    def _on_place(self, s: int) -> Speaker | None:
        """The body an inverted impersonal "on" speaks from, named in its own incise: "jugeait-on
        samedi au ministère de l'Economie", "relève-t-on à l'Élysée", "indique-t-on au sein de la
        Croix-Rouge", "explique-t-on dans l'entourage du ministre"."""
        text = self.work.text
        if text[s - 1:s] != "-":
            return None
        e = s + 2
        stop = re.search(r"[,.;:«»\"“”()\n]", text[e:e + 120])
        incise = text[e:e + (stop.start() if stop else 120)]
        m = re.match(r"\s*((?:[\w'’-]+\s+){0,4}?)(?:au\s+sein\s+(?:de\s+|du\s+|des\s+|d['’]\s*)|auprès\s+(?:de\s+|du\s+|des\s+|d['’]\s*)"
                     r"|(?=dans\s+l['’]\s*entourage\b)dans\s+|à\s+|au\s+|aux\s+|chez\s+)(\S.*)", incise)
        if m is None:
            return None
        skipped = [norm(w) for w in m.group(1).split()]
        if any(not (w in self.lex.time_words or w in self.lex.time_nouns or w.isdigit()) for w in skipped):
            return None  # "a-t-on appris de sa bouche": only a time may stand before the place
        body = re.split(r"\s(?:à|en|pour|sur|lors|après|avant|depuis)\s", m.group(2))[0].rstrip()
        core = re.sub(r"^(?:l['’]\s*|la\s+|le\s+|les\s+|son\s+|sa\s+|ses\s+)", "", body, flags=re.I)
        first = norm(core.split()[0]) if core.split() else ""
        if not core or not (core[:1].isupper() or first in self.lex.institutions or first in self.lex.org_nouns
                            or first == "entourage"):
            return None
        start = e + m.start(2)
        return Speaker(body, None, Span(start, start + len(body), body))

    def _document_author(self, words: list[str], s: int) -> Speaker | None:
        """A document named without its author ("un communiqué") comes from the organisation
        quoted just before ("selon la préfecture ... est-il précisé dans un communiqué")."""
        body = [w for w in words if w not in self.lex.determiners and w not in ("un", "une")]
        if not body or body[0] not in self.lex.source_nouns or len(body) > 2:
            return None
        # the organisation quoted last, an institution or an organisation's name (a paper
        # quoted in between, written as a title, does not issue communiqués)
        for at, sp in reversed(self.history):
            if self._dist(at, s) >= 2 * _RECENT:
                break
            ent = self.work.entity(sp.entity) if sp.entity else None
            head = [w for w in self._split(sp.name) if w not in self.lex.determiners]
            if head and (ent is not None and ent.type == "ORG" or ent is None and (
                    head[0] in self.lex.org_nouns or head[0] in self.lex.institutions)):
                return sp
        return None

    def _code_of(self, s: int, e: int):
        """Country and sector the who stage's lexicon gives a description, and its seat lookup."""
        try:
            from ..who.actors import lexicon as who_lexicon
            from ..who.actors import lookup
            code = lookup(self.work.text[s:e], self.work.language, self.work.published)
            seat = who_lexicon(self.work.language, tuple(self.work.options.kb_paths)).seat
        except Exception:  # actor coding is a hint here
            return None, None, None
        return (code.country if code else None), (code.sector if code else None), seat

    @staticmethod
    def _compatible(ent, country: str | None, sector: str | None) -> bool:
        if country and ent.country and ent.country != country:
            return False
        # the sector of a name typed as a person is a person's, not the organisation's
        return ent.type == "PER" or not (sector and ent.sector and ent.sector != sector and not {sector, ent.sector} <= _PUBLIC)

    @staticmethod
    def _personal_name(name: str) -> bool:
        """Whether a name is written like a person's: capitalised words and particles only
        ("Santé publique France" is not)."""
        return all(w[:1].isupper() or w in ("de", "du", "des", "d'", "le", "la", "van", "von", "da", "di", "el", "ben")
                   for w in name.split())

    def _org_antecedent(self, words: list[str], s: int, e: int) -> tuple[str, str] | None:
        """The organisation a description of one stands for ("l'agence sanitaire", "la
        compagnie", "ces organisations"): the current source when it is an organisation, else
        the organisation last named before, of a compatible country."""
        body = [w for w in words if w not in self.lex.determiners and w not in ("un", "une")]
        if body and body[0] in self.lex.spokespersons:
            # "un porte-parole de la compagnie aérienne": the organisation speaks through them
            k = next((i for i, w in enumerate(body) if w in ("de", "du", "des", "d'", "d’", "of")), None)
            if k is None:
                return None
            body = [w for w in body[k + 1:] if w not in self.lex.determiners]
        if not body or body[0] not in self.lex.org_nouns or len(body) > 6:
            return None
        # the same description names the same organisation again ("l'hebdomadaire" twice,
        # with another company named in between)
        key = " ".join(body)
        if key in self.org_described:
            return self.org_described[key]
        found = self._org_referent(body, s, e)
        if found is not None:
            self.org_described[key] = found
        return found

    def _org_referent(self, body: list[str], s: int, e: int) -> tuple[str, str] | None:
        # a name after the noun makes the words a name ("le groupe Calédonie ensemble"); a name
        # in a complement does not ("l'agence spécialisée de l'ONU")
        if re.search(r"(?<!\bde )(?<!\bdu )(?<!\bdes )(?<![dl]['’])(?<!\bla )(?<!\ble )\b[A-ZÉÈÀÂÎÔ]", self.work.text[s + 1:e]):
            return None
        country, sector, seat = self._code_of(s, e)
        if self.last and self._dist(self.last[0], s) < 2 * _RECENT:
            sp = self.last[1]
            ent = self.work.entity(sp.entity) if sp.entity else None
            if ent is not None and (ent.type == "ORG" or ent.type == "PER" and not self._personal_name(ent.name)) \
                    and ent.id not in self._person_like and any(m.kind == "name" for m in ent.mentions) \
                    and self._compatible(ent, country, sector):
                return ent.id, ent.name
            if ent is None and sp.name[:1].isupper() and sp.mention is not None and sp.mention.text[:1].isupper() \
                    and not self._split(sp.name)[0] in self.lex.determiners:
                return None, sp.name  # a name the who stage did not list ("Santé publique France")
        best = None
        for ent in self.work.entities:
            # a seat of government stands for it ("l'Élysée"), for a public body only
            if ent.type != "ORG" and not (ent.type == "LOC" and sector in _PUBLIC and seat is not None and seat(ent.name)):
                continue
            if not self._compatible(ent, country, sector):
                continue
            for m in ent.mentions:
                if m.kind == "name" and m.end <= s and not self._in_quote(m.start) and self._dist(m.end, s) < 5 * _RECENT \
                        and m.text[:1].isupper() and (best is None or m.start > best[0]):
                    best = (m.start, ent)
        return (best[1].id, best[1].name) if best else None
