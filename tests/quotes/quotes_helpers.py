"""Helpers shared by the quote tests: entities built by hand over a parsed Work."""
from veille.records import Entity, Mention


def named(w, *specs):
    """Entities by (name, type[, role, country, sector]); every occurrence of the name is a mention."""
    ents = []
    for i, (name, typ, *rest) in enumerate(specs, 1):
        ms, k = [], 0
        while (k := w.text.find(name, k)) >= 0:
            ms.append(Mention(k, k + len(name), name))
            k += len(name)
        role, country, sector = (list(rest) + [None, None, None])[:3]
        ents.append(Entity(f"e{i}", name, typ, tuple(ms), country=country, sector=sector, role=role))
    w.entities = ents
    return w


def speaker_of(quotes, cue_word):
    """The speaker of the quote whose cue holds ``cue_word``."""
    q = next(q for q in quotes if q.cue is not None and cue_word in q.cue.text)
    return q.speaker
