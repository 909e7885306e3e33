"""The tuning sets a component learns from: shared development sets and veille's own annotations.

Check sets (``*-check``) are never read here. Own annotations keep ids and gold only
(``annotations/<set>/gold.jsonl``); their texts are rebuilt from OrangeSum by id.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import pipeline
from ..errors import ConfigError
from ..eval.common import read_jsonl
from ..options import Options
from ..records import RawArticle, Source


@dataclass(frozen=True)
class Doc:
    set: str
    id: str
    text: str
    title: str | None
    published: str | None
    gold: list[dict]


def _orangesum(data: Path, ids: set[int]) -> dict[int, dict]:
    out = {}
    for a in read_jsonl(data / "orangesum" / "articles-dev.jsonl.gz"):
        if a["id"] in ids:
            out[a["id"]] = a
    return out


def tuning_docs(data: Path, annotations: Path, shared: tuple[str, ...], own: tuple[str, ...], key: str) -> list[Doc]:
    """Documents with gold ``key`` ("quotes" or "events") of the named sets, in a fixed order."""
    docs: list[Doc] = []
    for name in shared:
        if name.endswith("-check"):
            raise ConfigError(f"{name} is a check set: it is scored, never trained on")
        base = data / name
        if not (base / "gold.jsonl").is_file():
            continue
        gold = {str(g["id"]): g[key] for g in read_jsonl(base / "gold.jsonl")}
        for d in read_jsonl(base / "docs.jsonl"):
            docs.append(Doc(name, str(d["id"]), d["text"], d.get("title"), (d.get("published") or "")[:10] or None,
                            gold[str(d["id"])]))
    for name in own:
        path = annotations / name / "gold.jsonl"
        if not path.is_file():
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        arts = _orangesum(data, {int(r["id"]) for r in rows})
        for r in rows:
            a = arts.get(int(r["id"]))
            if a is None:
                continue
            docs.append(Doc(name, str(r["id"]), (a.get("heading") or "") + "\n" + a["article"], a.get("title"),
                            (a.get("published") or "")[:10] or None, r[key]))
    return docs


def write_model(path: Path, doc: dict) -> Path:
    """Write learned weights as the package ships them (UTF-8 JSON, one-space indent, final newline)."""
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def prepared(docs: list[Doc], options: Options) -> list:
    """The tuning articles read and cleaned by the pipeline, ready for its stages (one Work each)."""
    return [pipeline.prepare(RawArticle(id=d.id, source=Source(), text=d.text, title=d.title,
                                        published=d.published, language=options.language), options) for d in docs]


def read_cache(cache: Path | None) -> dict[str, dict]:
    """The records of a JSONL training cache by their "key" (empty when there is no file)."""
    done: dict[str, dict] = {}
    if cache is not None and cache.is_file():
        for line in cache.open(encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                done[r["key"]] = r
    return done
