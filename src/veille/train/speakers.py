"""Training of the speaker ranker (``veille.quotes.ranker``).

Every tuning article is analysed; each quote the system finds that matches a gold quote (30%
overlap, the scorer's rule) and has a gold speaker gives a group of candidates, labelled by
whether the candidate's name is the gold speaker's (the scorer's name comparison). A conditional
logit (a softmax over each quote's candidates) learns the weights, twice: first with the discourse
(the previous quote's speaker) taken from the gold, then with the discourse those first weights
make, which is what the ranker meets at run time.

Reported: speaker accuracy of the rules alone and of the ranker, out of fold (five folds by
article, so no article is scored by weights learned from it), per set.
"""
from __future__ import annotations

import datetime as dt
import logging
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import pipeline
from ..eval.common import same_speaker
from ..eval.quotes import align
from ..options import Options
from ..quotes import ranker
from ..quotes.lexicon import lexicon
from .data import Doc, prepared, tuning_docs, write_model

log = logging.getLogger(__name__)

SHARED = ("quotes-fr", "quotes-fr-extra")
OWN = ("quotes-fr-more",)
FOLDS = 5
L2 = 0.003  # regularisation strength, chosen by the out-of-fold accuracy (0.0003, 0.001, 0.003, 0.01)


def analysed(docs: list[Doc], batch: int = 16) -> list[tuple[Doc, object]]:
    """Each tuning article with its analysis up to the quotes (the Work, parse kept)."""
    options = Options(language="fr")
    out = []
    for k in range(0, len(docs), batch):
        part = docs[k:k + batch]
        works = prepared(part, options)
        with ranker.rules_only():
            pipeline.annotate(works, options)
        out.extend(zip(part, works))
        log.info("speakers: %d/%d articles", min(k + batch, len(docs)), len(docs))
    return out


def groups_of(items: list[tuple[Doc, object]], weights: dict[str, float] | None = None) -> list[dict]:
    """One group per matched quote with a gold speaker: its candidates' features and labels.

    The discourse (the previous speaker, the entity each description stood for) goes on with
    the right speaker where the gold gives one, or, with ``weights``, with the speaker those
    weights choose, as at run time."""
    out: list[dict] = []
    for d, w in items:
        out.extend(_groups(d, w, weights))
    return out


def _groups(d: Doc, w, weights: dict[str, float] | None) -> list[dict]:
    drafts = w.scratch.get("quote_drafts") or []
    resolver = w.scratch.get("quote_resolver")
    if not drafts or resolver is None:
        return []
    sc = ranker.scene(w, lexicon("fr"), resolver, drafts)
    contents = [w.text[a:b] for a, b in (x.content for x in drafts)]
    gold_of = {j: i for i, j in align(d.gold, contents, 0.3)}
    out = []
    discourse = ranker.Discourse()
    for j, draft in enumerate(drafts):
        i = gold_of.get(j)
        speaker = d.gold[i].get("speaker") if i is not None else None
        src = ranker.source(sc, draft)
        cands = ranker.candidates(sc, draft, src, discourse)
        labels = [bool(speaker) and same_speaker(speaker, c.name) if c.key != "nobody" else
                  (i is not None and not speaker) for c in cands]
        if speaker or (i is not None and draft.refused):
            rule_ok = draft.rule is not None and same_speaker(speaker, draft.rule.name)
            out.append({"set": d.set, "doc": d.id, "features": [c.features for c in cands], "labels": labels,
                        "rule_ok": rule_ok, "refused": draft.refused, "source": src.kind, "scored": bool(speaker),
                        "names": [c.name for c in cands], "gold": speaker,
                        "words": w.text[draft.source[0]:draft.source[1]] if draft.source else None,
                        "cue": w.text[draft.cue[0]:draft.cue[1]] if draft.cue else None,
                        "gold_cue": d.gold[i].get("cue") if i is not None else None,
                        "context": w.text[max(0, draft.content[0] - 250):draft.content[1] + 80]})
        if weights is not None and cands:
            scores = [ranker.score(weights, c.features) for c in cands]
            chosen = cands[scores.index(max(scores))].entity
        elif speaker:
            chosen = next((c.entity for c, y in zip(cands, labels) if y and c.entity), None)
        else:
            chosen = draft.rule.entity if draft.rule is not None else None
        discourse.said(sc, draft, chosen)
    return out


