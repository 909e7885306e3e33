"""Typed records of an analysis.

Every record is a frozen dataclass whose ``to_dict()`` is exactly the JSON of the
analysis contract (docs/contract.md). Offsets always index ``Analysis.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
SECTORS = ("GOV", "LEG", "JUD", "MIL", "COP", "PTY", "OPP", "REB", "IGO", "NGO", "CVL", "BUS", "MED", "REL")
QUOTE_KINDS = ("direct", "indirect", "mixed")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_TYPES = (
    "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "CONSULT", "RETREAT", "REQUEST",
    "REJECT", "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FACTUALITY = ("actual", "planned", "possible", "negated")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the analysed text: ``text == analysis.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity. ``kind`` is name, nominal or pronoun."""

    start: int
    end: int
    text: str
    kind: str = "name"
    confidence: float = 1.0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country,
                "sector": self.sector, "role": self.role, "kb_id": self.kb_id,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    entity: str | None = None
    mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name,
                "mention": self.mention.to_dict() if self.mention else None}


@dataclass(frozen=True, slots=True)
class Quote:
    kind: str
    content: Span
    speaker: Speaker | None = None
    cue: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "content": self.content.to_dict(),
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "cue": self.cue.to_dict() if self.cue else None}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    start: int
    end: int
    text: str
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value}


@dataclass(frozen=True, slots=True)
class Actor:
    """An event participant: an entity of the article, or a name the text gives."""

    name: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    source: Actor
    evidence: Span
    factuality: str = "actual"
    target: Actor | None = None
    mode: str | None = None
    date: str | None = None
    location: str | None = None
    trigger: Span | None = None
    confidence: float | None = None   # the learned scorer's probability that the event is right

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "source": self.source.to_dict(),
                "target": self.target.to_dict() if self.target else None,
                "factuality": self.factuality, "date": self.date, "location": self.location,
                "trigger": self.trigger.to_dict() if self.trigger else None,
                "evidence": self.evidence.to_dict(),
                "confidence": round(self.confidence, 3) if self.confidence is not None else None}


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input left out of ``text`` (page furniture), with the reason."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Source:
    path: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "url": self.url, "outlet": self.outlet}


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as read from the input, before any analysis.

    Exactly one of ``text`` and ``html`` is set. ``published`` is an ISO date
    (YYYY-MM-DD) or None; ``language`` a hint ("fr", "en") or None. ``warnings`` are the
    reader's decisions (an encoding detected, invalid bytes replaced), passed to the analysis.
    """

    id: str | None
    source: Source
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    id: str
    source: Source
    text: str
    language: str
    title: str | None = None
    published: str | None = None
    removed: tuple[Removal, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    schema: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema, "id": self.id, "source": self.source.to_dict(),
            "title": self.title, "published": self.published, "language": self.language,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "events": [e.to_dict() for e in self.events],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Analysis":
        """Rebuild an analysis from its contract JSON (the inverse of ``to_dict``)."""
        def span(x):
            return Span(x["start"], x["end"], x["text"]) if x else None

        def actor(x):
            return Actor(x.get("name") or "", x.get("entity"), x.get("country"), x.get("sector")) if x else None

        src = d.get("source") or {}
        return cls(
            id=str(d["id"]), source=Source(src.get("path"), src.get("url"), src.get("outlet")),
            text=d["text"], language=d.get("language") or "und", title=d.get("title"),
            published=d.get("published"),
            removed=tuple(Removal(r["text"], r["reason"]) for r in d.get("removed") or ()),
            entities=tuple(
                Entity(e["id"], e["name"], e["type"],
                       tuple(Mention(m["start"], m["end"], m["text"], m.get("kind", "name"), m.get("confidence", 1.0))
                             for m in e.get("mentions") or ()),
                       e.get("country"), e.get("sector"), e.get("role"), e.get("kb_id"))
                for e in d.get("entities") or ()),
            quotes=tuple(
                Quote(q["kind"], span(q["content"]),
                      Speaker(q["speaker"]["name"], q["speaker"].get("entity"), span(q["speaker"].get("mention")))
                      if q.get("speaker") else None, span(q.get("cue")))
                for q in d.get("quotes") or ()),
            times=tuple(TimeExpr(t["start"], t["end"], t["text"], t["type"], t["value"]) for t in d.get("times") or ()),
            events=tuple(
                Event(e["type"], actor(e["source"]), span(e["evidence"]), e.get("factuality", "actual"),
                      actor(e.get("target")), e.get("mode"), e.get("date"), e.get("location"), span(e.get("trigger")),
                      e.get("confidence"))
                for e in d.get("events") or ()),
            warnings=tuple(d.get("warnings") or ()),
            schema=d.get("schema", SCHEMA_VERSION),
        )
