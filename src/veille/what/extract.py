"""Events from the dependency parse: triggers, participants, factuality, date, place.

    for each sentence: trigger words (lexicon) -> source and target (subject, object,
    passive agent, prepositional complement, coordination) -> factuality -> date and place
    then one event per (type, source, target) in the article, first and clearest mention kept.

Triggers are read in ``triggers``, participants in ``participants``, the frame of an event (date,
place, background) in ``context``, events carried by quotations in ``quoted``.
"""
from __future__ import annotations

import bisect
import contextlib
import logging
import os
from dataclasses import dataclass, field, replace
from typing import Callable

from spacy.tokens import Span, Token

from ..records import Actor, Event
from ..records import Span as TextSpan
from ..work import Work
from .actors import Coder
from .context import (anaphoric, background_frame, background_date, event_date, evidence_span, governs, habitual, place_of,
                      private_person, private_place, reported_act, segment, span_ents, stative, wondering)
from .factuality import factuality
from .lexicon import Entry, Lexicon
from .participants import Finder, Participants, sentence_mentions
from . import detector, naming, scorer
from .quoted import performatives, quote_accusations, quoted_demands, speaker_actor
from .syntax import OBJECT, indefinite_thing, through_quantity, with_conjuncts
from .triggers import Found, _in_ranges, proposals, quoted_ranges, reported_demands, triggers

log = logging.getLogger(__name__)

MAX_PER_TRIGGER = 4
# Set this variable (VEILLE_DEBUG_EVENTS=1) to log, for each trigger, the check that dropped it.
DEBUG_ENV = "VEILLE_DEBUG_EVENTS"
DROPPED = "what.dropped"
PROPOSED = scorer.PROPOSED  # work.scratch: trigger offsets of events whose doer was proposed  # work.scratch: the candidates the checks dropped, with the check and why
# work.scratch: within ``recording()``, each candidate that made events, with the actor mentions
# of its sentence (``participants.sentence_mentions``), for ``veille train participants``
RECORDED = "what.candidates"
_RECORDING = False


@contextlib.contextmanager
def recording():
    """Within this block each candidate that makes events is recorded (``work.scratch[RECORDED]``)."""
    global _RECORDING
    before, _RECORDING = _RECORDING, True
    try:
        yield
    finally:
        _RECORDING = before