def conditional_logit(groups: list[dict], l2: float) -> dict[str, float]:
    """Weights of a conditional logit: the softmax over each group's candidates gives the right
    ones the highest probability (L2-regularised, L-BFGS). Deterministic for the same data."""
    import numpy as np
    from scipy.optimize import minimize
    from sklearn.feature_extraction import DictVectorizer
    kept = [g for g in groups if any(g["labels"]) and len(g["labels"]) > 1]
    if not kept:
        return {}
    vec = DictVectorizer()
    X = vec.fit_transform([f for g in kept for f in g["features"]]).tocsr()
    y = np.array([float(v) for g in kept for v in g["labels"]])
    bounds = np.cumsum([0] + [len(g["labels"]) for g in kept])
    group = np.repeat(np.arange(len(kept)), np.diff(bounds))
    n = len(kept)

    def loss(w):
        s = X @ w
        top = np.maximum.reduceat(s, bounds[:-1])
        e = np.exp(s - top[group])
        z = np.add.reduceat(e, bounds[:-1])
        zp = np.add.reduceat(e * y, bounds[:-1])
        value = -np.sum(np.log(zp / z)) / n + 0.5 * l2 * w @ w
        grad = X.T @ (e / z[group] - e * y / zp[group]) / n + l2 * w
        return value, grad

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return {name: float(v) for name, v in zip(vec.get_feature_names_out(), res.x) if abs(v) > 1e-6}


def pick_right(g: dict, weights: dict[str, float]) -> bool:
    """Whether the best-scored candidate of a group is a right one."""
    if not g["features"]:
        return False
    scores = [ranker.score(weights, f) for f in g["features"]]
    return bool(g["labels"][scores.index(max(scores))])


def _fit(groups: list[dict], seed: int) -> dict[str, float]:
    return conditional_logit(groups, L2)


def _correct(g: dict, weights: dict[str, float]) -> bool:
    if not g["features"]:
        return g["rule_ok"]
    return pick_right(g, weights)


def evaluate(groups: list[dict], seed: int, items: list | None = None) -> dict[str, Any]:
    """Speaker accuracy of the rules and of the ranker, out of fold (five folds by article).
    With ``items``, the held-out articles are run as at run time: the discourse follows the
    fold's own choices, not the gold."""
    docs = sorted({g["doc"] for g in groups})
    random.Random(seed).shuffle(docs)
    fold = {doc: k % FOLDS for k, doc in enumerate(docs)}
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # set -> rules, ranker, n
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k in range(FOLDS):
        weights = _fit([g for g in groups if fold[g["doc"]] != k], seed)
        held = groups_of([(d, w) for d, w in items if fold.get(d.id) == k], weights) if items is not None else \
            [g for g in groups if fold[g["doc"]] == k]
        for g in held:
            if not g.get("scored", True):
                continue  # a quote with no gold speaker: only the "nobody" candidate learns from it
            ok = _correct(g, weights)
            for key, table in ((g["set"], right), ("all", right), (g["source"], kinds)):
                table[key][0] += g["rule_ok"]
                table[key][1] += ok
                table[key][2] += 1
    out: dict[str, Any] = {}
    for name, (r, m, n) in sorted(right.items()):
        out[f"{name}: rules"] = round(r / n, 4)
        out[f"{name}: ranker (out of fold)"] = round(m / n, 4)
        out[f"{name}: quotes"] = n
    for name, (r, m, n) in sorted(kinds.items()):
        out[f"source {name}: rules / ranker / n"] = f"{r / n:.3f} / {m / n:.3f} / {n}"
    return out


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    docs = tuning_docs(data, annotations, SHARED, OWN, "quotes")
    items = analysed(docs)
    # trained on the discourse the ranker makes itself (a first fit on the gold discourse gives
    # it), which is what it meets at run time
    groups = groups_of(items, _fit(groups_of(items), seed))
    figures = evaluate(groups, seed, items)
    weights = _fit(groups, seed)
    model = {"model": "speakers", "kind": "conditional logit over candidate features",
             "trained": dt.date.today().isoformat(), "seed": seed, "l2": L2,
             "sets": sorted({d.set for d in docs}), "articles": len(docs), "quotes": len(groups),
             "figures": figures, "weights": dict(sorted(weights.items()))}
    path = out or Path(ranker.__file__).resolve().parents[1] / "resources" / "models" / "speakers.json"
    write_model(path, model)
    figures["written"] = str(path)
    return figures
