"""Page furniture removal for text that arrives already scraped.

Two passes over the lines of the text:

1. Known furniture (ad labels, comment forms, share prompts, cookie and newsletter notices,
   "Lire aussi" links...) matched line by line against the language's pattern file
   (``resources/<lang>/furniture.toml`` plus ``resources/common``).
2. When the text looks scraped (many short lines, as menus and teaser lists give), the
   article body is located as the largest run of prose lines; short lines before and after it
   are menus and teasers. The last headline-like line before the body becomes the title.

Lines of prose are never removed by the second pass, so real content stays.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import resources
from ..records import Removal

MAX_PATTERN_LINE = 300          # longer lines are prose, never matched as furniture
PROSE_WORDS = 12                # a line with this many words is prose whatever its ending
SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")
TRUNCATED = re.compile(r"\s(\.\.\.|…)\s*$")          # teasers are cut at a word: "les ..."
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...]
    title: str | None = None


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern], ...]:
    out = []
    for source in ("common", lang):
        for reason, exprs in resources.load(source, "furniture").get("patterns", {}).items():
            for expr in exprs:
                out.append((reason, re.compile(rf"(?:{expr})", re.IGNORECASE)))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def _menu_words(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in resources.load(lang, "furniture").get("menu", {}).get("words", ()))


def furniture_reason(line: str, lang: str) -> str | None:
    """The reason a single line is page furniture, or None when it is not."""
    s = line.strip()
    if not s or len(s) > MAX_PATTERN_LINE:
        return None
    for reason, pat in _patterns(lang):
        if pat.fullmatch(s):
            return reason
    return None


def is_prose(line: str) -> bool:
    s = line.strip()
    n = len(_WORD.findall(s))
    if TRUNCATED.search(s):            # teaser cut with an ellipsis
        return False
    return n >= PROSE_WORDS or (n >= 6 and bool(SENTENCE_END.search(s)))


def looks_scraped(lines: list[str]) -> bool:
    """Scraped pages have many short, non-prose lines (menus, teasers, dates)."""
    content = [l for l in lines if l.strip()]
    if len(content) < 8:
        return False
    short = sum(not is_prose(l) for l in content)
    return short / len(content) >= 0.5


def _body_range(lines: list[str], lang: str, gap: int = 4) -> tuple[int, int] | None:
    """Indices [first, last] of the largest cluster of prose lines (by characters)."""
    prose = [i for i, l in enumerate(lines) if is_prose(l) and furniture_reason(l, lang) is None]
    if not prose:
        return None
    clusters, cur = [], [prose[0]]
    for i in prose[1:]:
        between = sum(1 for j in range(cur[-1] + 1, i) if lines[j].strip())
        if between <= gap:
            cur.append(i)
        else:
            clusters.append(cur)
            cur = [i]
    clusters.append(cur)
    best = max(clusters, key=lambda c: sum(len(lines[i]) for i in c))
    return best[0], best[-1]


def _is_headline(line: str, lang: str) -> bool:
    s = line.strip()
    words = _WORD.findall(s)
    return (3 <= len(words) <= 30 and not TRUNCATED.search(s) and not s.endswith(".")
            and furniture_reason(s, lang) is None and not re.fullmatch(r"[\d\W]+", s))


def _lede_and_title(lines: list[str], first: int, lang: str, window: int = 15) -> tuple[set[int], int | None]:
    """The lede lines above the body, and the headline line above them.

    Above the body of a scraped page come the headline, a lede paragraph, bylines and
    "read also" teasers. Prose lines there are the headline and the lede: with two or more,
    the topmost is the headline; a single one is the lede when it ends a sentence.
    """
    candidates = [i for i in range(first - 1, max(-1, first - window), -1)
                  if is_prose(lines[i]) and furniture_reason(lines[i], lang) is None]
    title = None
    if len(candidates) >= 2:
        title, ledes = candidates[-1], set(candidates[:-1])
    elif candidates and SENTENCE_END.search(lines[candidates[0]].strip()):
        ledes = set(candidates)
    else:
        ledes = set()
        title = candidates[0] if candidates else None
    if title is None:
        for i in range(first - 1, max(-1, first - 8), -1):
            if _is_headline(lines[i], lang):
                title = i
                break
    return ledes, title


def _leading_title(lines: list[str], keep: list[bool], lang: str) -> str | None:
    """A plain-text article laid out as "Headline\n\nBody": the headline is its title.

    The headline stays in the text (it may name people and places); it is only reported.
    """
    idx = [i for i, l in enumerate(lines) if keep[i] and l.strip()]
    if len(idx) < 2:
        return None
    i = idx[0]
    if _is_headline(lines[i], lang) and i + 1 < len(lines) and (not lines[i + 1].strip() or not keep[i + 1]):
        return lines[i].strip()
    return None


def clean_text(raw: str, lang: str, page_layout: bool = True) -> Cleaned:
    """Remove furniture from scraped text; return the kept text, the removals and a title if found.

    ``page_layout=False`` skips the search for the article body among menus and teasers, for
    text already extracted from HTML, where the page structure did that job.
    """
    lines = raw.split("\n")
    keep = [True] * len(lines)
    removed: list[Removal] = []
    title = None

    body = _body_range(lines, lang) if page_layout and looks_scraped(lines) else None
    if body:
        first, last = body
        menu = _menu_words(lang)
        ledes, title_at = _lede_and_title(lines, first, lang)
        title = lines[title_at].strip() if title_at is not None else None
        for i, line in enumerate(lines):
            if first <= i <= last or i in ledes or not line.strip():
                continue
            keep[i] = False
            if i == title_at:
                reason = "title"
            else:
                reason = furniture_reason(line, lang) or ("menu" if line.strip().lower() in menu else "navigation")
            removed.append(Removal(line.strip(), reason))
    for i, line in enumerate(lines):
        if not keep[i] or not line.strip():
            continue
        reason = furniture_reason(line, lang)
        if reason:
            keep[i] = False
            removed.append(Removal(line.strip(), reason))

    if body is None and title is None:
        title = _leading_title(lines, keep, lang)
    if all(keep):  # nothing removed: the text stays exactly as given
        return Cleaned(raw, (), title)
    kept = [l for i, l in enumerate(lines) if keep[i]]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Cleaned(text, tuple(removed), title)
