"""Stage what: PLOVER political events with actors, factuality, date and place.

Triggers come from the language's lexicon (``resources/<lang>/events.toml``); participants,
factuality and place from the dependency parse; actor codes from the entity stage.
See docs/what.md.
"""
from __future__ import annotations

import logging

from ..work import Work
from .extract import extract
from .intent import recode
from .lexicon import Lexicon, cameo, load
from .naming import name
from .scorer import score

__all__ = ["annotate", "cameo", "Lexicon"]

log = logging.getLogger(__name__)


def annotate(work: Work) -> None:
    """Set ``work.events``: one event per distinct happening in the article."""
    if work.doc is None or work.language not in ("fr", "en"):
        work.events = []
        return
    lex = load(work.language)
    scored = score(work, recode(extract(work, lex), lex, work.doc), lex)
    # In reading order: events whose doer was proposed, or carried by quotations, are found after
    # the stated ones but belong where their words are.
    scored = sorted(scored, key=lambda c: (c.event.trigger or c.event.evidence).start)
    # then the doers the text does not name get the name of the body that acts (what/naming.py)
    work.events = name(work, scored, lex)
