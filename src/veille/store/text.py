"""Text keys shared by the store: accent folding, name keys, shingles."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
# Combining marks left by NFD decomposition (accents, cedillas, diaereses).
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without diacritics ("Élysée" -> "elysee"), as the FTS5 tokenizer sees it."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def name_key(name: str | None) -> str:
    """A comparison key for a name: folded, punctuation and hyphens as single spaces."""
    if not name:
        return ""
    return " ".join(_NON_WORD.sub(" ", fold(name)).split())


def surname_key(key: str) -> str | None:
    """The last word of a multi-word name key ("mike pompeo" -> "pompeo")."""
    parts = key.split()
    return parts[-1] if len(parts) > 1 else None


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str, size: int = 5) -> set[str]:
    """Word ``size``-grams of the folded text (the words themselves for very short texts)."""
    words = _WORD.findall(fold(text))
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
