"""The frame of an event: its place, its date, its evidence, and whether it is news at all
(states, habits, background, circumstances, re-mentions, private persons)."""
from __future__ import annotations

import bisect
import datetime as dt
import re

from ..records import Actor, Span
from ..work import Work
from .actors import GLUED_STOP, Coder
from .factuality import clause_verb
from .lexicon import Lexicon
from .syntax import AGENT, case_of

BACKGROUND_YEARS = 1  # events dated earlier than this many years before publication are history
# A calendar value no finer than a year ("2015", "199X", "20XX"): a bare year or decade.
BARE_YEAR = re.compile(r"\d{2,4}X*")


def private_person(coder: Coder, actor: Actor) -> bool:
    """A private person: a named person with no public role the article gives (sector civilian
    or none), or people named by what they are in private life (``[actors] private_nouns``:
    "des étudiants", "l'enseignant", "les passagers")."""
    entity = coder.work.entity(actor.entity) if actor.entity else None
    if entity is not None and entity.type == "PER":
        return actor.sector in (None, "CVL")
    words = actor.name.lower().split()
    head = next((w for w in words if w not in ("le", "la", "les", "l'", "un", "une", "des", "du", "de")), "")
    return actor.sector in (None, "CVL") and (head in coder.lex.private_nouns or head.rstrip("sx") in coder.lex.private_nouns)

def private_place(coder: Coder, token, home: str | None) -> bool:
    """A place of private life named as where someone goes or meets ("se rendre dans leur village",
    "rencontrer des jeunes au château de Chambord"): a locality of the actor's own country (``home``),
    not a country, its capital or a foreign place."""
    if token is None:
        return False
    if token.lemma_.lower() in coder.lex.private_places:
        return True
    hit = coder.work.entity_at(token.idx, token.idx + len(token.text))
    if hit is None or hit[0].type != "LOC" or coder.country_of_text(hit[0].name) is not None:
        return False
    return hit[0].country in (None, home)

def anaphoric(token) -> bool:
    """A nominal trigger with a definite, demonstrative or possessive determiner ("la
    recommandation", "ces arrestations", "son refus") takes up a happening already told."""
    if token.pos_ != "NOUN":
        return False
    for c in token.children:
        if c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                                or "Yes" in c.morph.get("Poss")):
            return True
    return False

def reported_act(token, lex: Lexicon) -> bool:
    """Whether a trigger is reported as an act rather than named as a circumstance. A verb is; a
    noun is when it is what its clause is about (subject, object, a heading, a list item), not
    when it explains or qualifies something else ("dû à la fermeture des frontières", "une crise
    marquée par des restrictions", "sort du déconfinement")."""
    if token.pos_ != "NOUN":
        return True
    t = token
    while t.dep_ in ("conj", "appos") and t.head is not t:
        t = t.head
    if t.dep_ in ("obl:arg", "obl", "iobj") and t.head.lemma_.lower() in lex.arguments.get("patient_verbs", frozenset()):
        return True  # "soumis à un couvre-feu"
    return t.dep_ in ("ROOT", "nsubj", "nsubj:pass", "obj", "dobj", "nsubjpass", "dep")

def span_ents(span) -> list:
    """``span.ents`` (the entities wholly inside ``span``, up to the first one that runs past its
    end), found by bisection in the doc's entities, which spaCy would build and scan whole at
    each call: on a long article with many places and sentences that grew as their product."""
    doc = span.doc
    cached = doc.user_data.get("veille.ents")
    if cached is None:
        ents = doc.ents
        cached = doc.user_data["veille.ents"] = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for i in range(bisect.bisect_left(starts, span.start), len(ents)):
        if ents[i].end > span.end:
            break
        out.append(ents[i])
    return out


def place_of(sent, coder: Coder, lex: Lexicon, exclude: set[int]):
    """The place an event happens: a location complement introduced by a place preposition."""
    preps = lex.arguments.get("place_preps", frozenset())
    for ent in span_ents(sent):
        if ent.label_ not in ("LOC", "GPE", "FAC"):
            continue
        if ent.root.i in exclude or coder.region_span(ent):
            continue
        case = case_of(ent.root)
        if case in preps:
            return ent
    return None

def governs(head, trigger) -> bool:
    """Whether ``head`` is the trigger or one of the words governing its clause, or the place a
    relative clause holding the trigger is about ("En Allemagne, où 40.000 personnes ont
    participé"), so that what hangs on it frames the trigger."""
    t = trigger
    for _ in range(6):
        if t.i == head.i:
            return True
        if t.dep_ in ("acl:relcl", "relcl"):
            return t.head.i == head.i or t.head.head.i == head.i
        if t.head is t:
            return False
        t = t.head
    return False

