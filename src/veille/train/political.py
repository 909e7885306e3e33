"""Training of the article-level "political news" model (``veille.what.political``).

Weak labels: the OrangeSum development articles of sections whose news the event guideline is
about (``Politique``, ``Monde``) against those of sections it is not (``Culture``, ``People``,
``High-tech``, ``Insolite``, ``News`` (cars), ``Sante``, ``Media``, ``Environnement``), plus every
tuning article with at least one gold event (events-fr, events-fr-extra, events-fr-more) as
political. ``France``, ``Fait-divers`` and articles with no section are not used: the first mixes
home politics with everything else, and the guideline codes the police's and the courts' acts of
a news item, so neither is a clean label. Left out as well: every article of a check set, and the
first 2,000 development articles outside them (``scripts/orangesum_sample.py`` draws the bases
the events are read on from there), so the model has never seen an article of a reading.

Features: word presence (``political.words``; a word in fewer than ``MIN_DF`` training articles
is left out). Model: logistic regression, L1 (liblinear, seed 0), C chosen by the out-of-fold
log-loss (five stratified folds). ``threshold`` (under which an event's confidence is scaled down)
is the ``QUANTILE`` of the out-of-fold probabilities of the tuning articles with gold events: so
many of the articles the annotators found events in keep their events' confidence unchanged.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

from ..what import political
from .data import tuning_docs, write_model

POSITIVE = ("Politique", "Monde")
NEGATIVE = ("Culture", "People", "High-tech", "Insolite", "News", "Sante", "Media", "Environnement")
HELD = 2000          # first development articles outside the check sets, kept for readings
MIN_DF = 20
CS = (0.1, 0.3, 1.0)
QUANTILE = 0.05
SHARED = ("events-fr", "events-fr-extra")
OWN = ("events-fr-more",)


def check_ids(data: Path) -> set[str]:
    """Ids of the check sets' articles (only their ids are read)."""
    out = {str(json.loads(line)["id"]) for docs in sorted(data.glob("*-check/docs.jsonl"))
           for line in docs.open(encoding="utf-8") if line.strip()}
    return out | {tml.stem for tml in data.glob("*-check/*.tml")}


def examples(data: Path, annotations: Path) -> tuple[list[str], list[int], list[bool]]:
    """Texts, labels (1 political) and whether each is a tuning article with gold events."""
    skip = check_ids(data)
    texts: dict[str, str] = {}
    labels: dict[str, int] = {}
    tuning: set[str] = set()
    held = 0
    with gzip.open(data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            i = str(a["id"])
            if i in skip:
                continue
            if held < HELD:
                held += 1
                skip.add(i)
                continue
            s = a.get("section")
            if s in POSITIVE or s in NEGATIVE:
                texts[i] = (a.get("heading") or "") + "\n" + a["article"]
                labels[i] = int(s in POSITIVE)
    for d in tuning_docs(data, annotations, SHARED, OWN, "events"):
        if d.gold and d.id not in skip:
            key = f"{d.set}:{d.id}" if d.set in SHARED else d.id
            texts.pop(d.id, None), labels.pop(d.id, None)
            texts[key], labels[key] = d.text, 1
            tuning.add(key)
    keys = sorted(texts)
    return [texts[k] for k in keys], [labels[k] for k in keys], [k in tuning for k in keys]


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    texts, labels, tuning = examples(data, annotations)
    y = np.array(labels)
    vec = CountVectorizer(lowercase=True, token_pattern=political.TOKEN.pattern, min_df=MIN_DF, binary=True)
    x = vec.fit_transform(texts)
    folds = StratifiedKFold(5, shuffle=True, random_state=seed)

    def model(c: float):
        return LogisticRegression(C=c, solver="liblinear", l1_ratio=1.0, random_state=seed, max_iter=1000)

    best = None
    for c in CS:
        p = cross_val_predict(model(c), x, y, cv=folds, method="predict_proba")[:, 1]
        loss = log_loss(y, p)
        if best is None or loss < best[0] - 1e-9:
            best = (loss, c, p)
    loss, c, oof = best
    clf = model(c).fit(x, y)
    vocab = vec.get_feature_names_out()
    weights = {str(vocab[j]): round(float(w), 6) for j, w in enumerate(clf.coef_[0]) if w != 0.0}
    tune = np.array(tuning)
    threshold = round(float(np.quantile(oof[tune], QUANTILE)), 4)
    figures = {"articles": int(len(y)), "political": int(y.sum()), "tuning_with_events": int(tune.sum()),
               "C": c, "oof_auc": round(float(roc_auc_score(y, oof)), 4), "oof_log_loss": round(float(loss), 4),
               "oof_accuracy": round(float(((oof >= 0.5) == (y == 1)).mean()), 4),
               "tuning_oof_median": round(float(np.median(oof[tune])), 4), "threshold": threshold,
               "weights": len(weights)}
    doc = {"kind": "political-news", "languages": ["fr"], "trained": dt.date.today().isoformat(), "seed": seed,
           "threshold": threshold, "bias": round(float(clf.intercept_[0]), 6), "figures": figures,
           "weights": dict(sorted(weights.items()))}
    path = out or political.MODEL
    write_model(path, doc)
    return figures
