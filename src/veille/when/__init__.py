"""Stage when: time expressions found and normalised to TIMEX3 values.

    text --patterns (resources/<lang>/time.toml)--> candidate spans
         --longest non-overlapping--> expressions
         --rules (anchored on the publication date, the last date named, the clause tense)--> TimeExpr

``extract(text, lang, published, doc=None)`` works on text alone (the parse only sharpens the
tense of weekdays and dates without a year); ``annotate(work)`` sets ``work.times``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..records import TimeExpr
from ..work import Work
from . import calendar as cal
from .lexicon import Lexicon, for_language
from .rules import SMALL_HOURS, RULES, Ctx, range_years

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["annotate", "extract"]

log = logging.getLogger(__name__)

# A clock time told just before its day ("vers 0 h 40, jeudi") takes that day.
_FOLLOWING_DAY_GAP = 12
_SAME_CLAUSE_GAP = 40


class _Spans:
    """Disjoint spans kept sorted, so that overlap tests stay logarithmic on long texts."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _candidates(lex: Lexicon, text: str) -> list[tuple[int, int, int, int, Any]]:
    blocked = _Spans()
    for m in sorted((m for x in lex.exclude for m in x.finditer(text)), key=lambda m: m.start()):
        if not blocked.overlaps(m.start(), m.end()):
            blocked.add(m.start(), m.end())
    found = []
    for order, pat in enumerate(lex.patterns):
        if pat.rule not in RULES:
            raise ConfigError(f"resources/{lex.lang}/time.toml: unknown rule {pat.rule!r}")
        for m in pat.regex.finditer(text):
            if m.end() > m.start() and not blocked.overlaps(m.start(), m.end()):
                found.append((m.start(), m.end(), pat.priority, order, m))
    return found


def _select(found: list) -> list:
    """Longest spans first, then higher priority, then earlier; no two may overlap."""
    taken = _Spans()
    chosen = []
    for item in sorted(found, key=lambda x: (-(x[1] - x[0]), -x[2], x[0], x[3])):
        if not taken.overlaps(item[0], item[1]):
            taken.add(item[0], item[1])
            chosen.append(item)
    return sorted(chosen, key=lambda x: x[0])


def extract(text: str, lang: str, published: str | None = None, doc: "Doc | None" = None,
            readings: list | None = None) -> list[TimeExpr]:
    """The time expressions of ``text`` with TIMEX3 values, sorted by start. ``readings``, when a
    list, receives the features of each learned choice between readings (``veille train times``),
    and the rules decide those choices."""
    lex = for_language(lang)
    if not lex.patterns:
        return []
    dct = cal.full_date(published) if published else None
    if doc is not None and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data.setdefault("veille.text", text)  # the parse of ``text``: its text (tense._text)
    ctx = Ctx(lex=lex, text=text, dct=dct, ref=dct, doc=doc, readings=readings)
    patterns = lex.patterns
    out: list[TimeExpr] = []
    pending = _candidates(lex, text)
    while pending:
        selected = _select(pending)
        rejected = []
        out = []
        ctx.reset()
        for s, e, prio, order, m in selected:
            ctx.start, ctx.end = s, e
            result = RULES[patterns[order].rule](m, patterns[order].type, ctx)
            if result is None or result[1] is None:
                rejected.append((s, e, order))
                continue
            type_, value = result
            day = cal.full_date(value)
            if out and day is not None and (type_ == "DATE" or type_ == "TIME" and ":" not in value) \
                    and _told_before(text, out[-1], s):  # "vers 22 heures samedi soir" too
                hour = out[-1].value.split("T", 1)[1]
                if value.endswith("TNI") and int(hour[:2]) < SMALL_HOURS:
                    day += dt.timedelta(days=1)  # "dès 00H01 dans la nuit de dimanche à lundi": Monday
                out[-1] = replace(out[-1], value=f"{day.isoformat()}T{hour}")
                ctx.last_clock = out[-1].value
            if out and type_ == "DATE" and out[-1].end == ctx.prev_end:
                first, value = range_years(ctx, out[-1], text[s:e], value)
                if first != out[-1].value:
                    out[-1] = replace(out[-1], value=first)
            out.append(TimeExpr(s, e, text[s:e], type_, value))
            ctx.remember(s, e, type_, value)
        if not rejected:
            break
        # a rejected match (an age, an impossible date) lets shorter ones behind it compete
        drop = {(s, e, o) for s, e, o in rejected}
        pending = [c for c in pending if (c[0], c[1], c[3]) not in drop]
    return out


def _told_before(text: str, clock: TimeExpr, start: int) -> bool:
    """Is ``clock`` a time of day told just before the day starting at ``start``?"""
    if clock.type != "TIME" or ":" not in clock.value or clock.value.startswith(cal.UNKNOWN_DAY):
        return False  # a clock time of no particular day stays so ("de 9 h à 19 h, du lundi au samedi")
    gap = text[clock.end:start]
    if any(c in gap for c in ".;!?\n"):
        return False
    # further in the same clause, with no comma between: "vers 11 heures sur le perron samedi 10 novembre"
    return len(gap) <= _FOLLOWING_DAY_GAP or len(gap) <= _SAME_CLAUSE_GAP and not any(c in gap for c in ",()«»\"")


def annotate(work: Work) -> None:
    """Set ``work.times``: the article's time expressions, anchored on ``work.published``."""
    work.times = extract(work.text, work.language, work.published, work.doc)