def _day_value(t) -> str | None:
    """A time expression's calendar value cut to the day; None for vague references."""
    if t.type not in ("DATE", "TIME"):
        return None
    value = t.value.split("T")[0] if t.type == "TIME" or "T" in t.value[8:] else t.value
    if not value[:1].isdigit() and not value.startswith("XXXX"):
        return None
    return value

def _after(value: str, published: str | None) -> bool:
    """Whether a calendar value lies wholly after the publication date (weeks are not compared)."""
    if not published or "W" in value or not value[:4].isdigit():
        return False
    n = min(len(value), len(published))
    return value[:n] > published[:n]

def _times_by_start(work: Work) -> tuple[list[int], list[int]]:
    """The article's time expressions by start (stably: equal starts in the article's order):
    their starts and their places in ``work.times``, made again when the list changes."""
    times = work.times
    kept = work.scratch.get("what.times_by_start")
    if kept is None or kept[0] is not times or kept[1] != len(times):
        order = sorted(range(len(times)), key=lambda i: times[i].start)
        kept = work.scratch["what.times_by_start"] = (times, len(times), [times[i].start for i in order], order)
    return kept[2], kept[3]

def _first_recent_day(work: Work, order: list[int]):
    """The first time expression of the article (by start) naming a day within the week before
    publication, as (start, day), or None: the news day of an undated happening after it."""
    key = (work.times, len(work.times), work.published)
    kept = work.scratch.get("what.first_recent_day")
    if kept is None or kept[0][0] is not key[0] or kept[0][1:] != key[1:]:
        found = None
        for t in (work.times[i] for i in order):
            value = _day_value(t)
            if value and len(value) == 10 and value[:4].isdigit() and _within_week(value, work.published[:10]):
                found = (t.start, value)
                break
        kept = work.scratch["what.first_recent_day"] = (key, found)
    return kept[1]

def event_date(work: Work, sent, trigger, fact: str) -> str | None:
    """The calendar date of the event.

    A time expression of the trigger's sentence, the one attached to its clause first, else the
    nearest; an event that happened cannot be dated after the article. A bare year not attached
    to the trigger or to a clause above it ("réclament la réécriture de la Constitution de 2017",
    "Après les avoir interdits en 2018, le gouvernement a accepté") is mentioned in passing and
    dates nothing. Without one, a reported
    happening takes the dispatch's news day: the first day named before it in the article within
    the week before publication (the lede's "lundi"), else the publication day.
    """
    doc = work.doc
    verb = clause_verb(trigger)
    best = None
    starts, order = _times_by_start(work)
    inside = order[bisect.bisect_left(starts, sent.start_char):bisect.bisect_left(starts, sent.end_char)]
    for t in (work.times[i] for i in sorted(inside)):  # in the article's order: the first of equal ranks wins
        value = _day_value(t)
        if value is None or fact == "actual" and _after(value, work.published):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        attached = span is not None and span.root.head.i in (verb.i, trigger.i)
        if not attached and BARE_YEAR.fullmatch(value):
            # a year frames the trigger when it hangs on the trigger or on a clause above it
            # ("En 1940, ... se sont rendus après avoir entendu l'appel"), not on another phrase
            if span is None or span.root.head.i not in {a.i for a in trigger.ancestors}:
                continue
        rank = (0 if attached else 1, abs(t.start - trigger.idx))
        if best is None or rank < best[0]:
            best = (rank, value)
    if best is not None:
        return best[1]
    if fact != "actual" or not work.published or len(work.published) < 10:
        return None
    first = _first_recent_day(work, order)
    return first[1] if first is not None and first[0] < sent.start_char else work.published[:10]

def _within_week(value: str, published: str) -> bool:
    try:
        d, p = dt.date.fromisoformat(value), dt.date.fromisoformat(published)
    except ValueError:
        return False
    return 0 <= (p - d).days <= 7

def background_date(date: str | None, published: str | None) -> bool:
    """An event dated years before the article is background, not news ("arrêté en 1999", "dans
    les années 1990", TIMEX3 "199X": its last year is what counts)."""
    if not date or not published or not published[:4].isdigit():
        return False
    digits = re.match(r"\d+", date)
    if digits is None or len(digits.group()) < 2:
        return False
    head = digits.group()[:4]
    year = int(head.ljust(4, "9"))
    return year < int(published[:4]) - BACKGROUND_YEARS

