"""A learned confidence for each event the rules produce.

Every event gets a feature vector (its trigger's lemma and PLOVER type, mode and factuality, the
dependency relation of the trigger and of its head, what kind of actor its source and target are,
whether their countries differ, where its sentence stands in the article, whether the trigger is
inside a quotation, negation and modality cues around it, how many events of its type the article
holds, and the lexicon's attributes of its entry), and a logistic regression over these features
gives its ``confidence``: the probability that the event, as coded, is one the guideline's
annotator would have written (its type and the countries of its source and target).

The weights are trained by ``veille train events`` (``veille.train.events``) and shipped in
``resources/models/events.json``; here they are applied in plain Python, with no scikit-learn.
"""
from __future__ import annotations

import contextlib
import functools
import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

from .. import resources
from ..records import Actor, Event
from ..work import Work
from . import political
from .lexicon import Entry, Lexicon

# work.scratch key of the trigger offsets of events whose doer was proposed (what.extract)
PROPOSED = "what.proposed"
# work.scratch key of the article's probability of reporting political news (what.political)
POLITICAL = "what.political"

MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "events.json"

# negation and modality words among the trigger's dependents or its governing verb's
NEGATION = frozenset({"ne", "pas", "jamais", "plus", "aucun", "rien", "ni", "not", "never", "no"})
MODALS = frozenset({"pouvoir", "devoir", "vouloir", "falloir", "envisager", "menacer", "tenter", "chercher",
                    "can", "could", "may", "might", "must", "should", "would", "will"})
CONDITION = frozenset({"si", "if", "unless"})
# the lexicon's lists an entry may be named in
LISTS = ("implicit_source", "directed", "blocking", "agentless_authority", "unknown_doer", "public_only",
         "claims", "reciprocal", "purpose_target", "actor_targets_only", "person_targets", "performative")


@dataclass(frozen=True, slots=True)
class Coded:
    """An event as the rules coded it, with what the scorer reads of how they found it.

    ``target_way``: how the rules found the target (``extract``): ``domestic`` (the source's own
    country), ``implicit`` (the actor under discussion), ``supplied`` (the owner of a thing the
    clause names), ``named:<relation>`` (the clause's word, by its relation to the trigger), or
    None for events made otherwise (quotations' events)."""

    event: Event
    target_way: str | None = None


def coded(items: Sequence[Coded | Event]) -> list[Coded]:
    """Events as ``Coded`` records (a bare event has no recorded way)."""
    return [x if isinstance(x, Coded) else Coded(x) for x in items]


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, Any] | None:
    """The trained model (weights and threshold), or None when none is shipped."""
    return resources.read_model(Path(path) if path else MODEL)


def probability(model: dict[str, Any], features: dict[str, float]) -> float:
    w = model["weights"]
    z = model.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _token(work: Work, ev: Event):
    span = ev.trigger or ev.evidence
    doc = work.doc
    if doc is None:
        return None
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    if sp is not None and len(sp):
        return sp.root
    for t in doc:
        if t.idx <= span.start < t.idx + len(t.text) + 1:
            return t
    return None


def _entry(lex: Lexicon | None, tok, etype: str) -> Entry | None:
    if lex is None or tok is None:
        return None
    pos = "verb" if tok.pos_ in ("VERB", "AUX") else "noun"
    found = lex.entries(tok.lemma_, pos) or lex.entries(tok.lower_, pos)
    return next((e for e in found if e.type == etype), found[0] if found else None)


def _actor_kind(work: Work, a: Actor | None, lex: Lexicon | None) -> str:
    if a is None:
        return "none"
    if lex is not None and lex.unknown_actor and a.name == lex.unknown_actor:
        return "unknown"
    if a.entity is not None:
        e = work.entity(a.entity)
        return f"entity_{e.type if e is not None else 'x'}"
    if a.country is None:
        return "nominal_nocountry"
    return "nominal"


