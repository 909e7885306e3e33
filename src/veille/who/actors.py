"""Actor coding: country (ISO3, EUR/UNO/NAT), sector and role of a phrase.

``lookup("le président américain", "fr", "2019-05-10")`` gives Donald Trump, USA, GOV;
``lookup("Moscou", "fr", None)`` gives RUS, GOV; ``lookup("les Russes", ...)`` RUS, CVL.
The lexicons (titles, group nouns, country adjectives, seats of government) are language
resources; the knowledge base holds the people and their dated roles.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import resources
from ..errors import ConfigError
from .knowledge import INTERNATIONAL, Actor, KnowledgeBase, load as load_kb, norm

__all__ = ["ActorCode", "lookup", "Lexicon", "lexicon"]


@dataclass(frozen=True, slots=True)
class ActorCode:
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    type: str | None = None  # PER, ORG or LOC when known


def _adjective_forms(adj: str, lang: str) -> set[str]:
    a = norm(adj)
    if lang == "en":
        return {a, a + "s"}
    if a.endswith("e"):
        return {a, a + "s"}
    if a.endswith("ien") or a.endswith("en"):
        return {a, a + "s", a + "ne", a + "nes"}
    if a.endswith("s") or a.endswith("x"):
        return {a, a + "e", a + "es"}
    if a.endswith("c"):  # grec -> grecque, turc -> turque
        return {a, a + "s", a[:-1] + "que", a[:-1] + "ques", a + "que", a + "ques"}
    return {a, a + "e", a + "s", a + "es"}


class Lexicon:
    """Per-language index of the resources and the knowledge base, built once per process."""

    def __init__(self, lang: str, kb: KnowledgeBase):
        self.lang, self.kb = lang, kb
        words = resources.load(lang, "who")
        self.determiners = set(words.get("determiners", {}).get("definite", ()))
        self.quantifiers = {norm(w) for w in words.get("determiners", {}).get("quantifiers", ())}
        self.titles = {norm(k): v for k, v in words.get("titles", {}).items()}
        self.groups = {norm(k): v for k, v in words.get("groups", {}).items()}
        self.office_labels = words.get("office_labels", {})
        self.home_country: str | None = words.get("home_country")
        # a person with no evidenced country: the article's main country ("main") or null ("none")
        self.person_country: str = words.get("person_country", "main")
        # an organisation or a place named with no evidenced country and no national sector
        self.name_country: str = words.get("name_country", "main")
        for key in ("person_country", "name_country"):
            if getattr(self, key) not in ("main", "none"):
                raise ConfigError(f"who.toml ({lang}): {key} is 'main' or 'none', not {getattr(self, key)!r}")
        # parts of the world that are no country ("Europe", "le Sahel", "la Méditerranée")
        self.world_regions = {self.fold_region(w) for w in words.get("world", {}).get("regions", ())}
        self.junk = {norm(w) for w in words.get("junk", {}).get("words", ())}
        self.pronouns = {norm(k): v for k, v in words.get("pronouns", {}).items()}
        self.courtesy = {g: {norm(w) for w in ws} for g, ws in words.get("courtesy", {}).items()}
        place = words.get("place_role", {})
        self.place_cases = {w.lower() for w in place.get("cases", ())}
        self.place_nouns = {w.lower() for w in place.get("nouns", ())}
        self.place_areas = {w.lower() for w in place.get("areas", ())}
        self.place_visits = {w.lower() for w in place.get("visits", ())}
        self.place_of = {w.lower() for w in place.get("of", ())}
        # nouns of places and bodies named after a person ("lycée Victor-Hugo", "stade Pierre-Mauroy"):
        # a name glued after them is theirs, not a person of its own
        self.named_after = {norm(w) for w in words.get("glued_names", {}).get("named_after", ())}
        self.adjectives: dict[str, str] = {}
        self.seats: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        for iso, c in resources.load(lang, "who_countries").get("countries", {}).items():
            for a in c.get("adj", ()):
                for f in _adjective_forms(a, lang):
                    self.adjectives.setdefault(f, iso)
            for g in c.get("gov", ()):
                self.seats[self._strip(norm(g))] = iso
            for n in c.get("names", ()):
                self.country_names[self._strip(norm(n))] = iso
        for key, iso in kb.country_by_name.items():
            self.country_names.setdefault(self._strip(key), iso)
        self.max_title = max((len(t.split()) for t in self.titles), default=1)

    def fold_region(self, name: str) -> str:
        return self._strip(norm(name))

    def _strip(self, n: str) -> str:
        toks = n.split()
        while toks and toks[0] in self.determiners | {"d", "de", "du", "des", "of"}:
            toks = toks[1:]
        return " ".join(toks)

    # -- pieces used by lookup and by the entity stage ------------------------------------
    def country_of_name(self, phrase: str) -> str | None:
        n = self._strip(norm(phrase))
        return self.country_names.get(n)

    def seat(self, phrase: str) -> str | None:
        return self.seats.get(self._strip(norm(phrase)))

    def title_at(self, toks: list[str]) -> tuple[str, dict] | None:
        """The longest title starting the token list."""
        for k in range(min(self.max_title + 2, len(toks)), 0, -1):
            cand = " ".join(toks[:k])
            if cand in self.titles:
                return cand, self.titles[cand]
        return None

    def group_at(self, toks: list[str]) -> tuple[str, dict] | None:
        for k in range(min(3, len(toks)), 0, -1):
            cand = " ".join(toks[:k])
            if cand in self.groups:
                return cand, self.groups[cand]
        return None

    def country_in(self, toks: list[str]) -> str | None:
        """A country given by an adjective ("russe") or a complement ("du Japon", "of France")."""
        for i, t in enumerate(toks):
            if t in self.adjectives:
                return self.adjectives[t]
            for k in (3, 2):
                cand = " ".join(toks[i:i + k])
                if cand in self.adjectives:
                    return self.adjectives[cand]
        for i, t in enumerate(toks):
            if t in ("de", "du", "d", "des", "of", "en", "au", "aux", "in"):
                j = i + 1
                while j < len(toks) - 1 and toks[j] in ("l", "la", "le", "les", "the"):
                    j += 1  # "de l'ONU", "de la Russie", "of the United States"
                for k in (4, 3, 2, 1):
                    cand = " ".join(toks[j:j + k])
                    if cand and (cand in self.country_names or cand in self.seats or cand in self.kb.regions):
                        return self.country_names.get(cand) or self.seats.get(cand) or self.kb.regions[cand]
        return None

    def actor_code(self, actor: Actor, published: str | None, name: str | None = None) -> ActorCode:
        """The code of a known actor on a date: an office held then gives sector and role; a
        past or future one only the country (a former minister is not the government)."""
        role = actor.role_at(published)
        label, sector = None, None
        if role is not None and (role.active(published) or not (role.start or role.end)):
            label = role.label or (self.office_labels.get(role.office) if role.office else None)
            sector = role.sector
        return ActorCode(name or self.name_of(actor), role.country if role else None,
                         sector, label, actor.kb_id, actor.type)

    def name_of(self, actor: Actor) -> str:
        # roles.toml lists the French form first and the English one second
        if self.lang == "en" and len(actor.names) > 1 and actor.names[0] != actor.name:
            return actor.names[1]
        if self.lang == "en" and len(actor.names) > 1 and norm(actor.names[1]) != norm(actor.names[0]) \
                and len(actor.names[1].split()) > 1:
            return actor.names[1]
        return actor.names[0]

    def holder(self, country: str, office: str, published: str | None) -> Actor | None:
        found = self.kb.holder(country, office, published)
        return found[0] if found else None

    # -- the public entry point ------------------------------------------------------------
    def lookup(self, phrase: str, published: str | None = None) -> ActorCode | None:
        n = self._strip(norm(phrase))
        if not n or n in self.junk:
            return None
        toks = n.split()
        found = self.kb.find(n)
        if found:
            return self.actor_code(found[0], published, phrase.strip())
        if n in self.seats:
            iso = self.seats[n]
            return ActorCode(phrase.strip(), iso, "IGO" if iso in INTERNATIONAL else "GOV", None, None, "ORG")
        if n in self.country_names:
            iso = self.country_names[n]
            return ActorCode(phrase.strip(), iso, "IGO" if iso in INTERNATIONAL else "GOV", None, None,
                             "ORG" if iso in INTERNATIONAL else "LOC")
        for k in range(len(toks) - 1, 0, -1):
            # a body of an organisation followed by the organisation: "Conseil de sécurité de l'ONU"
            head = " ".join(toks[:k])
            if head in self.country_names and self.country_names[head] in INTERNATIONAL \
                    and self.country_in(toks[k:]) == self.country_names[head]:
                return ActorCode(phrase.strip(), self.country_names[head], "IGO", None, None, "ORG")
        title = self.title_at(toks)
        lead = 0
        while title is None and lead < 3 and lead < len(toks):
            # English order: "the US Secretary of State", "Russian President", "North Korean leader"
            step = 2 if " ".join(toks[lead:lead + 2]) in self.adjectives else int(toks[lead] in self.adjectives)
            if not step:
                break
            lead += step
            title = self.title_at(toks[lead:])
        written = phrase
        if title is not None and lead:
            toks = toks[lead:] + toks[:lead]
            written = _after_words(phrase, n.split()[:lead])   # the role as written: "Prime Minister"
        if title and not title[1].get("office"):
            # "la ministre allemande de la Défense": the adjective splits the title
            bare = [t for t in toks if t not in self.adjectives]
            longer = self.title_at(bare)
            if longer and len(longer[0]) > len(title[0]):
                title = longer
                toks = bare + [t for t in toks if t in self.adjectives]
        if title:
            key, spec = title
            rest = toks[len(key.split()):]
            # a name after the title: "le président russe Vladimir Poutine"
            for i in range(len(rest)):
                tail = " ".join(rest[i:])
                if self.kb.find(tail):
                    return self.actor_code(self.kb.find(tail)[0], published, phrase.strip())
            country = spec.get("country") or self.country_in(rest)
            office = spec.get("office")
            if office and country:
                actor = self.holder(country, office, published)
                if actor is not None:
                    code = self.actor_code(actor, published)
                    return ActorCode(code.name, country, spec.get("sector") or code.sector,
                                     phrase_role(written, key), actor.kb_id, "PER")
            # "responsable de l'ONG Acted", "porte-parole du parti": the organisation's sector
            sector = spec.get("sector")
            for i in range(len(rest)):
                grp = self.group_at(rest[i:])
                if grp and 0 < i <= 3 and rest[i - 1] in ("de", "du", "des", "d", "l", "la", "le", "cette", "ce", "cet",
                                                           "son", "sa", "of", "the", "this"):
                    sector = grp[1].get("sector") or sector
                    break
            return ActorCode(phrase.strip(), country, sector, phrase_role(written, key), None, "PER")
        for i in range(len(toks)):
            grp = self.group_at(toks[i:])
            if grp and i <= 1:
                key, spec = grp
                country = self.country_in(toks[i + len(key.split()):] + toks[:i])
                return ActorCode(phrase.strip(), country, spec.get("sector"), None, None, spec.get("type", "ORG"))
        if toks and (toks[-1] in self.adjectives or " ".join(toks) in self.adjectives):
            iso = self.adjectives.get(" ".join(toks)) or self.adjectives[toks[-1]]
            return ActorCode(phrase.strip(), iso, "CVL", None, None, "ORG")
        if len(toks) > 1:
            for i in range(1, len(toks)):
                tail = " ".join(toks[i:])
                if self.kb.find(tail) and len(toks) - i >= 2:
                    return self.actor_code(self.kb.find(tail)[0], published, phrase.strip())
        return None


def _after_words(phrase: str, lead: list[str]) -> str:
    """``phrase`` from the first word past the normalised words ``lead`` (and a determiner
    before them): "the North Korean foreign minister" past ["north", "korean"] is "foreign
    minister"."""
    words = phrase.strip().split()
    seen: list[str] = []
    for i, word in enumerate(words):
        toks = norm(word).split()
        if not seen and toks and toks[0] != lead[0]:
            continue   # a determiner the lookup stripped
        seen.extend(toks)
        if seen[:len(lead)] == lead and len(seen) >= len(lead):
            return " ".join(words[i + 1:]) or phrase
    return phrase


