"""Scoring helpers shared by the evaluation tasks (same conventions as the project's scorer)."""
from __future__ import annotations

import difflib
import gzip
import json
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ConfigError
from ..options import Options
from ..pipeline import Failure, analyze_many
from ..records import Analysis, RawArticle, Source


def require(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"development data not found: {path}")
    return path


def read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def analyse_records(records: Iterable[dict], options: Options) -> dict[str, Analysis]:
    """Analyse {id, text|html, title, published, url} records through the library; {id: Analysis}."""
    raws = (RawArticle(id=str(r["id"]), source=Source(url=r.get("url")), text=r.get("text"),
                       html=r.get("html") if not r.get("text") else None, title=r.get("title"),
                       published=r.get("published")) for r in records)
    return {a.id: a for a in analyze_many(raws, options) if not isinstance(a, Failure)}


def prf(tp_p: float, n_sys: int, tp_r: float, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tokens(s: str | None) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", s or "").lower())


def shingles(s: str, n: int = 4) -> set[tuple[str, ...]]:
    t = tokens(s)
    return {tuple(t[i:i + n]) for i in range(max(0, len(t) - n + 1))}


def overlap(gold: str, system: str) -> float:
    """Share of the gold tokens covered by the system tokens (in order)."""
    g, s = tokens(gold), tokens(system)
    if not g:
        return 0.0
    m = difflib.SequenceMatcher(None, g, s, autojunk=False)
    return sum(b.size for b in m.get_matching_blocks()) / len(g)


def norm_name(s: str | None) -> list[str]:
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(le|la|les|l|du|de|des|d|un|une|m|mme|president|presidente)\b", " ", s)
    return [t for t in re.findall(r"[a-z0-9]+", s) if len(t) > 1]


def same_speaker(gold: str | None, system: str | None) -> bool:
    """Names compared without accents, articles and titles; the same surname counts."""
    g, s = norm_name(gold), norm_name(system)
    if not g or not s:
        return False
    if set(g) <= set(s) or set(s) <= set(g):
        return True
    return g[-1] == s[-1]


def locate(system_text: str, input_text: str, items: list[dict]) -> list[tuple[int, int, dict]]:
    """Map spans of the analysed text onto the input text (they differ when furniture was removed)."""
    if system_text == input_text:
        return [(x["start"], x["end"], x) for x in items]
    out, cur = [], 0
    for x in sorted(items, key=lambda x: x.get("start") or 0):
        t = x.get("text") or ""
        k = input_text.find(t, cur) if t else -1
        if k < 0:
            k = input_text.find(t) if t else -1
        if k >= 0:
            out.append((k, k + len(t), x))
            cur = k + len(t)
    return out