def _unstated_doer(entry: Entry, lex: Lexicon, coder: Coder, sent, place, patient, recalled: bool) -> list[Actor]:
    """The doer of a passive event whose clause does not name one.

    An arrest, a detention, an expulsion or a release is done by the state where it happens
    ("a été arrêté lundi à Tokyo": the Japanese authorities); a killing or an attack whose
    authors are not named has an unknown doer, without a country ("ont été tuées dimanche").
    """
    if lex.matches(entry.key, lex.agentless_authority):
        if recalled:
            return []  # "Douch, condamné à la perpétuité, ...": a fact recalled about him, not news
        where = place or next((e for e in span_ents(sent) if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
        if where is not None:
            return [coder.place_actor(where.root)]
        # "Il a été placé en détention provisoire", after "arrêté ... en Hesse": the country the
        # story has just been told in, before the country the article mostly names.
        return [coder.authority(coder.previous_country(sent[0]))]
    if lex.matches(entry.key, lex.unknown_doer) and patient is not None and coder.is_actor(patient) and lex.unknown_actor:
        return [Actor(name=lex.unknown_actor)]
    return []

def _same(a: Actor, b: Actor) -> bool:
    return bool(a.entity and a.entity == b.entity) or a.name == b.name


def _speaks(coder: Coder, token, speaker: Actor | None) -> bool:
    """Whether a token names the speaker ("a soutenu le ministre X": an inverted subject)."""
    if speaker is None or speaker.entity is None:
        return False
    hit = coder.entity_for(token, coder.phrase(token))
    return hit is not None and hit[0].id == speaker.entity


def _cue_quotes(work: Work) -> dict:
    """Token index -> the quotation whose cue holds it, for quotations whose speaker the quote
    stage tied to an entity of the article."""
    out = {}
    for q in work.quotes:
        if q.cue is None or q.speaker is None or q.speaker.entity is None:
            continue
        span = work.doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
        for t in span or ():
            out.setdefault(t.i, q)
    return out


@dataclass
class Article:
    """What the checks know of the article: the triggers found and the events kept so far."""

    work: Work
    lex: Lexicon
    coder: Coder
    blockers: dict[int, str]  # trigger index -> type, for bans and restrictions ("interdiction de")
    absorbers: dict[int, str]  # trigger index -> type, for protests absorbing their purpose
    demands: set[int]  # indices of verbs of demand ("réclamer")
    cues: dict  # token index -> the quotation whose cue holds it (speaker tied to an entity)
    doers: set[tuple] = field(default_factory=set)  # (type, source) of the events kept
    ways: dict[int, str] = field(default_factory=dict)  # index of an event -> how its target was found


@dataclass
class Candidate:
    """One trigger on its way to events: its participants, actors, factuality and date."""

    found: Found
    given: tuple | None  # participants a reported demand gives ("X a déclaré que Y doit ...")
    parts: Participants
    src_tok: Token | None = None
    tgt_tok: Token | None = None
    part: Span | None = None  # the segment of the sentence holding the trigger
    place: Span | None = None
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor | None] = field(default_factory=lambda: [None])
    speaker: Actor | None = None
    placed: bool = False  # the source is the authorities of a place the text names
    unnamed: str | None = None  # how a doer the text does not name was found (naming.WAYS)
    supplied: bool = False  # the target is the actor under discussion, not one the clause names
    implicit: bool = False  # the target was chosen as the actor under discussion
    domestic: bool = False  # the target is the source's own country, the clause naming none
    proposed: bool = False  # a proposal (its doer or its word guessed): judged by the scorer as it stands
    fact: str = "actual"
    etype: str = ""
    date: str | None = None

    @property
    def tok(self) -> Token:
        return self.found.token

    @property
    def entry(self) -> Entry:
        return self.found.entry


# -- checks: each says why a candidate is no event, or None -------------------------------------
# They run in the order of CHECKS, on a candidate whose participants, actors and date are set.

def _background_frame(c: Candidate, a: Article) -> str | None:
    if c.tok.pos_ == "NOUN" and background_frame(c.tok, a.lex):
        return "a noun framed as background (\"après six mois de fermeture\")"
    return None

def _habitual(c: Candidate, a: Article) -> str | None:
    return "a habit, not an act" if habitual(c.tok) else None

def _stative(c: Candidate, a: Article) -> str | None:
    if stative(c.tok, a.lex, a.lex.matches(c.entry.key, a.lex.blocking)):
        return "a state, not an act (\"restent fermés\")"
    return None

def _wondering(c: Candidate, a: Article) -> str | None:
    return "someone wondering, not asking anyone (\"se demandent s'il faut\")" if wondering(c.tok, a.lex) else None

def _demanded_thing(c: Candidate, a: Article) -> str | None:
    tok = c.tok
    if tok.pos_ == "NOUN" and tok.dep_ in OBJECT and tok.head.i in a.demands and c.entry.type != "REQUEST":
        return "what a demand asks for (\"réclamer la démission\")"
    return None

def _demanded_act(c: Candidate, a: Article) -> str | None:
    tok = c.tok
    if a.lex.demanded_untold and tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "xcomp") and tok.head.i in a.demands \
            and c.entry.type != "REQUEST":
        return "an act a demand calls for (\"a réclamé qu'une enquête soit ouverte\")"
    return None

def _purpose_of_protest(c: Candidate, a: Article) -> str | None:
    first = c.tok.head if c.tok.dep_ == "conj" else c.tok
    if first.dep_ == "advcl" and a.absorbers.get(first.head.i) not in (None, c.entry.type):
        return "the purpose of a protest (\"ont manifesté pour réclamer\")"
    return None

def _banned(c: Candidate, a: Article) -> str | None:
    tok = c.tok
    blocker = a.blockers.get(tok.head.i) or (a.blockers.get(tok.head.head.i) if tok.head.pos_ in ("ADP", "NOUN") else None)
    if blocker is not None and blocker != c.entry.type:
        return "what a ban covers (\"interdiction des rassemblements\")"
    return None

def _claim_only(c: Candidate, a: Article) -> str | None:
    if c.tok.i in a.cues and c.given is None and a.lex.matches(c.entry.key, a.lex.claims) \
            and not any(x.dep_ in OBJECT and not _speaks(a.coder, x, c.speaker) for x in c.tok.children):
        return "a verb introducing a quotation (\"«...», a soutenu son président\")"
    return None

