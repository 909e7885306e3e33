"""Calendar arithmetic and TIMEX3 value formatting, independent of any language.

A missing anchor (no publication date) is ``None`` everywhere: values then keep their unknown
parts as ``X`` (``XXXX-05-13``, ``XXXX-XX-XX``), as TIMEX3 does.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

UNKNOWN_DAY = "XXXX-XX-XX"
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True)
class Named:
    """A date the text has named, at its precision: "Y" (2018), "M" (mars 2018) or "D"."""

    date: dt.date
    unit: str

    def covering(self, unit: str) -> dt.date | None:
        """This date, when it is precise enough to count ``unit``s from ("la même année": any)."""
        ok = {"Y": ("Y", "M", "D"), "Q": ("M", "D"), "M": ("M", "D")}.get(unit, ("D",))
        return self.date if self.unit in ok else None

    @classmethod
    def parse(cls, value: str) -> "Named | None":
        """"2018", "2018-03" or "2018-03-05"; None for any other value (weeks, references, ...)."""
        parts = value.split("-")
        try:
            if len(parts) == 1 and len(value) == 4:
                return cls(dt.date(int(value), 1, 1), "Y")
            if len(parts) == 2 and len(parts[1]) == 2:
                return cls(dt.date(int(parts[0]), int(parts[1]), 1), "M")
            if len(parts) == 3 and len(value) == 10:
                return cls(dt.date.fromisoformat(value), "D")
        except ValueError:
            return None
        return None


def day_value(d: dt.date | None) -> str:
    return d.isoformat() if d else UNKNOWN_DAY


def week_value(d: dt.date | None, suffix: str = "") -> str:
    if d is None:
        return "XXXX-WXX" + suffix
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}{suffix}"


def valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _cal.monthrange(year, month)[1]


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def full_date(value: str) -> dt.date | None:
    """The day a TIMEX3 value starts with ("2019-05-13", "2019-05-13T21:45"), or None."""
    if len(value) < 10 or value[4] != "-" or value[7] != "-":
        return None  # not "2019-W38" or "2019-W38-WE", which Python reads as a week's Monday
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def year_for(anchor: dt.date, month: int, day: int | None, direction: int, later_on_ties: bool = False) -> int:
    """The year that places day/month nearest the anchor on the side ``direction`` asks.

    direction -1: on or before the anchor; +1: on or after; 0: the nearest either way (the later
    one on a tie when ``later_on_ties``: a story goes forward).
    """
    best: tuple[int, int] | None = None
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    for y in reversed(years) if later_on_ties else years:
        if day is None:
            distance = (y * 12 + month) - (anchor.year * 12 + anchor.month)
        else:
            if not valid(y, month, day):
                continue
            distance = (dt.date(y, month, day) - anchor).days
        if direction < 0 and distance > 0 or direction > 0 and distance < 0:
            continue
        if best is None or abs(distance) < best[0]:
            best = (abs(distance), y)
    return best[1] if best else anchor.year


def weekday_date(anchor: dt.date, isoweekday: int, direction: int, strict: bool = False) -> dt.date:
    """The date of a weekday around the anchor.

    direction -1: the latest on or before the anchor (strictly before when ``strict``);
    +1: the earliest on or after (strictly after when ``strict``); 0: the nearest.
    """
    delta = isoweekday - anchor.isoweekday()
    back = anchor + dt.timedelta(days=(delta - 7) % -7 if delta else 0)
    ahead = anchor + dt.timedelta(days=delta % 7)
    if strict and back == anchor:
        back -= dt.timedelta(days=7)
    if strict and ahead == anchor:
        ahead += dt.timedelta(days=7)
    if direction < 0:
        return back
    if direction > 0:
        return ahead
    return back if (anchor - back) <= (ahead - anchor) else ahead


def shift(anchor: dt.date, n: float, unit: str) -> str:
    """Value of the anchor moved by ``n`` units, at the precision of the unit."""
    k = int(n)
    if unit in ("D", "H", "MIN", "S"):
        return (anchor + dt.timedelta(days=k if unit == "D" else 0)).isoformat()
    if unit == "W":
        return (anchor + dt.timedelta(weeks=k)).isoformat()
    if unit == "M":
        return add_months(anchor, k).strftime("%Y-%m")
    if unit == "Y":
        return f"{anchor.year + k:04d}"
    if unit == "DE":
        return f"{(anchor.year + 10 * k) // 10:03d}X"
    if unit == "CE":
        return f"{(anchor.year + 100 * k) // 100:02d}"
    return anchor.isoformat()


def calendar_unit_value(anchor: dt.date | None, unit: str, offset: int) -> str:
    """"la semaine dernière", "l'an prochain": the calendar unit ``offset`` units from the anchor."""
    if anchor is None:
        return {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX")
    if unit == "W":
        return week_value(anchor + dt.timedelta(weeks=offset))
    if unit == "WE":
        return week_value(anchor + dt.timedelta(weeks=offset), "-WE")
    if unit == "M":
        return add_months(anchor, offset).strftime("%Y-%m")
    if unit == "Q":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + offset
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "D":
        return (anchor + dt.timedelta(days=offset)).isoformat()
    return f"{anchor.year + offset:04d}"


def roman(s: str) -> int:
    """The value of a Roman numeral ("XXI" -> 21); 0 when it is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s.upper()):
        v = values.get(ch)
        if v is None:
            return 0
        total += -v if i + 1 < len(s) and values.get(s[i + 1].upper(), 0) > v else v
    return total


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous algorithm of Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def duration_value(n: float | str, unit: str) -> str:
    """``P3D``, ``PT2H``, ``PXY``: TIMEX3 duration of ``n`` units (``X`` when vague)."""
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    num = str(n)
    if unit in ("H", "S"):
        return f"PT{num}{unit}"
    if unit == "MIN":
        return f"PT{num}M"
    if unit == "DE":  # TIMEX3 counts decades in their own unit: "trois décennies" P3DE
        return f"P{num}DE"
    if unit == "CE":
        return f"P{num}CE" if num == "X" else f"P{int(n) * 100}Y"
    return f"P{num}{unit}"
