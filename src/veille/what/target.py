"""The target-or-none choice: whether an event keeps the target the rules gave it.

The rules give a target to most directed events, from the parse (an object, a complement after
"à", "contre", a name shortly after the trigger) or, when the clause names none, the actor under
discussion (``implicit``) or the source's own country (``domestic``). The guideline's annotator
often leaves the target empty: a demand or a refusal addressed to no one in particular, a
mobilisation, a retreat (the share of empty gold targets runs from 0.09 for ACCUSE to 0.84 for
MOBILIZE on the tuning gold). For each event whose target has a country, a logistic regression
over a few features (the type's share of empty gold targets, how the target was found, what kind
of actor it is, whether it shares the source's country, its distance from the trigger, where the
sentence stands, the mode) gives the probability that the gold codes the event with no target;
at or above the model's threshold the target is dropped.

The weights, the types' shares and the threshold are trained by ``veille train events``
(``veille.train.events``) and shipped under the key ``target`` of ``resources/models/events.json``;
they are applied here in plain Python.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..records import Event
from ..work import Work

# work.scratch key: trigger offset -> (how its target was found, token distance target - trigger)
TARGETS = "what.targets"
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


def features(work: Work, events: list[Event], scored: list[dict[str, float]]) -> list[dict[str, float] | None]:
    """Per event, the choice's features (without the type's share, which the model holds), or None
    for an event whose target has no country (it scores as no target already)."""
    found = work.scratch.get(TARGETS) or {}
    out: list[dict[str, float] | None] = []
    for ev, f in zip(events, scored):
        if ev.target is None or not ev.target.country:
            out.append(None)
            continue
        g = {k: v for k, v in f.items() if k.startswith(KEPT_PREFIXES) or k in KEPT_NAMES}
        at = (ev.trigger or ev.evidence).start
        how, dist = found.get(at, ("other", None))
        g["bias_target"] = 1.0
        g[f"how={how}"] = 1.0
        g[f"how_kind={how.split(':')[0]}"] = 1.0
        g[f"distance={_distance(dist)}"] = 1.0
        if ev.source.country and ev.source.country == ev.target.country:
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
    """The events with their target dropped where the model's probability of no target is at or
    above its threshold; an event that becomes the same (type, source, no target) as one before it
    is left out (one event per (type, source, target), the first kept)."""
    if not model or not events or float(model.get("threshold", 1.01)) > 1.0:
        return events
    cut = float(model["threshold"])
    share = model.get("shares", {})
    out: list[Event] = []
    for ev, g in zip(events, features(work, events, scored)):
        if g is not None and probability(model, with_share(g, ev.type, share)) >= cut:
            ev = replace(ev, target=None)
        out.append(ev)
    seen: set[tuple] = set()
    kept = []
    for ev in out:
        key = (ev.type, ev.source.entity or ev.source.name.lower(), None) if ev.target is None else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        kept.append(ev)
    return kept
