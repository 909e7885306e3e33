"""Normalisers: one function per pattern rule, turning a match into a TIMEX3 (type, value).

A rule reads the named groups of its match, the lexicon tables, the publication date
(``ctx.dct``), what the text has named so far (``ctx.ref``, the last full date; ``ctx.named``, the
last date at any precision) and, when it needs a direction, the tense of the clause. It returns
None to reject the match (an age, an impossible date).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

import regex

from . import calendar as cal
from . import reading
from .lexicon import Lexicon, fold
from .tense import FUTURE, PAST, PRESENT, background, clause_tense, governing_lemma, imperfect

Result = tuple[str, str] | None

# A year is written out in the expression ("2018", "mars 95", "'95").
_EXPLICIT_YEAR = regex.compile(r"\d{4}|'\d\d|\b\d\d$")
_SENTENCE_END = regex.compile(r"[.!?]+[\"»”)]?\s*(?=\p{Lu})")
# A month or a day without a year takes the narrative's year for this many sentences after it.
_STORY_REACH = 2

# A tense cue points the way only within about ten months: beyond that, the clause tense is
# more often the reporting verb's than the date's ("avant de partir le 30 octobre, il a
# rappelé" told in September).
_TENSE_REACH = 300
# A feast this many days from the publication is the one meant, whatever the tense.
_FEAST_NEAR = 15


@dataclass
class Ctx:
    lex: Lexicon
    text: str
    dct: dt.date | None
    ref: dt.date | None
    doc: Any = None
    prev_end: int = -1                 # end of the expression found just before, and its day
    prev_day: dt.date | None = None
    last_clock: str | None = None      # value of the last clock time, for "à ce moment-là"
    ref_pod: str | None = None         # part of day of the last day named with one ("NI")
    named: cal.Named | None = None     # the last date named, at its precision ("la même année")
    story: tuple[cal.Named, int] | None = None  # the last date with its year written out, and its end
    past_ref: dt.date | None = None    # the last full date named that is not after the publication
    ref_end: int = -1                  # end of the expression that set ``ref``
    echo: bool = False                 # the expression just valued repeats a date named before
    said_again: tuple[int, dt.date] | None = None  # an eve ("la veille"): its offset and the day it named
    last_day: dt.date | None = None    # the last full date named, a reporting day too
    week: dict[int, dt.date] = field(default_factory=dict)  # days named near the publication, by weekday
    months: dict[int, int] = field(default_factory=dict)  # the year of the last date named in each month
    last_day_end: int = -1             # end of the last expression naming a day (not a clock time)
    last_set_end: int = -1             # end of the last set ("le samedi", "chaque jour")
    generic_clock: bool = False        # the clock time just before was a generic one
    readings: list | None = None       # a training run: the learned choices' features are kept here
    start: int = 0
    end: int = 0
    _tense: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def reset(self) -> None:
        """Back to the start of the text: nothing named yet, the publication date as reference."""
        self.ref, self.prev_end, self.prev_day, self.last_clock = self.dct, -1, None, None
        self.ref_pod = self.named = self.story = self.past_ref = None
        self.ref_end = -1
        self.echo = False
        self.said_again = self.last_day = None
        self.week = {}
        self.months = {}
        self.last_day_end = self.last_set_end = -1
        self.generic_clock = False

    def remember(self, start: int, end: int, type_: str, value: str) -> None:
        """What an expression just found tells the ones after it (the discourse state)."""
        day = cal.full_date(value)
        if day is not None and type_ in ("DATE", "TIME"):
            self.last_day = day
        if day is not None and type_ in ("DATE", "TIME") and not self._reported(start, end):
            self.ref, self.ref_end = day, end
            self.ref_pod = value[11:] if value[10:11] == "T" and ":" not in value else None
            if self.dct is None or day <= self.dct:
                self.past_ref = day
        if day is not None and type_ in ("DATE", "TIME") and self.dct is not None \
                and abs((day - self.dct).days) <= _WEEK_FRAME:
            self.week.setdefault(day.isoweekday(), day)
        if type_ == "DATE":
            named = cal.Named.parse(value)
            self.named = named or self.named
            if named and self._sets_story(start, end, named):
                self.story = (named, end)
            if named and named.unit in ("M", "D") and not self.echo:
                self.months[named.date.month] = named.date.year
        if type_ == "SET":
            self.last_set_end = end
        elif day is not None and ":" not in value and not _in_context(self.lex.rule_start, self.text, start, end):
            self.last_day_end = end  # not "depuis dimanche": where a rule starts does not date its hours
        self.generic_clock = type_ == "TIME" and value.startswith(cal.UNKNOWN_DAY) and ":" in value
        self.echo = False
        self.prev_end, self.prev_day = end, day if type_ == "DATE" else None
        if type_ == "TIME" and ":" in value:
            self.last_clock = value

    def reporting(self, start: int, end: int) -> bool:
        """Does the expression at text[start:end] date a reporting verb ("a annoncé la police
        lundi")? Then it is the day the story is told on, not a time the story is in."""
        return self.lex.has("reporting_verbs", governing_lemma(self.doc, start, end)) \
            or self.lex.has("reporting_verbs", _inverted_reporter(self.doc, start))

    def _reported(self, start: int, end: int) -> bool:
        """A reporting day once the text has named the day things happened: that day stays the
        reference."""
        return self.ref != self.dct and self.reporting(start, end)

    def _sets_story(self, start: int, end: int, named: cal.Named) -> bool:
        """A date with its year written out and a month ("le 11 mars 2008", "en février 2018"), or
        a year framing its sentence ("En 2018, ..."), sets the time the narrative is in."""
        if not _EXPLICIT_YEAR.search(self.text[start:end]):
            return False
        if named.unit == "Y":
            return _in_context(self.lex.story_framing, self.text, start, end)
        return not background(self.doc, start, end)

    def story_year(self) -> cal.Named | None:
        """The narrative date a month or day without a year belongs to, when it is not the
        publication year and was named within the last sentences."""
        if self.story is None or self.dct is None:
            return None
        named, end = self.story
        if named.date.year == self.dct.year or len(_SENTENCE_END.findall(self.text, end, self.start)) > _STORY_REACH:
            return None
        return named

    def anchor(self) -> dt.date | None:
        """The day the text is telling: the last day named, unless that day is still ahead of the
        publication and a later sentence tells the past ("Une marche blanche mercredi 16 mai. ...
        l'avait eue au téléphone dans la matinée"), then the last day named that is not; in the
        sentence of that day, the day governs ("fixée au jeudi 16 septembre, à 18 h")."""
        if self.ref is not None and self.dct is not None and self.ref > self.dct and self.tense() == PAST \
                and _SENTENCE_END.search(self.text, max(0, self.ref_end), self.start):
            return self.past_ref or self.dct
        return self.ref or self.dct

    def tense(self) -> str | None:
        key = (self.start, self.end)
        if key not in self._tense:
            self._tense[key] = clause_tense(self.lex, self.text, self.start, self.end, self.doc)
        return self._tense[key]

    def direction(self, word: str | None = None, present: int = 0) -> int:
        """-1, 0 or +1: from a direction word when there is one, else from the tense.

        ``present`` is the way a present-tense clause points (0: the nearest either way).
        """
        if word:
            d = self.lex.get("direction", word)
            if d is not None:
                return int(d)
        t = self.tense()
        return -1 if t == PAST else 1 if t == FUTURE else present if t == PRESENT else 0


# Tokens of a proper name between an inverted reporting verb and its day ("rapporte France Bleu").
_NAME_REACH = 4


def _inverted_reporter(doc: Any, start: int) -> str | None:
    """The lemma of the verb just before the proper name that ends right before ``start``
    ("..., rapporte France Bleu le 27 juin": "rapporter"), whatever the parse hangs the day on."""
    if doc is None:
        return None
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    i, names = span.start - 1, 0
    while i >= 0 and doc[i].pos_ == "PROPN" and names < _NAME_REACH:
        i, names = i - 1, names + 1
    if not names or i < 0 or doc[i].pos_ not in ("VERB", "AUX"):
        return None
    return doc[i].lemma_.lower()


def _number(lex: Lexicon, s: str | None) -> float | str | None:
    if s is None:
        return None
    if s == "" or lex.has("vague_numbers", s):  # "" : "des [dernières années]"
        return "X"
    v = lex.get("numbers", s, lex.get("approx_numbers", s))
    if v is not None:
        return float(v)
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def _year(s: str, dct: dt.date | None) -> int:
    digits = s.lstrip("'’")
    y = int(digits)
    if len(digits) == 2:
        pivot = (dct.year % 100 if dct else 30) + 10
        y += 1900 if y > pivot else 2000
    return y


def _with_pod(ctx: Ctx, date_value: str, pod: str | None, type_: str) -> Result:
    if pod:
        return "TIME", f"{date_value}T{ctx.lex.get('parts_of_day', pod)}"
    return type_, date_value


# A weekday and a date that disagree, the date this close to the publication: a slip of the pen.
_SLIP_REACH = 45


def date(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    day = int(g["day"] or 1)  # "le premier janvier"
    month = int(g["monthnum"]) if g.get("monthnum") else ctx.lex.get("months", g.get("month"))
    if month is None:
        return None
    if g.get("year"):
        year = _year(g["year"], ctx.dct)
    elif ctx.dct is not None:
        year = _year_of(ctx, month, day, g.get("dir"))
    else:
        return (type_, f"XXXX-{month:02d}-{day:02d}") if cal.valid(2000, month, day) else None
    wd = ctx.lex.get("weekdays", g.get("wd"))
    if wd is not None and not g.get("year") and ctx.dct is not None:
        # "mercredi 18 septembre": the year in which the 18th of September is a Wednesday, on
        # the side of the publication date the tense asks
        side = ctx.direction(g.get("dir"))
        plain = year
        year = next((y for y in (year, ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1)
                     if cal.valid(y, month, day) and dt.date(y, month, day).isoweekday() == wd
                     and (dt.date(y, month, day) - ctx.dct).days * side >= 0), year)
        if year != plain and cal.valid(plain, month, day) \
                and abs((dt.date(plain, month, day) - ctx.dct).days) <= _SLIP_REACH:
            # "samedi 9 décembre" told on Sunday 9 December: a slip in the date, not a day a
            # year away; the weekday nearest the date named
            near = dt.date(plain, month, day)
            near += dt.timedelta(days=(wd - near.isoweekday() + 3) % 7 - 3)
            return _with_pod(ctx, near.isoformat(), g.get("pod"), type_)
    if not cal.valid(year, month, day):
        return None
    return _with_pod(ctx, f"{year:04d}-{month:02d}-{day:02d}", g.get("pod"), type_)


def week_of(m, type_: str, ctx: Ctx) -> Result:
    """"la semaine du 12 août": the ISO week of that day."""
    found = date(m, "DATE", ctx)
    day = cal.full_date(found[1]) if found else None
    return (type_, cal.week_value(day)) if day else None


def week_of_month(m, type_: str, ctx: Ctx) -> Result:
    """"la première semaine de novembre": the ISO week of its first Monday (then the next ones);
    "la dernière semaine de juin": the week of its last Monday."""
    g = m.groupdict()
    mo = ctx.lex.get("months", g["month"])
    if mo is None:
        return None
    if g.get("year"):
        year = _year(g["year"], ctx.dct)
    elif ctx.dct is not None:
        year = _year_of(ctx, mo, None, None)
    else:
        return type_, "XXXX-WXX"
    first = dt.date(year, mo, 1)
    monday = first + dt.timedelta(days=(8 - first.isoweekday()) % 7)
    if fold(g["ord"]) == "derniere":
        nxt = cal.add_months(first, 1)
        monday = nxt - dt.timedelta(days=(nxt.isoweekday() - 1) or 7)
    else:
        n = ctx.lex.get("ordinals", g["ord"])
        if n is None or int(n) > 5:
            return None
        monday += dt.timedelta(weeks=int(n) - 1)
        if monday.month != mo:
            return None
    return type_, cal.week_value(monday)


def weekday_day(m, type_: str, ctx: Ctx) -> Result:
    wd, day = ctx.lex.get("weekdays", m.group("wd")), int(m.group("day"))
    if ctx.dct is None:
        return (type_, f"XXXX-XX-{day:02d}") if 1 <= day <= 31 else None
    options = []
    for k in (-1, 0, 1):
        first = cal.add_months(ctx.dct.replace(day=1), k)
        if cal.valid(first.year, first.month, day):
            d = first.replace(day=day)
            options.append((d.isoweekday() != wd, abs((d - ctx.dct).days), d))
    return (type_, min(options)[2].isoformat()) if options else None


def century(m, type_: str, ctx: Ctx) -> Result:
    c = m.group("century")
    n = int(c) if c.isdigit() else cal.roman(c)
    return (type_, f"{n - 1:02d}") if 0 < n < 100 else None


def month(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    mo = ctx.lex.get("months", g["month"])
    if g.get("year"):
        return type_, f"{_year(g['year'], ctx.dct):04d}-{mo:02d}"
    if ctx.dct is None:
        return type_, f"XXXX-{mo:02d}"
    return type_, f"{_year_of(ctx, mo, None, g.get('dir')):04d}-{mo:02d}"


_OF_THING = regex.compile(r"\b(?:de|du)\s+$")


def _year_of(ctx: Ctx, month: int, day: int | None, word: str | None) -> int:
    """The year of a month (and day) named without one.

    In a story set in another year ("En février 2018, ... le 5 mars"), the first one on or after
    the story's date (a story goes forward); otherwise the one nearest the publication date on
    the side the tense asks, unless that lands further than a tense can reach, then the nearest.
    The day a story is told on ("a indiqué mercredi 18 septembre") belongs to the publication.
    """
    assert ctx.dct is not None
    if not word and month in ctx.months and _tense_allows(ctx, ctx.months[month], month, day):
        return ctx.months[month]  # a month named again: "Le 10 mai, elle annonçait ... jugeait-il en mai"
    story = ctx.story_year() if not word and ctx.tense() not in (FUTURE, PRESENT) \
        and not ctx.reporting(ctx.start, ctx.end) else None
    if story is not None:
        for year in (story.date.year, story.date.year + 1):
            if cal.valid(year, month, day or 1) and story.date <= dt.date(year, month, day or 1) <= ctx.dct:
                return year
    # the date of a thing ("l'élection présidentielle de novembre") is not dated by the clause's
    # verb: the nearest
    side = 0 if not word and _OF_THING.search(ctx.text, max(0, ctx.start - 4), ctx.start) \
        and background(ctx.doc, ctx.start, ctx.end) else ctx.direction(word)
    year = cal.year_for(ctx.dct, month, day, side)
    if not word and cal.valid(year, month, day or 1):
        if day is None:  # a month: counted in months, the same reach
            far = abs((year - ctx.dct.year) * 12 + month - ctx.dct.month) > _TENSE_REACH // 30
        else:
            far = abs((dt.date(year, month, day) - ctx.dct).days) > _TENSE_REACH
        if far:
            year = cal.year_for(ctx.dct, month, day, 0)
    return year


def _tense_allows(ctx: Ctx, year: int, month: int, day: int | None) -> bool:
    """Can a clause of this tense tell of that month (and day) of that year? Not a future one of a
    date gone ("Le Conseil dira le 16 novembre" after "en novembre 1984"), nor a past one of a date
    to come."""
    assert ctx.dct is not None
    side = ctx.direction()
    when = (year, month, day or 0)
    now = (ctx.dct.year, ctx.dct.month, ctx.dct.day if day else 0)
    return not (side > 0 and when < now or side < 0 and when > now)


def year(m, type_: str, ctx: Ctx) -> Result:
    return type_, f"{_year(m.group('year'), ctx.dct):04d}"


def part_of_year(m, type_: str, ctx: Ctx) -> Result:
    """"le premier trimestre", "au second semestre 2019": quarters (Q) and halves (H) of a year."""
    g = m.groupdict()
    n, unit = int(ctx.lex.get("ordinals", g["ord"])), "Q" if fold(g["unit"]).startswith("tri") else "H"
    if n > (4 if unit == "Q" else 2):
        return None
    if g.get("year"):
        return type_, f"{int(g['year']):04d}-{unit}{n}"
    if ctx.dct is None:
        return type_, f"XXXX-{unit}{n}"
    first_month = (n - 1) * (3 if unit == "Q" else 6) + 1
    y = ctx.dct.year
    if ctx.direction() < 0 and first_month > ctx.dct.month:
        y -= 1  # "a perdu au troisième trimestre" told in May: last year's
    elif ctx.direction() > 0 and first_month + (3 if unit == "Q" else 6) <= ctx.dct.month:
        y += 1
    return type_, f"{y:04d}-{unit}{n}"


def decade(m, type_: str, ctx: Ctx) -> Result:
    d = m.group("decade")
    n = int(d) if d.isdigit() else int(ctx.lex.get("numbers", d, 0))
    if n < 100:
        n += 1900
    return type_, f"{n // 10:03d}X"


def weekday(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    wd = ctx.lex.get("weekdays", g["wd"])
    word = g.get("dir") or g.get("dir2")
    det = fold(g.get("det") or "")
    if fold(det) in ctx.lex.tables.get("habitual_determiners", {}) and not word and not g.get("pod"):
        return "SET", f"XXXX-WXX-{wd}"  # "le mercredi" alone: every Wednesday
    if ctx.dct is None:
        return _with_pod(ctx, f"XXXX-WXX-{wd}", g.get("pod"), type_)
    if g.get("deictic"):  # "aujourd'hui lundi", "hier soir mardi": the deictic day
        d = ctx.dct + dt.timedelta(days=int(ctx.lex.get("deictic_days", g["deictic"])))
    elif det and ctx.lex.get("direction", det) == 0 and not word:
        if " " in det and ctx.ref and ctx.ref.isoweekday() == wd:  # "ce même lundi": the one just named
            d = ctx.ref
        else:
            # "ce samedi": the nearest, unless the tense says which side ("appelés à voter ce samedi")
            d = cal.weekday_date(ctx.dct, wd, ctx.direction() if ctx.tense() in (PAST, FUTURE) else 0)
    elif not word and ctx.prev_day is not None and ctx.lex.has("weekday_links", ctx.text[ctx.prev_end:ctx.start]):
        d = cal.weekday_date(ctx.prev_day, wd, 1, strict=True)  # "samedi et dimanche": the one after
    elif not word and ctx.tense() is None and ctx.ref is not None and ctx.ref != ctx.dct \
            and abs((ctx.ref - ctx.dct).days) <= _WEEK_FRAME:
        d = cal.weekday_date(ctx.ref, wd, 0)  # no tense of its own: the week the text is telling
    elif not word and wd in ctx.week and ctx.direction() * (ctx.week[wd] - ctx.dct).days >= 0:
        d = ctx.week[wd]  # a weekday named again, unless the tense points the other way: the same day
    else:
        # news tell what is coming in the present tense ("le comité invite dimanche")
        direction = ctx.direction(word, present=1)
        d = cal.weekday_date(ctx.dct, wd, direction, strict=bool(word))
    return _with_pod(ctx, d.isoformat(), g.get("pod"), type_)


# A weekday with no tense of its own stays in the week of the day named before it, when that day
# is this close to the publication date ("entre vendredi et lundi (13 cas vendredi, 17 samedi)").
_WEEK_FRAME = 10


def night_between(m, type_: str, ctx: Ctx) -> Result:
    wd = ctx.lex.get("weekdays", m.group("wd"))
    if ctx.dct is None:
        return "TIME", f"XXXX-WXX-{wd}TNI"
    return "TIME", cal.weekday_date(ctx.dct, wd, ctx.direction()).isoformat() + "TNI"


def night_before(m, type_: str, ctx: Ctx) -> Result:
    """"la nuit de samedi à dimanche 3 novembre": the night of the day before the date named."""
    found = date(m, "DATE", ctx)
    day = cal.full_date(found[1]) if found else None
    if day is None:
        return None
    return "TIME", f"{(day - dt.timedelta(days=1)).isoformat()}TNI"


def deictic(m, type_: str, ctx: Ctx) -> Result:
    offset = int(ctx.lex.get("deictic_days", m.group("word")))
    pod = m.groupdict().get("pod")
    if offset == 0 and not pod and reading.nowadays(ctx, _nowadays(ctx)):
        return "TIME", "PRESENT_REF"
    day = ctx.dct + dt.timedelta(days=offset) if ctx.dct else None
    named = _BRACKETED_WORD.match(ctx.text, ctx.end)
    wd = ctx.lex.get("weekdays", named.group(1)) if named else None
    if day is not None and wd is not None:
        # "demain (jeudi)" in a statement of the day before: the weekday in brackets names the day
        day += dt.timedelta(days=(wd - day.isoweekday() + 3) % 7 - 3)
    value = day.isoformat() if day else cal.UNKNOWN_DAY
    return _with_pod(ctx, value, pod, type_)


_BRACKETED_WORD = regex.compile(r"\s*\(\s*(\w+)\s*\)")


def _nowadays(ctx: Ctx) -> bool:
    """Does "aujourd'hui" / "today" mean nowadays (PRESENT_REF) rather than this very day?

    Nowadays next to the words of ``[[nowadays]]`` ("encore aujourd'hui", "aujourd'hui âgé de 78
    ans"), or in a clause whose tense the language file lists in ``today.nowadays_tenses`` (French:
    present or no verb, "il est aujourd'hui ministre"); this day otherwise, as when the clause tells
    a dated event in the past or the future ("a dénoncé aujourd'hui", "effectuera aujourd'hui").
    """
    if _in_context(ctx.lex.nowadays, ctx.text, ctx.start, ctx.end) or imperfect(ctx.doc, ctx.start, ctx.end):
        return True  # the imperfect tells a state, not an event: "le gouvernement avait aujourd'hui ..."
    return (ctx.tense() or "none") in ctx.lex.get("today", "nowadays_tenses", ())


def _in_context(contexts, text: str, start: int, end: int) -> bool:
    left, right = text[max(0, start - 60):start], text[end:end + 30]
    return any((before is None or before.search(left)) and (after is None or after.search(right))
               for before, after in contexts)


def deictic_clock(m, type_: str, ctx: Ctx) -> Result:
    """"demain à 15 h": the deictic day at that time."""
    hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
    if hour > 24:
        return None
    offset = int(ctx.lex.get("deictic_days", m.group("word")))
    day = (ctx.dct + dt.timedelta(days=offset)).isoformat() if ctx.dct else cal.UNKNOWN_DAY
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def clock_day(m, type_: str, ctx: Ctx) -> Result:
    """"4 h mardi", "10h00 dimanche", "vers 15 h 30, hier": a clock time told before its day is one
    expression, that day at that time."""
    g = m.groupdict()
    hour, minute = int(g["hour"]), int(g.get("minute") or 0)
    if hour > 24 or minute > 59:
        return None
    found = weekday(m, "DATE", ctx) if g.get("wd") else deictic(m, "DATE", ctx)
    if found is None or found[0] != "DATE" or cal.full_date(found[1]) is None:
        return None
    return "TIME", f"{found[1][:10]}T{hour:02d}:{minute:02d}"


_LAST_YEAR_AFTER = regex.compile(r"(?:\s+de)?\s+l['’]\s*(?:an|année)\s+(?:dernier|dernière|passée?|précédente?)\b", regex.I)


def same_period(m, type_: str, ctx: Ctx) -> Result:
    """"à la même période": the date named last, as it was named; a year earlier when "de l'an
    dernier" follows ("en mars ... par rapport à la même période de l'an dernier": March of last
    year)."""
    if ctx.named is None:
        return None
    d, unit = ctx.named.date, ctx.named.unit
    if _LAST_YEAR_AFTER.match(ctx.text, ctx.end) and unit != "Y" and d.year > 1:
        d = d.replace(year=d.year - 1, day=min(d.day, 28) if (d.month, d.day) == (2, 29) else d.day)
    ctx.echo = True  # a month it names again is not the one it repeats
    return type_, d.isoformat() if unit == "D" else d.strftime("%Y-%m") if unit == "M" else f"{d.year:04d}"


def ordinal_day(m, type_: str, ctx: Ctx) -> Result:
    """"la troisième journée consécutive": the day the text is telling (or its night)."""
    day = cal.day_value(ctx.anchor())
    return ("TIME", f"{day}TNI") if fold(m.group("unit")) == "nuit" else ("DATE", day)


def ordinal_stretch(m, type_: str, ctx: Ctx) -> Result:
    """"son premier mois": one unit; "ses premiers jours": some."""
    unit = ctx.lex.get("units", m.group("unit"))
    if unit is None:
        return None
    return "DURATION", cal.duration_value("X" if fold(m.group("ord")).endswith("s") else 1.0, unit)


def deictic_time(m, type_: str, ctx: Ctx) -> Result:
    offset, pod, *past = ctx.lex.get("deictic_times", m.group("word"))
    if past and ctx.tense() == PAST:  # "il a été tué cette nuit": the night just gone
        offset = past[0]
    day = (ctx.dct + dt.timedelta(days=int(offset))).isoformat() if ctx.dct else cal.UNKNOWN_DAY
    return "TIME", f"{day}T{pod}"


def anaphoric(m, type_: str, ctx: Ctx) -> Result:
    offset = int(ctx.lex.get("anaphoric_days", m.group("word"), ctx.lex.get("day_nouns", m.group("word"))))
    base = ctx.anchor()
    if offset == 0 and ctx.lex.has("anaphoric_days", m.group("word")) and ctx.last_day is not None:
        # "disait l'ambassade samedi. Le même jour, ...": the day named just before, a reporting day too
        base = ctx.last_day
    if offset < 0 and ctx.said_again is not None and ctx.said_again == (offset, base):
        # "la veille" again with no other day named in between: the same eve, not the one before it
        value = base.isoformat()
    else:
        value = (base + dt.timedelta(days=offset)).isoformat() if base else cal.UNKNOWN_DAY
        ctx.said_again = (offset, base + dt.timedelta(days=offset)) if base and offset < 0 else None
    return _with_pod(ctx, value, m.groupdict().get("pod"), type_)


def moment(m, type_: str, ctx: Ctx) -> Result:
    """"à ce moment-là": the clock time named last, else the day."""
    return "TIME", ctx.last_clock or cal.day_value(ctx.anchor())


def this_pod(m, type_: str, ctx: Ctx) -> Result:
    return "TIME", f"{cal.day_value(ctx.dct)}T{ctx.lex.get('parts_of_day', m.group('pod'))}"


def ref_pod(m, type_: str, ctx: Ctx) -> Result:
    """"la soirée", "le petit matin": that part of the day named last (the morning after a night).

    A bare "la nuit" or "le soir" told in a tense of habits ("je fais mes courriers le soir", "qu'il
    repérait la nuit") is no time of its own, unless words of ``[[specific_pod]]`` frame it ("dans
    la nuit").
    """
    pod = ctx.lex.get("parts_of_day", m.group("pod"))
    if _habitual(m, ctx):
        return None
    day = ctx.anchor()
    if day is not None and ctx.ref_pod == "NI" and pod == "MO":
        day += dt.timedelta(days=1)
    elif day is not None and day == ctx.dct and pod == "NI" and ctx.tense() == PAST:
        day -= dt.timedelta(days=1)  # a night gone by, told on the publication day: last night
    return "TIME", f"{cal.day_value(day)}T{pod}"


def _habitual(m, ctx: Ctx) -> bool:
    g = m.groupdict()
    if not g.get("det") or g.get("whole") or g.get("same") or g.get("mod"):
        return False  # "toute la nuit", "le soir même", "en fin de soirée"
    if _in_context(ctx.lex.specific_pod, ctx.text, ctx.start, ctx.end):
        return False
    return imperfect(ctx.doc, ctx.start, ctx.end) or (ctx.tense() or "none") in ctx.lex.get("pod", "habitual_tenses", ())


def relative(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    unit = ctx.lex.get("calendar_units", g["unit"])
    det = (g.get("det") or "").strip()
    word = g.get("dir") or g.get("dir2")
    anaphoric = m.group(0).lower().endswith("-là") or ctx.lex.has("anaphoric_directions", word)
    if word:
        offset = ctx.lex.get("direction", word)
        if offset is None:
            return None
    elif anaphoric or ctx.lex.get("direction", det) == 0 or m.group(0).lower().endswith("-ci"):
        offset = 0
    elif g.get("mod"):
        offset = 0  # "la fin de l'année": the current one
    else:
        return None  # "l'année", "le mois" alone refer to nothing in particular
    offset = int(offset)
    # "l'année précédente", "cette année-là", "la même année": counted from the date named last
    base = ctx.named.covering(unit) if anaphoric and ctx.named else None
    if base is None and unit == "WE" and offset == 0 and ctx.dct is not None and ctx.dct.isoweekday() < 6 \
            and (ctx.direction() < 0 or ctx.dct.isoweekday() <= 2 and ctx.direction() == 0):
        offset = -1  # "ce week-end" told in the past on a weekday, or on a Monday: the one just gone
    return type_, cal.calendar_unit_value(base or ctx.dct, unit, offset)


def weekend(m, type_: str, ctx: Ctx) -> Result:
    """"le week-end", "son week-end", "en plein week-end": the weekend being told, as "ce week-end";
    "le week-end" in a clause of no tense or the present is a habit ("le week-end, ils ferment")."""
    if fold(m.group("det") or "") == "le" and ctx.tense() not in (PAST, FUTURE):
        return None
    offset = 0
    if ctx.dct is not None and ctx.dct.isoweekday() < 6 \
            and (ctx.direction() < 0 or ctx.dct.isoweekday() <= 2 and ctx.direction() == 0):
        offset = -1
    return type_, cal.calendar_unit_value(ctx.dct, "WE", offset)


def _shifted(m, type_: str, ctx: Ctx, sign: int) -> Result:
    """The publication date moved by "<num> <unit>", backwards (sign -1) or forwards (+1)."""
    n = _number(ctx.lex, m.group("num"))
    unit = ctx.lex.get("units", m.group("unit"))
    if not isinstance(n, float) or unit is None:
        return None
    if ctx.dct is None:
        return type_, "XXXX" if unit in ("Y", "DE", "CE") else cal.UNKNOWN_DAY
    return type_, cal.shift(ctx.dct, sign * n, unit)


def ago(m, type_: str, ctx: Ctx) -> Result:
    return _shifted(m, type_, ctx, -1)


def ahead(m, type_: str, ctx: Ctx) -> Result:
    return _shifted(m, type_, ctx, 1)


def _is_age(ctx: Ctx, start: int, end: int, n: float | str | None = None) -> bool:
    """A number of years that is someone's age, unless what follows makes it the length of
    something ("assortis de dix ans d'inéligibilité", `[[not_age]]`), or, for one year, what comes
    before does ("passible d'un an", `[[not_age_one]]`)."""
    return (_in_context(ctx.lex.ages, ctx.text, start, end) or _person_head(ctx, start, end)) \
        and not _in_context(ctx.lex.not_ages, ctx.text, start, end) \
        and not (n == 1.0 and _in_context(ctx.lex.not_ages_one, ctx.text, start, end))


def _person_head(ctx: Ctx, start: int, end: int, children: bool = False) -> bool:
    """Does the number of years (``children``: of months) at ``start:end`` hang through "de" on a
    noun for a person (for a child), read on the parse: "une jeune mère de famille de 22 ans", "X,
    jeune dompteur égyptien de 26 ans", "un mineur de moins de 15 ans", "sa fille de 16 mois"?
    A noun complement without a determiner belongs to the noun before it ("une serveuse d'hôtel de
    53 ans"). A name is no guide ("Abdelbaky Rahimi de 10 mois" of prison)."""
    doc, lex = ctx.doc, ctx.lex
    if doc is None or not (lex.person_endings or lex.person_nouns or lex.child_nouns or lex.age_verbs):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    unit = span[-1]
    if not children and _had(lex, unit):
        return True
    if not _through_of(lex, unit):
        return False
    head = unit.head
    for _ in range(2):
        if head.pos_ != "NOUN" or head.i >= unit.i:
            return False
        word = fold(head.text)
        if children:
            if word in lex.child_nouns or fold(head.lemma_) in lex.child_nouns:
                return True
        elif _person_noun(lex, word) or _person_noun(lex, fold(head.lemma_)):
            return True
        # "serveuse d'hôtel", "mère de famille": a bare complement; the person is the noun before it
        if not _through_of(lex, head) or any(c.dep_ == "det" for c in head.children):
            return False
        head = head.head
    return False


def _had(lex: Lexicon, unit: Any) -> bool:
    """Is the number of years the object of a verb of `[age_head] verbs` ("104 patients ont moins de
    30 ans", "certifier avoir plus de 16 ans"), neither impersonal ("il y a plus de 16 ans") nor
    followed by a purpose ("nous avons deux ans pour agir")?"""
    verb = unit.head
    if unit.dep_ != "obj" or fold(verb.lemma_) not in lex.age_verbs:
        return False
    if any(c.dep_.startswith("expl") for c in verb.children):
        return False
    after = unit.doc[unit.i + 1] if unit.i + 1 < len(unit.doc) else None
    return after is None or fold(after.text) not in lex.age_verb_purposes


def _through_of(lex: Lexicon, token: Any) -> bool:
    """Does ``token`` hang on its head through `[age_head] of` alone ("de", not "depuis")?"""
    cases = [c for c in token.children if c.dep_ == "case"]
    return bool(cases) and all(fold(c.text) in lex.age_of for c in cases)


def _person_noun(lex: Lexicon, word: str) -> bool:
    if word in lex.not_person_nouns:
        return False
    return word in lex.person_nouns or word in lex.child_nouns \
        or any(word.endswith(e) for e in lex.person_endings) and not word.endswith(lex.not_person_endings)


def duration(m, type_: str, ctx: Ctx) -> Result:
    n = _number(ctx.lex, m.group("num")) if m.group("num") is not None else 1.0
    unit = ctx.lex.get("units", m.group("unit"))
    if n is None or unit is None:
        return None
    if unit == "Y" and n != "X" and _is_age(ctx, m.start("num"), m.end(), n) \
            or unit == "M" and n != "X" and (_in_context(ctx.lex.ages_months, ctx.text, m.start("num"), m.end())
                                             or _person_head(ctx, m.start("num"), m.end(), children=True)):
        return None
    if m.groupdict().get("half") and isinstance(n, float):
        n += 0.5
    return "DURATION", cal.duration_value(n, unit)


def duration_word(m, type_: str, ctx: Ctx) -> Result:
    return "DURATION", ctx.lex.get("duration_words", m.group("word"))


def clock(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    hour = _number(ctx.lex, g["hour"])
    minute = _number(ctx.lex, g.get("minute")) if g.get("minute") else 0.0
    if not isinstance(hour, float) or not isinstance(minute, float) or minute > 59:
        return None
    h = int(hour)
    left = ctx.text[max(0, m.start() - 30):m.start()]
    # "en 48h", "24h/24", "pendant 1 h 30": a duration
    right = ctx.text[m.end():m.end() + 20]
    if h > 24 or h == 24 and not minute and not left.endswith(("à ", "à\u00a0")) \
            or any(p.search(left) for p in ctx.lex.clock_duration) \
            or any(p.search(right) for p in ctx.lex.clock_duration_after):
        return "DURATION", f"PT{h}H" + (f"{int(minute)}M" if minute else "")
    if h < 12 and ctx.lex.has("clock_pm", g.get("pod")):
        h += 12
    elif h == 12 and ctx.lex.has("clock_am", g.get("pod")):
        h = 0
    day = None if _generic_clock(m, ctx) else _clock_day(ctx, h)
    return "TIME", f"{cal.day_value(day)}T{h:02d}:{int(minute):02d}"


def _generic_clock(m, ctx: Ctx) -> bool:
    """A clock time of no particular day: after a set of its sentence ("le samedi entre 18 heures
    et 23 heures"), or a range of hours told in a tense of rules ("les plages sont fermées de 21h
    à 7h") in a sentence that names no day; the second end of such a range too."""
    if ctx.generic_clock and ctx.lex.has("clock_ranges", ctx.text[ctx.prev_end:ctx.start]):
        return True
    head = ctx.text[max(0, ctx.start - 400):ctx.start]
    ends = list(_SENTENCE_END.finditer(head))
    sentence = ctx.start - len(head) + (ends[-1].end() if ends else 0)
    if ctx.last_set_end >= sentence and ctx.last_set_end > ctx.last_day_end:
        return True
    if ctx.last_day_end >= sentence:
        return False
    rule = ctx.lex.tables.get("clock_generic", {})
    if not rule or (ctx.tense() or "none") not in rule.get("tenses", ()):
        return False
    return _in_context(ctx.lex.clock_generic, ctx.text, ctx.start, ctx.end)


# Hours before this one, told of a night or at the end of a range that started late, belong to
# the next day ("dans la nuit de samedi à dimanche ... vers 2 h", "de 18 heures à 4 heures").
SMALL_HOURS = 6


def _clock_day(ctx: Ctx, hour: int) -> dt.date | None:
    day = ctx.anchor()
    if day is None or hour >= SMALL_HOURS:
        return day
    prev = ctx.last_clock if ctx.prev_end >= 0 and ctx.lex.has("clock_ranges", ctx.text[ctx.prev_end:ctx.start]) else None
    if prev and ":" in prev and int(prev.split("T")[1][:2]) > hour:
        return day + dt.timedelta(days=1)
    if ctx.ref_pod == "NI" and not prev:
        return day + dt.timedelta(days=1)
    return day


def noon(m, type_: str, ctx: Ctx) -> Result:
    """"midi"; "minuit", the end of the day told ("vendredi à minuit": T24:00, as TIMEX3 has it)."""
    hour = "12:00" if fold(m.group("word")) in ("midi", "noon", "midday") else "24:00"
    return "TIME", f"{cal.day_value(ctx.anchor())}T{hour}"


def season(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    code = ctx.lex.get("seasons", g["season"])
    y = g.get("year")
    if y and y.isdigit():
        return type_, f"{y}-{code}"
    det = fold(g.get("det") or "")
    if not det and ctx.text[max(0, m.start() - 3):m.start()].lower() == "au ":
        det = "le"  # "au printemps": the article is in the contraction
    word = g.get("dir") or y
    if ctx.dct is None:
        return type_, f"XXXX-{code}"
    if word and ctx.lex.get("direction", word, 0) != 0:  # "l'été dernier", "last summer"
        d = ctx.lex.get("direction", word, 0)
        start = cal.SEASON_START[code]
        if d < 0:
            return type_, f"{ctx.dct.year if start < ctx.dct.month else ctx.dct.year - 1:04d}-{code}"
        return type_, f"{ctx.dct.year if start > ctx.dct.month else ctx.dct.year + 1:04d}-{code}"
    # a winter is counted from the year it starts in: in January, this winter began last December
    in_winter = code == "WI" and ctx.dct.month < cal.SEASON_START["SP"]
    if ctx.lex.get("direction", det) == 0:
        return type_, f"{ctx.dct.year - in_winter:04d}-{code}"
    if g.get("mod") or det and ctx.tense() in (PAST, FUTURE):
        # "au début de l'été", "la réforme sera présentée à l'automne": a particular one, on the
        # side the tense asks
        if in_winter and ctx.tense() == FUTURE:
            return type_, f"{ctx.dct.year - 1:04d}-{code}"  # the rest of this winter
        return type_, f"{cal.year_for(ctx.dct, cal.SEASON_START[code], None, ctx.direction()):04d}-{code}"
    return type_, f"XXXX-{code}"  # "en été", "l'été, la ville se vide": any summer


def holiday(m, type_: str, ctx: Ctx) -> Result:
    g = m.groupdict()
    day = ctx.lex.get("holidays", g["name"])
    if isinstance(day, str):
        mo, d = (int(x) for x in day.split("-"))
        if g.get("year"):
            return type_, f"{int(g['year']):04d}-{mo:02d}-{d:02d}"
        if ctx.dct is None:
            return type_, f"XXXX-{mo:02d}-{d:02d}"
        options = [dt.date(y, mo, d) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) if cal.valid(y, mo, d)]
        return type_, _nearest_feast(ctx, options).isoformat()
    if g.get("year"):
        return type_, (cal.easter(int(g["year"])) + dt.timedelta(days=int(day))).isoformat()
    if ctx.dct is None:
        return None
    options = [cal.easter(y) + dt.timedelta(days=int(day)) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    return type_, _nearest_feast(ctx, options).isoformat()


def _nearest_feast(ctx: Ctx, options: list[dt.date]) -> dt.date:
    """The feast a text names: one within a fortnight of the publication whatever the tense ("a
    précisé la préfecture, veille du pont de l'Ascension" the day before it), else the nearest on
    the side of the tense."""
    assert ctx.dct is not None
    near = [d for d in options if abs((d - ctx.dct).days) <= _FEAST_NEAR]
    if near:
        return min(near, key=lambda d: abs((d - ctx.dct).days))
    direction = ctx.direction()
    options = [d for d in options if direction == 0 or (d - ctx.dct).days * direction >= 0] or options
    return min(options, key=lambda d: abs((d - ctx.dct).days))


def set_each(m, type_: str, ctx: Ctx) -> Result:
    return "SET", ctx.lex.get("set_units", m.group("unit"))


def set_every(m, type_: str, ctx: Ctx) -> Result:
    """"tous les quinze jours": every stretch of that length."""
    n, unit = _number(ctx.lex, m.group("num")), ctx.lex.get("units", m.group("unit"))
    if not isinstance(n, float) or unit is None:
        return None
    return "SET", cal.duration_value(n, unit)


def set_weekday(m, type_: str, ctx: Ctx) -> Result:
    wd = ctx.lex.get("weekdays_plural", m.group("wd")) or ctx.lex.get("weekdays", m.group("wd"))
    pod = m.groupdict().get("pod")
    return "SET", f"XXXX-WXX-{wd}" + (f"T{ctx.lex.get('parts_of_day', pod)}" if pod else "")


def set_word(m, type_: str, ctx: Ctx) -> Result:
    return "SET", ctx.lex.get("set_words", m.group("word"))


def vague(m, type_: str, ctx: Ctx) -> Result:
    t, value = ctx.lex.get("vague", m.group("word"), ctx.lex.get("vague_after", m.group("word")))
    return t, value


def present_ref(m, type_: str, ctx: Ctx) -> Result:
    return type_, "PRESENT_REF"


def vague_adjective(m, type_: str, ctx: Ctx) -> Result:
    return type_, ctx.lex.get("vague_adjectives", m.group("word"))


def here(m, type_: str, ctx: Ctx) -> Result:
    """"d'ici": the present ("d'ici à dix ans", "d'ici 2030"); this day before a date with its
    article ("d'ici la fin de l'année"), as in FR-TimeBank."""
    if _in_context(ctx.lex.here_present, ctx.text, ctx.start, ctx.end):
        return "TIME", "PRESENT_REF"
    return "DATE", cal.day_value(ctx.dct)


RULES: dict[str, Callable[[Any, str, Ctx], Result]] = {
    f.__name__: f for f in (
        date, week_of, week_of_month, weekend, clock_day, weekday_day, century, month, year, part_of_year, decade, weekday, night_between, night_before, deictic,
        deictic_clock, deictic_time, anaphoric, moment, same_period, ordinal_day, ordinal_stretch, this_pod,
        ref_pod, relative, ago, ahead, duration, duration_word, clock, noon, season, holiday, set_each,
        set_every, set_weekday, set_word, vague, present_ref, vague_adjective, here)
}


_MONTH_OR_DAY = regex.compile(r"(\d{4})-(\d\d)(-\d\d)?$")


def range_years(ctx: Ctx, first: Any, text: str, value: str) -> tuple[str, str]:
    """The values of the two ends of a range of months or days named without a year ("de novembre
    à mars", "du 15 décembre au 5 janvier", "entre novembre et février"): the end falls after the
    start, within the year; told in the past the end decides where the range lies, else its start."""
    a, b = _MONTH_OR_DAY.match(first.value), _MONTH_OR_DAY.match(value)
    if a is None or b is None or first.type != "DATE" or bool(a.group(3)) != bool(b.group(3)) \
            or _EXPLICIT_YEAR.search(first.text) or _EXPLICIT_YEAR.search(text) \
            or not ctx.lex.has("weekday_links", ctx.text[first.end:ctx.start]):
        return first.value, value
    cross = (b.group(2), b.group(3) or "") < (a.group(2), a.group(3) or "")
    if ctx.tense() == PAST:
        y2 = int(b.group(1))
        y1 = y2 - 1 if cross else y2
    else:
        y1 = int(a.group(1))
        y2 = y1 + 1 if cross else y1
    return f"{y1:04d}{first.value[4:]}", f"{y2:04d}{value[4:]}"
