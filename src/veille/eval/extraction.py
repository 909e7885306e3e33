"""Extraction figures: HTML pages to text and date (OrangeSum pages), scraped text to article.

Text is scored by token 4-shingles against the gold body (heading + article): precision says
how much furniture is gone, recall how much of the article is kept.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from ..options import Options
from .common import analyse_records, read_jsonl, require, shingles


def _score(pairs: list[tuple[str, str]]) -> tuple[float, float, float, int]:
    P = R = 0.0
    n = 0
    for gold, system in pairs:
        g, s = shingles(gold), shingles(system)
        if not g:
            continue
        n += 1
        P += len(g & s) / len(s) if s else 0.0
        R += len(g & s) / len(g)
    P, R = P / max(n, 1), R / max(n, 1)
    return P, R, (2 * P * R / (P + R) if P + R else 0.0), n


def run_pages(data: Path, limit: int | None = None) -> dict[str, Any]:
    """OrangeSum raw pages: 4-shingle P/R/F1 of the text against the parsed article, date accuracy."""
    pages = []
    for p in read_jsonl(require(data / "orangesum/pages-dev.jsonl.gz")):
        pages.append(p)
        if limit and len(pages) >= limit:
            break
    want = {str(p["id"]) for p in pages}
    gold = {str(a["id"]): a for a in read_jsonl(data / "orangesum/articles-dev.jsonl.gz") if str(a["id"]) in want}
    pages = [p for p in pages if str(p["id"]) in gold]
    t0 = time.perf_counter()
    # Extraction alone: no language stage is needed to score text and date, so run prepare only.
    from ..pipeline import prepare
    from ..records import RawArticle, Source
    from ..errors import VeilleError
    opts = Options()
    pairs, dates_ok, failed, lines_total, lines_lost = [], 0, 0, 0, 0
    for p in pages:
        g = gold[str(p["id"])]
        body = ((g.get("heading") or "") + " " + g["article"])
        try:
            w = prepare(RawArticle(id=str(p["id"]), source=Source(url=p.get("url")), html=p["html"]), opts)
        except VeilleError:
            failed += 1
            pairs.append((body, ""))
            continue
        pairs.append((body, w.text))
        dates_ok += (w.published or "")[:10] == str(g.get("published") or "")[:10]
        for r in w.removed:   # removed furniture must never be article text
            lines_total += 1
            lines_lost += len(r.text) > 30 and r.text in body
    P, R, F, n = _score(pairs)
    return {"f1": F, "precision": P, "recall": R, "date_accuracy": dates_ok / max(len(pages), 1),
            "pages": len(pages), "failed": failed, "removed_lines": lines_total,
            "removed_gold_lines": lines_lost, "seconds": round(time.perf_counter() - t0, 1)}


def run_scraped(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Scraped text with its furniture: how much furniture goes (P) and article stays (R)."""
    from ..pipeline import prepare
    from ..records import RawArticle, Source
    from ..errors import VeilleError
    docs = list(read_jsonl(require(data / "scraped-fr/docs.jsonl.gz")))[: limit or None]
    t0 = time.perf_counter()
    opts = Options(language="fr")
    pairs, lost = [], 0
    for d in docs:
        try:
            w = prepare(RawArticle(id=str(d["id"]), source=Source(), text=d["text"]), opts)
            text = w.text
            lost += sum(1 for r in w.removed if len(r.text) > 30 and r.text in d["gold"])
        except VeilleError:
            text = ""
        pairs.append((d["gold"], text))
    P, R, F, n = _score(pairs)
    return {"f1": F, "precision": P, "recall": R, "docs": len(docs), "removed_gold_lines": lost,
            "seconds": round(time.perf_counter() - t0, 1)}
