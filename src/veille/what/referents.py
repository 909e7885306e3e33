"""Features of how an event's participants are named, for the listing confidence.

The event scorer (``scorer``) predicts whether an event's type and countries are right; most of
the events right by countries that a reader still finds wrong have another referent as source or
target: a city for its court, the person who reports for the person acted on, a party for its
leader (docs/what.md, "Names of unnamed doers"). These features describe each participant as the
text gives it, so that a second head of the scorer can learn whether the names are right too:

- how it is mentioned in the event's sentence: a name, a description, a pronoun resolved by
  coreference, or not at all (the actor under discussion, an owner supplied);
- how that mention hangs on the trigger: its subject, object, oblique, a noun's complement, or
  elsewhere in the sentence; and its distance to the trigger in tokens;
- what it is: a person, an organisation, a place, a nominal group; a body of state (its sector);
  a proper name or a common noun; how often the article mentions it;
- the doer named after the body that acts (``naming``), the quotation's speaker, and how many
  other actors the sentence names (more candidates, more ways to take the wrong one).
"""
from __future__ import annotations

import math
from typing import Sequence

from ..records import Actor, Event
from ..work import Work
from .lexicon import Lexicon
from .naming import UNNAMED
from .scorer import Coded, _token, coded

# relations of a participant's mention to the trigger, in the words of the parse
RELATIONS = ("nsubj", "obj", "obl", "nmod", "iobj", "appos", "conj", "xcomp", "ccomp", "acl", "advcl")
# the features also crossed with the event's type
TYPED = frozenset({"rel", "mention", "place", "nominal", "not_in_sentence", "description", "none", "entity"})
ARTICLES = frozenset({"l", "le", "la", "les", "d", "de", "du", "des", "un", "une", "the", "a", "an"})


def _proper(name: str) -> bool:
    """Whether a name is a proper name (its first content word capitalised)."""
    words = [w for w in name.replace("'", " ").replace("’", " ").split() if w.lower() not in ARTICLES]
    return bool(words) and words[0][:1].isupper()


