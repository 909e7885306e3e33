"""Who: entities of an article, one per referent, with their mentions and actor codes.

``annotate(work)`` sets ``work.entities``: named mentions grouped per referent, nominal
mentions ("le président russe", "la police") and resolved pronouns, each entity coded with
country, sector, role and knowledge-base id when the text or the knowledge base gives them.
"""
from __future__ import annotations

from ..records import Entity
from ..work import Work
from . import coref, nominals
from .actors import ActorCode, lexicon, lookup
from .coding import attach_nominals, code_groups
from .entities import group_names, named_mentions, propagate

__all__ = ["annotate", "adopt_mentions", "lookup", "ActorCode"]


def named_and_nominal(work: Work, lex):
    """The entities under construction before pronouns: names grouped per referent, coded,
    with their nominal mentions."""
    groups = group_names(work, lex, named_mentions(work, lex))
    propagate(work, lex, groups)
    code_groups(work, lex, groups)
    attach_nominals(work, lex, groups, nominals.find(work.doc, lex))
    code_groups(work, lex, groups, final=True)
    return groups


def annotate(work: Work) -> None:
    if work.doc is None or work.language not in ("fr", "en"):
        work.entities = []
        return
    lex = lexicon(work.language, tuple(work.options.kb_paths))
    groups = named_and_nominal(work, lex)
    coref.resolve(work, groups, lex)
    groups = [g for g in groups if g.mentions]
    groups.sort(key=lambda g: g.first)
    entities, ids = [], {}
    for i, g in enumerate(groups, 1):
        ms = tuple(sorted(g.mentions, key=lambda m: (m.start, m.end)))
        code = g.code or ActorCode(g.name)
        entities.append(Entity(id=f"e{i}", name=g.name or ms[0].text, type=g.type, mentions=ms,
                               country=code.country, sector=code.sector, role=code.role, kb_id=code.kb_id))
        ids[id(g)] = f"e{i}"
    work.entities = entities
    work.scratch["who_groups"] = groups
    work.scratch["who_ids"] = ids


def adopt_mentions(work: Work) -> None:
    """Add to their entities the mentions later stages proposed (a pronoun or a description
    the quote stage found standing for a speaker), unless they overlap one already there."""
    for entity_id, mention in work.proposed_mentions:
        if work.entity(entity_id) is not None:
            work.add_mention(entity_id, mention)
    work.proposed_mentions.clear()