def tuple_features(tuples: list[tuple]) -> list[dict[str, float]]:
    """Features of each event's (type, source country, target country) among the article's: how
    many events say the same, how much of the article its countries take."""
    same = Counter(tuples)
    countries = Counter(c for t in tuples for c in t[1:] if c)
    total = sum(countries.values()) or 1
    out = []
    for t in tuples:
        f = {"tuple_count_log": math.log1p(same[t] - 1)}
        shares = [countries[c] / total for c in t[1:] if c]
        f["country_share_min"] = min(shares) if shares else 0.0
        out.append(f)
    return out


def features(work: Work, items: Sequence[Coded | Event], lex: Lexicon | None = None,
             projection: dict[str, Any] | None = None) -> list[dict[str, float]]:
    """One feature dict (name -> value) per event, in order; with ``projection`` (the model's
    reduction of word vectors), a few dimensions of the trigger lemma's vector."""
    items = coded(items)
    events = [c.event for c in items]
    doc = work.doc
    sents = list(doc.sents) if doc is not None else []
    starts = [s.start for s in sents]
    quotes = [(q.content.start, q.content.end) for q in work.quotes]
    proposed = work.scratch.get(PROPOSED) or {}
    per_type = Counter(e.type for e in events)
    countries = Counter(c for e in events for c in (e.source.country, e.target.country if e.target else None) if c)
    main = countries.most_common(1)[0][0] if countries else None
    out = []
    for ev, way in zip(events, (c.target_way for c in items)):
        f: dict[str, float] = {"bias_rules": 1.0}
        tok = _token(work, ev)
        f[f"type={ev.type}"] = 1.0
        f[f"mode={ev.type}:{ev.mode}"] = 1.0
        f[f"fact={ev.factuality}"] = 1.0
        f[f"fact_type={ev.factuality}:{ev.type}"] = 1.0
        sk, tk = _actor_kind(work, ev.source, lex), _actor_kind(work, ev.target, lex)
        f[f"src={sk}"] = 1.0
        f[f"tgt={tk}"] = 1.0
        f[f"src_tgt={sk.split('_')[0]}:{tk.split('_')[0]}"] = 1.0
        f[f"src_sector={ev.source.sector}"] = 1.0
        f[f"tgt_sector={ev.target.sector if ev.target else 'none'}"] = 1.0
        sc, tc = ev.source.country, ev.target.country if ev.target else None
        f["src_country" if sc else "src_no_country"] = 1.0
        if ev.target is not None:
            f["tgt_country" if tc else "tgt_no_country"] = 1.0
        if sc and tc:
            f["countries_differ" if sc != tc else "countries_same"] = 1.0
            f[f"countries_{'differ' if sc != tc else 'same'}:{ev.type}"] = 1.0
        if sc and sc == main:
            f["src_main_country"] = 1.0
        if tc and tc == main:
            f["tgt_main_country"] = 1.0
        if sc and work.language == "fr" and sc == "FRA":
            f["src_home"] = 1.0
        if ev.date:
            f["dated"] = 1.0
        if ev.location:
            f["located"] = 1.0
        n = per_type[ev.type]
        f["type_count_log"] = math.log1p(n)
        f[f"type_count={min(n, 4)}"] = 1.0
        f["article_events_log"] = math.log1p(len(events))
        t0 = ev.trigger.start if ev.trigger else ev.evidence.start
        if way is not None and ev.target is not None:
            # how the rules found the target (the clause's object or oblique, the actor under
            # discussion, the owner of a thing, the source's own country), alone and by type
            f[f"tgt_way={way}"] = 1.0
            f[f"tgt_way_type={way}:{ev.type}"] = 1.0
        if t0 in proposed:
            # a proposal: the doer is the actor under discussion, proposed for a clause that names
            # none ("doer"), or the trigger is a word the lexicon does not make one ("relaxed", "similar")
            kind, sim = proposed[t0]
            f["proposed"] = 1.0
            f[f"proposed={kind}"] = 1.0
            f[f"proposed_type={ev.type}"] = 1.0
            f[f"proposed_src={sk}"] = 1.0
            if kind == "similar":
                f["proposed_similarity"] = sim
            elif kind == "detector":
                f["detector_p"] = sim
        if any(a <= t0 < b for a, b in quotes):
            f["in_quote"] = 1.0
        if tok is not None:
            lemma = tok.lemma_.lower()
            f[f"lemma={lemma}"] = 1.0
            f[f"lemma_type={lemma}:{ev.type}"] = 1.0
            f[f"pos={tok.pos_}"] = 1.0
            f[f"dep={tok.dep_}"] = 1.0
            f[f"head_dep={tok.head.dep_}"] = 1.0
            f[f"dep_head_pos={tok.dep_}:{tok.head.pos_}"] = 1.0
            if tok.head.i == tok.i:
                f["root"] = 1.0
            near = list(tok.children) + ([c for c in tok.head.children if c.i != tok.i] if tok.dep_ in ("xcomp", "ccomp", "obj", "nmod", "conj") else [])
            lem = {c.lemma_.lower() for c in near}
            if lem & NEGATION:
                f["negation"] = 1.0
            if lem & MODALS or tok.head.lemma_.lower() in MODALS:
                f["modal"] = 1.0
            if lem & CONDITION:
                f["condition"] = 1.0
            if any(c.dep_ in ("aux:pass",) for c in tok.children):
                f["passive"] = 1.0
            morph = tok.morph
            for key in ("Tense", "Mood", "VerbForm", "Number"):
                for v in morph.get(key):
                    f[f"{key}={v}"] = 1.0
            if sents:
                k = max(0, _bisect(starts, tok.i))
                f["lede"] = 1.0 if k <= 1 else 0.0
                f[f"sent={min(k, 6)}"] = 1.0
                f["sent_rel"] = k / max(1, len(sents) - 1)
                sent = sents[k]
                if sent.text.strip().startswith(("«", '"', "“", "-", "—")):
                    f["sent_quote_start"] = 1.0
            if projection:
                f.update(project(projection, lemma_vector(tok)))
        entry = _entry(lex, tok, ev.type)
        if entry is not None:
            f[f"entry_pos={entry.pos}"] = 1.0
            if entry.needs:
                f["entry_needs"] = 1.0
            if entry.any_of:
                f["entry_any_of"] = 1.0
            if entry.not_:
                f["entry_not"] = 1.0
            if entry.named_target:
                f["entry_named_target"] = 1.0
            if entry.subject_patient:
                f["entry_subject_patient"] = 1.0
            for name in LISTS:
                names = getattr(lex, name, frozenset())
                if isinstance(names, frozenset) and lex.matches(entry.key, names):
                    f[f"list={name}"] = 1.0
        else:
            f["no_entry"] = 1.0
        out.append(f)
    for f, g in zip(out, tuple_features([_tuple(e) for e in events])):
        f.update(g)
    return out


