"""A study of the choice between the readings of "aujourd'hui" (``veille.when.reading``):
could a learned choice tell nowadays from the day better than the hand rule? (``veille train times``)

Examples: every "aujourd'hui" of the tuning time sets (FR-TimeBank and veille's own
``annotations/times-fr-{more,indep,fresh,new}``; never a check set, and not ``times-fr-unseen``,
which stays out of every training set) that the `when` stage values with the extent of a gold
expression, labelled 1 when the gold value is ``PRESENT_REF`` (nowadays), 0 when it is a date (the
day). Features: ``reading.features`` (the hand rule's reading among them), each kept when present
in at least ``MIN_COUNT`` examples. Model: logistic regression (liblinear, L2, seed), C chosen by
the out-of-fold accuracy with five folds grouped by document (ties to the smallest C); reported
beside it: the accuracy by C with one document out, the rule's and the majority reading's accuracy
on the same examples.

This study writes no weights unless ``--out FILE`` is given: out of fold the learned choice beats
the rule (42 examples, 11 of them the day: 0.857 against 0.762), but with those weights the check
set did not move and the held-out times-fr-unseen lost one value, so the rule decides (docs/when.md,
"The readings of aujourd'hui: a learned choice, measured"). The stage reads
``resources/models/times.json`` when one is shipped; none is.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from ..eval import times as evt
from ..eval.common import locate
from .data import write_model

OWN = ("times-fr-more", "times-fr-indep", "times-fr-fresh", "times-fr-new")
CS = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
MIN_COUNT = 5  # a feature present in fewer examples is left out: one example's words are noise


def tuning_sets(data: Path, annotations: Path) -> dict[str, tuple[str, str | None, list[dict]]]:
    """{set:key: (text, publication date, gold)} of the tuning time sets."""
    docs = {f"frtimebank:{f.name}": evt.read_tml(f) for f in sorted((data / "frtimebank").glob("*.tml"))}
    for name in OWN:
        for k, v in evt.read_more_set(data, annotations / name / "gold.jsonl").items():
            docs[f"{name}:{k}"] = v
    return docs


def examples(data: Path, annotations: Path) -> tuple[list[dict[str, float]], list[int], list[str]]:
    """Features, labels (1 nowadays) and document keys of the recorded choices with a gold reading."""
    from .. import nlp
    from ..options import Options
    from ..pipeline import prepare
    from ..records import RawArticle, Source
    from ..when import extract

    docs = tuning_sets(data, annotations)
    options = Options(language="fr")
    works = [prepare(RawArticle(id=k, source=Source(), text=t, published=p), options) for k, (t, p, _) in docs.items()]
    model = nlp.load("fr", options.models["fr"])
    feats, labels, groups = [], [], []
    for work, doc in zip(works, nlp.parse(model, [w.text for w in works])):
        text, published, gold = docs[work.id]
        recorded: list = []
        extract(work.text, "fr", published, doc, readings=recorded)
        by_span = {(s, e): f for s, e, f in recorded}  # a choice made again in a later pass: the last
        items = [{"start": s, "end": e, "text": work.text[s:e], "f": f} for (s, e), f in sorted(by_span.items())]
        for s, e, x in locate(work.text, text, items):
            g = next((g for g in gold if (g["start"], g["end"]) == (s, e)), None)
            if g is None:
                continue
            value = str(g["value"])
            if value == "PRESENT_REF" or value[:1].isdigit():
                feats.append(x["f"])
                labels.append(int(value == "PRESENT_REF"))
                groups.append(work.id)
    return feats, labels, groups


def _oof_accuracy(x, y, folds, c: float, seed: int) -> tuple[float, "Any"]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
    p = cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1]
    return float(((p >= 0.5) == (y == 1)).mean()), p


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    feats, labels, groups = examples(data, annotations)
    counts = Counter(k for f in feats for k, v in f.items() if v)
    rule = np.array([f["rule"] for f in feats]) >= 0.5
    feats = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in feats]
    y = np.array(labels)
    vec = DictVectorizer(sparse=False, sort=True)
    x = vec.fit_transform(feats)
    figures: dict[str, Any] = {
        "examples": int(len(y)), "nowadays": int(y.sum()), "day": int(len(y) - y.sum()),
        "documents": len(set(groups)), "rule_accuracy": round(float((rule == (y == 1)).mean()), 4),
        "majority_accuracy": round(float(max(y.mean(), 1 - y.mean())), 4)}
    best = None
    for fold_name, splitter in (("5 folds", GroupKFold(FOLDS)), ("one document out", LeaveOneGroupOut())):
        folds = list(splitter.split(x, y, groups))
        accs = []
        for c in CS:
            acc, p = _oof_accuracy(x, y, folds, c, seed)
            accs.append(round(acc, 4))
            if fold_name == "5 folds" and (best is None or acc > best[0] + 1e-9):
                best = (acc, c, p)
        figures[f"oof_accuracy by C {list(CS)} ({fold_name})"] = accs
    acc, c, oof = best
    right = (oof >= 0.5) == (y == 1)
    figures.update({"C (best, 5 folds)": c, "oof_right_rule_wrong": int(right[rule != (y == 1)].sum()),
                    "oof_wrong_rule_right": int((~right)[rule == (y == 1)].sum())})
    clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(names[j]): round(float(w), 6) for j, w in enumerate(clf.coef_[0]) if w != 0.0}
    doc = {"kind": "time-readings", "choice": "aujourd'hui: nowadays (PRESENT_REF) or the day",
           "languages": ["fr"], "trained": dt.date.today().isoformat(), "seed": seed, "threshold": 0.5,
           "bias": round(float(clf.intercept_[0]), 6), "figures": figures, "weights": dict(sorted(weights.items()))}
    if out is None:
        figures["written"] = "nothing (a study: the check did not move; docs/when.md)"
        return figures
    write_model(out, doc)
    figures["written"] = str(out)
    return figures
