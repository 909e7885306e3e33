"""The per-article working state that stages read and fill in.

A ``Work`` is built by the pipeline after cleaning and parsing; each stage reads
what earlier stages left (``doc``, ``entities``, ``times``, ``quotes``) and sets its
own field. ``to_analysis()`` freezes it into the contract record.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .options import Options
from .records import (Analysis, Entity, Event, Mention, Quote, Removal, Source, TimeExpr)

if TYPE_CHECKING:  # spaCy is imported lazily
    from spacy.tokens import Doc


@dataclass
class Work:
    id: str
    source: Source
    text: str
    language: str
    options: Options
    title: str | None = None
    published: str | None = None          # ISO date (YYYY-MM-DD) anchoring relative dates
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doc: "Doc | None" = None              # spaCy parse of ``text`` (None for unsupported languages)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # mentions a later stage found for an entity ("il" speaking for e3); the entity stage adopts them
    proposed_mentions: list[tuple[str, Mention]] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)  # stage-private data shared with later stages

    # -- entity helpers shared by stages --------------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def entity_at(self, start: int, end: int) -> tuple[Entity, Mention] | None:
        """The entity with a mention overlapping [start, end), preferring the tightest fit."""
        best = None
        for e in self.entities:
            for m in e.mentions:
                if m.start < end and start < m.end:
                    score = abs(m.start - start) + abs(m.end - end)
                    if best is None or score < best[0]:
                        best = (score, e, m)
        return (best[1], best[2]) if best else None

    def add_mention(self, entity_id: str, mention: Mention) -> None:
        """Attach a mention (e.g. a resolved pronoun) to an entity, keeping mentions ordered."""
        for i, e in enumerate(self.entities):
            if e.id == entity_id:
                if any(m.start < mention.end and mention.start < m.end for m in e.mentions):
                    return  # already there, or covered by an overlapping mention
                ms = list(e.mentions)
                bisect.insort(ms, mention, key=lambda m: (m.start, m.end))
                self.entities[i] = replace(e, mentions=tuple(ms))
                return
        raise KeyError(entity_id)

    def to_analysis(self) -> Analysis:
        return Analysis(
            id=self.id, source=self.source, text=self.text, language=self.language,
            title=self.title, published=self.published, removed=tuple(self.removed),
            entities=tuple(self.entities), quotes=tuple(self.quotes), times=tuple(self.times),
            events=tuple(self.events), warnings=tuple(self.warnings))
