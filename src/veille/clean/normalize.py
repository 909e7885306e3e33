"""Text normalisation that keeps every character of the article as the user sees it.

Only what cannot matter is changed: Unicode is composed (NFC), line ends become ``\n``,
invisible characters are dropped and trailing spaces trimmed. Quotation marks, apostrophes
and non-breaking spaces are kept, so spans can be found again in the original text.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.M)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _TRAILING.sub("", text)


# Typographic variants that a lexicon or knowledge-base match treats as the plain character:
# "secrétaire d’État" is "secrétaire d'État", "porte‑parole" is "porte-parole".
_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "´": "'", "`": "'", "‐": "-", "‑": "-",
                        "‒": "-", "–": "-", "—": "-", "−": "-", " ": " ", " ": " ",
                        " ": " "})


def plain(text: str) -> str:
    """Apostrophes, dashes and spaces of every typographic variant made plain, same length."""
    return text.translate(_PLAIN)


@functools.lru_cache(maxsize=1 << 16)  # called on every token by several stages
def fold(text: str) -> str:
    """Lookup key of a word or phrase: plain punctuation, lower case, no accents."""
    s = unicodedata.normalize("NFKD", plain(text))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def looks_binary(data: str) -> bool:
    """True for text that is really binary data decoded by mistake."""
    sample = data[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if c == "\x00" or c == "\ufffd" or (ord(c) < 32 and c not in "\n\r\t\f"))
    return bad / len(sample) > 0.05
