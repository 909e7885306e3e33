"""Training of the event detector (``veille.what.detector``).

Every tuning article with event gold (events-fr, events-fr-extra, veille's own events-fr-more) is
parsed; each sentence is labelled with the types of the gold events whose ``evidence`` lies in it
(an evidence found nowhere in the text labels nothing). One logistic regression per type
(scikit-learn, L1, fixed seed) over the sentence's features (``detector.sentence_features``) and
a few whitened principal components of its mean content-lemma vector learns the weights, written
to ``resources/models/detector.json`` and applied in plain Python at run time.

Reported, out of fold (five folds by article, the folds of ``veille train events``): per type the
AUC, and over every (sentence, type) the precision and recall at a few probabilities, split by
whether the sentence holds a lexicon word of the type. The regularisation is chosen by the
pooled out-of-fold log-loss. ``fold_models`` gives the five models that each did not see one
fold: ``veille train events`` applies them to the articles of that fold, so that the event scorer
learns from proposals as the detector makes them on unseen articles.

The per-article sentence features are cached next to ``VEILLE_TRAIN_CACHE`` (``<stem>.detector.jsonl``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .. import nlp
from ..options import Options
from ..what import detector
from ..what.lexicon import load as load_lexicon
from .data import Doc, prepared, read_cache, tuning_docs, write_model

log = logging.getLogger(__name__)

SHARED = ("events-fr", "events-fr-extra")
OWN = ("events-fr-more",)
CS = (0.1, 0.3, 1.0)          # inverse regularisation strengths tried (L1)
DIMS = 16                     # principal components of the sentence vector
MIN_COUNT = 3                 # a feature seen in fewer training sentences is left out
MIN_POSITIVES = 10            # a type with fewer labelled sentences gets no model
LEVELS = (0.3, 0.4, 0.5, 0.6, 0.7)


def _key(d: Doc) -> str:
    return hashlib.sha1(f"detector\0{d.set}\0{d.id}\0{d.text}".encode()).hexdigest()


def cache_path() -> Path | None:
    base = os.environ.get("VEILLE_TRAIN_CACHE")
    if not base:
        return None
    p = Path(base)
    return p.with_name(p.stem + ".detector.jsonl")


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'")).strip()


def evidence_offsets(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a gold evidence lies in the article's text (whitespace and apostrophes folded;
    else its first 40 characters), or None."""
    if not evidence:
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    folded = _norm(text)
    ev = _norm(evidence)
    # offsets in the folded text are close enough to pick the sentence when the text has no
    # runs of whitespace; else the prefix is searched in the original text
    for probe in (ev, ev[:40]):
        at = text.replace("’", "'").find(probe)
        if at >= 0:
            return at, at + len(probe)
    at = folded.find(ev[:40])
    return (at, at + len(ev)) if at >= 0 else None


def labelled(doc, gold: list[dict], lex) -> tuple[list[dict], int]:
    """Per sentence of a parsed article: its features, vector and gold types; and how many gold
    evidences were found nowhere."""
    sents = list(doc.sents)
    types: list[set[str]] = [set() for _ in sents]
    lost = 0
    for g in gold:
        span = evidence_offsets(doc.text, g.get("evidence") or "")
        if span is None or not g.get("type"):
            lost += 1
            continue
        a, b = span
        for k, s in enumerate(sents):
            if s.start_char < b and a < s.end_char:
                types[k].add(g["type"])
    out = []
    for s, ts in zip(sents, types):
        v = detector.sentence_vector(s)
        out.append({"f": detector.sentence_features(s, lex),
                    "v": [round(x, 4) for x in v] if v is not None else None,
                    "types": sorted(ts)})
    return out, lost


def items(docs: list[Doc], cache: Path | None = None, batch: int = 16) -> list[dict]:
    """Per article: {"doc": "set/id", "set", "sentences": [...]} (parsed once, cached)."""
    done = read_cache(cache)
    todo = [d for d in docs if _key(d) not in done]
    options = Options(language="fr")
    lex = load_lexicon("fr")
    out_f = cache.open("a", encoding="utf-8") if cache is not None else None
    try:
        if todo:
            model = nlp.load("fr", options.models["fr"])
        for k in range(0, len(todo), batch):
            part = todo[k:k + batch]
            works = prepared(part, options)
            for d, w, doc in zip(part, works, nlp.parse(model, (w.text for w in works), options.batch_size)):
                sents, lost = labelled(doc, d.gold, lex)
                r = {"key": _key(d), "set": d.set, "doc": f"{d.set}/{d.id}", "lost": lost, "sentences": sents}
                done[r["key"]] = r
                if out_f is not None:
                    out_f.write(json.dumps(r, ensure_ascii=False) + "\n")
                    out_f.flush()
            log.info("detector: %d/%d articles parsed", min(k + batch, len(todo)), len(todo))
    finally:
        if out_f is not None:
            out_f.close()
    return [done[_key(d)] for d in docs]


def _projection(vectors: list[list[float]], dims: int, seed: int) -> dict[str, Any] | None:
    import numpy as np
    from sklearn.decomposition import PCA
    rows = [v for v in vectors if v]
    if dims <= 0 or len(rows) <= dims:
        return None
    X = np.array(rows)
    pca = PCA(n_components=dims, random_state=seed).fit(X)
    comps = pca.components_ / np.sqrt(pca.explained_variance_)[:, None]
    return {"mean": [round(float(x), 5) for x in pca.mean_],
            "components": [[round(float(x), 5) for x in c] for c in comps]}


def _rows(arts: list[dict], projection: dict | None) -> list[dict]:
    X = []
    for it in arts:
        for s in it["sentences"]:
            f = dict(s["f"])
            f.update(detector.project(projection, s["v"]))
            X.append(f)
    return X


