"""Events from the dependency parse: triggers, participants, factuality, date, place.

    for each sentence: trigger words (lexicon) -> source and target (subject, object,
    passive agent, prepositional complement, coordination) -> factuality -> date and place
    then one event per (type, source, target) in the article, first and clearest mention kept.

Triggers are read in ``triggers``, participants in ``participants``, the frame of an event (date,
place, background) in ``context``, events carried by quotations in ``quoted``.
"""
from __future__ import annotations

import logging
from dataclasses import replace

from ..records import Actor, Event, Span
from ..work import Work
from .actors import Coder
from .context import (anaphoric, background_frame, background_date, event_date, evidence_span, governs, habitual, place_of,
                      private_person, private_place, reported_act, segment, stative)
from .factuality import factuality
from .lexicon import Entry, Lexicon
from .participants import Finder
from .quoted import performatives, quote_accusations, quoted_demands, speaker_actor
from .syntax import OBJECT, indefinite_thing, through_quantity, with_conjuncts
from .triggers import quoted_ranges, reported_demands, triggers

log = logging.getLogger(__name__)

MAX_PER_TRIGGER = 4


def _unstated_doer(entry: Entry, lex: Lexicon, coder: Coder, sent, place, patient, recalled: bool) -> list[Actor]:
    """The doer of a passive event whose clause does not name one.

    An arrest, a detention, an expulsion or a release is done by the state where it happens
    ("a été arrêté lundi à Tokyo": the Japanese authorities); a killing or an attack whose
    authors are not named has an unknown doer, without a country ("ont été tuées dimanche").
    """
    if lex.matches(entry.key, lex.agentless_authority):
        if recalled:
            return []  # "Douch, condamné à la perpétuité, ...": a fact recalled about him, not news
        where = place or next((e for e in sent.ents if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
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


def extract(work: Work, lex: Lexicon) -> list[Event]:
    doc = work.doc
    coder = Coder(work, lex)
    finder = Finder(coder, lex)
    skip = quoted_ranges(work.text)
    events: list[Event] = []
    seen: set[tuple] = set()
    doers: set[tuple] = set()  # (type, source) of the events kept: what a later mention may take up
    found_all = [(f, None) for f in triggers(doc, lex, skip)] + list(reported_demands(doc, lex, skip))
    found_all.sort(key=lambda x: x[0].token.i)
    blockers = {f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.blocking)}
    absorbers = {f.token.i: f.entry.type for f, _ in found_all if lex.matches(f.entry.key, lex.purpose_target)}
    # "réclamer la démission du président": what a demand asks for has not happened.
    demands = {f.token.i for f, _ in found_all if f.entry.type == "REQUEST" and f.token.pos_ == "VERB"}
    cues = _cue_quotes(work)
    for found, given in found_all:
        tok, entry = found.token, found.entry
        sent = tok.sent
        if tok.pos_ == "NOUN" and background_frame(tok, lex) or habitual(tok) \
                or stative(tok, lex, lex.matches(entry.key, lex.blocking)):
            continue
        if tok.pos_ == "NOUN" and tok.dep_ in OBJECT and tok.head.i in demands and entry.type != "REQUEST":
            continue
        if lex.demanded_untold and tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "xcomp") and tok.head.i in demands \
                and entry.type != "REQUEST":
            continue  # "a réclamé qu'une enquête soit ouverte", "appelle les gouvernements à coopérer"
        first = tok.head if tok.dep_ == "conj" else tok
        if first.dep_ == "advcl" and absorbers.get(first.head.i) not in (None, entry.type):
            continue  # "ont manifesté pour réclamer le départ du ministre": the demand is the protest's
        blocker = blockers.get(tok.head.i) or (blockers.get(tok.head.head.i) if tok.head.pos_ in ("ADP", "NOUN") else None)
        if blocker is not None and blocker != entry.type:
            continue  # what a ban covers ("interdiction des rassemblements") did not happen
        src_tok, tgt_tok = given if given is not None else finder.source_target(found)
        src_tok = through_quantity(src_tok, lex)
        tgt_tok = through_quantity(tgt_tok, lex)
        part = segment(sent, tok)
        place = place_of(part, coder, lex, {t.i for t in (src_tok, tgt_tok) if t is not None})
        # A group named without its country ("40.000 personnes", "les autorités") belongs to the
        # place where the event happens before the article's main country.
        coder.here = coder.place_country(place) if place is not None and governs(place.root.head, tok) else None
        sources: list[Actor] = []
        if src_tok is not None and coder.is_actor(src_tok):
            for s in with_conjuncts(src_tok):
                a = coder.actor(s)
                if a is not None:
                    sources.append(a)
        elif src_tok is not None and given is None and src_tok is finder.agent and src_tok.pos_ in ("NOUN", "PROPN"):
            # "tués par des hommes armés": the agent of a passive is the doer even when its words
            # name no known actor; it has no country unless its phrase gives one.
            a = coder.actor(src_tok, default_ok=src_tok is finder.behalf)
            if a is not None:
                sources.append(a)
        speaker = None
        if tok.i in cues and given is None:
            # "«...», a ainsi fustigé le sénateur X", "a-t-il dénoncé": the verb reporting a quotation
            # is done by the quotation's speaker, whom the quote stage found, not by the actor the
            # parse hangs on the verb (often one inside the quotation).
            speaker = speaker_actor(work, coder, cues[tok.i])
            if speaker is not None:
                sources = [speaker]
            if lex.matches(entry.key, lex.claims) and not any(
                    c.dep_ in OBJECT and not _speaks(coder, c, speaker) for c in tok.children):
                continue  # "«...», a soutenu son président": maintained, not supported
        if not sources and entry.subject_patient and tgt_tok is not None and coder.is_actor(tgt_tok):
            beneficiary = coder.actor(tgt_tok)
            if beneficiary is not None and beneficiary.country:
                sources.append(coder.authority(beneficiary.country))
        placed = False  # the source is the authorities of a place the text names
        if not sources and lex.matches(entry.key, lex.implicit_source) and reported_act(tok, lex):
            where = place or next((e for seg in (part, sent) for e in seg.ents
                                   if e.label_ in ("LOC", "GPE") and not coder.region_span(e)), None)
            # The place subjected to the measure is where it applies ("Melbourne est soumis à un
            # couvre-feu"), even when the tagger missed that it is a place.
            spot = where.root if where is not None else tgt_tok if tgt_tok is not None and coder.is_place(tgt_tok) else None
            if spot is not None:
                sources.append(coder.place_actor(spot))
                placed = True
        recalled = finder.recalled or any(c.lemma_.lower() in lex.arguments.get("recall_adverbs", ()) for c in tok.children)
        if not sources and given is None and finder.agentless and factuality(tok, lex) == "actual":
            sources.extend(_unstated_doer(entry, lex, coder, part, place, tgt_tok, recalled))
        if not sources and src_tok is not None and src_tok.pos_ == "NOUN" and lex.unknown_actor \
                and lex.matches(entry.key, lex.unknown_doer) and finder.deed_noun(src_tok):
            # "A roadside bombing killed one soldier", "l'explosion a tué six personnes": the deed
            # is the subject, its authors go unnamed.
            sources.append(Actor(name=lex.unknown_actor))
        if not sources:
            continue
        targets: list[Actor | None] = [None]
        supplied = False  # the target is the actor under discussion, not one the clause names
        if finder.unknown_target and given is None and lex.unknown_actor:
            tgt_tok, targets = None, [Actor(name=lex.unknown_actor)]
        if (tgt_tok is None or not coder.is_actor(tgt_tok)) and finder.lenient and src_tok is not None and targets == [None]:
            named = finder.right_actor(tok, {t.i for t in coder.phrase(src_tok)})
            tgt_tok = named if named is not None else tgt_tok
        if entry.named_target and (tgt_tok is None or not coder.is_actor(tgt_tok) or indefinite_thing(tgt_tok)):
            continue  # "a averti que l'épidémie pourrait repartir": a warning of a danger, not a threat
        if tgt_tok is not None and coder.is_actor(tgt_tok) and not indefinite_thing(tgt_tok):
            targets = [a for a in (coder.actor(t) for t in with_conjuncts(tgt_tok)) if a is not None] or [None]
        elif tgt_tok is not None and finder.lenient:
            # An object naming no actor ("la décision", "ces mesures") belongs to whoever is
            # responsible for it: the country its phrase names, else the article's (else the source's).
            a = coder.actor(tgt_tok, default_ok=False)
            if a is not None and a.country is None:
                # A thing criticised or demanded whose phrase names no country: its owner is the
                # actor under discussion.
                a = coder.implicit_target(sources[0], tok) or replace(a, country=coder.default)
                supplied = True
            elif a is not None and a.country is None:
                a = replace(a, country=coder.default)
            targets = [a]
        if targets == [None] and len(sources) > 1 and lex.matches(entry.key, lex.reciprocal):
            # "X et Y ont eu un entretien": one meeting, the first named as its source.
            sources, targets = sources[:1], sources[1:]
        if speaker is not None:
            targets = [t for t in targets if t is None or not _same(t, speaker)] or [None]
        if lex.matches(entry.key, lex.domestic) and private_place(coder, tgt_tok, sources[0].country):
            targets = [None]  # "se rendre dans leur village": where, not whom
        fact = factuality(tok, lex)
        etype = entry.type
        if fact == "negated" and etype in lex.negated_as:
            # Not accepting is rejecting: the refusal itself is what happened.
            etype, fact = lex.negated_as[etype], "actual"
        implicit = False
        if targets == [None] and lex.matches(etype if etype != entry.type else entry.key, lex.directed) \
                and not (finder.appeal is not None and lex.matches(etype, lex.open_appeals)):
            targets = [coder.implicit_target(sources[0], tok, people_only=lex.matches(entry.key, lex.person_targets))]
            implicit = True
        undirected = implicit or supplied or targets == [None]
        if undirected and lex.matches(etype, lex.public_only) and all(private_person(coder, s) for s in sources):
            continue  # a private person's lament or plea to no one named is no political event
        if (implicit or anaphoric(tok)) and all((etype, s.entity or s.name.lower()) in doers for s in sources):
            continue  # "la recommandation de l'EMA", a demand whose target goes unsaid: said before
        date = event_date(work, sent, tok, fact)
        if background_date(date, work.published):
            continue
        n = 0
        for s in sources:
            for t in targets:
                if t is not None and (t.entity and t.entity == s.entity or t.name == s.name):
                    # "Melbourne est soumis à un couvre-feu": the place's authorities act on its people.
                    t = replace(t, sector="CVL") if placed and s.sector == "GOV" else None
                if t is not None and t.country is None and t.entity is None and t.name != lex.unknown_actor:
                    t = replace(t, country=s.country)
                key = (etype, s.entity or s.name.lower(), ((t.entity or t.name.lower()), t.sector) if t else None)
                if key in seen or n >= MAX_PER_TRIGGER:
                    continue
                seen.add(key)
                doers.add(key[:2])
                n += 1
                events.append(Event(
                    type=etype, mode=entry.mode if etype == entry.type else None, source=s, target=t, factuality=fact, date=date,
                    location=place.text if place is not None else None,
                    trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)),
                    evidence=evidence_span(work.text, part, tok)))
    coder.here = None
    for found, s in performatives(work, lex, coder):
        tok, entry = found.token, found.entry
        finder.lenient = not lex.matches(entry.key, lex.actor_targets_only)
        tgt_tok = finder._object(tok)
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
            trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=evidence_span(work.text, sent, tok)))
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
            trigger=Span.of(work.text, tok.idx, tok.idx + len(tok.text)), evidence=evidence_span(work.text, sent, tok)))
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
            trigger=Span.of(work.text, cue.idx, cue.idx + len(cue.text)), evidence=evidence_span(work.text, sent, cue)))
    return events
