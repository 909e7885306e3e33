"""Event participants: from a token of the parse to an ``Actor`` with country and sector.

The entity stage ("who") is the authority on actor codes: an entity's own country and sector
come first, then ``veille.who.actors.lookup`` for phrases that are not entities. What the lookup
leaves uncoded falls to a small fallback: country names (Babel's territory names), demonyms,
capitals and metonyms listed in ``events.toml``; then to the article's dominant country.
"""
from __future__ import annotations

import bisect

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass

from ..records import Actor, Entity
from ..clean.normalize import fold
from ..work import Work
from .lexicon import Lexicon

log = logging.getLogger(__name__)

try:  # the actor knowledge base of the "who" stage, when present
    from ..who.actors import lookup as _kb_lookup  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on the state of the who stage
    _kb_lookup = None

try:
    from ..who.coref import antecedent as _antecedent  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _antecedent = None

# Dependents that belong to an actor's name phrase (not relative clauses or objects).
PHRASE_DEPS = {"amod", "nmod", "flat:name", "flat", "compound", "det", "appos", "nummod", "case", "fixed",
               "poss", "flat:foreign", "cc", "conj", "prep", "pobj", "nn"}
_WORD = re.compile(r"[\w'-]+")
# A full stop glued to the next sentence ("l'AFP.Il", "(JDD).M. X", "Tikhanovskaïa.- 'Loukachenko"):
# a paragraph break the page parser lost, never inside one actor's name. A single capital before
# the stop is an initial ("M. Loukachenko"), not an end of sentence.
GLUED_STOP = re.compile(r"(?:[a-zà-ÿ0-9)\]»\"]|[A-Z]{2})\.[-–\s'\"»]*(?=[A-ZÀ-Ý])")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def clean_name(name: str, anchor: int | None = None) -> str:
    """An actor's name cut at a glued sentence break: the part holding ``anchor`` (an offset into
    ``name``, the head word), else the longest part."""
    cuts = [0] + [m.end() for m in GLUED_STOP.finditer(name)] + [len(name)]
    if len(cuts) == 2:
        return name.strip()
    parts = [(a, re.sub(r"[\s.\-–'\"»]+$", "", name[a:b]).strip(" '\"«»-")) for a, b in zip(cuts, cuts[1:])]
    if anchor is not None:
        return next((p for a, p in reversed(parts) if a <= anchor), parts[0][1])
    return max(parts, key=lambda x: len(x[1]))[1]


def nameable(name: str) -> bool:
    """Whether a phrase can name an actor: besides numbers ("1er", "156"), a word of two letters
    or more; a euphonic "-t-" ("ajoute-t-il") or a stray letter is no one."""
    words = [w for w in name.split() if not w.lstrip("-(\"'«")[:1].isdigit()]
    return bool(_LETTERS.search(" ".join(words).replace(".", "")))  # "U.S.", "U.N."


def region_key(name: str) -> str:
    """A place name folded for comparison, without articles ("l'Amérique du Nord" -> "amerique du nord")."""
    words = [fold(w) for w in _WORD.findall(name)]
    words = [w.split("'", 1)[1] if "'" in w else w for w in words]
    return " ".join(w for w in words if w not in ("la", "le", "les", "the"))


