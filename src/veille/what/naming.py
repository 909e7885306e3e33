"""The names of event participants the text does not name: predict, then write.

The doer of an act of state told without it ("ont été condamnés mercredi à Alger", "Melbourne est
soumis à un couvre-feu", "a été arrêté lundi à Dijon") is coded by the actor stage as the
authorities of the place where it happens (``Coder.place_actor``, ``Coder.authority``): the right
country, named by the place. A reader, and the guideline ("name: actor as named in text"), want
the body that does such acts: "justice algérienne", "autorités australiennes", "police française".

``extract`` records, per trigger, how such a doer was found (``work.scratch[UNNAMED]``: trigger
offset -> ``Unnamed``); after the scorer, ``name`` gives each such doer the name its way's rule
writes (``[naming]`` of ``resources/<lang>/events.toml``, rules in ``RULES``) and unlinks it from the
place's entity (the body is not the place: lists and actor identities then show "police française",
not "Dijon"). Country and sector stay, the confidence was given before: every tuple and confidence
is what it was. The events as the scorer saw them stay in ``work.scratch[SCORED]``
(``as_scored``, with how their targets were found), for whoever computes the scorer's features
again (``veille train events``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Callable

from .. import resources
from ..errors import ConfigError
from ..records import Actor, Event
from ..work import Work
from .lexicon import Lexicon
from .scorer import Coded

# work.scratch: trigger offset -> Unnamed, the doers ``extract`` found without a name in the text
UNNAMED = "what.unnamed_doers"
# work.scratch: the events as the scorer saw them, before ``name`` (same order as ``work.events``)
SCORED = "what.scored"
# the ways ``extract`` finds a doer the text does not name
WAYS = ("agentless", "measure", "beneficiary")


@dataclass(frozen=True, slots=True)
class Unnamed:
    """A doer the text does not name: how it was found (one of ``WAYS``), the name the actor
    stage gave it, and whether that name is a country's ("Irlande", not "Melbourne")."""

    way: str
    name: str
    country_named: bool


def record(work: Work, trigger_start: int, way: str, actor: Actor, country_named: bool) -> None:
    """Note that the doer of the trigger at ``trigger_start`` was found ``way``."""
    work.scratch.setdefault(UNNAMED, {})[trigger_start] = Unnamed(way, actor.name, country_named)


def inflect(adjective: str, agreement: str) -> str:
    """A French adjective (masculine singular) agreed: ``agreement`` is "ms", "mp", "fs" or "fp"
    ("algérien", "fs" -> "algérienne"; "grec", "fp" -> "grecques")."""
    a = adjective
    if agreement[0] == "f":
        if a.endswith("e"):
            pass
        elif a.endswith(("ien", "éen")):
            a += "ne"
        elif a.endswith("ec"):  # grec -> grecque
            a += "que"
        elif a.endswith("c"):  # turc -> turque
            a = a[:-1] + "que"
        else:
            a += "e"
    if agreement[1] == "p" and not a.endswith(("s", "x")):
        a += "s"
    return a


@functools.lru_cache(maxsize=None)
def adjectives(lang: str) -> dict[str, str]:
    """ISO3 -> the country's first adjective (masculine singular), ``who_countries.toml``."""
    data = resources.load(lang, "who_countries") or {}
    return {iso: c["adj"][0] for iso, c in (data.get("countries") or {}).items() if c.get("adj")}


def _body(event: Event, lex: Lexicon, doer: Unnamed) -> str | None:
    """The body that does the event's act, of its doer's country: "police française"."""
    table = lex.naming
    key = f"{event.type}:{event.mode}" if event.mode else event.type
    bodies = table.get("bodies") or {}
    body = bodies.get(key) or bodies.get(event.type) or table.get("body_default")
    if not body:
        return None
    adj = adjectives(lex.lang).get(event.source.country or "")
    if adj is None:
        return body
    agreement = (table.get("agreement") or {}).get(body, "ms")
    return f"{body} {inflect(adj, agreement)}"


def _country_or_body(event: Event, lex: Lexicon, doer: Unnamed) -> str | None:
    """A country keeps its name, which stands for its state ("En Irlande, les pubs ont rouvert":
    Ireland); any other place gives way to the body ("Melbourne est soumis à un couvre-feu": the
    Australian authorities, not the city)."""
    return None if doer.country_named else _body(event, lex, doer)


def _keep(event: Event, lex: Lexicon, doer: Unnamed) -> str | None:
    return None


Rule = Callable[[Event, Lexicon, Unnamed], "str | None"]
# rule name -> the name a doer found that way takes (None: it keeps its own)
RULES: dict[str, Rule] = {"body": _body, "country_or_body": _country_or_body, "keep": _keep}


def rules_of(lex: Lexicon) -> dict[str, Rule]:
    """Way -> rule of the language's ``[naming] unnamed_doers``; an unknown way or rule is a
    ``ConfigError``."""
    out = {}
    for way, rule in (lex.naming.get("unnamed_doers") or {}).items():
        if way not in WAYS:
            raise ConfigError(f"resources/{lex.lang}/events.toml: naming.unnamed_doers: unknown way {way!r} (one of {WAYS})")
        if rule not in RULES:
            raise ConfigError(f"resources/{lex.lang}/events.toml: naming.unnamed_doers.{way}: unknown rule {rule!r} "
                              f"(one of {sorted(RULES)})")
        out[way] = RULES[rule]
    return out


def proposals(work: Work, events: list[Event], lex: Lexicon) -> dict[int, str]:
    """Event index -> the new name of its source, for the doers ``extract`` recorded as unnamed."""
    found = work.scratch.get(UNNAMED) or {}
    rules = rules_of(lex)
    out: dict[int, str] = {}
    for i, e in enumerate(events):
        if e.trigger is None or e.trigger.start not in found:
            continue
        doer = found[e.trigger.start]
        if e.source.name != doer.name or doer.way not in rules:
            continue  # another doer than the one recorded (a conjunct, a speaker)
        new = rules[doer.way](e, lex, doer)
        if new and new != doer.name:
            out[i] = new
    return out


def name(work: Work, items: list[Coded | Event], lex: Lexicon) -> list[Event]:
    """The events (``scorer.Coded`` records or events) with their unnamed doers named
    (``proposals``) and no longer linked to the place's entity; their country, sector and
    confidence unchanged."""
    work.scratch[SCORED] = items
    events = [x.event if isinstance(x, Coded) else x for x in items]
    if not lex.naming or not events:
        return events
    new = proposals(work, events, lex)
    return [replace(e, source=replace(e.source, name=new[i], entity=None)) if i in new else e
            for i, e in enumerate(events)]


def as_scored(work: Work) -> list[Coded | Event]:
    """``work.events`` as the scorer saw them (before ``name``), with what the rules recorded of
    how they found them (``scorer.Coded``): the input of its features."""
    scored = work.scratch.get(SCORED)
    return list(scored) if scored is not None and len(scored) == len(work.events) else list(work.events)
