"""The trigger lexicon of one language, read from ``resources/<lang>/events.toml``.

An entry is a lemma with optional constraints on the trigger's dependents (see the header of
the resource file): ``"appeler +à"``, ``"lever >confinement,restriction"``, ``"rendre +se !compte"``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .. import resources
from ..clean.normalize import fold
from ..errors import ConfigError
from ..records import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger word: its PLOVER type and mode and what its dependents must (not) hold."""

    lemma: str
    type: str
    mode: str | None
    pos: str                               # "verb" or "noun"
    needs: tuple[str, ...] = ()            # each of these lemmas among the near dependents
    any_of: frozenset[str] = frozenset()   # one of these lemmas in the phrase
    not_: tuple[str, ...] = ()             # none of these lemmas among the dependents
    named_target: bool = False             # an event only when its clause names whom it is aimed at
    subject_patient: bool = False          # its subject is the one it is done to ("retrouver ses terrasses")

    @property
    def key(self) -> str:
        return f"{self.type}:{self.mode}" if self.mode else self.type


@dataclass(frozen=True)
class Lexicon:
    lang: str
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    implicit_source: frozenset[str]
    patient_de: frozenset[str]
    actor_targets_only: frozenset[str]
    directed: frozenset[str]
    performative: frozenset[str]
    blocking: frozenset[str]
    negated_as: dict[str, str]
    factuality: dict[str, frozenset[str]]
    arguments: dict[str, frozenset[str]]
    demonyms: dict[str, str]
    places: dict[str, str]
    sectors: dict[str, str]
    actor_nouns: frozenset[str]
    pronouns: frozenset[str]
    inanimate_pronouns: frozenset[str]
    regions: frozenset[str] = frozenset()
    country_anaphors: frozenset[str] = frozenset()
    agentless_authority: frozenset[str] = frozenset()
    unknown_doer: frozenset[str] = frozenset()
    place_is_where: frozenset[str] = frozenset()
    unknown_actor: str = ""
    purpose_target: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    open_appeals: frozenset[str] = frozenset()
    compass: frozenset[str] = frozenset()
    public_only: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    reciprocal: frozenset[str] = frozenset()
    demanded_untold: bool = False
    private_places: frozenset[str] = frozenset()
    domestic: frozenset[str] = frozenset()
    private_nouns: frozenset[str] = frozenset()
    person_targets: frozenset[str] = frozenset()
    own_country_target: frozenset[str] = frozenset()
    # factuality -> {type or type:mode -> type}: how an announced act is coded (what/intent.py)
    intent_as: dict[str, dict[str, str]] = field(default_factory=dict)
    willingness: frozenset[str] = frozenset()  # "willing", "ready": the doer's stated intention
    unjudged_proposals: frozenset[str] = frozenset()  # proposal kinds kept when no model judges them
    similar_min: float = 0.0  # cosine from which a word is proposed as a trigger like a lexicon word (0: off)
    detector_min: float = 0.0  # the detector's probability from which a sentence's type is proposed (0: off)
    naming: dict[str, Any] = field(default_factory=dict)  # how unnamed doers are named (what/naming.py)

    def entries(self, lemma: str, pos: str) -> tuple[Entry, ...]:
        table = self.verbs if pos == "verb" else self.nouns
        return table.get(lemma.lower(), ())

    def matches(self, key: str, names: frozenset[str]) -> bool:
        """Whether an entry key ("COERCE:restrict") is named in a list of types or type:mode."""
        return key in names or key.split(":")[0] in names


def parse_entry(text: str, etype: str, mode: str | None, pos: str) -> Entry:
    parts = text.split()
    if not parts:
        raise ConfigError(f"empty trigger entry under {etype}")
    lemma = parts[0].lower()
    needs, any_of, not_ = [], set(), []
    named = False
    patient = False
    if lemma.startswith("s'"):
        # spaCy lemmatises "s'accorder" as "accorder" with a reflexive dependent.
        lemma = lemma[2:]
        needs.append("se")
    for p in parts[1:]:
        if p.startswith("+"):
            needs.append(p[1:].lower())
        elif p.startswith(">"):
            any_of |= {w.lower() for w in p[1:].split(",") if w}
        elif p.startswith("!"):
            not_.append(p[1:].lower())
        elif p == "@":
            named = True
        elif p == "~":
            patient = True
        else:
            raise ConfigError(f"trigger entry {text!r} under {etype}: unknown constraint {p!r}")
    return Entry(lemma, etype, mode, pos, tuple(needs), frozenset(any_of), tuple(not_), named, patient)


def _entries(table: dict[str, Any], etype: str, mode: str | None):
    for pos, key in (("verb", "verbs"), ("noun", "nouns")):
        for text in table.get(key, ()):
            yield parse_entry(text, etype, mode, pos)


