"""The actor coder's indexes answer what the scans over the article answered."""
from __future__ import annotations

import random
from types import SimpleNamespace

from veille.clean.normalize import fold
from veille.records import Actor, Entity, Mention, TimeExpr
from veille.what.actors import Coder


def test_in_time_is_the_scan():
    rnd = random.Random(11)
    for _ in range(300):
        times = []
        for _ in range(rnd.randint(0, 8)):
            s = rnd.randint(0, 60)
            times.append(TimeExpr(s, s + rnd.randint(1, 20), "x", "DATE", None))
        holder = SimpleNamespace(work=SimpleNamespace(times=times))
        for at in range(-2, 90):
            assert Coder.in_time(holder, at) == any(t.start <= at < t.end for t in times)
        # the times of the article change: the index follows
        holder.work.times = times + [TimeExpr(85, 88, "x", "DATE", None)]
        assert Coder.in_time(holder, 86)


def _scan_implicit_target(coder, source, window, people_only, static):
    """``Coder.implicit_target`` as it was: every entity of the article ranked."""
    candidates = [e for e in coder.work.entities
                  if e.type in ("PER", "ORG", "LOC") and e.id != source.entity and e.name != source.name]
    if people_only:
        candidates = [e for e in candidates if e.type != "LOC" and not coder.country_name(e.name)]
    own = coder.work.entity(source.entity) if source.entity else None
    state = own.type == "LOC" if own is not None else (fold(source.name.split()[0]) if source.name else "") in coder.state_nouns
    if state and source.country:
        foreign = [e for e in candidates if coder._country(e) != source.country]
        candidates = foreign or candidates
    if not candidates:
        return None
    local: dict[int, int] = {}
    for i, e in enumerate(coder.work.entities):
        local[id(e)] = sum(window is not None and window[0] <= m.start < window[1] for m in e.mentions)

    def rank(e):  # an id's salience is kept from its first ranking
        if e.id not in static:
            static[e.id] = (-len(e.mentions), min((m.start for m in e.mentions), default=0))
        return (e.sector == "CVL", -local[id(e)], *static[e.id])

    entity = min(candidates, key=rank)
    return Actor(name=entity.name, entity=entity.id, country=coder._country(entity) or coder.default, sector=entity.sector)


def _coder(entities):
    from veille.options import Options
    from veille.records import Source
    from veille.work import Work
    coder = object.__new__(Coder)
    coder.work = Work(id="a", source=Source(), text="", language="fr", options=Options(language="fr"), entities=entities)
    coder.state_nouns = {"gouvernement", "armee"}
    coder.default = "FRA"
    coder._static_rank, coder._salience, coder._foreign = {}, None, {}
    coder.country_name = lambda name: "USA" if name.startswith("Wash") else None
    coder._country = lambda e: e.country
    return coder


def test_implicit_target_is_the_scan():
    """The actor mentioned near the event, else the article's most salient: read from the
    window's mentions and an order of salience made once, as the scan over every entity ranked."""
    rnd = random.Random(5)
    names = ["Paris", "Washington", "Macron", "Biden", "ONU", "Kiev", "armée", "Dupont", "Durand"]
    for trial in range(400):
        entities, shared = [], trial % 10 == 0
        for k in range(rnd.randint(0, 12)):
            starts = sorted(rnd.sample(range(0, 2000, 7), rnd.randint(0, 6)))
            mentions = tuple(Mention(s, s + 5, "x", rnd.choice(["name", "pronoun", "nominal"])) for s in starts)
            ident = f"e{rnd.randint(0, 3)}" if shared else f"e{k}"
            entities.append(Entity(ident, rnd.choice(names), rnd.choice(["PER", "ORG", "LOC", "MISC"]), mentions,
                                   country=rnd.choice([None, "FRA", "USA", "UKR"]),
                                   sector=rnd.choice([None, "CVL", "GOV", "MIL"])))
        coder, static = _coder(entities), {}
        for _ in range(12):
            source = rnd.choice([Actor(name=""), Actor(name="gouvernement", country="FRA"),
                                 Actor(name="armée", entity="e1", country="UKR"), Actor(name="Paris", entity="e0", country="FRA"),
                                 Actor(name=rnd.choice(names), entity=f"e{rnd.randint(0, 12)}", country="USA")])
            a = rnd.randrange(0, 2000)
            window = rnd.choice([None, (a, a + rnd.randint(0, 600))])
            people_only = rnd.random() < 0.3
            coder._window = lambda near, w=window: w
            got = coder.implicit_target(source, near=None if window is None else object(), people_only=people_only)
            assert got == _scan_implicit_target(coder, source, window, people_only, static), (trial, source, window)
