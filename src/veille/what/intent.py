"""Acts announced, not done: the type an intention is coded as (``[options.intent_as]``).

The PLOVER manual codes a cooperative act reported as planned or possible ("will provide aid",
"is willing to host talks") as the intention to cooperate (AGREE), and a coercive or violent act
announced ("will impose a curfew") as a threat (THREATEN). The table maps, per factuality, a type
(or type:mode) to the type it is coded as; the intention itself has happened, so the recoded
event is actual and has no mode. Languages without the table keep the act with its factuality.

An act its doer says it is willing to do ("is willing to withdraw", "is prepared to lift the ban":
a word of ``willingness`` governs the trigger) is coded by the ``willing`` table first: a
willingness to cooperate is AGREE even for acts the manual keeps when merely planned.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Event
from .lexicon import Lexicon
from .scorer import Coded


# Links from a verb to the word it complements ("willing" <-xcomp- "withdraw").
_COMPLEMENT = {"xcomp", "acomp", "ccomp", "prep", "pcomp", "pobj"}


def willing(token, words: frozenset[str]) -> bool:
    """Whether a word of willingness governs the trigger through complements ("is ready to host")."""
    t = token
    for _ in range(3):
        if t.dep_ not in _COMPLEMENT or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in words or t.lower_ in words:
            return True
    return False


def _trigger_token(event: Event, doc):
    if doc is None or event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def recoded(event: Event, lex: Lexicon, doc=None) -> Event:
    """The event as coded under the intention table (unchanged when no entry applies)."""
    key = f"{event.type}:{event.mode}" if event.mode else event.type
    new = None
    if event.factuality != "negated" and lex.intent_as.get("willing") and lex.willingness:
        token = _trigger_token(event, doc)
        if token is not None and willing(token, lex.willingness):
            table = lex.intent_as["willing"]
            new = table.get(key) or table.get(event.type)
    if new is None:
        table = lex.intent_as.get(event.factuality) or {}
        new = table.get(key) or table.get(event.type)
    if not new or new == event.type:
        return event
    return replace(event, type=new, mode=None, factuality="actual")


def recode(events: list, lex: Lexicon, doc=None) -> list:
    """Recode every event of an article (``Event`` or ``scorer.Coded`` records, returned as
    given); two events that become the same one are kept once."""
    if not lex.intent_as:
        return events
    out: list = []
    seen: set[tuple] = set()
    for x in events:
        e = x.event if isinstance(x, Coded) else x
        r = recoded(e, lex, doc)
        key = (r.type, r.source.country, r.source.name, r.target.country if r.target else None,
               r.evidence.start if r.evidence else None)
        if r is not e and key in seen:
            continue
        seen.add(key)
        out.append(x if r is e else replace(x, event=r) if isinstance(x, Coded) else r)
    return out