@functools.lru_cache(maxsize=None)
def load(lang: str) -> Lexicon:
    data = resources.load(lang, "events")
    if not data:
        raise ConfigError(f"no event lexicon for language {lang!r} (resources/{lang}/events.toml)")
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for etype in EVENT_TYPES:
        table = data.get(etype, {})
        found = list(_entries(table, etype, None))
        for mode, sub in (table.get("modes") or {}).items():
            found.extend(_entries(sub, etype, mode))
        for e in found:
            (verbs if e.pos == "verb" else nouns).setdefault(e.lemma, []).append(e)
    unknown = set(data) - set(EVENT_TYPES) - {"options", "factuality", "arguments", "actors", "naming"}
    if unknown:
        raise ConfigError(f"resources/{lang}/events.toml: unknown sections {sorted(unknown)}")
    opts, fact, actors = data.get("options", {}), data.get("factuality", {}), data.get("actors", {})
    return Lexicon(
        lang=lang,
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        implicit_source=frozenset(opts.get("implicit_source", ())),
        patient_de=frozenset(opts.get("patient_de", ())),
        actor_targets_only=frozenset(opts.get("actor_targets_only", ())),
        directed=frozenset(opts.get("directed", ())),
        performative=frozenset(opts.get("performative", ())),
        blocking=frozenset(opts.get("blocking", ())),
        negated_as={k: v for k, v in (opts.get("negated_as") or {}).items() if v in EVENT_TYPES},
        factuality={k: frozenset(w.lower() for w in v) for k, v in fact.items()},
        arguments={k: frozenset(w.lower() for w in v) for k, v in data.get("arguments", {}).items()},
        demonyms={k.lower(): v for k, v in (actors.get("demonyms") or {}).items()},
        places={k.lower(): v for k, v in (actors.get("places") or {}).items()},
        sectors={k.lower(): v for k, v in (actors.get("sectors") or {}).items()},
        actor_nouns=frozenset(w.lower() for w in actors.get("actor_nouns", ())),
        pronouns=frozenset(w.lower() for w in actors.get("pronouns", ())),
        inanimate_pronouns=frozenset(w.lower() for w in actors.get("inanimate_pronouns", ())),
        regions=frozenset(fold(w) for w in actors.get("regions", ())),
        country_anaphors=frozenset(w.lower() for w in actors.get("country_anaphors", ())),
        agentless_authority=frozenset(opts.get("agentless_authority", ())),
        place_is_where=frozenset(opts.get("place_is_where", ())),
        unknown_doer=frozenset(opts.get("unknown_doer", ())),
        unknown_actor=str(actors.get("unknown", "")),
        purpose_target=frozenset(opts.get("purpose_target", ())),
        state_nouns=frozenset(w.lower() for w in actors.get("state_nouns", ())),
        open_appeals=frozenset(opts.get("open_appeals", ())),
        compass=frozenset(w.lower() for w in actors.get("compass", ())),
        public_only=frozenset(opts.get("public_only", ())),
        claims=frozenset(opts.get("claims", ())),
        reciprocal=frozenset(opts.get("reciprocal", ())),
        demanded_untold=bool(opts.get("demanded_untold", False)),
        domestic=frozenset(opts.get("domestic", ())),
        private_places=frozenset(w.lower() for w in actors.get("private_places", ())),
        demonstratives=frozenset(w.lower() for w in actors.get("demonstratives", ())),
        private_nouns=frozenset(w.lower() for w in actors.get("private_nouns", ())),
        person_targets=frozenset(opts.get("person_targets", ())),
        own_country_target=frozenset(opts.get("own_country_target", ())),
        similar_min=float(opts.get("similar_min", 0.0)),
        detector_min=float(opts.get("detector_min", 0.0)),
        intent_as=_intent_as(lang, opts.get("intent_as") or {}),
        willingness=frozenset(w.lower() for w in opts.get("willingness", ())),
        unjudged_proposals=frozenset(opts.get("unjudged_proposals", ())),
        naming=dict(data.get("naming") or {}),
    )


def _intent_as(lang: str, table: dict[str, Any]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for fact, mapping in table.items():
        if not isinstance(mapping, dict):
            raise ConfigError(f"resources/{lang}/events.toml: options.intent_as.{fact} must be a table")
        for key, new in mapping.items():
            if key.split(":")[0] not in EVENT_TYPES or new not in EVENT_TYPES:
                raise ConfigError(f"resources/{lang}/events.toml: options.intent_as.{fact}: unknown type in {key} = {new}")
        out[fact] = dict(mapping)
    return out


@functools.lru_cache(maxsize=None)
def cameo() -> dict[str, tuple[str, ...]]:
    """PLOVER type -> CAMEO root codes (``resources/common/cameo.toml``)."""
    data = resources.load("common", "cameo")
    return {t: tuple(data.get("plover_to_cameo", {}).get(t, ())) for t in EVENT_TYPES}
