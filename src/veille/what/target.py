"""The target-or-none choice: whether an event has a target, the rules' or the actor under discussion.

The rules give a target to most directed events, from the parse (an object, a complement after
"à", "contre", a name shortly after the trigger) or, when the clause names none, the actor under
discussion (``implicit``) or the source's own country (``domestic``); other events keep none. The
guideline's annotator often decides otherwise: a demand or a refusal addressed to no one in
particular, a mobilisation, a retreat have no target (the share of empty gold targets runs from
0.09 for ACCUSE to 0.84 for MOBILIZE on the tuning gold), and a meeting or a protest the clause
leaves without one often has the actor under discussion. For each event with a candidate target
(the rules' target when it has a country, else the actor under discussion when that has one), a
logistic regression over a few features (the type's share of empty gold targets, how the target
was found, what kind of actor it is, whether it shares the source's country, its distance from the
trigger, where the sentence stands, the mode, the direction of the choice) gives the probability
that the gold event has that target. A rules' target under ``drop_under`` is dropped; the actor
under discussion at or above ``give_from`` is given (0 and above 1: the choice changes nothing).

The weights, the types' shares and the thresholds are trained by ``veille train events``
(``veille.train.events``) and shipped under the key ``target`` of ``resources/models/events.json``;
they are applied here in plain Python.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..records import Actor, Event
from ..work import Work

# work.scratch key: trigger offset -> (how its target was found, token distance target - trigger)
TARGETS = "what.targets"
# work.scratch key: trigger offset -> the actor under discussion (``Coder.implicit_target``), for
# events of the trigger left without a target country
IMPLICIT = "what.implicit_targets"
# the scorer's features the choice reads as they are (``what.scorer.features``)
KEPT_PREFIXES = ("type=", "mode=", "fact=", "tgt=", "tgt_sector=", "src=", "sent=", "proposed=", "pos=")
KEPT_NAMES = ("countries_same", "countries_differ", "tgt_main_country", "src_main_country", "lede", "sent_rel",
              "in_quote", "proposed", "negation", "modal", "list=directed", "list=person_targets")
# weight of the share of empty targets over all types in a type's smoothed share
PRIOR_WEIGHT = 5.0


def named_how(tok) -> str:
    """How a target token the parse names stands to its head: "named:<relation>:<preposition>"."""
    case = next((c.lemma_.lower() for c in tok.children if c.dep_ in ("case", "mark")), "-")
    return f"named:{tok.dep_}:{case}"


def _distance(d: int | None) -> str:
    if d is None:
        return "none"
    side = "after" if d > 0 else "before"
    n = abs(d)
    return f"{side}:{'1-2' if n <= 2 else '3-5' if n <= 5 else '6-10' if n <= 10 else '11+'}"


def candidates(work: Work, events: list[Event]) -> list[Actor | None]:
    """Per event, the target the choice weighs against none: the rules' target when it has a
    country ("drop": keep it or not), else the actor under discussion when it has one ("give")."""
    implicit = work.scratch.get(IMPLICIT) or {}
    out: list[Actor | None] = []
    for ev in events:
        if ev.target is not None and ev.target.country:
            out.append(ev.target)
            continue
        x = implicit.get((ev.trigger or ev.evidence).start)
        out.append(x if x is not None and x.country and not _same(x, ev.source) else None)
    return out


def _same(a: Actor, b: Actor) -> bool:
    return bool(a.entity and a.entity == b.entity) or a.name == b.name


def features(work: Work, events: list[Event], scored: list[dict[str, float]]) -> list[dict[str, float] | None]:
    """Per event, the choice's features (without the type's share, which the model holds), or None
    for an event with no target to weigh (``candidates``)."""
    found = work.scratch.get(TARGETS) or {}
    out: list[dict[str, float] | None] = []
    for ev, f, cand in zip(events, scored, candidates(work, events)):
        if cand is None:
            out.append(None)
            continue
        g = {k: v for k, v in f.items() if k.startswith(KEPT_PREFIXES) or k in KEPT_NAMES}
        at = (ev.trigger or ev.evidence).start
        how, dist = found.get(at, ("other", None))
        direction = "drop" if cand is ev.target else "give"
        g["bias_target"] = 1.0
        g[f"direction={direction}"] = 1.0
        g[f"how={how}"] = 1.0
        g[f"how_kind={how.split(':')[0]}"] = 1.0
        g[f"distance={_distance(dist if direction == 'drop' else None)}"] = 1.0
        if direction == "give":
            ent = work.entity(cand.entity) if cand.entity else None
            g[f"candidate=entity_{ent.type}" if ent is not None else "candidate=nominal"] = 1.0
            g[f"give_type={ev.type}"] = 1.0
        if ev.source.country and ev.source.country == cand.country:
            g["target_is_source_country"] = 1.0
        out.append(g)
    return out


def shares(golds: list[list[tuple]]) -> dict[str, float]:
    """Per type, the smoothed share of gold events with no target country, over articles' gold
    tuples (type, source country, target country); "*" holds the share over every type."""
    n: dict[str, int] = {}
    empty: dict[str, int] = {}
    for gold in golds:
        for t in gold:
            n[t[0]] = n.get(t[0], 0) + 1
            empty[t[0]] = empty.get(t[0], 0) + (not t[2])
    total = sum(n.values()) or 1
    overall = sum(empty.values()) / total
    out = {k: round((empty[k] + PRIOR_WEIGHT * overall) / (n[k] + PRIOR_WEIGHT), 4) for k in sorted(n)}
    out["*"] = round(overall, 4)
    return out


def with_share(g: dict[str, float], etype: str, share: dict[str, float]) -> dict[str, float]:
    """The features with the type's share of empty gold targets (and its log-odds)."""
    s = share.get(etype, share.get("*", 0.5))
    s = min(max(s, 0.01), 0.99)
    return {**g, "empty_share": s, "empty_logit": math.log(s / (1 - s))}


def probability(model: dict[str, Any], g: dict[str, float]) -> float:
    w = model["weights"]
    z = model.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in g.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(work: Work, events: list[Event], scored: list[dict[str, float]], model: dict[str, Any] | None) -> list[Event]:
    """The events after the choice: a target the rules gave is dropped when the model's probability
    that the gold event has it is under ``drop_under``; an event without a target country takes the
    actor under discussion when that probability is at or above ``give_from``. An event that becomes
    the same (type, source, target) as one before it is left out (the first kept)."""
    if not model or not events:
        return events
    drop, give = float(model.get("drop_under", 0.0)), float(model.get("give_from", 1.01))
    if drop <= 0.0 and give > 1.0:
        return events
    share = model.get("shares", {})
    out: list[Event] = []
    for ev, g, cand in zip(events, features(work, events, scored), candidates(work, events)):
        if g is not None:
            p = probability(model, with_share(g, ev.type, share))
            if cand is ev.target and p < drop:
                ev = replace(ev, target=None)
            elif cand is not ev.target and p >= give:
                ev = replace(ev, target=cand)
        out.append(ev)
    seen: set[tuple] = set()
    kept = []
    for ev in out:
        t = ev.target
        key = (ev.type, ev.source.entity or ev.source.name.lower(), ((t.entity or t.name.lower()), t.sector) if t else None)
        if key in seen:
            continue
        seen.add(key)
        kept.append(ev)
    return kept
