"""Quote evaluation: quotes-fr (French gold quotes) and PolNeAR dev (English attributions).

Matching follows the project's scoring conventions (data README): a system quote matches a gold
quote when the words they share, in order, cover at least 30% (also 80%) of the gold content;
one-to-one, best overlap first. Speaker accuracy counts matched quotes whose gold speaker is not
null, names compared without accents, articles and titles (same surname counts). Each run also
scores the plain baseline "quotation marks plus the nearest person in the sentence" on the same
analyses.
"""
from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..options import Options
from ..pipeline import Failure, analyze_many
from ..quotes.marks import find_pairs
from ..records import Analysis, RawArticle, Source
from .common import overlap, prf, same_speaker, tokens

log = logging.getLogger(__name__)

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
# Cue words kept by the English set: speech and thought cues only.
SPEECH_EN = re.compile(
    r"\b(said|says|say|saying|told|tells|tell|according|stated|states|added|adds|argued|argues|claimed|claims|"
    r"announced|announces|wrote|writes|asked|asks|explained|explains|noted|notes|insisted|insists|warned|warns|"
    r"declared|declares|suggested|suggests|acknowledged|acknowledges|admitted|admits|testified|reported|reports|"
    r"replied|responded|continued|tweeted|described|called|urged|promised|predicted|vowed|repeated|emphasized|"
    r"stressed|recalled|conceded|confirmed|denied|denies)\b", re.I)


