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


ANNOTATIONS = Path(__file__).resolve().parents[3] / "annotations"


def _score(docs: list[dict], gold: dict[str, list[dict]]) -> dict[str, float]:
    options = Options(language="fr")
    raws = (RawArticle(id=str(d["id"]), source=Source(url=d.get("url")), text=d["text"], title=d.get("title"),
                       published=(d.get("published") or "")[:10] or None) for d in docs)
    results = {a.id: a for a in analyze_many(raws, options) if not isinstance(a, Failure)}
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
    return {"country_accuracy": round(country_ok / found, 4) if found else 0.0,
            "sector_accuracy": round(sector_ok / found, 4) if found else 0.0,
            "coverage": round(found / total, 4) if total else 0.0,
            "country_accuracy_all": round(country_ok / total, 4) if total else 0.0,
            "sector_accuracy_all": round(sector_ok / total, 4) if total else 0.0,
            "gold_actors": total, "found": found, "docs": len(docs)}


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    """events-fr (the headline), then the other event tuning sets, no rule of which was written
    from: events-fr-extra and the project's own events-fr-more."""
    from ..train.data import tuning_docs
    base = Path(data) / "events-fr"
    if not (base / "gold.jsonl").is_file():
        raise ConfigError(f"events-fr not found under {data}")
    t0 = time.time()
    out: dict[str, Any] = {"headline": "country_accuracy"}
    sets = (("", ("events-fr",), ()), ("wider_", ("events-fr-extra",), ("events-fr-more",)))
    for prefix, shared, own in sets:
        docs = tuning_docs(Path(data), ANNOTATIONS, shared, own, "events")[: limit or None]
        rows = [{"id": d.id, "text": d.text, "title": d.title, "published": d.published} for d in docs]
        figures = _score(rows, {d.id: d.gold for d in docs})
        out.update({prefix + k: v for k, v in figures.items()})
    out["seconds"] = round(time.time() - t0, 1)
    return out