def _no_source(c: Candidate, a: Article) -> str | None:
    return "no source" if not c.sources else None

def _no_named_target(c: Candidate, a: Article) -> str | None:
    t = c.tgt_tok
    if c.entry.named_target and (t is None or not a.coder.is_actor(t) or indefinite_thing(t)):
        return "a warning of a danger, not a threat to a named actor"
    return None

def _private_plea(c: Candidate, a: Article) -> str | None:
    undirected = c.implicit or c.supplied or c.domestic or c.targets == [None]
    if undirected and a.lex.matches(c.etype, a.lex.public_only) and all(private_person(a.coder, s) for s in c.sources):
        return "a private person's lament or plea to no one named"
    return None

def _said_before(c: Candidate, a: Article) -> str | None:
    if (c.implicit or anaphoric(c.tok)) and all((c.etype, s.entity or s.name.lower()) in a.doers for s in c.sources):
        return "said before, its target unsaid (\"la recommandation de l'EMA\")"
    return None

def _background_date(c: Candidate, a: Article) -> str | None:
    if background_date(c.date, a.work.published):
        return f"dated {c.date}, years before the article: background"
    return None


Check = Callable[[Candidate, Article], "str | None"]
CHECKS: list[tuple[str, Check]] = [
    ("background_frame", _background_frame),
    ("habitual", _habitual),
    ("stative", _stative),
    ("wondering", _wondering),
    ("demanded_thing", _demanded_thing),
    ("demanded_act", _demanded_act),
    ("purpose_of_protest", _purpose_of_protest),
    ("banned", _banned),
    ("claim_only", _claim_only),
    ("no_source", _no_source),
    ("no_named_target", _no_named_target),
    ("private_plea", _private_plea),
    ("said_before", _said_before),
    ("background_date", _background_date),
]


def dropped_by(c: Candidate, a: Article) -> tuple[str, str] | None:
    """The first check that rules the candidate out, with its reason; None if it is an event."""
    for name, check in CHECKS:
        reason = check(c, a)
        if reason is not None:
            return name, reason
    return None


def _debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "no", "false")


# -- building a candidate ---------------------------------------------------------------------