def _token_at(doc, start: int, end: int):
    sp = doc.char_span(start, end, alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def _relation(tok, trigger) -> str:
    """How a mention's head hangs on the trigger: its relation when the trigger governs it directly
    (a name in apposition or a flat name counts as the noun it names: "le président Arvid Lund"),
    ``sibling`` under the trigger's own head, ``down`` further under the trigger, ``up`` over it,
    ``apart`` elsewhere in the sentence."""
    if tok is None or trigger is None:
        return "none"
    while tok.dep_.split(":")[0] in ("appos", "flat") and tok.head.i != tok.i and tok.head.i != trigger.i:
        tok = tok.head
    if tok.i == trigger.i:
        return "self"
    if tok.head.i == trigger.i:
        return tok.dep_.split(":")[0] if tok.dep_.split(":")[0] in RELATIONS else "other"
    if trigger.head.i != trigger.i and tok.head.i == trigger.head.i:
        return "sibling"
    if any(a.i == trigger.i for a in tok.ancestors):
        return "down"
    if any(a.i == tok.i for a in trigger.ancestors):
        return "up"
    return "apart"


# the relations to the trigger, the most direct first: a participant's mention is read where it
# hangs most directly on the trigger, then nearest to it
_DIRECTNESS = {r: k for k, r in enumerate(("nsubj", "obj", "iobj", "obl", "nmod", "appos", "conj", "xcomp", "ccomp",
                                            "acl", "advcl", "other", "self", "sibling", "down", "up", "apart", "none"))}


def _side(work: Work, ev: Event, a: Actor | None, trigger, side: str, lex: Lexicon | None,
          speakers: set[str]) -> dict[str, float]:
    f: dict[str, float] = {}
    if a is None:
        f[f"{side}:none"] = 1.0
        return f
    name = a.name or ""
    if lex is not None and lex.unknown_actor and name == lex.unknown_actor:
        f[f"{side}:unknown"] = 1.0
        return f
    f[f"{side}:proper" if _proper(name) else f"{side}:description"] = 1.0
    words = len(name.split())
    f[f"{side}:words={min(words, 4)}"] = 1.0
    span = ev.evidence
    if name and name in span.text:
        f[f"{side}:name_in_sentence"] = 1.0
    e = work.entity(a.entity) if a.entity else None
    if e is None:
        f[f"{side}:nominal"] = 1.0
        if a.sector:
            f[f"{side}:sector={a.sector}"] = 1.0
        return f
    f[f"{side}:entity={e.type}"] = 1.0
    if e.sector:
        f[f"{side}:sector={e.sector}"] = 1.0
    if e.type == "LOC" and e.sector in (None, "GOV"):
        f[f"{side}:place"] = 1.0
    kinds = [m.kind for m in e.mentions]
    f[f"{side}:mentions_log"] = math.log1p(len(e.mentions))
    if kinds.count("name"):
        f[f"{side}:named_in_article"] = 1.0
    if e.id in speakers:
        f[f"{side}:speaker"] = 1.0
    here = [m for m in e.mentions if span.start <= m.start < span.end]
    if not here:
        f[f"{side}:not_in_sentence"] = 1.0
        return f
    t0 = trigger.idx if trigger is not None else span.start
    read = []
    for m in here:
        tok = _token_at(work.doc, m.start, m.end) if work.doc is not None else None
        read.append((_DIRECTNESS.get(_relation(tok, trigger), 99), abs(m.start - t0), m, tok))
    _, _, m, tok = min(read, key=lambda x: x[:2])
    rel = _relation(tok, trigger)
    f[f"{side}:mention={m.kind}"] = 1.0
    f[f"{side}:rel={rel}"] = 1.0
    f[f"{side}:rel_kind={rel}:{m.kind}"] = 1.0
    if tok is not None and trigger is not None:
        d = abs(tok.i - trigger.i)
        f[f"{side}:distance_log"] = math.log1p(d)
        f[f"{side}:before" if tok.i < trigger.i else f"{side}:after"] = 1.0
    return f


def features(work: Work, items: Sequence[Coded | Event], lex: Lexicon | None = None) -> list[dict[str, float]]:
    """One feature dict per event, in order: how its source and target are named (module doc)."""
    events = [c.event for c in coded(items)]
    doc = work.doc
    unnamed = work.scratch.get(UNNAMED) or {}
    speakers = {q.speaker.entity for q in work.quotes if q.speaker is not None and q.speaker.entity}
    out = []
    for ev in events:
        trigger = _token(work, ev)
        f: dict[str, float] = {}
        f.update(_side(work, ev, ev.source, trigger, "src", lex, speakers))
        f.update(_side(work, ev, ev.target, trigger, "tgt", lex, speakers))
        t0 = ev.trigger.start if ev.trigger else ev.evidence.start
        doer = unnamed.get(t0)
        if doer is not None:
            f[f"src:unnamed={doer.way}"] = 1.0
        if ev.source.entity and ev.target is not None and ev.source.entity == ev.target.entity:
            f["same_entity"] = 1.0
        if doc is not None and trigger is not None:
            sent = trigger.sent
            others = {e.id for e in work.entities if e.type in ("PER", "ORG")
                      and any(sent.start_char <= m.start < sent.end_char for m in e.mentions)}
            others -= {ev.source.entity, ev.target.entity if ev.target else None}
            f["other_actors_log"] = math.log1p(len(others))
        # what a participant is and how it is named, by the event's type (a place is a fair target
        # of a visit, seldom of an arrest)
        for k in [k for k in f if ":" in k and k.split(":", 1)[1].split("=")[0] in TYPED]:
            f[f"{k}:{ev.type}"] = 1.0
        out.append(f)
    return out
