"""``event_date`` reads the time expressions by start: the same ones, in the same order, as the
scans over every expression of the article it replaced."""
from __future__ import annotations

import bisect
import datetime as dt
import random

from veille.options import Options
from veille.records import Source, TimeExpr
from veille.what import context
from veille.work import Work


def _work(rnd):
    times = []
    for _ in range(rnd.randint(0, 30)):
        s = rnd.randint(0, 500)
        day = dt.date(2020, 3, 10) - dt.timedelta(days=rnd.randint(-3, 12))
        value = rnd.choice([day.isoformat(), "2020", "2020-W10", "PRESENT_REF", day.isoformat() + "T10:00"])
        times.append(TimeExpr(s, s + rnd.randint(1, 15), "x", rnd.choice(["DATE", "TIME"]), value))
    return Work(id="a", source=Source(), text="", language="fr", options=Options(language="fr"),
                published=rnd.choice(["2020-03-10", "2020-03-10T08:00:00", None]), times=times)


def test_times_of_a_sentence_and_the_news_day_as_the_scans():
    rnd = random.Random(8)
    for _ in range(300):
        work = _work(rnd)
        for _ in range(10):
            a = rnd.randint(0, 520)
            b = a + rnd.randint(0, 120)
            starts, order = context._times_by_start(work)
            inside = [work.times[i] for i in sorted(order[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])]
            assert inside == [t for t in work.times if a <= t.start < b]
            if not work.published:
                continue
            reference = work.published[:10]
            for t in sorted(work.times, key=lambda t: t.start):
                if t.start >= a:
                    break
                value = context._day_value(t)
                if value and len(value) == 10 and value[:4].isdigit() and context._within_week(value, work.published[:10]):
                    reference = value
                    break
            first = context._first_recent_day(work, order)
            assert (first[1] if first is not None and first[0] < a else work.published[:10]) == reference
        work.times.append(TimeExpr(0, 3, "x", "DATE", "2020-03-09"))  # the list changes: read again
        assert context._times_by_start(work)[0][0] == 0