def phrase_role(phrase: str, key: str) -> str:
    """The role as written (keeps the text's accents and case of the title words)."""
    words = phrase.strip().split()
    n = len(key.split())
    while words and norm(words[0]) in ("le", "la", "les", "l", "the", "un", "une", "a", "an", "son", "sa", "ses", "leur",
                                       "du", "au", "his", "her", "its", "their") and norm(words[0]) != key.split()[0]:
        words = words[1:]
    out = " ".join(words[:_title_end(words, key.split()) or n])
    if out.lower().startswith(("l'", "l’")):
        out = out[2:]
    return out or key


def _title_end(words: list[str], key: list[str]) -> int | None:
    """How many words the title spans when other words stand among its own ("ministre russe
    des Affaires étrangères" for the key "ministre des affaires etrangeres"); None when the
    words do not hold the key's in order from the first."""
    j = 0
    for i, word in enumerate(words):
        toks = norm(word).split()
        if toks and key[j:j + len(toks)] == toks:
            j += len(toks)
            if j == len(key):
                return i + 1
        elif i == 0:
            return None
    return None


@functools.lru_cache(maxsize=8)
def lexicon(lang: str, kb_paths: tuple[Path, ...] = ()) -> Lexicon:
    return Lexicon(lang, load_kb(tuple(kb_paths)))


def lookup(phrase: str, lang: str, published: str | None = None,
           kb_paths: tuple[Path, ...] = ()) -> ActorCode | None:
    """Actor code of a phrase ("Washington", "les Russes", "le président américain"), or None."""
    if not phrase or lang not in ("fr", "en"):
        return None
    return lexicon(lang, tuple(kb_paths)).lookup(phrase, published)
