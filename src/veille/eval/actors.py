"""Actor coding on events-fr: country and sector of the gold event actors, found by name.

Each distinct gold actor of an article (source or target of a gold event) is looked up
among the article's entities: the entity whose name or one of whose mentions has the same
words (accents, articles and case aside), else one whose words contain the gold name's or
are contained in them. Accuracy of country (ISO3, null = null) and of sector is computed
over the actors found; "coverage" is the share found, and the "_all" figures count an actor
not found as wrong.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..options import Options
from ..pipeline import Failure, analyze_many
from ..records import Entity, RawArticle, Source
from ..who.knowledge import norm

_STOP = {"le", "la", "les", "l", "du", "de", "des", "d", "un", "une", "m", "mme", "the", "of"}


def words(s: str) -> tuple[str, ...]:
    return tuple(w for w in norm(s).split() if w not in _STOP)


def find_entity(name: str, entities: tuple[Entity, ...]) -> Entity | None:
    g = words(name)
    if not g:
        return None
    best, best_score = None, 0
    for e in entities:
        forms = [words(e.name)] + [words(m.text) for m in e.mentions if m.kind != "pronoun"]
        for f in forms:
            if not f:
                continue
            if f == g:
                score = 3
            elif set(g) <= set(f) or set(f) <= set(g):
                score = 2 if len(set(f) & set(g)) >= 1 and (len(f) > 1 or len(g) == 1) else 1
            else:
                continue
            if score > best_score:
                best, best_score = e, score
    return best


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    base = Path(data) / "events-fr"
    if not (base / "gold.jsonl").is_file():
        raise ConfigError(f"events-fr not found under {data}")
    docs = [json.loads(line) for line in (base / "docs.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = docs[: limit or None]
    gold = {str(g["id"]): g["events"] for g in map(json.loads, (base / "gold.jsonl").read_text(encoding="utf-8").splitlines()) if g}
    options = Options(language="fr")
    t0 = time.time()
    raws = (RawArticle(id=str(d["id"]), source=Source(url=d.get("url")), text=d["text"], title=d.get("title"),
                       published=(d.get("published") or "")[:10] or None) for d in docs)
    results = {a.id: a for a in analyze_many(raws, options) if not isinstance(a, Failure)}
    seconds = time.time() - t0
    total = found = country_ok = sector_ok = 0
    for d in docs:
        a = results.get(str(d["id"]))
        actors = {}
        for ev in gold.get(str(d["id"]), ()):
            for side in ("source", "target"):
                x = ev.get(side)
                if x and x.get("name"):
                    actors[words(x["name"])] = x
        for x in actors.values():
            total += 1
            e = find_entity(x["name"], a.entities if a else ())
            if e is None:
                continue
            found += 1
            country_ok += e.country == x.get("country")
            sector_ok += e.sector == x.get("sector")
    return {"headline": "country_accuracy",
            "country_accuracy": round(country_ok / found, 4) if found else 0.0,
            "sector_accuracy": round(sector_ok / found, 4) if found else 0.0,
            "coverage": round(found / total, 4) if total else 0.0,
            "country_accuracy_all": round(country_ok / total, 4) if total else 0.0,
            "sector_accuracy_all": round(sector_ok / total, 4) if total else 0.0,
            "gold_actors": total, "found": found, "docs": len(docs), "seconds": round(seconds, 1)}
