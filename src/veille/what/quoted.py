"""Events carried by quotations: blame in a speaker's words, speech acts and decisions in the
first person, obligations put on someone (see docs/what.md)."""
from __future__ import annotations

from ..records import Actor
from ..work import Work
from .actors import Coder, clean_name, nameable
from .lexicon import Lexicon
from .syntax import PASSIVE_SUBJECT, SUBJECT
from .triggers import triggers


def speaker_actor(work: Work, coder: Coder, quote) -> Actor | None:
    """The actor who speaks a quotation: its speaker's entity, else the pronoun or the phrase of
    the speaker's mention ("a-t-il ajouté" takes up the person named before)."""
    sp = quote.speaker
    if sp is None:
        return None
    entity = work.entity(sp.entity) if sp.entity else None
    if entity is not None:
        if entity.type not in ("PER", "ORG", "LOC") or not nameable(entity.name):
            return None
        name = clean_name(entity.name)
        if entity.type == "PER":
            country = coder.person_demonym(entity) or entity.country or coder.person_country(entity)
        else:
            country = coder.country_name(name) or entity.country or coder.country_of_text(entity.name)
        return Actor(name=name, entity=entity.id, country=country or coder.default,
                     sector=entity.sector)
    if sp.mention is None:
        return None
    span = work.doc.char_span(sp.mention.start, sp.mention.end, alignment_mode="expand")
    if span is None:
        return None
    # "-t-il": the euphonic "t" is no one; the pronoun after it stands for the speaker.
    pronoun = next((t for t in reversed(span) if t.pos_ == "PRON"
                    and t.lower_.lstrip("-") in coder.lex.pronouns), None)
    head = pronoun if pronoun is not None else span.root
    if not coder.is_actor(head):
        return None
    return coder.actor(head)

def quote_accusations(work: Work, lex: Lexicon, coder: Coder, taken: set[int]):
    """Blame carried by reported words whose cue is neutral ("C'est une honte", a déclaré X).

    A quotation holding a word of blame (``critical_words``) is an accusation by its speaker,
    aimed at the actor named in the quotation, else at the article's actor under discussion.
    Quotations whose cue or content already holds a trigger are left to that trigger.
    Yields (source, target, cue token, sentence).
    """
    critical = lex.arguments.get("critical_words", frozenset())
    exclude = lex.arguments.get("neutral_cue_exclude", frozenset())
    if not critical:
        return
    doc = work.doc
    for q in work.quotes:
        if q.speaker is None or q.cue is None or q.cue.text.lower().strip() in exclude:
            continue
        cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
        content = doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
        if cue is None or content is None:
            continue
        if any(t.i in taken for t in cue) or any(t.i in taken for t in content):
            continue
        words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
        if not words & critical:
            continue
        source = speaker_actor(work, coder, q)
        if source is None:
            continue
        target = None
        for e in work.entities:
            if e.id == source.entity or e.name == source.name or e.type not in ("PER", "ORG", "LOC"):
                continue
            inside = [m.start for m in e.mentions if q.content.start <= m.start < q.content.end and m.kind != "pronoun"]
            if not inside:
                continue
            # Blame is aimed at the other side: the speaker's own country named in the same words
            # ("la grande nation d'Iran ... l'Amérique criminelle") is the side it speaks for.
            rank = (source.country is not None and coder.entity_country(e) == source.country, min(inside))
            if target is None or rank < target[0]:
                target = (rank, e)
        if target is not None:
            e = target[1]
            country = coder.entity_country(e)
            tgt = Actor(name=e.name, entity=e.id, country=country or coder.default, sector=e.sector)
        else:
            tgt = coder.implicit_target(source, cue.root)
        yield source, tgt, cue.root, cue.root.sent

def _first_person(verb) -> bool:
    subj = [c for c in verb.children if c.dep_ in SUBJECT]
    return bool(subj) and all("1" in c.morph.get("Person") for c in subj)

def _attributed_quotations(work: Work):
    """(quote, its content as a spaCy span) for quotations in a speaker's own words."""
    for q in work.quotes:
        if q.speaker is None or q.kind not in ("direct", "mixed"):
            continue
        content = work.doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
        if content is not None:
            yield q, content

def _own_decision(verb, lex: Lexicon) -> bool:
    """"J'ai décidé de renforcer les mesures", "Nous allons rouvrir": a speaker announcing their
    own act, of any type (planned)."""
    if verb.pos_ != "VERB" or "Inf" not in verb.morph.get("VerbForm") or verb.dep_ not in ("xcomp", "ccomp"):
        return False
    head = verb.head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.factuality.get("planned", ()) and _first_person(head)

def performatives(work: Work, lex: Lexicon, coder: Coder):
    """Acts done by speaking, inside a speaker's quotation: "Nous condamnons ...", "J'exige ...".

    Reported words are not reported events, except a trigger verb in the first person present:
    saying it is doing it, and the doer is the quotation's speaker. Yields (Found, source Actor).
    """
    for q, content in _attributed_quotations(work):
        for found in triggers(content, lex, []):
            verb = found.token
            if not (lex.matches(found.entry.key, lex.performative) and verb.pos_ == "VERB" and _first_person(verb)
                    and "Pres" in verb.morph.get("Tense")) and not _own_decision(verb, lex):
                continue
            source = speaker_actor(work, coder, q)
            if source is not None:
                yield found, source

def quoted_demands(work: Work, lex: Lexicon, coder: Coder):
    """"Les autorités doivent clarifier", écrit l'agence: an obligation in a speaker's quotation is
    the speaker's demand to whoever is obliged (REQUEST). Yields (modal token, source, target token)."""
    modals = lex.arguments.get("demand_modals", frozenset())
    for q, content in _attributed_quotations(work):
        for tok in content:
            if tok.lemma_.lower() not in modals or "Pres" not in tok.morph.get("Tense") and "Fut" not in tok.morph.get("Tense"):
                continue
            if "Cnd" in tok.morph.get("Mood"):
                continue  # "il devrait rester": a likelihood, not an obligation
            if any(c.dep_ in ("advmod",) and c.lemma_.lower() in lex.factuality.get("negation_words", ()) for c in tok.children):
                continue
            clause = tok.head if tok.dep_.startswith("aux") else tok
            addressee = next((c for c in clause.children if c.dep_ in SUBJECT | PASSIVE_SUBJECT), None)
            named = addressee is not None and (addressee.pos_ == "PROPN" or addressee.lemma_.lower() in lex.actor_nouns)
            if not named or "1" in addressee.morph.get("Person"):
                continue  # "nous devons": a commitment; "il faut", "le scrutin doit": no one is asked
            source = speaker_actor(work, coder, q)
            if source is not None:
                yield tok, source, addressee
            break
