"""Actor coding of entities, and the linking of nominal mentions to them.

What the text says comes first (an apposition "la chancelière allemande Angela Merkel", a
country adjective in an organisation's name), then the knowledge base (a person's role on
the publication date), then the article's main country for national institutions named
without one ("le gouvernement", "la police").
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace

from ..records import Mention
from ..work import Work
from .actors import ActorCode, Lexicon
from .coref import is_subject
from .entities import Group
from .knowledge import INTERNATIONAL, Actor, norm
from .nominals import Nominal
from .place_role import place_role

NATIONAL_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP"}


def merge(first: ActorCode | None, second: ActorCode | None) -> ActorCode | None:
    if first is None or second is None:
        return first or second
    return ActorCode(first.name, first.country or second.country, first.sector or second.sector,
                     first.role or second.role, first.kb_id or second.kb_id, first.type or second.type)


def _adjective_marks(work: Work, lex: Lexicon) -> list[tuple[int, str]]:
    """Where a country adjective or demonym names a country ("russe", "les Russes"); found once
    per article (both coding passes ask)."""
    marks = work.scratch.get("who_adjectives")
    if marks is None:
        marks = []
        for t in work.doc:
            # an adjective, whatever the tagger calls it ("gouvernement letton" tagged PROPN), or
            # a capitalised demonym ("les Madrilènes")
            if t.pos_ == "ADJ" or t.dep_ == "amod" or (t.pos_ in ("NOUN", "PROPN") and t.text[:1].isupper()):
                iso = lex.adjectives.get(norm(t.text))
                if iso and iso not in INTERNATIONAL:
                    marks.append((t.idx, iso))
        work.scratch["who_adjectives"] = marks
    return marks


def main_country(work: Work, lex: Lexicon, groups: list[Group],
                 adjectives: list[tuple[int, str]] | None = None) -> str | None:
    """The country the article is mostly about: country names, seats and adjectives counted,
    those of the title and the first sentence counting more (a news lede sets the scene)."""
    votes: Counter = Counter()
    lede_end = next((s.end_char for s in work.doc.sents), 0) if work.doc is not None else 0
    for g in groups:
        iso = lex.country_of_name(g.name) or lex.seat(g.name) or (lex.kb.regions.get(norm(g.name)) if g.type == "LOC" else None)
        if iso is None and g.code is not None and g.code.kb_id and g.code.sector != "MED":
            # an actor the knowledge base knows speaks for its country ("Donald Trump", "Les
            # Républicains", "Nicolas Sarkozy"); a news outlet quoted does not
            iso = g.code.country
        if iso and iso not in INTERNATIONAL:
            votes[iso] += sum(3 if m.start < lede_end else 1 for m in g.mentions if m.kind == "name")
    for idx, iso in _adjective_marks(work, lex) if adjectives is None else adjectives:
        votes[iso] += 3 if idx < lede_end else 1
    for w in norm(work.title or "").split():
        iso = lex.adjectives.get(w) or lex.country_names.get(w) or lex.seats.get(w)
        if iso and iso not in INTERNATIONAL:
            votes[iso] += 4
    if not votes:
        return None
    return votes.most_common(1)[0][0]


LOCAL_WINDOW = 300  # characters: about the sentence before and the one holding the mention


def home_country(work: Work, lex: Lexicon) -> str | None:
    chosen = work.options.home_country
    if chosen == "auto":
        return lex.home_country
    return None if chosen == "none" else chosen


class Places:
    """Where the article's countries are mentioned, to give an actor the country of its context.

    ``at(pos)`` is the country named last within LOCAL_WINDOW characters before ``pos`` (a
    round-up of several countries changes country paragraph by paragraph), else the
    article's main country.
    """

    def __init__(self, work: Work, lex: Lexicon, groups: list[Group]):
        adjectives = _adjective_marks(work, lex)
        self.main = main_country(work, lex, groups, adjectives)
        # the default of an actor the text gives no country: the article's country, else, for an
        # article that names none, the country of its press (Options.home_country)
        self.default = self.main or home_country(work, lex)
        marks: list[tuple[int, str]] = []
        for g in groups:
            iso = lex.country_of_name(g.name) or lex.seat(g.name)
            if iso and iso not in INTERNATIONAL and g.type in ("LOC", "ORG"):
                marks.extend((m.start, iso) for m in g.mentions if m.kind == "name")
        marks.extend(adjectives)
        marks.sort()
        self.offsets = [m[0] for m in marks]
        self.isos = [m[1] for m in marks]

    def at(self, pos: int) -> str | None:
        k = bisect.bisect_left(self.offsets, pos) - 1
        if k >= 0 and pos - self.offsets[k] <= LOCAL_WINDOW:
            return self.isos[k]
        return self.main


def _same_person(g: Group, name: str) -> bool:
    words = norm(name).split()
    return bool(words) and (words[-1] in g.words or set(g.words) >= set(words))


@dataclass
class NominalScene:
    """What linking a nominal needs: the article, the groups so far, where names start and end."""

    work: Work
    lex: Lexicon
    groups: list[Group]
    named: list[tuple[int, int, Group]]
    starts: dict[int, Group]
    ends: dict[int, Group]
    places: Places
    by_key: dict[tuple, Group] = field(default_factory=dict)   # group nominals already made entities

    def __post_init__(self) -> None:
        self.named_starts = [a for a, _, _ in self.named]          # ``named`` is sorted by start
        self.longest_name = max((b - a for a, b, _ in self.named), default=0)


@dataclass(frozen=True, slots=True)
class Seen:
    """One nominal as found in the text: its characters, the phrase with its determiner, its code."""

    nominal: Nominal
    start: int
    end: int
    code: ActorCode | None
    mention: Mention
    subject: bool


def attach_nominals(work: Work, lex: Lexicon, groups: list[Group], noms: list[Nominal]) -> None:
    """Link each nominal ("le président russe", "la police") to an entity: the first rule of
    ``NOMINAL_RULES`` that takes it decides."""
    doc, text = work.doc, work.text
    named = sorted(((m.start, m.end, g) for g in groups for m in g.mentions), key=lambda x: x[0])
    sc = NominalScene(work, lex, groups, named, {s: g for s, _, g in named}, {e: g for _, e, g in named},
                      Places(work, lex, groups))
    for nm in noms:
        s, e = doc[nm.start].idx, doc[nm.end - 1].idx + len(doc[nm.end - 1].text)
        det = doc[nm.start - 1].idx if nm.determined else s
        code = lex.lookup(text[det:e], work.published)
        before = _country_before(doc, nm, lex) if code is None or not code.country else None
        if before is not None:
            lead, iso, possessive = before
            code = (None if possessive else lex.lookup(text[lead:e], work.published)) or code
            code = code and (code if code.country else replace(code, country=iso))
        seen = Seen(nm, s, e, code, Mention(s, e, text[s:e], "nominal", 0.9),
                    is_subject(doc[nm.start]))
        for _name, rule in NOMINAL_RULES:
            if rule(sc, seen):
                break


def _country_before(doc, nm: Nominal, lex: Lexicon) -> tuple[int, str, bool] | None:
    """A country adjective or a country's possessive right before the head ("Latvian Prime
    Minister", "the North Korean foreign minister", "Niger's ambassador"): where it starts, its
    country, and whether it is a possessive. English puts it there, outside the nominal's span,
    and it is the text's word on the holder's country. Up to three words, longest first."""
    end = nm.start
    possessive = end > 0 and doc[end - 1].lower_ in ("'s", "’s")
    end -= possessive   # "Niger's ambassador", "Germany's foreign minister": the country's name
    while not possessive and end > 0 and nm.start - end < 2 and doc[end - 1].pos_ in ("ADJ", "NOUN") \
            and doc[end - 1].is_lower and norm(doc[end - 1].text) not in lex.adjectives:
        end -= 1   # "the Nigerian junior foreign minister", "the Ghanaian trade minister"
    for n in (3, 2, 1):
        k = end - n
        if k < 0:
            continue
        words = doc[k:end]
        if any(t.is_punct or t.pos_ not in ("ADJ", "PROPN", "NOUN") for t in words):
            continue
        iso = lex.country_of_name(words.text) if possessive else lex.adjectives.get(norm(words.text))
        if iso and iso not in INTERNATIONAL:
            return words[0].idx, iso, possessive
    return None


def _inside_name(sc: NominalScene, n: Seen) -> bool:
    """A name holding the head word is the referent itself ("ministère de la Santé" tagged by
    spaCy): the nominal codes it; a name inside a complement ("le parquet de Tokyo") is another."""
    # the first name (by start, then in the order of the groups) covering the head: the names
    # starting at most the longest name's length before it
    at, longest = sc.named_starts, sc.longest_name
    overlapping = (g for a, b, g in sc.named[bisect.bisect_left(at, n.start - longest):bisect.bisect_right(at, n.start)]
                   if a <= n.start < b)
    g = next(overlapping, None)
    if g is None:
        return False
    if g.type != "PER":
        g.code = merge(g.code, n.code and replace(n.code, name=g.name))
    return True


def _apposed_title(sc: NominalScene, n: Seen) -> bool:
    """"le président russe Vladimir Poutine": the title codes the person, the text before the
    knowledge base."""
    nm, code = n.nominal, n.code
    if nm.kind != "title":
        return False
    appos = _apposed(sc.work.doc, nm, sc.starts, sc.ends, "PER")
    if appos is None:
        return False
    country = (code.country if code else None) or _place_of_title(sc, nm)
    local = ActorCode(appos.name, country, (code.sector if code else None) or nm.spec.get("sector"),
                      code.role if code else nm.key, None, "PER")
    appos.code = merge(local, appos.code)
    appos.title_keys.add(nm.key)
    if nm.feminine:
        appos.gender = "f"
    appos.add(replace(n.mention, confidence=0.95))
    if n.subject:
        appos.subject_at.add(n.start)
    return True


def _place_of_title(sc: NominalScene, nm: Nominal) -> str | None:
    """The country of the place a title names its holder by: "chercheur à Lyon", "chercheur à
    l'Institut d'études stratégiques de Lyon" (an organisation the knowledge base does not know
    is looked through to its place); a known organisation or a person stops the search
    ("le représentant de l'ONU en Syrie" is no Syrian)."""
    doc = sc.work.doc
    for t in doc[nm.start].subtree:
        if t.i < nm.start:
            continue
        g = sc.starts.get(t.idx)
        if g is None:
            continue
        if g.type == "LOC":
            iso = g.code.country if g.code else None
            return iso if iso and iso not in INTERNATIONAL else None
        if g.type != "ORG" or (g.code is not None and g.code.kb_id):
            return None
    return None


def _apposed_organisation(sc: NominalScene, n: Seen) -> bool:
    """"le constructeur automobile japonais Nissan", "l'ONG Acted": the group noun codes the
    organisation; a known organisation keeps its own sector ("le mouvement chiite Hezbollah")."""
    nm, code = n.nominal, n.code
    if nm.kind != "group" or nm.plural:
        return False
    appos = _apposed(sc.work.doc, nm, sc.starts, sc.ends, None)
    if appos is None or appos.type not in ("ORG", "MISC"):
        return False
    local = ActorCode(appos.name, code.country if code else None, (code.sector if code else None) or nm.spec.get("sector"),
                      None, None, "ORG")
    appos.code = merge(appos.code, local) if appos.code and appos.code.kb_id else merge(local, appos.code)
    appos.type = "ORG"
    appos.add(replace(n.mention, confidence=0.9))
    return True


def _title_of_someone_named(sc: NominalScene, n: Seen) -> bool:
    """A title alone joins the person it designates, if the article names them: the knowledge
    base's holder, a person given the same title before, or the holder of the office in the
    countries of its context ("le chef de l'État" after "Emmanuel Macron")."""
    nm, code, s = n.nominal, n.code, n.start
    if nm.kind != "title" or nm.plural:
        return False
    target = None
    if code is not None and code.kb_id:
        target = next((g for g in sc.groups if g.type == "PER" and (
            (g.code and g.code.kb_id == code.kb_id) or _same_person(g, code.name))), None)
    if target is None:
        earlier = [g for g in sc.groups if g.type == "PER" and g.first < s and nm.key in g.title_keys
                   and (code is None or not code.country or not g.code or g.code.country in (None, code.country))]
        target = max(earlier, key=lambda g: max(m.start for m in g.mentions if m.start < s), default=None)
    if target is None and code is not None and not code.country and nm.spec.get("office"):
        for country in dict.fromkeys((sc.places.at(s), sc.places.main, nm.spec.get("default_country"))):
            target = target or _office_holder_named(sc.lex, sc.groups, nm.spec["office"], country, s, sc.work.published)
    if target is None:
        return False
    target.add(replace(n.mention, confidence=0.8))
    if n.subject:
        target.subject_at.add(s)
    return True


def _title_of_its_own(sc: NominalScene, n: Seen) -> bool:
    """A title the article names no one for makes a person of its own when the knowledge base
    gives its holder or the text its country ("le président américain"); other titles alone
    (plural, undetermined, of no country) are left."""
    nm, code = n.nominal, n.code
    if nm.kind != "title":
        return False
    if not nm.plural and nm.determined and code is not None and (code.kb_id or code.country):
        text = sc.work.text
        g = Group("PER", name=code.name if code.kb_id else text[n.start:n.end], gender="f" if nm.feminine else "m")
        g.code = code
        g.words = set(norm(g.name).split())
        g.title_keys.add(nm.key)
        g.add(replace(n.mention, confidence=0.7 if code.kb_id else 0.8))
        sc.groups.append(g)
    return True


def _group_or_institution(sc: NominalScene, n: Seen) -> bool:
    """A group or an institution ("la police grecque", "le gouvernement", "les manifestants"):
    one entity per head noun and country; the country of its owner ("le gouvernement Trump"),
    else the country the article is about (or its press's, see Places)."""
    nm, code, doc, text = n.nominal, n.code, sc.work.doc, sc.work.text
    if code is None:
        code = ActorCode(text[n.start:n.end], None, nm.spec.get("sector"), None, None, "ORG")
    owner = sc.starts.get(doc[nm.end].idx) if nm.end < len(doc) else None
    if code.country is None and owner is not None and owner.code is not None:
        code = replace(code, country=owner.code.country)
    borderless = bool(nm.spec.get("borderless"))
    if code.country is None and sc.places.default and not borderless:
        # (people who cross borders, "les migrants", "les touristes", take no country by default)
        code = replace(code, country=sc.places.default)
    key = (nm.key, code.country, text[n.start:n.end].lower() if nm.end - nm.start > len(nm.key.split()) else None)
    g = sc.by_key.get(key)
    if g is None:
        g = Group("ORG", name=text[n.start:n.end], borderless=borderless)
        g.code = replace(code, name=text[n.start:n.end])
        g.words = set(norm(g.name).split())
        sc.by_key[key] = g
        sc.groups.append(g)
    g.add(n.mention)
    return True


# How a nominal is linked: the first rule that takes it decides.
NOMINAL_RULES = (
    ("inside a name", _inside_name),
    ("apposed title", _apposed_title),
    ("apposed organisation", _apposed_organisation),
    ("title of someone named", _title_of_someone_named),
    ("title of its own", _title_of_its_own),
    ("group or institution", _group_or_institution),
)


def _office_holder_named(lex: Lexicon, groups: list[Group], office: str, country: str | None, before: int,
                         published: str | None) -> Group | None:
    """The person already named in the article who holds ``office`` of ``country`` on the
    publication date: "le chef de l'État" after "Emmanuel Macron" in an article about France.
    Only a person the text names is taken, never one brought in from the knowledge base."""
    if not country:
        return None
    holder = lex.holder(country, office, published)
    if holder is None:
        return None
    return next((g for g in groups if g.type == "PER" and g.first < before and (
        (g.code is not None and g.code.kb_id == holder.kb_id) or _same_person(g, holder.name))), None)


_SCAN = 6


def _apposed(doc, nm: Nominal, starts: dict, ends: dict, want: str | None) -> Group | None:
    """The named entity a nominal stands in apposition to, if any.

    After it: "le président russe Vladimir Poutine", "l'opposant numéro 1 du Kremlin Alexeï
    Navalny", "son maire, Sergueï Sobianine" (a few words and at most one comma between).
    Before it: "Vladimir Poutine, le président russe".
    """
    commas = 0
    for j in range(nm.end, min(nm.end + _SCAN, len(doc))):
        t = doc[j]
        g = starts.get(t.idx)
        if g is not None and (want is None or g.type == want):
            return g
        if t.text == ",":
            commas += 1
            if commas > 1:
                break
            continue
        if t.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON") or t.is_sent_start:
            break
    k = nm.start - 1 - int(nm.determined)
    if k >= 1 and doc[k].text == ",":
        prev_end = doc[k - 1].idx + len(doc[k - 1].text)
        g = ends.get(prev_end)
        if g is not None and (want is None or g.type == want):
            return g
    return None


def code_groups(work: Work, lex: Lexicon, groups: list[Group], final: bool = False) -> None:
    """Code the groups from their names; ``final`` also applies the defaults, which come from
    the article as a whole, never from a country named nearby: an actor the text and the
    knowledge base give no country is of the country the article is about, or, when it names
    none, of the country of its press (measured on the event tuning sets, both are right far
    more often than leaving it unknown), a person only where the language's resource says so
    (``person_country``: French "main", English "none"); a person they say nothing else about
    is a civilian."""
    places = Places(work, lex, groups) if final else None
    article_names = [m.text for x in groups if x.type == "PER" for m in x.mentions if m.kind == "name"]
    for g in groups:
        if g.type == "PER":
            if not final:
                actor = _person_in_kb(lex, g, work.published, article_names)
                if actor is not None:
                    g.code = merge(g.code, lex.actor_code(actor, work.published, g.name))
                    g.gender = g.gender or actor.gender
            else:
                default = places.default if lex.person_country == "main" else None
                g.code = merge(g.code, ActorCode(g.name, default, "CVL", None, None, "PER"))
            if g.code is not None and g.code.name != g.name:
                g.code = replace(g.code, name=g.name)
            continue
        if final:
            # (a region of the world is no country's: "Europe", "le Sahel")
            if g.type in ("ORG", "LOC") and (g.code is None or g.code.country is None) and places.default and \
                    not g.borderless and (g.code is None or not g.code.kb_id) and \
                    (g.code is None or g.code.sector != "IGO") and lex.fold_region(g.name) not in lex.world_regions \
                    and (lex.name_country == "main" or (g.code is not None and g.code.sector in NATIONAL_SECTORS)):
                # a national institution the text gives no country: the article's country (other
                # names only where the language's resource says so, ``name_country``)
                g.code = replace(g.code or ActorCode(g.name, type=g.type), country=places.default)
            if g.code is not None and g.code.country in INTERNATIONAL and g.type == "ORG" and (
                    g.code.sector is None or g.code.sector in NATIONAL_SECTORS):
                g.code = replace(g.code, sector="IGO")  # "l'Agence européenne des médicaments"
            continue
        if g.code is not None and (g.code.country or g.code.sector):
            continue
        code = None
        for form in [g.name] + sorted({m.text for m in g.mentions if m.kind == "name"} - {g.name}, key=len, reverse=True):
            code = lex.lookup(form, work.published)
            if code is not None:
                break
        if code is None:
            toks = lex._strip(norm(g.name)).split()
            sector = None
            for i in range(min(2, len(toks))):  # the head word only: "Parti conservateur"
                found = lex.group_at(toks[i:])
                if found:
                    sector = found[1].get("sector")
                    break
            country = lex.country_in(toks)
            if country is None and g.type == "LOC":
                country = lex.kb.regions.get(norm(g.name)) or lex.kb.regions.get(" ".join(toks))
                if country is not None:
                    # a known region or city acts through its government, as a country does
                    sector = sector or "GOV"
            if sector or country:
                code = ActorCode(g.name, country, sector, None, None, g.type)
        if code is not None and code.kb_id and code.type == "ORG" and g.type in ("LOC", "MISC"):
            g.type = "ORG"  # "Croix-Rouge", tagged as a place
        elif code is not None and g.type == "LOC" and code.sector != "GOV":
            code = replace(code, sector=None)
        elif code is not None and g.type == "LOC" and _only_a_place(work, lex, g):
            code = replace(code, sector=None)   # "à Marseille": where, not who
        g.code = merge(g.code, code and replace(code, name=g.name))


def _only_a_place(work: Work, lex: Lexicon, g: Group) -> bool:
    """A known city or region (not a country, not a seat of government such as "le Kremlin")
    whose every name mention is where something happens: the complement of a place preposition
    ("à Marseille") or of a place noun ("les rues de Paris") (``[place_role]`` of the ``who``
    resource). Any other role, subject or object above all ("Paris a condamné"), keeps it an
    actor."""
    if work.doc is None or lex.kb.regions.get(norm(g.name)) is None or lex.country_of_name(g.name):
        return False
    names = [m for m in g.mentions if m.kind == "name"]
    return bool(names) and all(place_role(work.doc, m, lex) for m in names)


def _person_in_kb(lex: Lexicon, g: Group, published: str | None, article_names=()) -> Actor | None:
    """The knowledge-base person a named group is (the rule: ``KnowledgeBase.person``)."""
    return lex.kb.person([m.text for m in g.mentions if m.kind == "name"], published, article_names)
