"""Named-entity mentions on WiNER-fr (PER/LOC/ORG spans), against plain spaCy in the same run.

Scoring follows the project's scorer: a system mention counts when its type is PER, LOC or
ORG and its first character is upper case (pronouns and nominals written in lower case do
not); exact span and type against the gold Person/Location/Organization annotations.
""spurious" counts the scored mentions that overlap no gold annotation of any kind (dates,
events and products included); "junk_names" counts the name mentions (pronouns and nominals
left out) of the Who stage that do so, against "spacy_junk_names" for plain spaCy: junk such
as "Publicité" or a sentence-initial verb. The "stage_*" figures run the Who stage alone on
the same parse of the full input as plain spaCy; the headline runs the whole pipeline (the
cleaning stage moves a first title line out of the text, which costs recall here).
"""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from .. import nlp
from ..errors import ConfigError
from ..options import Options
from ..pipeline import Failure, analyze_many
from .. import who
from ..records import RawArticle, Source
from ..work import Work
from .common import locate

log = logging.getLogger(__name__)

GOLD_TYPES = {"Person": "PER", "Location": "LOC", "Organization": "ORG"}
SPACY_TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
DEFAULT_DOCS = 150


def read_gold(ann: Path) -> tuple[set[tuple[int, int, str]], list[tuple[int, int]]]:
    """(PER/LOC/ORG spans, every annotated span) of a brat file."""
    typed, anyspan = set(), []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T") or ";" in parts[1]:
            continue
        label, *offs = parts[1].split(" ")
        s, e = int(offs[0]), int(offs[-1])
        anyspan.append((s, e))
        if label in GOLD_TYPES:
            typed.add((s, e, GOLD_TYPES[label]))
    return typed, anyspan


def _score(pairs) -> dict[str, float]:
    ns = ng = tp = spurious = 0
    for system, gold, anyspan in pairs:
        ns += len(system)
        ng += len(gold)
        tp += len(system & gold)
        spurious += sum(1 for s, e, _ in system if not any(a < e and s < b for a, b in anyspan))
    p = tp / ns if ns else 0.0
    r = tp / ng if ng else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "system": ns, "gold": ng,
            "spurious": spurious}


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    base = Path(data) / "winer-fr"
    if not base.is_dir():
        raise ConfigError(f"WiNER-fr not found under {data}")
    files = sorted(base.rglob("*.txt"))[: limit or DEFAULT_DOCS]
    docs = [(str(f.relative_to(Path(data))), f.read_text(encoding="utf-8")) for f in files]
    gold = {k: read_gold(Path(data) / (k[:-4] + ".ann")) for k, _ in docs}
    options = Options(language="fr")
    t0 = time.time()
    raws = (RawArticle(id=k, source=Source(path=k), text=text) for k, text in docs)
    results = {a.id: a for a in analyze_many(raws, options) if not isinstance(a, Failure)}
    ours_s = time.time() - t0
    ours = []
    for k, text in docs:
        a = results.get(k)
        items = [] if a is None else [{"start": m.start, "end": m.end, "text": m.text, "type": e.type}
                                      for e in a.entities if e.type in ("PER", "LOC", "ORG") for m in e.mentions]
        spans = {(s0, s1, x["type"]) for s0, s1, x in locate(a.text if a else "", text, items)
                 if text[s0:s0 + 1].isupper()}
        ours.append((spans, gold[k][0], gold[k][1]))
    t0 = time.time()
    model = nlp.load("fr", options.models["fr"])
    plain, stage, stage_names = [], [], []
    for (k, text), doc in zip(docs, model.pipe((t for _, t in docs), batch_size=16)):
        spans = {(e.start_char, e.end_char, SPACY_TYPES[e.label_]) for e in doc.ents
                 if e.label_ in SPACY_TYPES and text[e.start_char:e.start_char + 1].isupper()}
        plain.append((spans, gold[k][0], gold[k][1]))
        # the Who stage alone on the same parse of the full input (no cleaning, no other stage)
        w = Work(id=k, source=Source(path=k), text=text, language="fr", options=options, doc=doc)
        who.annotate(w)
        spans = {(m.start, m.end, e.type) for e in w.entities if e.type in SPACY_TYPES for m in e.mentions
                 if text[m.start:m.start + 1].isupper()}
        names = {(m.start, m.end, e.type) for e in w.entities if e.type in SPACY_TYPES for m in e.mentions
                 if m.kind == "name"}
        stage.append((spans, gold[k][0], gold[k][1]))
        stage_names.append((names, gold[k][0], gold[k][1]))
    plain_s = time.time() - t0
    o, b, st = _score(ours), _score(plain), _score(stage)
    junk = _score(stage_names)["spurious"]
    return {"headline": "ner_f1", "ner_f1": round(o["f1"], 4), "ner_p": round(o["p"], 4), "ner_r": round(o["r"], 4),
            "spacy_f1": round(b["f1"], 4), "spacy_p": round(b["p"], 4), "spacy_r": round(b["r"], 4),
            "stage_f1": round(st["f1"], 4), "stage_p": round(st["p"], 4), "stage_r": round(st["r"], 4),
            "spurious": o["spurious"], "stage_spurious": st["spurious"],
            "junk_names": junk, "spacy_junk_names": b["spurious"], "system_mentions": o["system"],
            "spacy_mentions": b["system"], "gold_mentions": o["gold"], "docs": len(docs),
            "seconds": round(ours_s, 1), "spacy_seconds": round(plain_s, 1)}