def _tuple(e: Event) -> tuple:
    return (e.type, e.source.country, e.target.country if e.target else None)


def _bisect(starts: list[int], i: int) -> int:
    import bisect
    return bisect.bisect_right(starts, i) - 1


def lemma_vector(tok) -> list[float] | None:
    """The word vector of the trigger's lemma (of the word itself when the lemma has none)."""
    vocab = tok.doc.vocab
    lex = vocab[tok.lemma_.lower()]
    v = lex.vector if lex.has_vector else tok.vector if tok.has_vector else None
    if v is None or not len(v):
        return None
    return [float(x) for x in v]


def project(projection: dict[str, Any], v: list[float] | None) -> dict[str, float]:
    """A word vector reduced to the model's few dimensions (``vec0``...)."""
    if v is None or len(v) != len(projection["mean"]):
        return {}
    mean = projection["mean"]
    c = [x - m for x, m in zip(v, mean)]
    return {f"vec{k}": sum(a * b for a, b in zip(c, comp)) for k, comp in enumerate(projection["components"])}


_KEEP_ALL = False


@contextlib.contextmanager
def keeping_all():
    """Within this block no event is dropped under the model's threshold (training sees every
    event the rules make, whatever the shipped model)."""
    global _KEEP_ALL
    before, _KEEP_ALL = _KEEP_ALL, True
    try:
        yield
    finally:
        _KEEP_ALL = before