@functools.lru_cache(maxsize=None)
def _names(lang: str, places: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Lower-cased, accent-folded country and place names -> ISO3."""
    out: dict[str, str] = {}
    try:
        import pycountry
        from babel import Locale
        for a2, name in Locale(lang).territories.items():
            c = pycountry.countries.get(alpha_2=a2) if len(a2) == 2 else None
            if c is not None:
                out[fold(name)] = c.alpha_3
                if lang == "en":
                    out[fold(c.name)] = c.alpha_3
    except Exception as exc:  # pragma: no cover - Babel and pycountry are dependencies
        log.warning("country names unavailable: %s", exc)
    for k, v in places:
        out[fold(k)] = v
    return out


@functools.lru_cache(maxsize=None)
def _country_name(lang: str, code: str | None) -> str | None:
    """A country's name in the article's language, from its ISO3 code (Babel)."""
    if not code:
        return None
    try:
        import pycountry
        from babel import Locale
        c = pycountry.countries.get(alpha_3=code)
        return Locale(lang).territories.get(c.alpha_2) if c is not None else None
    except Exception:  # pragma: no cover - Babel and pycountry are dependencies
        return None


@dataclass
class Coder:
    """Actor coding for one article."""

    work: Work
    lex: Lexicon

    def __post_init__(self) -> None:
        self.names = _names(self.lex.lang, tuple(sorted(self.lex.places.items())))
        self.longest = max((len(k.split()) for k in self.names), default=1)
        self.demonyms = {fold(k): v for k, v in self.lex.demonyms.items()}
        self.demonym_words = max((len(k.split()) for k in self.demonyms), default=1)
        self._person_country: dict[str, str | None] = {}
        self.regions = {region_key(r) for r in self.lex.regions}
        self.state_nouns = {fold(w) for w in self.lex.state_nouns}
        self.compass = {fold(w) for w in self.lex.compass}
        self._text_country: dict[str, str | None] = {}  # a phrase's country, found once per article
        self._authority: dict[str | None, Actor] = {}
        self._places: set[str] | None = None
        self._entity_country: dict[str, str | None] = {}  # an entity's country, by id (entities stay put here)
        self._name_country: dict[str, str | None] = {}
        self._static_rank: dict[str, tuple] = {}
        self._salience: tuple | None = None  # (entity index, its key, the entities' places by salience)
        self._foreign: dict[tuple, bool] = {}  # whether a target outside the source's country exists
        self.default = self._dominant_country()
        self.here: str | None = None  # the country where the event in hand happens, when said

    # -- country of a phrase --------------------------------------------------------------
    def country_of_text(self, text: str) -> str | None:
        if text not in self._text_country:
            self._text_country[text] = self._country_of_text(text)
        return self._text_country[text]

    def _country_of_text(self, text: str) -> str | None:
        code = self.lookup(text)
        if code is not None and getattr(code, "country", None):
            return code.country
        # The lookup misses some demonyms and metonyms: the small fallback still helps (docs/what.md).
        words = [fold(w) for w in _WORD.findall(text)]
        for n in range(min(self.longest, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                code = self.names.get(" ".join(words[i:i + n]))
                if code:
                    return code
        # longest first: "north korean" before "korean"
        for n in range(min(self.demonym_words, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                code = self._demonym(" ".join(words[i:i + n]))
                if code:
                    return code
        return None

    def _demonym(self, word: str) -> str | None:
        if word in self.demonyms:
            return self.demonyms[word]
        for suffix in ("nes", "ne", "es", "e", "s"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.demonyms:
                return self.demonyms[word[: -len(suffix)]]
        return None

    def country_of_tokens(self, tokens) -> str | None:
        return self.country_of_text(" ".join(t.text for t in tokens))

    def _dominant_country(self) -> str | None:
        """The country the article is mostly about: the fallback for uncoded actors."""
        counts: Counter[str] = Counter()
        doc = self.work.doc
        for ent in doc.ents:
            code = self.country_of_text(ent.text)
            if code:
                counts[code] += 1
        seen: dict[str, str | None] = {}  # a word's demonym, looked up once per article
        for t in doc:
            if t.pos_ in ("ADJ", "NOUN", "PROPN") and not t.ent_type_:
                if t.text not in seen:
                    seen[t.text] = self._demonym(fold(t.text))
                if seen[t.text]:
                    counts[seen[t.text]] += 1
        if self.work.title:
            code = self.country_of_text(self.work.title)
            if code:
                counts[code] += 2
        return counts.most_common(1)[0][0] if counts else None

    # -- phrases of the parse -------------------------------------------------------------
    def phrase(self, token):
        """The tokens of the name phrase headed by ``token`` (without clauses and objects)."""
        out = [token]
        stack = [token]
        while stack:
            t = stack.pop()
            for c in t.children:
                # A bare noun modifier is a date or a measure ("la police japonaise mardi").
                bare = c.dep_ == "nmod" and c.pos_ == "NOUN" and not any(x.dep_ == "case" for x in c.children)
                if c.dep_ in PHRASE_DEPS and c.pos_ != "VERB" and not bare:
                    out.append(c)
                    stack.append(c)
        out.sort(key=lambda t: t.i)
        return out

    def entity_for(self, token, phrase=()) -> tuple[Entity, object] | None:
        hit = self.work.entity_at(token.idx, token.idx + len(token.text))
        if hit is None:
            # "le président Emmanuel Macron": the title heads the phrase, the name is the entity;
            # "le candidat RN à la mairie de Nice Philippe Vardon": the person named, not the party
            # that qualifies the title.
            named = []
            for t in phrase:
                if t.ent_type_ and t.pos_ == "PROPN" and t.i > token.i - 4:
                    h = self.work.entity_at(t.idx, t.idx + len(t.text))
                    if h is not None and h[0].type in ("PER", "ORG"):
                        person = h[0].type == "PER" and t.dep_ != "pobj" and not any(c.dep_ == "case" for c in t.children)
                        if person or abs(t.i - token.i) <= 3:
                            named.append((not person, abs(t.i - token.i), h))
            if named:
                return min(named, key=lambda x: x[:2])[2]
        if hit is None and _antecedent is not None and token.pos_ == "PRON":
            try:
                ent = _antecedent(self.work, token.idx, token.idx + len(token.text))
            except Exception:  # the coreference helper is another stage's; never fail on it
                ent = None
            if ent is not None:
                return ent, None
        return hit

    def described_by(self, span) -> list:
        """The words of the phrases describing a mention: its head, appositions, adjectives and
        complements ("le président péruvien X", "X, ministre russe"), the mention itself aside."""
        root = span.root
        near = [root.head] if root.dep_ in ("appos", "flat:name", "nmod", "compound") else []
        near += [c for c in root.children if c.dep_ in ("appos", "amod", "nmod", "compound")]
        near += [c for c in root.head.children if c.dep_ == "appos" and c.i != root.i]
        return [t for n in near for t in self.phrase(n) if not (span.start <= t.i < span.end)]

    def person_demonym(self, entity: Entity) -> str | None:
        """The country a person's own description gives by a demonym ("Ultime gouverneur
        britannique de Hong Kong, Chris Patten"): whom the person belongs to, before the place
        the description names, which is where the office is."""
        key = ("demonym", entity.id)
        if key in self._person_country:
            return self._person_country[key]
        doc = self.work.doc
        votes: Counter[str] = Counter()
        for m in entity.mentions:
            if m.kind == "pronoun":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            words = self.described_by(span)
            words += list(doc[max(span.start - 5, span.sent.start):span.start])
            for t in words:
                if t.pos_ == "ADJ" and not t.ent_type_:
                    code = self._demonym(fold(t.text))
                    if code:
                        votes[code] += 1
                        break
        result = votes.most_common(1)[0][0] if votes else None
        self._person_country[key] = result
        return result

    def person_country(self, entity: Entity) -> str | None:
        """A person's country from the words around their mentions ("le président péruvien X")."""
        if entity.id in self._person_country:
            return self._person_country[entity.id]
        doc = self.work.doc
        votes: Counter[str] = Counter()
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            left = doc[max(span.start - 5, span.sent.start):span.start]
            toks = self.described_by(span)
            code = self.country_of_tokens(toks) or self.country_of_tokens(
                [t for t in left if t.pos_ in ("ADJ", "PROPN") and t.head.i >= span.start - 1])
            if code:
                votes[code] += 1
        result = votes.most_common(1)[0][0] if votes else None
        self._person_country[entity.id] = result
        return result

    def lookup(self, text: str):
        if _kb_lookup is None:
            return None
        try:
            return _kb_lookup(text, self.lex.lang, self.work.published)
        except Exception:  # the lookup belongs to the who stage; an error there only loses a code
            log.debug("actor lookup failed on %r", text, exc_info=True)
            return None

    def is_actor(self, token) -> bool:
        """Whether a token can head an event participant."""
        lemma = token.lemma_.lower()
        own = [token, *(c for c in token.children if c.dep_ in ("flat:name", "flat", "compound", "appos"))]
        if not nameable(" ".join(t.text for t in own)) and not token.ent_type_ and not self._named(token):
            return False  # "-t" of "ajoute-t-il", "1er", a stray letter
        # A common noun tagged MISC is a thing with a name ("Covid-19", "Brexit"), not an actor.
        named = token.ent_type_ and not (token.ent_type_ == "MISC" and token.pos_ == "NOUN")
        if token.pos_ == "PROPN" or named or lemma in self.lex.actor_nouns or token.lower_ in self.lex.actor_nouns:
            return True
        if token.pos_ in ("PRON", "NUM", "DET", "X") and self._named(token):
            return True  # "Kim Jong Un": a name the tagger split ("Un" read as a pronoun)
        if token.pos_ == "PRON":
            return lemma in self.lex.pronouns or token.text.lower() in self.lex.pronouns
        if token.pos_ != "NOUN":
            return False
        if self.lex.entries(lemma, "noun"):
            return False  # an event named by its noun ("les restrictions en Azerbaïdjan") is no actor
        # "the APEC forum", "les autorités grecques", "Turkish and Greek sides": a noun whose own
        # modifiers name a country or an organisation.
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod", "appos", "flat:name")]
        return self._demonym(fold(token.text)) is not None or any(
            c.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "PERSON", "PER") or self._demonym(fold(c.text)) for c in mods)

    def _named(self, token) -> bool:
        """Whether a token lies inside a name the entity stage found (a person, a body, a place)."""
        ix = self.work._entity_index()
        at = token.idx
        for k in range(bisect.bisect_left(ix.starts, at - ix.longest), bisect.bisect_right(ix.starts, at)):
            _, end, i, j = ix.spans[k]
            e = self.work.entities[i]
            if at < end and e.type in ("PER", "ORG", "LOC") and e.mentions[j].kind == "name":
                return True
        return False

    def actor(self, token, default_ok: bool = True) -> Actor | None:
        """The actor headed by ``token``: entity first, then the KB lookup, then the fallback."""
        toks = self.phrase(token)
        # Keep the name compact: the head and its modifiers up to the first comma or clause.
        toks = [t for t in toks if abs(t.i - token.i) <= 8 and not t.is_punct] or [token]
        while toks and toks[0].pos_ in ("DET", "ADP", "CCONJ"):
            toks = toks[1:]
        while toks and toks[-1].pos_ in ("DET", "ADP", "CCONJ"):
            toks = toks[:-1]
        if not toks:
            toks = [token]
        text = self.work.doc[toks[0].i:toks[-1].i + 1].text
        hit = self.entity_for(token, toks)
        entity = hit[0] if hit else None
        if self.is_region(text) or entity is not None and self.is_region(entity.name):
            return None
        # "Certains ont manifesté": a part of a group, not a pronoun standing for a named actor.
        is_pron = token.pos_ == "PRON" and token.lemma_.lower() not in self.lex.actor_nouns \
            or token.lower_ in self.lex.demonstratives  # "Celui-ci met en cause X", tagged as a name
        if is_pron and entity is not None and entity.type not in ("PER", "ORG", "LOC"):
            entity = None
        if entity is None and is_pron:
            entity = self._previous_entity(token)
            if entity is None:
                return None
        name = entity.name if entity is not None else text
        name = clean_name(name, None if entity is not None else token.idx - toks[0].idx)
        if not nameable(name):
            return None
        country = entity.country if entity is not None else None
        sector = entity.sector if entity is not None else None
        named = self.country_name(name)
        if named:
            country = named
        elliptic = self.compass_country(name)
        if elliptic:
            # "le Sud" in an article about the Koreas: the country named with that point.
            country = elliptic
        if country is None or sector is None:
            code = self.lookup(name if entity is not None else text)
            if code is not None:
                country = country or getattr(code, "country", None)
                sector = sector or getattr(code, "sector", None)
        local = None if is_pron else self.country_of_tokens([t for t in toks if t.i != token.i or entity is None])
        if entity is not None and entity.type == "PER":
            # A demonym in the person's own phrase ("le ministre allemand X") is direct evidence,
            # and so is one describing the person elsewhere in the article.
            country = local or self.person_demonym(entity) or country
        elif entity is not None:
            # So is a demonym in a body's own phrase ("le gouvernement letton") or naming a group
            # ("les Madrilènes", sometimes tagged a place), before a country the entity stage gave
            # by default.
            country = (local if entity.type != "LOC" else None) \
                or (self._demonym(fold(name)) if len(name.split()) == 1 else None) or country
        members = None if is_pron else self.members_country(token)
        if members:
            country = members
        if country is None and not is_pron:
            country = local
        if country is None and entity is not None:
            if entity.type == "PER":
                country = self.person_country(entity)
            else:
                country = self.country_of_text(entity.name)
        if sector is None:
            sector = self.lex.sectors.get(token.lemma_.lower())
        if country is None and entity is None and token.lemma_.lower() in self.lex.country_anaphors:
            country = self.previous_country(token)
        if country is None and default_ok:
            country = (self.here if entity is None else None) or self.default
        return Actor(name=name, entity=entity.id if entity is not None else None, country=country, sector=sector)

    def members_country(self, token) -> str | None:
        """The country of a group told by its members ("sept personnes (dont six Français)").

        Victims and detainees are often counted this way; the demonym names the side the
        group belongs to, where the place of the event would name the other one.
        """
        words = self.lex.arguments.get("partitive_words", frozenset())
        for c in token.children:
            if c.i < token.i or c.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if any(x.lower_ in words for x in c.children) or any(x.lower_ in words for x in c.lefts):
                code = self._demonym(fold(c.text)) or self.country_of_text(c.text)
                if code:
                    return code
        return None

    def is_region(self, name: str) -> bool:
        """A world region ("l'Amérique latine", "Europe"): a place, never one actor."""
        return region_key(name) in self.regions

    def region_span(self, span) -> bool:
        """A place span that is, or with the word after it is, a world region ("Amérique" "latine")."""
        doc = span.doc
        return self.is_region(span.text) or self.is_region(doc[span.start:min(span.end + 1, len(doc))].text)

    def compass_country(self, name: str) -> str | None:
        """A point of the compass standing for a country the article names with it ("le Sud" for
        "la Corée du Sud", "the North" for "North Korea")."""
        key = region_key(name)
        if key not in self.compass:
            return None
        for e in self.work.entities:
            words = region_key(e.name).split()
            if e.type == "LOC" and len(words) > 1 and key in (words[0], words[-1]) and not self.is_region(e.name):
                code = e.country or self.names.get(region_key(e.name))
                if code:
                    return code
        return None

    def is_place(self, token) -> bool:
        """Whether a token names a place by the entity stage (a city, a region, a country)."""
        hit = self.work.entity_at(token.idx, token.idx + len(token.text))
        if hit is not None and hit[0].type == "LOC":
            return not self.is_region(hit[0].name)
        # The same name found elsewhere as a place ("Melbourne" once tagged as a place).
        if token.pos_ != "PROPN":
            return False
        if self._places is None:
            self._places = {e.name for e in self.work.entities if e.type == "LOC" and not self.is_region(e.name)}
        return token.text in self._places

    def place_actor(self, token) -> Actor:
        """The authorities of a place ("En Irlande, les pubs ont rouvert": Ireland's government)."""
        hit = self.entity_for(token)
        name = hit[0].name if hit else token.text
        country = (hit[0].country if hit else None) or self.country_of_text(name) or self.default
        return Actor(name=name, entity=hit[0].id if hit else None, country=country, sector="GOV")

    def place_country(self, span) -> str | None:
        """The country a place is in: the entity's own code, else country and city names, which a
        place is before a metonym ("à Bruxelles" is in Belgium, whatever "Bruxelles" says)."""
        hit = self.work.entity_at(span.start_char, span.end_char)
        if hit is not None and hit[0].type == "LOC" and hit[0].country:
            return hit[0].country
        return self.names.get(fold(span.text)) or self.names.get(region_key(span.text)) or self.country_of_text(span.text)

    def authority(self, code: str | None = None) -> Actor:
        """The authorities of a country (by default the article's), for acts of state whose doer
        is unsaid."""
        code = code or self.default
        if code not in self._authority:
            self._authority[code] = self._authority_of(code)
        return self._authority[code]

    def _authority_of(self, code: str | None) -> Actor:
        best = None
        for e in self.work.entities:
            # The country itself ("l'Espagne"), not a city or its people, stands for its state.
            if e.type == "LOC" and code in (self.names.get(fold(e.name)), self.names.get(region_key(e.name))):
                if best is None or len(e.mentions) > len(best.mentions):
                    best = e
        name = best.name if best is not None else _country_name(self.lex.lang, code) or code or "?"
        return Actor(name=name, entity=best.id if best is not None else None, country=code, sector="GOV")

    def previous_country(self, token) -> str | None:
        """The country a nominal anaphor ("le pays", "the country") takes up: the last country
        named before it, in its sentence or the two before."""
        doc = self.work.doc
        first = token.sent.start
        for _ in range(2):
            if first > 0:
                first = doc[first - 1].sent.start
        start = doc[first].idx
        best, best_start = None, -1
        ix = self.work._entity_index()
        # the mentions starting in [start, token.idx), in the order of the entities and their mentions
        for _, _, i, j in sorted(ix.spans[bisect.bisect_left(ix.starts, start):bisect.bisect_left(ix.starts, token.idx)],
                                 key=lambda x: (x[2], x[3])):
            e = self.work.entities[i]
            if e.type != "LOC":
                continue
            code = e.country or self.country_of_text(e.name)
            if not code:
                continue
            m = e.mentions[j]
            if m.start > best_start and m.kind == "name":
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and not self.region_span(span):
                    best, best_start = code, m.start
        return best

    def _previous_entity(self, token) -> Entity | None:
        """The nearest person or organisation named before a pronoun (within a few sentences)."""
        best, best_start = None, -1
        limit = token.idx - 600
        kinds = ("PER", "ORG", "LOC") if token.lower_.lstrip("-") in self.lex.inanimate_pronouns else ("PER", "ORG")
        ix = self.work._entity_index()
        for _, _, i, j in sorted(ix.spans[bisect.bisect_left(ix.starts, limit):bisect.bisect_left(ix.starts, token.idx)],
                                 key=lambda x: (x[2], x[3])):
            e = self.work.entities[i]
            m = e.mentions[j]
            if e.type in kinds and m.start > best_start and m.kind != "pronoun":
                best, best_start = e, m.start
        return best

    def implicit_target(self, source: Actor, near=None, people_only: bool = False) -> Actor | None:
        """The unstated target of a directed event (an accusation, a demand, a rejection).

        Such an event always has a target; when its clause names none, readers take the actor
        under discussion: the actor most mentioned around the event (its sentence and the two
        before), then in the whole article, other than the source (discourse salience); public
        actors before civilians. A state acting as one (a country, "le régime", "l'armée") acts on
        others: its own people and leaders are passed over when another side is named. An act
        done to people (``people_only``: an arrest, a detention) is done to a person or a group,
        never to a place.
        """
        window = self._window(near) if near is not None else None
        entities = self.work.entities

        def eligible(e) -> bool:
            return (e.type in ("PER", "ORG", "LOC") and e.id != source.entity and e.name != source.name
                    and not (people_only and (e.type == "LOC" or self.country_name(e.name))))

        own = self.work.entity(source.entity) if source.entity else None
        head = fold(source.name.split()[0]) if source.name else ""
        state = own.type == "LOC" if own is not None else head in self.state_nouns
        foreign = bool(state and source.country) and self._foreign_exists(source, people_only, eligible)

        def candidate(e) -> bool:
            return eligible(e) and not (foreign and self._country(e) == source.country)

        ix = self.work._entity_index()
        local_counts: dict[int, int] = {}
        if window:
            for _, _, i, _j in ix.spans[bisect.bisect_left(ix.starts, window[0]):bisect.bisect_left(ix.starts, window[1])]:
                local_counts[i] = local_counts.get(i, 0) + 1
        if len(ix.by_id) == len(entities):
            # The best candidate is one mentioned in the window, or else the first candidate of
            # the article's order of salience not mentioned there: the others cannot rank first.
            pool = [i for i in local_counts if candidate(entities[i])]
            pool.append(next((i for i in self._salience_order(ix) if i not in local_counts and candidate(entities[i])), None))
            pool = [i for i in pool if i is not None]
        else:  # ids shared by several entities: the salience of an id is that of its first use
            pool = [i for i, e in enumerate(entities) if candidate(e)]
        if not pool:
            return None

        def rank(i):
            e = entities[i]
            if e.id not in self._static_rank:
                self._static_rank[e.id] = (-len(e.mentions), min((m.start for m in e.mentions), default=0))
            return (e.sector == "CVL", -local_counts.get(i, 0), *self._static_rank[e.id], i)

        entity = entities[min(pool, key=rank)]
        return Actor(name=entity.name, entity=entity.id, country=self._country(entity) or self.default, sector=entity.sector)

    def _foreign_exists(self, source: Actor, people_only: bool, eligible) -> bool:
        """Whether an actor other than the source's country may be the target (once per source)."""
        key = (source.entity, source.name, source.country, people_only, len(self.work.entities), self.work._version)
        if key not in self._foreign:
            self._foreign[key] = any(eligible(e) and self._country(e) != source.country for e in self.work.entities)
        return self._foreign[key]

    def _salience_order(self, ix) -> list[int]:
        """The entities' places, civilians last, then the most mentioned first, then the first
        named: how ``implicit_target`` ranks the actors not mentioned near the event. Made
        again when the entities change (ids are unique here: an id's rank is its entity's)."""
        if self._salience is None or self._salience[0] is not ix or self._salience[1] != ix.key:
            entities = self.work.entities
            self._salience = (ix, ix.key, sorted(range(len(entities)), key=lambda i: (
                entities[i].sector == "CVL", -len(entities[i].mentions),
                min((m.start for m in entities[i].mentions), default=0), i)))
        return self._salience[2]

    def in_time(self, at: int) -> bool:
        """Whether a time expression of the article covers the offset: the largest end among
        the expressions starting at or before it lies after it."""
        times = self.work.times
        if getattr(self, "_times", (None,))[0] is not times or self._times[1] != len(times):
            spans = sorted((t.start, t.end) for t in times)
            reach, best = [], None
            for _, end in spans:
                best = end if best is None or end > best else best
                reach.append(best)
            self._times = (times, len(times), [a for a, _ in spans], reach)
        _, _, starts, reach = self._times
        k = bisect.bisect_right(starts, at) - 1
        return k >= 0 and reach[k] > at

    def entity_country(self, entity: Entity) -> str | None:
        """An entity's country: its own code, a person's description, a place's name."""
        return self._country(entity)

    def _country(self, entity: Entity) -> str | None:
        if entity.id not in self._entity_country:
            self._entity_country[entity.id] = self._country_of(entity)
        return self._entity_country[entity.id]

    def _country_of(self, entity: Entity) -> str | None:
        own = self.person_country(entity) if entity.type == "PER" else self.country_of_text(entity.name)
        return self.compass_country(entity.name) or self.country_name(entity.name) or entity.country or own

    def country_name(self, name: str) -> str | None:
        """The country a name is, when the whole name is that of a country or its capital.

        Such a name is its own code: it outweighs an entity code that a glued heading or a
        homonym led astray ("OCDE.- France" coded as the United States, "Washington" as a person).
        """
        if name not in self._name_country:
            key = region_key(name)
            self._name_country[name] = self.names.get(key) if key else None
        return self._name_country[name]

    def is_country_name(self, name: str) -> bool:
        """Whether a name is a country's own (Babel's territory names: "Irlande", "États-Unis"),
        not a city or a region standing for one ("Melbourne", "Floride")."""
        key = region_key(name)
        return bool(key) and key in _names(self.lex.lang, ())

    def _window(self, token) -> tuple[int, int]:
        """Character range of a token's sentence and the two sentences before it."""
        doc = self.work.doc
        sent = token.sent
        first = sent.start
        for _ in range(2):
            if first > 0:
                first = doc[first - 1].sent.start
        return doc[first].idx, sent.end_char
