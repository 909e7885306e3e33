"""The fields of an article, checked once where they come in (a JSONL record, a Python call).

A field of the wrong type, or a string that is not valid Unicode (an unpaired surrogate such
as the JSON escape ``\\ud800``, which no database or file can store), makes an InputError that
names the field; nothing downstream ever meets such a value.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import InputError
from ..records import RawArticle, Source

# The JSONL fields read, with their aliases; every one is a string when present.
TEXT_FIELDS = ("text", "html", "title", "url", "outlet", "published", "date", "language", "lang")


def printable(text: str) -> str:
    """``text`` valid anywhere: a lone surrogate (from bad input, or a file name that is not
    UTF-8) becomes a visible escape such as ``\\udce9``."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _kind(value: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def check_string(value: Any, field: str, where: str | None) -> str | None:
    """``value`` when it is None or a valid Unicode string; else an InputError naming ``field``."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field '{field}' must be a string, not {_kind(value)} ({str(value)[:40]})", where)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"field '{field}' holds an unpaired surrogate ({value[exc.start]!r} at character "
                         f"{exc.start}): not valid Unicode", where) from None
    return value


def _check_id(value: Any, where: str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"field 'id' must be a string or an integer, not {_kind(value)}", where)
    return check_string(str(value), "id", where)


def from_record(rec: Any, where: str, path: str | None) -> RawArticle:
    """A RawArticle from one parsed JSONL record (an object with 'text' or 'html')."""
    if not isinstance(rec, dict):
        raise InputError(f"a JSONL line must be an object, not {_kind(rec)}", where)
    f = {name: check_string(rec.get(name), name, where) for name in TEXT_FIELDS}
    rid = _check_id(rec.get("id"), where)
    text = f["text"] if f["text"] and f["text"].strip() else None
    html = f["html"] if f["html"] and f["html"].strip() else None
    if text is None and html is None:
        raise InputError("record has no 'text' or 'html'", where)
    return RawArticle(id=rid, source=Source(path=path, url=f["url"], outlet=f["outlet"]),
                      text=text, html=None if text is not None else html, title=f["title"],
                      published=f["published"] or f["date"], language=f["language"] or f["lang"])


def validate(raw: RawArticle, where: str | None = None) -> RawArticle:
    """``raw`` itself when every field is of its type and valid Unicode; else an InputError.

    For articles built in Python (``veille.analyze``, ``analyze_many``) rather than read by
    ``read_paths``, whose records are checked as they are read."""
    where = where or raw.source.path or raw.source.url or None
    if (raw.text is None) == (raw.html is None):
        raise InputError("give exactly one of text and html", where)
    for name in ("text", "html", "title", "published", "language"):
        check_string(getattr(raw, name), name, where)
    for name in ("path", "url", "outlet"):
        check_string(getattr(raw.source, name), name, where)
    rid = _check_id(raw.id, where)
    return raw if rid == raw.id else replace(raw, id=rid)