def fit(arts: list[dict], c: float, seed: int) -> dict[str, Any]:
    """One L1 logistic regression per type over the sentences of ``arts``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    proj = _projection([s["v"] for it in arts for s in it["sentences"]], DIMS, seed)
    counts = Counter(k for it in arts for s in it["sentences"] for k in s["f"])
    X = [{k: v for k, v in f.items() if k.startswith("svec") or counts[k] >= MIN_COUNT} for f in _rows(arts, proj)]
    labels = [set(s["types"]) for it in arts for s in it["sentences"]]
    vec = DictVectorizer()
    M = vec.fit_transform(X).tocsr()
    M.indices, M.indptr = M.indices.astype("int32"), M.indptr.astype("int32")  # liblinear's index type
    names = vec.get_feature_names_out()
    positives = Counter(t for ts in labels for t in ts)
    weights, bias = {}, {}
    for t in sorted(positives):
        if positives[t] < MIN_POSITIVES:
            continue
        y = [int(t in ts) for ts in labels]
        clf = LogisticRegression(l1_ratio=1.0, C=c, solver="liblinear", max_iter=2000, random_state=seed).fit(M, y)
        w = {n: round(float(x), 5) for n, x in zip(names, clf.coef_[0]) if abs(x) > 1e-4}
        weights[t] = dict(sorted(w.items()))
        bias[t] = round(float(clf.intercept_[0]), 5)
    return {"bias": bias, "weights": weights, "projection": proj}


def folds(arts: list[dict], seed: int) -> dict[str, int]:
    """The folds of ``veille train events`` (by article)."""
    from .events import FOLDS
    import random
    docs = sorted({it["doc"] for it in arts})
    random.Random(seed).shuffle(docs)
    return {doc: k % FOLDS for k, doc in enumerate(docs)}


def fold_models(arts: list[dict], c: float, seed: int) -> dict[int, dict[str, Any]]:
    from .events import FOLDS
    fold = folds(arts, seed)
    return {k: fit([it for it in arts if fold[it["doc"]] != k], c, seed) for k in range(FOLDS)}


def out_of_fold(arts: list[dict], c: float, seed: int) -> list[tuple[dict[str, float], set[str], dict]]:
    """Per sentence: the probabilities from the model that did not see its article, its gold types
    and its features."""
    fold = folds(arts, seed)
    models = fold_models(arts, c, seed)
    out = []
    for it in arts:
        m = models[fold[it["doc"]]]
        for s in it["sentences"]:
            f = dict(s["f"])
            f.update(detector.project(m["projection"], s["v"]))
            out.append((detector.probabilities(m, f), set(s["types"]), s["f"]))
    return out


def _auc(scores: list[float], labels: list[int]) -> float:
    from .events import _auc as auc
    return auc(scores, labels)


def report(oof: list[tuple[dict, set, dict]]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    types = sorted({t for p, _, _ in oof for t in p})
    ll, n = 0.0, 0
    for t in types:
        ps = [p.get(t, 0.0) for p, _, _ in oof]
        ys = [int(t in g) for _, g, _ in oof]
        figures[f"AUC {t} ({sum(ys)} sentences)"] = round(_auc(ps, ys), 3)
        ll -= sum(y * math.log(p + 1e-9) + (1 - y) * math.log(1 - p + 1e-9) for p, y in zip(ps, ys))
        n += len(ys)
    figures["log-loss (per sentence and type)"] = round(ll / max(1, n), 5)
    gold = sum(len(g) for _, g, _ in oof)
    for level in LEVELS:
        for lexical in (True, False):
            hit = made = pos = 0
            for p, g, f in oof:
                for t in types:
                    if (f.get(f"lex={t}", 0.0) > 0) != lexical:
                        continue
                    pos += t in g
                    if p.get(t, 0.0) >= level:
                        made += 1
                        hit += t in g
            name = "with" if lexical else "without"
            figures[f"at {level:.1f}, sentences {name} a lexicon word of the type: P / R"] = \
                f"{hit / max(1, made):.3f} / {hit / max(1, pos):.3f} ({hit} of {made}; {pos} gold)"
    figures["gold (sentence, type) pairs"] = gold
    return figures


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    docs = tuning_docs(data, annotations, SHARED, OWN, "events")
    arts = items(docs, cache_path())
    figures: dict[str, Any] = {"articles": len(arts), "sentences": sum(len(it["sentences"]) for it in arts),
                               "evidences found nowhere": sum(it["lost"] for it in arts)}
    best = None
    for c in CS:
        oof = out_of_fold(arts, c, seed)
        rep = report(oof)
        figures[f"C={c}: out-of-fold log-loss"] = rep["log-loss (per sentence and type)"]
        if best is None or rep["log-loss (per sentence and type)"] < best[0]:
            best = (rep["log-loss (per sentence and type)"], c, rep)
    _, c, rep = best
    figures["chosen"] = f"C={c}"
    figures.update({f"out of fold, {k}": v for k, v in rep.items()})
    model = fit(arts, c, seed)
    doc = {"model": "detector", "kind": "logistic regression per PLOVER type over sentence features",
           "label": "the types of the gold events whose evidence lies in the sentence",
           "languages": ["fr"], "trained": dt.date.today().isoformat(), "seed": seed, "C": c, "dims": DIMS,
           "sets": sorted({it["set"] for it in arts}), "articles": len(arts),
           "figures": {k: v for k, v in figures.items() if not k.startswith("C=")},
           "bias": model["bias"], "weights": model["weights"], "projection": model["projection"]}
    path = out or detector.MODEL
    write_model(path, doc)
    detector._load.cache_clear()
    figures["written"] = str(path)
    return figures