def align(gold: list[dict], contents: list[str], threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, best overlap first, at least ``threshold``."""
    pairs = sorted(((overlap(g["content"], c), i, j) for i, g in enumerate(gold) for j, c in enumerate(contents)),
                   reverse=True)
    ug: set[int] = set()
    us: set[int] = set()
    out = []
    for o, i, j in pairs:
        if o < threshold or i in ug or j in us:
            continue
        ug.add(i)
        us.add(j)
        out.append((i, j))
    return out


def match(gold: list[dict], system: list[dict], threshold: float, source_key: str = "speaker",
          mention_exact: bool = False) -> dict[str, Any]:
    """Score one set of (gold, system) quote lists; system quotes are contract dicts."""
    n_sys = n_gold = tp = sp_ok = sp_n = 0
    kinds: dict[str, list[int]] = {}
    for G, S in zip(gold, system):
        n_sys += len(S)
        n_gold += len(G)
        ug: set[int] = set()
        for i, j in align(G, [(s.get("content") or {}).get("text", "") for s in S], threshold):
            ug.add(i)
            tp += 1
            src = G[i].get(source_key)
            if src:
                sp_n += 1
                sp = S[j].get("speaker") or {}
                mention = (sp.get("mention") or {}).get("text", "")
                ok = same_speaker(src, sp.get("name") or (mention if not mention_exact else ""))
                if mention_exact:
                    ok = ok or tokens(src) == tokens(mention)
                sp_ok += ok
        for i, g in enumerate(G):
            k = kinds.setdefault(g.get("kind", "all"), [0, 0])
            k[1] += 1
            k[0] += i in ug
    p, r, f = prf(tp, n_sys, tp, n_gold)
    return {"p": p, "r": r, "f1": f, "speaker_acc": sp_ok / sp_n if sp_n else 0.0,
            "system": n_sys, "gold": n_gold, "kinds": kinds}


def baseline(a: Analysis) -> list[dict]:
    """Quotation marks plus the nearest named person in the same sentence."""
    persons = [(m.start, m.end, e.name) for e in a.entities if e.type == "PER" for m in e.mentions
               if m.kind == "name"]
    sents = [(m.start(), m.end()) for m in _SENT.finditer(a.text)]
    out = []
    for p in find_pairs(a.text):
        s0, s1 = next(((x, y) for x, y in sents if x <= p.open < y), (p.open, p.close))
        near = [(min(abs(m0 - p.close), abs(m1 - p.open)), name) for m0, m1, name in persons
                if s0 <= m0 and m1 <= max(s1, p.close + 1) and not (p.start <= m0 < p.end)]
        name = min(near)[1] if near else None
        out.append({"content": {"text": a.text[p.start:p.end]},
                    "speaker": {"name": name, "mention": None} if name else None})
    return out


def _analyse(raws: list[RawArticle], lang: str) -> tuple[dict[str, Analysis], float]:
    t = time.time()
    out: dict[str, Analysis] = {}
    for r in analyze_many(iter(raws), Options(language=lang)):
        if isinstance(r, Failure):
            log.warning("analysis failed: %s: %s", r.where, r.message)
            continue
        out[r.id] = r
    return out, time.time() - t


def _figures(prefix: str, m: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}p": round(m["p"], 4), f"{prefix}r": round(m["r"], 4), f"{prefix}f1": round(m["f1"], 4)}


ANNOTATIONS = Path(__file__).resolve().parents[3] / "annotations"


def _score(docs: list[dict], gold: dict[str, list[dict]], prefix: str = "", with_baseline: bool = False) -> dict[str, Any]:
    raws = [RawArticle(id=str(d["id"]), source=Source(url=d.get("url")), text=d["text"], title=d.get("title"),
                       published=(d.get("published") or "")[:10] or None, language="fr") for d in docs]
    res, seconds = _analyse(raws, "fr")
    ids = [r.id for r in raws]
    G = [gold[i] for i in ids]
    S = [[q.to_dict() for q in res[i].quotes] if i in res else [] for i in ids]
    m3, m8 = match(G, S, 0.3), match(G, S, 0.8)
    out: dict[str, Any] = {f"{prefix}f1@0.3": round(m3["f1"], 4), f"{prefix}speaker_acc": round(m3["speaker_acc"], 4),
                           f"{prefix}p@0.3": round(m3["p"], 4), f"{prefix}r@0.3": round(m3["r"], 4),
                           f"{prefix}f1@0.8": round(m8["f1"], 4)}
    for kind, (a, b) in sorted(m3["kinds"].items()):
        out[f"{prefix}recall_{kind}@0.3"] = round(a / b, 4) if b else 0.0
    if with_baseline:
        b3 = match(G, [baseline(res[i]) if i in res else [] for i in ids], 0.3)
        out.update({"baseline_f1@0.3": round(b3["f1"], 4), "baseline_speaker_acc": round(b3["speaker_acc"], 4)})
    out.update({f"{prefix}docs": len(raws), f"{prefix}gold": m3["gold"], f"{prefix}system": m3["system"],
                f"{prefix}seconds": round(seconds, 1)})
    return out


def _shared(data: Path, name: str, limit: int | None) -> tuple[list[dict], dict[str, list[dict]]]:
    base = Path(data) / name
    if not (base / "gold.jsonl").is_file():
        raise ConfigError(f"{name} not found under {data}")
    docs = [json.loads(line) for line in (base / "docs.jsonl").open(encoding="utf-8")][: limit or None]
    gold = {str(g["id"]): g["quotes"] for g in map(json.loads, (base / "gold.jsonl").open(encoding="utf-8"))}
    return docs, gold


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    """French: quotes-fr (the headline; the rules were first written from it), all figures at 30%
    and 80% overlap, recall by kind, speaker accuracy; then the other tuning sets, read only for
    what they teach the learned speaker ranker: quotes-fr-extra and the project's own
    quotes-fr-more."""
    from ..train.data import tuning_docs
    docs, gold = _shared(data, "quotes-fr", limit)
    figures = _score(docs, gold, with_baseline=True)
    out: dict[str, Any] = {"headline_f1@0.3": figures["f1@0.3"], **figures}
    for prefix, shared, own in (("extra_", ("quotes-fr-extra",), ()), ("more_", (), ("quotes-fr-more",))):
        more = tuning_docs(Path(data), ANNOTATIONS, shared, own, "quotes")[: limit or None]
        if more:
            rows = [{"id": d.id, "text": d.text, "title": d.title, "published": d.published} for d in more]
            out.update(_score(rows, {d.id: d.gold for d in more}, prefix))
    return out


def _own_set(data: Path, name: str, limit: int | None) -> dict[str, Any]:
    """A set of the project's own annotations kept out of every training set
    (``annotations/<name>``; texts rebuilt from OrangeSum by id): the figures of ``run``."""
    from ..train.data import tuning_docs
    docs = tuning_docs(Path(data), ANNOTATIONS, (), (name,), "quotes")[: limit or None]
    if not docs:
        raise ConfigError(f"{name}: no annotations under {ANNOTATIONS} or no OrangeSum articles under {data}")
    rows = [{"id": d.id, "text": d.text, "title": d.title, "published": d.published} for d in docs]
    figures = _score(rows, {d.id: d.gold for d in docs})
    return {"headline_f1@0.3": figures["f1@0.3"], **figures}


def run_unseen(data: Path, limit: int | None = None) -> dict[str, Any]:
    """quotes-fr-unseen: 50 articles in no training set."""
    return _own_set(data, "quotes-fr-unseen", limit)


def run_fresh(data: Path, limit: int | None = None) -> dict[str, Any]:
    """quotes-fr-fresh: 50 more articles in no training set, annotated after the unseen set."""
    return _own_set(data, "quotes-fr-fresh", limit)


def run_check(data: Path, limit: int | None = None) -> dict[str, Any]:
    """The check set quotes-fr-check: scored only, aggregate figures only (never its errors)."""
    docs, gold = _shared(data, "quotes-fr-check", limit)
    figures = _score(docs, gold)
    return {"headline_f1@0.3": figures["f1@0.3"], **figures}


def _polnear(base: Path, limit: int | None) -> tuple[list[RawArticle], dict[str, list[dict]]]:
    raws, gold = [], {}
    for f in sorted((base / "attributions").glob("*.ann"))[: limit or None]:
        name = f.name[:-4].rsplit("_", 1)[0]  # one annotator's file per text
        tp = base / "text" / f"{name}.txt"
        if name in gold or not tp.exists():
            continue
        T: dict[str, str] = {}
        G: list[dict] = []
        for line in f.open(encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                T[parts[0]] = parts[2]
            elif parts[0].startswith("E") and len(parts) >= 2:
                roles = dict(x.split(":", 1) for x in parts[1].split() if ":" in x)
                cue, content = T.get(roles.get("Cue", "")), T.get(roles.get("Content", ""))
                if cue and content and SPEECH_EN.search(cue):
                    G.append({"content": content, "source": T.get(roles.get("Source", ""))})
        raws.append(RawArticle(id=name, source=Source(path=str(tp)), text=tp.read_text(encoding="utf-8"), language="en"))
        gold[name] = G
    return raws, gold


def run_en(data: Path, limit: int | None = None) -> dict[str, Any]:
    """English: PolNeAR dev, speech and thought attributions, content P/R/F1 at 30%, source accuracy."""
    raws, gold = _polnear(Path(data) / "polnear" / "dev", limit)
    res, seconds = _analyse(raws, "en")
    ids = [r.id for r in raws]
    G = [gold[i] for i in ids]
    S = [[q.to_dict() for q in res[i].quotes] if i in res else [] for i in ids]
    B = [baseline(res[i]) if i in res else [] for i in ids]
    m3 = match(G, S, 0.3, "source", mention_exact=True)
    b3 = match(G, B, 0.3, "source", mention_exact=True)
    out: dict[str, Any] = {"headline_f1@0.3": round(m3["f1"], 4), "source_acc": round(m3["speaker_acc"], 4)}
    out.update({f"{k}@0.3": v for k, v in _figures("", m3).items()})
    out.update({"baseline_f1@0.3": round(b3["f1"], 4), "baseline_source_acc": round(b3["speaker_acc"], 4),
                "docs": len(raws), "gold": m3["gold"], "system": m3["system"], "seconds": round(seconds, 1)})
    return out
