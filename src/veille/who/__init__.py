"""Who: entities of an article, one per referent, with their mentions and actor codes."""
from __future__ import annotations

from ..work import Work
from .entities import extract_entities


def annotate(work: Work) -> None:
    work.entities = extract_entities(work)
