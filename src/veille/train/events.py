"""Training of the event scorer (``veille.what.scorer``).

Every tuning article (events-fr, events-fr-extra, veille's own events-fr-more) is analysed; each
event the rules produce gets its features and a label: right when its (type, source country,
target country) is one of the gold events' of its article, the development scorer's comparison
(``score_dev.py events``). A logistic regression (scikit-learn, fixed seed) learns the weights;
the trigger lemma's word vector enters reduced to a few whitened principal components when the
out-of-fold log-loss says it helps. The regularisation is chosen the same way.

Reported, out of fold (five folds by article, so no article is scored by weights learned from
it): ranking (AUC), calibration (log-loss, Brier), and the tuple F1 of the rules alone and of the
rules with the events under a threshold dropped, for a grid of thresholds. The thresholds written
into the model (``threshold``, ``proposal_threshold``, ``detector_threshold``, ``query_threshold``)
are chosen on a steady curve: the pooled out-of-fold tuple F1 averaged over several fold
assignments (``REPEATS`` fold seeds, repeated k-fold), then over each threshold's neighbours on
the scorer's confidence axis, so that a change of a few tuples, or of the fold seed, does not flip
a near tie of the grid. The regularisation and vector dimensions are chosen on the first fold
seed's log-loss. The
same with type-only labels (right when the article's gold has an event of that type) is reported.

The per-article features are cached (``VEILLE_TRAIN_CACHE``, a JSONL file; an article is taken
from it when its set, id and text are the same) so that refitting does not parse again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import math
import os
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import pipeline
from ..options import Options
from ..what import naming, scorer
from ..what.lexicon import load as load_lexicon
from .data import Doc, prepared, read_cache, tuning_docs, write_model

log = logging.getLogger(__name__)

SHARED = ("events-fr", "events-fr-extra")
OWN = ("events-fr-more",)
FOLDS = 5
CS = (0.01, 0.03, 0.1, 0.3)         # inverse regularisation strengths tried
DIMS = (0, 4, 8)                    # word-vector dimensions tried (0: no vector)
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(0, 15))
# events whose doer was proposed (``what.extract``) are kept at or above their own threshold,
# chosen among these by out-of-fold tuple F1; NO_PROPOSAL keeps none of them
NO_PROPOSAL = 1.01
PROPOSAL_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 17)) + (NO_PROPOSAL,)
# the detector's probability a proposal of its own needs (``what.detector``), chosen with the above
DETECTOR_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 13)) + (NO_PROPOSAL,)
# A threshold above 0 must raise the out-of-fold tuple F1 by at least this much.
THRESHOLD_GAIN = 0.005
# The thresholds are chosen on the out-of-fold tuple F1 averaged over this many fold assignments
# (fold seeds seed, seed + 1, ...), then over each threshold and its neighbours (``smoothed``):
# one assignment's curve has near ties that flip on a few tuples (0.25 against 0.30, 2026-12-07).
REPEATS = 10
# ``query_threshold``: the highest threshold whose out-of-fold tuple F1 stays within this of the
# best one (reported; the lists' default is ``resources/common/lists.toml``, chosen on the precision
# curve of ``scripts/confidence_curve.py``).
QUERY_SLACK = 0.01


def _tuple(e: dict, full: bool = True) -> tuple:
    src = (e.get("source") or {}).get("country")
    tgt = (e.get("target") or {}).get("country")
    return (e.get("type"), src, tgt) if full else (e.get("type"),)


def _key(d: Doc) -> str:
    return hashlib.sha1(f"{d.set}\0{d.id}\0{d.text}".encode()).hexdigest()


def _detector_folds(docs: list[Doc], lex, seed: int) -> tuple[dict[str, int], dict[int, dict]] | None:
    """When the lexicon turns the detector on (``detector_min``): each article's fold and, per
    fold, detector weights fitted without it (``veille train detector``'s regularisation), so that
    the proposals the scorer learns from are made as on unseen articles."""
    if lex.detector_min <= 0:
        return None
    from ..what import detector
    from . import detector as dtrain
    shipped = detector.load()
    if shipped is None:
        return None
    arts = dtrain.items(docs, dtrain.cache_path())
    return dtrain.folds(arts, seed), dtrain.fold_models(arts, float(shipped["C"]), seed)


def _detector_tag(lex) -> str:
    """What the cached analyses depend on beyond the text: the detector, when it is on."""
    if lex.detector_min <= 0:
        return ""
    from ..what import detector
    return f"{lex.detector_min}\0{hashlib.sha1(detector.MODEL.read_bytes()).hexdigest() if detector.MODEL.is_file() else ''}"


def analysed(docs: list[Doc], cache: Path | None = None, batch: int = 8, seed: int = 0) -> list[dict]:
    """Per article: its gold tuples and, per event the rules produce, its tuple, features and
    the trigger lemma's vector."""
    lex = load_lexicon("fr")
    tag = _detector_tag(lex)

    def key(d: Doc) -> str:
        return _key(d) if not tag else hashlib.sha1(f"{_key(d)}\0{tag}".encode()).hexdigest()

    done = read_cache(cache)
    todo = [d for d in docs if key(d) not in done]
    options = Options(language="fr")
    folded = _detector_folds(docs, lex, seed) if todo else None
    if folded is not None:
        from ..what import detector
        todo.sort(key=lambda d: folded[0][f"{d.set}/{d.id}"])
    out_f = cache.open("a", encoding="utf-8") if cache is not None else None
    try:
        k = 0
        while k < len(todo):
            part = todo[k:k + batch]
            if folded is not None:  # one fold per batch: its articles get the weights that did not see them
                fold = folded[0][f"{part[0].set}/{part[0].id}"]
                part = [d for d in part if folded[0][f"{d.set}/{d.id}"] == fold]
            k += len(part)
            works = prepared(part, options)
            with scorer.keeping_all(), (detector.using(folded[1][fold]) if folded is not None
                                        else contextlib.nullcontext()):
                pipeline.annotate(works, options)
            for d, w in zip(part, works):
                events = list(w.events)
                feats = scorer.features(w, naming.as_scored(w), lex)
                vecs = []
                for e in events:
                    tok = scorer._token(w, e)
                    vecs.append(scorer.lemma_vector(tok) if tok is not None else None)
                r = {"key": key(d), "set": d.set, "doc": d.id,
                     "events": [{"tuple": list(_tuple(e.to_dict())), "features": f, "vector": v}
                                for e, f, v in zip(events, feats, vecs)]}
                done[r["key"]] = r
                if out_f is not None:
                    out_f.write(json.dumps(r, ensure_ascii=False) + "\n")
                    out_f.flush()
            log.info("events: %d/%d articles analysed", k, len(todo))
    finally:
        if out_f is not None:
            out_f.close()
    items = []
    for d in docs:
        r = done[key(d)]
        # the article-level features are recomputed from the cached tuples (cheap, no parse)
        for e, g in zip(r["events"], scorer.tuple_features([tuple(e["tuple"]) for e in r["events"]])):
            e["features"].update(g)
        items.append({"set": d.set, "doc": f"{d.set}/{d.id}", "events": r["events"],
                      "gold": {tuple(_tuple(g)) for g in d.gold},
                      "gold_types": {g.get("type") for g in d.gold}})
    return items


def _labels(items: list[dict], full: bool) -> None:
    for it in items:
        for e in it["events"]:
            t = tuple(e["tuple"])
            e["label"] = t in it["gold"] if full else t[0] in it["gold_types"]


def projection_of(vectors: list[list[float]], dims: int, seed: int) -> dict[str, Any] | None:
    """Whitened principal components of the trigger-lemma vectors (one per distinct vector)."""
    import numpy as np
    from sklearn.decomposition import PCA
    uniq = {tuple(v) for v in vectors if v}
    if dims <= 0 or len(uniq) <= dims:
        return None
    X = np.array(sorted(uniq))
    pca = PCA(n_components=dims, random_state=seed).fit(X)
    comps = pca.components_ / np.sqrt(pca.explained_variance_)[:, None]
    return {"mean": [round(float(x), 5) for x in pca.mean_],
            "components": [[round(float(x), 5) for x in c] for c in comps]}


def _rows(items: list[dict], projection: dict | None) -> tuple[list[dict], list[int], list[tuple[str, int]]]:
    X, y, where = [], [], []
    for it in items:
        for k, e in enumerate(it["events"]):
            f = dict(e["features"])
            if projection:
                f.update(scorer.project(projection, e["vector"]))
            X.append(f)
            y.append(int(e["label"]))
            where.append((it["doc"], k))
    return X, y, where


def fit(items: list[dict], c: float, dims: int, seed: int) -> dict[str, Any]:
    """A logistic regression over the events of ``items``: {"bias", "weights", "projection"}."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    proj = projection_of([e["vector"] for it in items for e in it["events"]], dims, seed)
    X, y, _ = _rows(items, proj)
    vec = DictVectorizer()
    M = vec.fit_transform(X)
    if len(set(y)) < 2:
        return {"bias": 0.0, "weights": {}, "projection": proj}
    clf = LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(M, y)
    weights = {n: round(float(w), 5) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) > 1e-4}
    return {"bias": round(float(clf.intercept_[0]), 5), "weights": dict(sorted(weights.items())), "projection": proj}


def folds(items: list[dict], seed: int) -> dict[str, int]:
    docs = sorted({it["doc"] for it in items})
    random.Random(seed).shuffle(docs)
    return {doc: k % FOLDS for k, doc in enumerate(docs)}


def out_of_fold(items: list[dict], c: float, dims: int, seed: int) -> dict[tuple[str, int], float]:
    """The confidence of every event from weights that did not see its article."""
    fold = folds(items, seed)
    probs: dict[tuple[str, int], float] = {}
    for k in range(FOLDS):
        model = fit([it for it in items if fold[it["doc"]] != k], c, dims, seed)
        for it in items:
            if fold[it["doc"]] != k:
                continue
            for j, e in enumerate(it["events"]):
                f = dict(e["features"])
                if model["projection"]:
                    f.update(scorer.project(model["projection"], e["vector"]))
                probs[(it["doc"], j)] = scorer.probability(model, f)
    return probs


def fold_seeds(seed: int) -> list[int]:
    """The fold seeds of the repeated k-fold: ``seed`` first, so its figures are the reported ones."""
    return [seed + k for k in range(REPEATS)]


def mean_curve(items: list[dict], runs: list[dict], points: list, keep) -> dict:
    """Per grid point, the (P, R, F1) of ``tuple_f1`` averaged over the out-of-fold probabilities
    of every fold assignment in ``runs``; ``keep(point)`` gives ``tuple_f1``'s keyword arguments."""
    out = {}
    for x in points:
        prf_ = [tuple_f1(items, probs, **keep(x)) for probs in runs]
        out[x] = tuple(sum(v[k] for v in prf_) / len(prf_) for k in range(3))
    return out


def smoothed(curve: dict, axis: list) -> dict:
    """The F1 of each threshold of ``axis`` averaged with its two neighbours on the axis: a lone
    peak between lower points counts for less than a plateau. Past an end of the axis the end point
    stands for its missing neighbour, so that an end is not favoured by being averaged with one side
    only. ``curve`` maps each threshold to (P, R, F1)."""
    out = {}
    for k, x in enumerate(axis):
        near = [axis[min(max(j, 0), len(axis) - 1)] for j in (k - 1, k, k + 1)]
        out[x] = sum(curve[n][2] for n in near) / len(near)
    return out


def _auc(scores: list[float], labels: list[int]) -> float:
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    if not pos or not neg:
        return float("nan")
    order = sorted(scores)
    rank: dict[float, float] = {}
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and order[j] == order[i]:
            j += 1
        rank[order[i]] = (i + j + 1) / 2
        i = j
    r = sum(rank[s] for s in pos)
    return (r - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def calibration(items: list[dict], probs: dict) -> dict[str, float]:
    ps, ys = [], []
    for it in items:
        for j, e in enumerate(it["events"]):
            ps.append(probs[(it["doc"], j)])
            ys.append(int(e["label"]))
    eps = 1e-9
    ll = -sum(y * math.log(p + eps) + (1 - y) * math.log(1 - p + eps) for p, y in zip(ps, ys)) / max(1, len(ys))
    brier = sum((p - y) ** 2 for p, y in zip(ps, ys)) / max(1, len(ys))
    return {"auc": _auc(ps, ys), "log_loss": ll, "brier": brier, "events": len(ys),
            "positives": sum(ys), "mean_confidence": sum(ps) / max(1, len(ps))}


def _kept(e: dict, p: float | None, threshold: float, proposal: float, detected: float = NO_PROPOSAL) -> bool:
    """Whether an event is kept: at or above ``threshold``, or ``proposal`` for an event whose
    doer was proposed (no probabilities: the rules' events, without proposals); a detector's
    proposal also needs the detector's probability at or above ``detected``."""
    f = e["features"]
    if f.get("proposed=detector") and f.get("detector_p", 0.0) < detected:
        return False
    if f.get("proposed"):
        return p is not None and p >= max(threshold, proposal)
    return p is None or p >= threshold


def tuple_f1(items: list[dict], probs: dict | None, threshold: float, sets: tuple[str, ...] | None = None,
             full: bool = True, proposal: float = NO_PROPOSAL, detected: float = NO_PROPOSAL) -> tuple[float, float, float]:
    """Micro P, R, F1 of the per-article tuple sets, keeping events at or above ``threshold``
    (``proposal`` for events whose doer was proposed)."""
    ns = ng = tp = 0
    for it in items:
        if sets is not None and it["set"] not in sets:
            continue
        S = {tuple(e["tuple"])[: 3 if full else 1] for j, e in enumerate(it["events"])
             if _kept(e, probs[(it["doc"], j)] if probs is not None else None, threshold, proposal, detected)}
        G = it["gold"] if full else {(t,) for t in it["gold_types"]}
        ns += len(S)
        ng += len(G)
        tp += len(S & G)
    p = tp / ns if ns else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    docs = tuning_docs(data, annotations, SHARED, OWN, "events")
    cache = Path(os.environ["VEILLE_TRAIN_CACHE"]) if os.environ.get("VEILLE_TRAIN_CACHE") else None
    items = analysed(docs, cache, seed=seed)
    figures: dict[str, Any] = {"articles": len(items), "events": sum(len(it["events"]) for it in items)}
    sets = sorted({it["set"] for it in items})
    # type-only labels, for comparison
    _labels(items, full=False)
    probs = out_of_fold(items, 0.3, 0, seed)
    cal = calibration(items, probs)
    figures["type-only labels: out-of-fold AUC / log-loss"] = f"{cal['auc']:.3f} / {cal['log_loss']:.3f}"
    # tuple labels: choose C and the vector dimensions by out-of-fold log-loss (the first fold seed)
    _labels(items, full=True)
    best = None
    for dims in DIMS:
        for c in CS:
            p = out_of_fold(items, c, dims, seed)
            cal = calibration(items, p)
            figures[f"C={c} dims={dims}: out-of-fold AUC / log-loss / Brier"] = \
                f"{cal['auc']:.3f} / {cal['log_loss']:.4f} / {cal['brier']:.4f}"
            if best is None or cal["log_loss"] < best[0]:
                best = (cal["log_loss"], c, dims, p, cal)
    _, c, dims, probs, cal = best
    # the thresholds' curves: out of fold under every fold seed of the repeated k-fold
    seeds = fold_seeds(seed)
    runs = [probs] + [out_of_fold(items, c, dims, s) for s in seeds[1:]]
    figures["chosen"] = f"C={c} dims={dims}"
    figures["out-of-fold AUC"] = round(cal["auc"], 4)
    figures["out-of-fold log-loss"] = round(cal["log_loss"], 4)
    figures["out-of-fold Brier"] = round(cal["brier"], 4)
    figures["positives / events"] = f"{cal['positives']} / {cal['events']} (mean confidence {cal['mean_confidence']:.3f})"
    figures["fold seeds of the threshold curves"] = ", ".join(map(str, seeds))
    rules = tuple_f1(items, None, 0.0)
    figures["rules alone: tuple P / R / F1"] = "%.3f / %.3f / %.3f" % rules
    for s in sets:
        figures[f"{s}: rules alone tuple P / R / F1"] = "%.3f / %.3f / %.3f" % tuple_f1(items, None, 0.0, (s,))
    # the proposals' threshold first, every rule event kept (the detector's proposals, when the
    # detector is on, also need its probability at or above a threshold chosen with it), at the
    # best of the smoothed mean curve (``smoothed``); ties go to the higher thresholds
    by_p = mean_curve(items, runs, list(PROPOSAL_THRESHOLDS), lambda t: {"threshold": 0.0, "proposal": t})
    for t, (p_, r_, f_) in by_p.items():
        figures[f"proposals at or above {t:.2f}: tuple P / R / F1 (out of fold)"] = f"{p_:.3f} / {r_:.3f} / {f_:.3f}"
    detecting = any(e["features"].get("proposed=detector") for it in items for e in it["events"])
    detector_axis = list(DETECTOR_THRESHOLDS if detecting else (NO_PROPOSAL,))
    grid = [(t, d) for t in PROPOSAL_THRESHOLDS for d in detector_axis]
    by_pd = mean_curve(items, runs, grid, lambda x: {"threshold": 0.0, "proposal": x[0], "detected": x[1]})
    # smoothed along the scorer's confidence only, not the detector's axis: the detector's curve
    # has its best at the point before a drop, and averaging across that drop would move its
    # threshold off the best of the mean curve (0.15 -> 0.10, lower on three tuning sets)
    steady_pd = {}
    for d in detector_axis:
        line = smoothed({t: by_pd[(t, d)] for t in PROPOSAL_THRESHOLDS}, list(PROPOSAL_THRESHOLDS))
        steady_pd.update({(t, d): f for t, f in line.items()})
    if detecting:
        for d in DETECTOR_THRESHOLDS:
            t = max(PROPOSAL_THRESHOLDS, key=lambda t: (round(steady_pd[(t, d)], 4), t))
            figures[f"detector at or above {d:.2f} (proposals at {t:.2f}): tuple P / R / F1 (out of fold)"] = \
                "%.3f / %.3f / %.3f" % by_pd[(t, d)] + f" (smoothed F1 {steady_pd[(t, d)]:.4f})"
    proposal, detected = max(grid, key=lambda x: (round(steady_pd[x], 4), x[0], x[1]))
    figures["proposal threshold (best smoothed out-of-fold tuple F1)"] = proposal
    if detecting:
        figures["detector threshold (best smoothed out-of-fold tuple F1)"] = detected
    by_t = mean_curve(items, runs, list(THRESHOLDS),
                      lambda t: {"threshold": t, "proposal": proposal, "detected": detected})
    steady_t = smoothed(by_t, list(THRESHOLDS))
    for t, (p_, r_, f_) in by_t.items():
        figures[f"drop under {t:.2f}: tuple P / R / F1 (out of fold)"] = \
            f"{p_:.3f} / {r_:.3f} / {f_:.3f} (smoothed F1 {steady_t[t]:.4f})"
    # dropping events is worth it only for a gain above the folds' noise
    threshold = max(THRESHOLDS, key=lambda t: (round(steady_t[t], 4), -t))
    if steady_t[threshold] < steady_t[0.0] + THRESHOLD_GAIN:
        threshold = 0.0
    figures["threshold (best smoothed out-of-fold tuple F1)"] = threshold
    query = max(t for t in THRESHOLDS if steady_t[t] >= steady_t[threshold] - QUERY_SLACK)
    figures[f"query threshold (highest with smoothed F1 within {QUERY_SLACK} of the best)"] = query
    figures[f"drop under {query:.2f}: tuple P / R / F1 (out of fold)"] = "%.3f / %.3f / %.3f" % by_t[query]
    for s in sets:
        for full, what in ((True, "tuple"), (False, "type")):
            one = mean_curve(items, runs, [threshold], lambda t: {
                "threshold": t, "sets": (s,), "full": full, "proposal": proposal, "detected": detected})
            figures[f"{s}: drop under {threshold:.2f} {what} P / R / F1 (out of fold)"] = \
                "%.3f / %.3f / %.3f" % one[threshold]
    model = fit(items, c, dims, seed)
    doc = {"model": "events", "kind": "logistic regression over event features",
           "label": "(type, source country, target country) among the article's gold events",
           "languages": ["fr"], "trained": dt.date.today().isoformat(), "seed": seed, "C": c, "dims": dims,
           "sets": sets, "articles": len(items), "events": figures["events"], "threshold": threshold,
           "proposal_threshold": proposal,
           **({"detector_threshold": detected} if detecting else {}),
           "query_threshold": query,
           "figures": {k: v for k, v in figures.items() if not k.startswith(("C=", "drop under", "proposals at"))
                       or k.startswith((f"drop under {query:.2f}", "drop under 0.00"))},
           "bias": model["bias"], "weights": model["weights"], "projection": model["projection"]}
    path = out or scorer.MODEL
    write_model(path, doc)
    scorer.load.cache_clear()
    figures["written"] = str(path)
    return figures
