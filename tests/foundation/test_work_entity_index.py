"""Work.entity and Work.entity_at read an index; they answer what the scans over every entity
answered, and follow the entities when they change."""
from __future__ import annotations

import random

from veille.options import Options
from veille.records import Entity, Mention, Source
from veille.work import Work


def _plain_entity(work, eid):
    for e in work.entities:
        if e.id == eid:
            return e
    return None


def _plain_entity_at(work, start, end):
    best = None
    for e in work.entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                score = abs(m.start - start) + abs(m.end - end)
                if best is None or score < best[0]:
                    best = (score, e, m)
    return (best[1], best[2]) if best else None


def _entity(rnd, k):
    ms = []
    for _ in range(rnd.randint(1, 5)):
        s = rnd.randint(0, 80)
        ms.append(Mention(s, s + rnd.randint(1, 12), "x", rnd.choice(["name", "nominal", "pronoun"]), 1.0))
    ms.sort(key=lambda m: (m.start, m.end))
    return Entity(id=f"e{k % 7}", name=f"N{k}", type=rnd.choice(["PER", "ORG", "LOC"]), mentions=tuple(ms))


def _work():
    return Work(id="t", source=Source(), text="x" * 100, language="fr", options=Options())


def test_index_answers_as_the_scans():
    rnd = random.Random(3)
    for _ in range(200):
        w = _work()
        w.entities = [_entity(rnd, k) for k in range(rnd.randint(0, 12))]
        for _ in range(20):
            a = rnd.randint(-3, 100)
            b = a + rnd.randint(0, 10)
            assert w.entity_at(a, b) == _plain_entity_at(w, a, b)
        for k in range(8):
            assert w.entity(f"e{k}") is _plain_entity(w, f"e{k}")


def test_index_follows_changes():
    rnd = random.Random(5)
    w = _work()
    w.entities = [_entity(rnd, k) for k in range(6)]
    assert w.entity_at(0, 100) == _plain_entity_at(w, 0, 100)
    # add_mention replaces an entity in place
    eid = w.entities[0].id
    w.add_mention(eid, Mention(95, 99, "il", "pronoun", 0.5))
    assert w.entity_at(95, 99) == _plain_entity_at(w, 95, 99)
    assert w.entity(eid) is _plain_entity(w, eid)
    # a list that grows, and a new list
    w.entities.append(Entity(id="new", name="New", type="PER", mentions=(Mention(90, 94, "New", "name", 1.0),)))
    assert w.entity("new") is w.entities[-1]
    assert w.entity_at(90, 94) == (w.entities[-1], w.entities[-1].mentions[0])
    w.entities = [Entity(id="only", name="Only", type="ORG", mentions=(Mention(1, 3, "On", "name", 1.0),))]
    assert w.entity("new") is None and w.entity_at(90, 94) is None
    assert w.entity_at(0, 2)[0].id == "only"