def _named_in_evidence(work: Work, e: Event) -> bool:
    """Whether the event's source is named in its evidence (its sentence), not only before it."""
    ev = e.evidence
    entity = work.entity(e.source.entity) if e.source.entity else None
    if entity is not None:
        return any(ev.start <= m.start < ev.end for m in entity.mentions)
    return bool(e.source.name) and e.source.name in ev.text


def score(work: Work, items: Sequence[Coded | Event], lex: Lexicon | None = None) -> list[Coded]:
    """The events with their ``confidence`` set (unchanged, ``None``, when no model is shipped for
    the article's language), less those under the model's ``threshold`` when it has one."""
    items = coded(items)
    model = load()
    if model is None or not items or work.language not in model.get("languages", ()):
        # without a model to judge them, proposals (``what.proposed``) are not kept, except those
        # of the kinds the lexicon lists (``unjudged_proposals``) whose proposed doer is named
        # in the event's own sentence and whose type no stated event of that sentence has (it
        # would be that event named again: "leaders met in Vilnius for a summit")
        proposed = work.scratch.get(PROPOSED) or {}
        kinds = lex.unjudged_proposals if lex is not None else frozenset()

        def is_stated(e: Event) -> bool:
            return e.trigger is None or e.trigger.start not in proposed

        stated = {(c.event.type, c.event.evidence.start) for c in items if is_stated(c.event)}

        def kept_unjudged(e: Event) -> bool:
            return (proposed[e.trigger.start][0] in kinds and _named_in_evidence(work, e)
                    and (e.type, e.evidence.start) not in stated)

        return [c for c in items if is_stated(c.event) or kept_unjudged(c.event)]
    feats = features(work, items, lex, model.get("projection"))
    scored = [replace(c, event=replace(c.event, confidence=round(probability(model, f), 6)))
              for c, f in zip(items, feats)]
    if _KEEP_ALL:
        return scored
    # the model's ``threshold``: chosen by cross-validation, 0 when dropping events lowers tuple F1;
    # an event whose doer was proposed (no doer in its clause) needs ``proposal_threshold``
    least = float(model.get("threshold") or 0.0)
    least_proposed = max(least, float(model.get("proposal_threshold", 1.01)))
    # a detector's proposal (``what.detector``) also needs the detector's probability at or above
    # ``detector_threshold`` (a model without the key keeps none)
    least_detected = float(model.get("detector_threshold", 1.01))
    kept = [c for c, f in zip(scored, feats)
            if c.event.confidence >= (least_proposed if f.get("proposed") else least)
            and not (f.get("proposed=detector") and f.get("detector_p", 0.0) < least_detected)]
    events = in_political_news(work, [c.event for c in kept])
    return [replace(c, event=e) for c, e in zip(kept, events)]


def in_political_news(work: Work, events: list[Event]) -> list[Event]:
    """The events with their confidence scaled by how surely the article reports political news
    (``what.political``): unchanged from the article model's threshold up, times ``p / threshold``
    under it. Applied after the keep decisions, so it changes what lists show, not what is kept."""
    model = political.load()
    if model is None or not events or work.language not in model.get("languages", ()):
        return events
    p = political.probability(model, work.text)
    work.scratch[POLITICAL] = p
    k = political.factor(model, p)
    if k >= 1.0:
        return events
    return [replace(e, confidence=round(e.confidence * k, 6)) if e.confidence is not None else e for e in events]
