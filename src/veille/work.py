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
    # the entities by id and their mentions by place, for the helpers below; made again when
    # the list of entities is replaced, grows or shrinks, or ``add_mention`` changes an entity
    _version: int = field(default=0, repr=False, compare=False)
    _index: Any = field(default=None, repr=False, compare=False)

    def _entity_index(self, spans: bool = True) -> "_EntityIndex":
        key = (len(self.entities), self._version)
        if self._index is None or self._index.entities is not self.entities or self._index.key != key:
            self._index = _EntityIndex(key, self.entities)
        if spans:
            self._index.place_mentions()
        return self._index

    # -- entity helpers shared by stages --------------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        """The first entity with this id."""
        ix = self._entity_index(spans=False)
        return ix.by_id.get(entity_id)

    def entity_at(self, start: int, end: int) -> tuple[Entity, Mention] | None:
        """The entity with a mention overlapping [start, end), preferring the tightest fit (of
        equal fits, the first in the order of the entities and their mentions)."""
        ix = self._entity_index()
        best = None
        lo = bisect.bisect_left(ix.starts, start - ix.longest)
        for k in range(lo, bisect.bisect_left(ix.starts, end)):
            ms, me, i, j = ix.spans[k]
            if start < me:
                key = (abs(ms - start) + abs(me - end), i, j)
                if best is None or key < best:
                    best = key
        if best is None:
            return None
        e = self.entities[best[1]]
        return e, e.mentions[best[2]]

    def add_mention(self, entity_id: str, mention: Mention) -> None:
        """Attach a mention (e.g. a resolved pronoun) to an entity, keeping mentions ordered."""
        for i, e in enumerate(self.entities):
            if e.id == entity_id:
                if any(m.start < mention.end and mention.start < m.end for m in e.mentions):
                    return  # already there, or covered by an overlapping mention
                ms = list(e.mentions)
                bisect.insort(ms, mention, key=lambda m: (m.start, m.end))
                self.entities[i] = replace(e, mentions=tuple(ms))
                self._version += 1
                if self._index is not None and self._index.entities is self.entities:
                    self._index.replaced(i, self.entities[i], self._version)
                return
        raise KeyError(entity_id)

    def to_analysis(self) -> Analysis:
        return Analysis(
            id=self.id, source=self.source, text=self.text, language=self.language,
            title=self.title, published=self.published, removed=tuple(self.removed),
            entities=tuple(self.entities), quotes=tuple(self.quotes), times=tuple(self.times),
            events=tuple(self.events), warnings=tuple(self.warnings))


class _EntityIndex:
    """The entities by id, and every mention by its start (start, end, entity index, mention index)."""

    def __init__(self, key: tuple, entities: list[Entity]):
        self.key = key
        self.entities = entities  # held: the list it was made from
        self.by_id: dict[str | None, Entity] = {}
        for e in entities:
            self.by_id.setdefault(e.id, e)
        self.spans: list[tuple[int, int, int, int]] | None = None

    def place_mentions(self) -> None:
        """The mentions by start, made when first asked for after a change."""
        if self.spans is None:
            entities = self.entities
            self.spans = sorted((m.start, m.end, i, j) for i, e in enumerate(entities) for j, m in enumerate(e.mentions))
            self.starts = [x[0] for x in self.spans]
            self.longest = max((x[1] - x[0] for x in self.spans), default=0)

    def replaced(self, i: int, entity: Entity, version: int) -> None:
        """``add_mention`` replaced entity i (the first with its id): its id maps to the new
        entity; the mentions are placed again when next asked for."""
        self.by_id[entity.id] = entity
        self.spans = None
        self.key = (len(self.entities), version)