def segment(sent, token):
    """The part of a sentence holding the trigger, between full stops glued to the next sentence
    ("...divertissement.- Reprise des vols en Colombie"): a paragraph or heading break the page
    parser lost, so that places and actors of the next paragraph do not frame the event."""
    cuts = [sent.start_char] + [sent.start_char + m.end() for m in GLUED_STOP.finditer(sent.text)] + [sent.end_char]
    if len(cuts) == 2:
        return sent
    for a, b in zip(cuts, cuts[1:]):
        if a <= token.idx < b:
            part = sent.doc.char_span(a, b, alignment_mode="contract")
            return part if part is not None and len(part) else sent
    return sent

def evidence_span(text: str, sent, token) -> Span:
    """The sentence of the trigger, cut at line breaks (the parser may run across paragraphs)."""
    start, end = sent.start_char, sent.end_char
    nl = text.rfind("\n", start, token.idx)
    if nl >= 0:
        start = nl + 1
    nl = text.find("\n", token.idx, end)
    if nl >= 0:
        end = nl
    while start < end and text[start] in " -–—•*\t":
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)

def stative(token, lex: Lexicon, restrictive: bool = False) -> bool:
    """A passive participle without agent describing a state, not an act: "restent interdits",
    "où les parcs étaient fermés" (imperfect). The act that brought the state about is reported
    elsewhere, when it is news."""
    if token.pos_ != "VERB" or "Part" not in token.morph.get("VerbForm"):
        return False
    if any(c.dep_ in AGENT for c in token.children):
        return False
    states = lex.arguments.get("state_auxiliaries", frozenset())
    # "ses restaurants sont fermés": for a closure or a ban, the bare present of "être" states a
    # result; the act is "ont été fermés", "seront fermés", "est désormais interdit".
    tensed = any(c.dep_.startswith("aux") and c.dep_ not in ("aux:pass", "auxpass") for c in token.children)
    for c in token.children:
        if c.dep_ in ("aux:pass", "auxpass", "cop"):
            lemma = c.lemma_.lower()
            if lemma in states or lemma in ("être", "be") and "Imp" in c.morph.get("Tense"):
                return True
            if lex.lang == "fr" and lemma == "être" and "Pres" in c.morph.get("Tense") and not tensed \
                    and restrictive and not any(a.lemma_.lower() in lex.arguments.get("change_adverbs", ()) for a in token.children):
                return True
    return False

def habitual(token) -> bool:
    """A verb in the simple imperfect describes what used to be or was going on, the background of
    the news ("les cartels qui tuaient ceux qui les dénonçaient"), not a happening it reports;
    except in reported speech, where it is the present shifted into the past ("a indiqué qu'il
    soutenait ce camp")."""
    if token.pos_ != "VERB":
        return False
    clause = token.head if token.dep_ == "conj" else token
    if clause.dep_ in ("ccomp", "parataxis"):
        return False
    if "Imp" in token.morph.get("Tense") and "Ind" in token.morph.get("Mood"):
        return True
    # "Lui et quatre de ses proches avaient été condamnés": the pluperfect tells what had
    # happened before the news, without an agent it is the background of the story.
    aux = [c for c in token.children if c.dep_ in ("aux:tense", "aux") and c.lemma_.lower() in ("avoir", "être")]
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in token.children)
    return passive and bool(aux) and all("Imp" in a.morph.get("Tense") for a in aux) \
        and not any(c.dep_ in AGENT for c in token.children)

def wondering(token, lex: Lexicon) -> bool:
    """A verb of asking in its reflexive form tells someone wondering, not asking anyone
    ("les syndicats se sont demandé si", "la population se demandant pourquoi"): a reflexive
    clitic ("se", "me", "nous" marked reflexive) on a verb of ``[arguments] wondering_verbs``."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lex.arguments.get("wondering_verbs", ()):
        return False
    return any(c.dep_.startswith(("expl", "obj", "iobj")) and "Yes" in c.morph.get("Reflex") for c in token.children)

def background_frame(token, lex: Lexicon) -> bool:
    """A nominal trigger in a frame of earlier or surrounding time ("après six mois de fermeture")."""
    preps = lex.arguments.get("background_preps", frozenset())
    t = token
    for _ in range(2):
        if case_of(t) in preps:
            return True
        if t.dep_ not in ("nmod", "pobj", "prep") or t.head is t:
            break
        t = t.head
    return False
