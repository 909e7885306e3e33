"""The pronoun candidates read from the mentions by place are those of the scan over every mention."""
from __future__ import annotations

import bisect
import random

from veille.records import Mention
from veille.who import coref
from veille.who.entities import Group


def _article(rnd):
    """Token starts and sentence indexes of a made-up article, and person groups in it."""
    starts, sents, at, sent = [], [], rnd.randint(0, 3), 0
    for _ in range(rnd.randint(5, 400)):
        starts.append(at)
        sents.append(sent)
        at += rnd.randint(2, 9)
        sent += rnd.random() < 0.08
    groups = []
    for _ in range(rnd.randint(0, 14)):
        g = Group(type=rnd.choice(["PER", "PER", "PER", "ORG"]), gender=rnd.choice([None, "m", "f"]))
        for s in sorted(rnd.sample(range(0, at), min(at, rnd.randint(1, 8)))):
            g.mentions.append(Mention(s, s + rnd.randint(1, 30), "x", rnd.choice(["name", "name", "nominal", "pronoun"])))
        if rnd.random() < 0.3:
            rnd.shuffle(g.mentions)  # the groups' lists need not be in order
        if rnd.random() < 0.5 and g.mentions:
            g.subject_at.add(g.mentions[0].start)
        groups.append(g)
    return starts, sents, at, groups


def _same(a, b):
    assert [(id(c.group), id(c.last), c.features) for c in a] == [(id(c.group), id(c.last), c.features) for c in b]


def test_candidates_as_the_scan_while_pronouns_join_groups():
    rnd = random.Random(3)
    for _ in range(150):
        starts, sents, size, groups = _article(rnd)
        recent = coref.Recent(groups, starts, sents)

        def sent_of(c):
            return sents[max(bisect.bisect_right(starts, c) - 1, 0)]

        at = 0
        for _ in range(rnd.randint(0, 25)):
            at += rnd.randint(1, 60)
            if at >= size:
                break
            k = bisect.bisect_right(starts, at) - 1
            pro = coref.Pronoun(at, at + 2, "il", rnd.choice([None, "m", "f"]), False, rnd.random() < 0.2, sents[max(k, 0)])
            plain = coref.candidates(None, groups, pro, sent_of)
            _same(coref.candidates(None, groups, pro, sent_of, recent), plain)
            if plain:  # the pronoun joins a group, as ``resolve`` does
                group = rnd.choice(plain).group
                group.add(Mention(pro.start, pro.end, "il", "pronoun", 0.5))
                recent.added(group)
            at = pro.end
