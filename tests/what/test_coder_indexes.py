"""The actor coder's indexes answer what the scans over the article answered."""
from __future__ import annotations

import random
from types import SimpleNamespace

from veille.records import TimeExpr
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