def _sources(c: Candidate, a: Article, finder: Finder) -> None:
    """The source actors: the parse's source, the quotation's speaker, or an unstated doer."""
    work, lex, coder = a.work, a.lex, a.coder
    tok, entry, src_tok, tgt_tok, parts = c.tok, c.entry, c.src_tok, c.tgt_tok, c.parts
    sources = c.sources
    if src_tok is not None and coder.is_actor(src_tok):
        for s in with_conjuncts(src_tok):
            x = coder.actor(s)
            if x is not None:
                sources.append(x)
    elif src_tok is not None and c.given is None and src_tok is parts.agent and src_tok.pos_ in ("NOUN", "PROPN"):
        # "tués par des hommes armés": the agent of a passive is the doer even when its words
        # name no known actor; it has no country unless its phrase gives one.
        x = coder.actor(src_tok, default_ok=src_tok is parts.behalf)
        if x is not None:
            sources.append(x)
    cues = a.cues
    if tok.i in cues and c.given is None:
        # "«...», a ainsi fustigé le sénateur X", "a-t-il dénoncé": the verb reporting a quotation
        # is done by the quotation's speaker, whom the quote stage found, not by the actor the
        # parse hangs on the verb (often one inside the quotation).
        c.speaker = speaker_actor(work, coder, cues[tok.i])
        if c.speaker is not None:
            sources[:] = [c.speaker]
    if not sources and entry.subject_patient and tgt_tok is not None and coder.is_actor(tgt_tok):
        beneficiary = coder.actor(tgt_tok)
        if beneficiary is not None and beneficiary.country:
            sources.append(coder.authority(beneficiary.country))
            c.unnamed = "beneficiary"
    if not sources and lex.matches(entry.key, lex.implicit_source) and reported_act(tok, lex):
        where = c.place or next((e for seg in (c.part, tok.sent) for e in span_ents(seg)
                                 if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
        # The place subjected to the measure is where it applies ("Melbourne est soumis à un
        # couvre-feu"), even when the tagger missed that it is a place.
        spot = where.root if where is not None else tgt_tok if tgt_tok is not None and coder.is_place(tgt_tok) else None
        if spot is not None:
            sources.append(coder.place_actor(spot))
            c.placed = True
            c.unnamed = "measure"
    recalled = parts.recalled or any(x.lemma_.lower() in lex.arguments.get("recall_adverbs", ()) for x in tok.children)
    if not sources and c.given is None and parts.agentless and factuality(tok, lex) == "actual":
        sources.extend(_unstated_doer(entry, lex, coder, c.part, c.place, tgt_tok, recalled))
        if sources and sources[0].name != lex.unknown_actor:
            c.unnamed = "agentless"
    if not sources and src_tok is not None and src_tok.pos_ == "NOUN" and lex.unknown_actor \
            and lex.matches(entry.key, lex.unknown_doer) and finder.deed_noun(src_tok):
        # "A roadside bombing killed one soldier", "l'explosion a tué six personnes": the deed
        # is the subject, its authors go unnamed.
        sources.append(Actor(name=lex.unknown_actor))


def _targets(c: Candidate, a: Article, finder: Finder) -> None:
    """The target actors: the parse's target, a name shortly after, or the actor under discussion."""
    lex, coder = a.lex, a.coder
    tok, entry, src_tok, parts = c.tok, c.entry, c.src_tok, c.parts
    if parts.unknown_target and c.given is None and lex.unknown_actor:
        c.tgt_tok, c.targets = None, [Actor(name=lex.unknown_actor)]
    if (c.tgt_tok is None or not coder.is_actor(c.tgt_tok)) and parts.lenient and src_tok is not None and c.targets == [None]:
        named = finder.right_actor(tok, {t.i for t in coder.phrase(src_tok)})
        c.tgt_tok = named if named is not None else c.tgt_tok
    tgt_tok = c.tgt_tok
    if not c.sources or entry.named_target and (tgt_tok is None or not coder.is_actor(tgt_tok) or indefinite_thing(tgt_tok)):
        return  # no event (checks no_source, no_named_target)
    if tgt_tok is not None and coder.is_actor(tgt_tok) and not indefinite_thing(tgt_tok):
        c.targets = [x for x in (coder.actor(t) for t in with_conjuncts(tgt_tok)) if x is not None] or [None]
    elif tgt_tok is not None and parts.lenient:
        # An object naming no actor ("la décision", "ces mesures") belongs to whoever is
        # responsible for it: the country its phrase names, else the article's (else the source's).
        x = coder.actor(tgt_tok, default_ok=False)
        if x is not None and x.country is None:
            # A thing criticised or demanded whose phrase names no country: its owner is the
            # actor under discussion.
            x = coder.implicit_target(c.sources[0], tok) or replace(x, country=coder.default)
            c.supplied = True
        c.targets = [x]
    if c.targets == [None] and len(c.sources) > 1 and lex.matches(entry.key, lex.reciprocal):
        # "X et Y ont eu un entretien": one meeting, the first named as its source.
        c.sources, c.targets = c.sources[:1], c.sources[1:]
    if c.speaker is not None:
        c.targets = [t for t in c.targets if t is None or not _same(t, c.speaker)] or [None]
    if lex.matches(entry.key, lex.domestic) and private_place(coder, tgt_tok, c.sources[0].country):
        c.targets = [None]  # "se rendre dans leur village": where, not whom
    c.fact = factuality(tok, lex)
    c.etype = entry.type
    if c.fact == "negated" and c.etype in lex.negated_as:
        # Not accepting is rejecting: the refusal itself is what happened.
        c.etype, c.fact = lex.negated_as[c.etype], "actual"
    if c.targets == [None] and lex.matches(c.etype if c.etype != entry.type else entry.key, lex.directed) \
            and not (parts.appeal is not None and lex.matches(c.etype, lex.open_appeals)):
        c.targets = [coder.implicit_target(c.sources[0], tok, people_only=lex.matches(entry.key, lex.person_targets))]
        c.implicit = True
    _own_country_target(c, a)


def _own_country_target(c: Candidate, a: Article) -> None:
    """A visit, a meeting, a pledge or a refusal left without a target is aimed at its source's
    own country (``[options] own_country_target``): "s'est rendu dans la Drôme", "a refusé de
    louer la salle" are done among the source's own people and authorities, not to no one."""
    lex = a.lex
    if c.proposed or c.targets != [None] or not c.sources or not c.sources[0].country:
        return  # a proposal's doer is a guess: no target is derived from it
    if lex.matches(c.etype if c.etype != c.entry.type else c.entry.key, lex.own_country_target):
        c.targets = [a.coder.authority(c.sources[0].country)]
        c.domestic = True


def candidate(found: Found, given, a: Article, finder: Finder, proposed: bool = False) -> Candidate:
    """A trigger with its participants, actors, factuality and date, before any check."""
    lex, coder = a.lex, a.coder
    tok = found.token
    if given is not None:
        parts = finder.options(found.entry)
        parts.source, parts.target = given
    else:
        parts = finder.source_target(found)
    c = Candidate(found=found, given=given, parts=parts, proposed=proposed)
    c.src_tok = through_quantity(parts.source, lex)
    c.tgt_tok = through_quantity(parts.target, lex)
    c.part = segment(tok.sent, tok)
    c.place = place_of(c.part, coder, lex, {t.i for t in (c.src_tok, c.tgt_tok) if t is not None})
    # A group named without its country ("40.000 personnes", "les autorités") belongs to the
    # place where the event happens before the article's main country.
    coder.here = coder.place_country(c.place) if c.place is not None and governs(c.place.root.head, tok) else None
    _sources(c, a, finder)
    _targets(c, a, finder)
    if c.etype:
        c.date = event_date(a.work, tok.sent, tok, c.fact)
    return c


def _emit(c: Candidate, a: Article, seen: set[tuple], events: list[Event]) -> None:
    """The events of a candidate that passed the checks: one per (source, target), new ones only."""
    lex, work = a.lex, a.work
    n = 0
    tok, entry, place = c.tok, c.entry, c.place
    first = len(events)
    for s in c.sources:
        for t in c.targets:
            if t is not None and (t.entity and t.entity == s.entity or t.name == s.name):
                # "Melbourne est soumis à un couvre-feu": the place's authorities act on its people.
                t = replace(t, sector="CVL") if c.placed and s.sector == "GOV" else None
            if t is not None and t.country is None and t.entity is None and t.name != lex.unknown_actor:
                t = replace(t, country=s.country)
            key = (c.etype, s.entity or s.name.lower(), ((t.entity or t.name.lower()), t.sector) if t else None)
            if key in seen or n >= MAX_PER_TRIGGER:
                continue
            seen.add(key)
            a.doers.add(key[:2])
            n += 1
            a.ways[len(events)] = _target_way(c)
            if c.unnamed is not None and s is c.sources[0]:
                naming.record(work, tok.idx, c.unnamed, s, a.coder.is_country_name(s.name))
            events.append(Event(
                type=c.etype, mode=entry.mode if c.etype == entry.type else None, source=s, target=t, factuality=c.fact,
                date=c.date, location=place.text if place is not None else None,
                trigger=TextSpan.of(work.text, tok.idx, tok.idx + len(tok.text)),
                evidence=evidence_span(work.text, c.part, tok)))
    if _RECORDING and len(events) > first:
        _record(c, a, events[first:])


def _target_way(c: Candidate) -> str:
    """How the rules found a candidate's target, for the scorer (``scorer.Coded``): the
    source's own country, the actor under discussion, the owner of a thing, or the clause's
    word by its relation to the trigger."""
    for way in ("domestic", "implicit", "supplied"):
        if getattr(c, way):
            return way
    if c.tgt_tok is not None:
        return f"named:{c.tgt_tok.dep_.split(':')[0]}"
    return "other"


def _record(c: Candidate, a: Article, made: list[Event]) -> None:
    """What ``veille train participants`` studies of a candidate: its events' tuples, how the
    rules found its participants, and the actor mentions of its sentence."""
    a.work.scratch.setdefault(RECORDED, []).append({
        "start": c.tok.idx, "type": c.etype, "key": c.entry.key, "trigger_pos": c.tok.pos_, "main": a.coder.default,
        "tuples": [(e.type, e.source.country, e.target.country if e.target else None) for e in made],
        "flags": [k for k in ("implicit", "supplied", "domestic", "placed", "proposed") if getattr(c, k)]
        + (["given"] if c.given is not None else []) + (["speaker"] if c.speaker is not None else [])
        + (["agent"] if c.parts.agent is not None else []) + (["agentless"] if c.parts.agentless else []),
        "mentions": sentence_mentions(a.coder, c.tok, c.src_tok, c.tgt_tok, c.speaker)})


def _propose_source(c: Candidate, a: Article, finder: Finder) -> bool:
    """Give a candidate without a stated doer the actor under discussion as its doer.

    The actor most mentioned around the trigger (its sentence and the two before), then in the
    article, other than the target; the candidate then goes through the checks again. Events
    made so are marked (``work.scratch[PROPOSED]``): the scorer's confidence decides whether
    they are kept (``proposal_threshold`` of the model).
    """
    coder = a.coder
    tgt = coder.actor(c.tgt_tok) if c.tgt_tok is not None and coder.is_actor(c.tgt_tok) else None
    s = coder.implicit_target(tgt or Actor(name=""), c.tok)
    if s is None:
        return False
    c.sources, c.targets, c.proposed, c.unnamed = [s], [None], True, None
    _targets(c, a, finder)
    if not c.etype:
        return False
    c.date = event_date(a.work, c.tok.sent, c.tok, c.fact)
    return dropped_by(c, a) is None


def extract(work: Work, lex: Lexicon) -> list[scorer.Coded]:
    """The article's events as the rules code them, each with how its target was found."""
    doc = work.doc
    coder = Coder(work, lex)
    finder = Finder(coder, lex)
    skip = quoted_ranges(work.text)
    events: list[Event] = []
    seen: set[tuple] = set()
    found_all = [(f, None) for f in triggers(doc, lex, skip)] + list(reported_demands(doc, lex, skip))
    found_all.sort(key=lambda x: x[0].token.i)
    article = Article(
        work=work, lex=lex, coder=coder, cues=_cue_quotes(work),
        blockers={f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.blocking)},
        absorbers={f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.purpose_target)},
        # "réclamer la démission du président": what a demand asks for has not happened.
        demands={f.token.i for f, _ in found_all if f.entry.type == "REQUEST" and f.token.pos_ == "VERB"})
    debug = _debugging()
    drops: list[dict] = []
    unsourced: list[Candidate] = []
    for found, given in found_all:
        c = candidate(found, given, article, finder)
        why = dropped_by(c, article)
        if why is not None:
            drops.append({"trigger": c.tok.text, "start": c.tok.idx, "type": c.entry.type, "check": why[0], "reason": why[1]})
            if debug:
                log.warning("%s: %s %r at %d dropped by %s: %s", work.id, c.entry.type, c.tok.text, c.tok.idx, *why)
            if why[0] == "no_source" and c.given is None:
                unsourced.append(c)
            continue
        _emit(c, article, seen, events)
        if debug:
            log.warning("%s: %s %r at %d kept", work.id, c.entry.type, c.tok.text, c.tok.idx)
    work.scratch[DROPPED] = drops
    coder.here = None
    for found, s in performatives(work, lex, coder):
        tok, entry = found.token, found.entry
        tgt_tok = finder.object_of(tok, entry)
        t = coder.actor(tgt_tok) if tgt_tok is not None and coder.is_actor(tgt_tok) else None
        if t is None and lex.matches(entry.key, lex.directed):
            t = coder.implicit_target(s, tok)
        fact = factuality(tok, lex)
        etype = entry.type
        if fact == "negated" and etype in lex.negated_as:
            etype, fact = lex.negated_as[etype], "actual"
        key = (etype, s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        sent = tok.sent
        events.append(Event(
            type=etype, mode=entry.mode if etype == entry.type else None, source=s, target=t, factuality=fact,
            date=event_date(work, sent, tok, fact), location=None,
            trigger=TextSpan.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=evidence_span(work.text, sent, tok)))
    for tok, s, addressee in quoted_demands(work, lex, coder):
        t = coder.actor(addressee) if addressee is not None else None
        if t is not None and (t.entity and t.entity == s.entity or t.name == s.name):
            t = None
        if t is None and lex.matches("REQUEST", lex.directed):
            t = coder.implicit_target(s, tok)
        key = ("REQUEST", s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        sent = tok.sent
        events.append(Event(
            type="REQUEST", source=s, target=t, factuality="actual", date=event_date(work, sent, tok, "actual"),
            trigger=TextSpan.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=evidence_span(work.text, sent, tok)))
    taken = {f.token.i for f, _ in found_all}
    for s, t, cue, sent in quote_accusations(work, lex, coder, taken):
        key = ("ACCUSE", s.entity or s.name.lower(), (t.entity or t.name.lower()) if t else None)
        if key in seen:
            continue
        seen.add(key)
        date = event_date(work, sent, cue, "actual")
        if background_date(date, work.published):
            continue
        events.append(Event(
            type="ACCUSE", source=s, target=t, factuality="actual", date=date, location=None,
            trigger=TextSpan.of(work.text, cue.idx, cue.idx + len(cue.text)), evidence=evidence_span(work.text, sent, cue)))
    # Triggers whose clause names no doer: the actor under discussion is proposed as the doer,
    # after every stated event, quotations' included (which keep their place), and the scorer judges the proposal.
    proposed: dict[int, tuple[str, float]] = {}
    for c in unsourced:
        if c.tok.idx in {e.trigger.start for e in events if e.trigger is not None}:
            continue
        if _propose_source(c, article, finder):
            before = len(events)
            _emit(c, article, seen, events)
            if len(events) > before:
                proposed[c.tok.idx] = ("doer", 1.0)
    # Then words the lexicon does not make triggers (see ``triggers.proposals``).
    # A word already a trigger, or the cue of an event carried by a quotation, is never proposed.
    stated = {e.trigger.start for e in events if e.trigger is not None}
    taken = {f.token.i for f, _ in found_all} | {t.i for t in doc if t.idx in stated}
    for found, kind, sim in proposals(doc, lex, skip, taken):
        c = candidate(found, None, article, finder, proposed=True)
        if dropped_by(c, article) is not None:
            continue
        before = len(events)
        _emit(c, article, seen, events)
        if len(events) > before:
            proposed[c.tok.idx] = (kind, sim)
    # Then types the learned detector gives a sentence none of whose events has them (``detector``).
    if lex.detector_min > 0:
        _detector_proposals(article, finder, events, seen, proposed, skip,
                            taken | {t.i for t in doc if t.idx in proposed})
    work.scratch[PROPOSED] = proposed
    return [scorer.Coded(e, article.ways.get(i)) for i, e in enumerate(events)]


def _detector_proposals(a: Article, finder: Finder, events: list[Event], seen: set[tuple],
                        proposed: dict[int, tuple[str, float]], skip: list[tuple[int, int]], taken: set[int]) -> None:
    """Events of the types the detector (``what.detector``) gives a sentence that none of its events
    has: the sentence's word most weighted for the type is the trigger, with the participants the
    parse gives it, else the actor under discussion as doer; every check applies, and the scorer
    judges the event (``proposed=detector``, with the detector's probability)."""
    doc, lex = a.work.doc, a.lex
    starts = [t.idx for t in doc]
    stated: dict[int, set[str]] = {}
    # the types of the sentence's events, and of the lexicon's candidates the checks dropped there:
    # the rules have judged those ("said before", "a state, not an act"); the detector proposes
    # only what no lexicon word of the sentence stood for
    at_types = [((e.trigger or e.evidence).start, e.type) for e in events]
    at_types += [(d["start"], d["type"]) for d in a.work.scratch.get(DROPPED, ())]
    for at, etype in at_types:
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0:
            stated.setdefault(doc[k].sent.start, set()).add(etype)
    skipped = _in_ranges(skip)
    used = set(taken)

    def usable(tok) -> bool:
        return tok.i not in used and not skipped(tok.idx)

    for tok, etype, p in detector.proposals(doc, lex, stated, usable, lex.detector_min):
        if not usable(tok):
            continue
        entry = Entry(tok.lemma_.lower(), etype, None, "verb" if tok.pos_ == "VERB" else "noun")
        c = candidate(Found(tok, entry), None, a, finder, proposed=True)
        why = dropped_by(c, a)
        if why is not None and not (why[0] == "no_source" and _propose_source(c, a, finder)):
            continue
        before = len(events)
        _emit(c, a, seen, events)
        if len(events) > before:
            used.add(tok.i)
            proposed[tok.idx] = ("detector", round(p, 4))
            stated.setdefault(tok.sent.start, set()).add(etype)
