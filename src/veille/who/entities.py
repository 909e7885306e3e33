"""Named entities from spaCy, grouped per article by referent (name containment)."""
from __future__ import annotations

import re

from ..records import Entity, Mention
from ..work import Work

LABELS = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "NORP": "MISC",
          "MISC": "MISC", "FAC": "LOC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC"}
_TOKEN = re.compile(r"\w+")


def _key(name: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN.findall(name))


def extract_entities(work: Work) -> list[Entity]:
    """Group spaCy's entity spans: a name whose words are contained in a longer name of the
    same type ("Pompeo" in "Mike Pompeo") joins that entity."""
    groups: list[dict] = []
    for ent in work.doc.ents:
        etype = LABELS.get(ent.label_)
        if etype is None:
            continue
        words = _key(ent.text)
        if not words:
            continue
        mention = Mention(ent.start_char, ent.end_char, ent.text)
        for g in groups:
            if g["type"] == etype and (set(words) <= g["words"] or g["words"] <= set(words)):
                g["mentions"].append(mention)
                g["words"] |= set(words)
                if len(ent.text) > len(g["name"]):
                    g["name"] = ent.text
                break
        else:
            groups.append({"type": etype, "words": set(words), "name": ent.text, "mentions": [mention]})
    return [Entity(id=f"e{i}", name=g["name"], type=g["type"], mentions=tuple(g["mentions"]))
            for i, g in enumerate(groups, 1)]
