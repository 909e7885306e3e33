"""A study of participant choice: could a learned choice among the actor mentions of a trigger's
sentence code events better than the rules of ``what.participants``? (``veille train participants``)

Every tuning article (events-fr, events-fr-extra, veille's own events-fr-more) is analysed with
the candidates recorded (``what.extract.recording``). For each candidate that made one event kept
in the output, the options are the countries of the rules' source and target, of each actor
mention of the sentence (``participants.sentence_mentions``), and for the target also no country
and the source's own country. Reported:

- the ceiling: of the gold events, how many have their type among the output's candidates, and
  how many of those have their source, and their source and target, countries among the options;
- the oracle: the tuple F1 when each such candidate takes a gold pair of its type its options hold;
- per way the rules found a source or a target (its relation to the trigger, in its clause or
  not; or supplied), how often its country is right, on all articles and on those naming two
  countries or more;
- the rules' tuple F1, and, out of fold (five folds grouped by article), the tuple F1 when a
  logistic regression over the options' features (the rules' choice among them) replaces the
  rules' country when it scores an option above the rules' own by more than a margin.

This study writes no weights: out of fold the learned choice does not beat the rules
(docs/what.md, "Participants: a learned choice, measured"). Figures are pooled over the sets.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from .. import pipeline
from ..options import Options
from ..what.extract import RECORDED, recording
from .data import Doc, prepared, tuning_docs

log = logging.getLogger(__name__)

SHARED = ("events-fr", "events-fr-extra")
OWN = ("events-fr-more",)
FOLDS = 5
CS = (0.1, 0.3, 1.0)
MARGINS = (0.0, 0.1, 0.2, 0.3)


def _tuple(e: dict) -> tuple:
    return (e.get("type"), (e.get("source") or {}).get("country"), (e.get("target") or {}).get("country"))


def analysed(docs: list[Doc], batch: int = 8) -> list[dict]:
    """Per article: its gold tuples, its output tuples with their trigger offsets, and the
    recorded candidates that made exactly one event of the output."""
    options = Options(language="fr")
    out = []
    for k in range(0, len(docs), batch):
        part = docs[k:k + batch]
        works = prepared(part, options)
        with recording():
            pipeline.annotate(works, options)
        for d, w in zip(part, works):
            events = [e.to_dict() for e in w.events]
            starts = {(e.get("trigger") or {}).get("start") for e in events}
            cands = [c for c in w.scratch.get(RECORDED, []) if c["start"] in starts and len(c["tuples"]) == 1]
            out.append({"doc": f"{d.set}/{d.id}", "gold": {_tuple(g) for g in d.gold},
                        "events": [(_tuple(e), (e.get("trigger") or {}).get("start")) for e in events], "cands": cands})
        log.info("participants: %d/%d articles analysed", min(k + batch, len(docs)), len(docs))
    return out


def options(c: dict, role: str, source: str | None = None) -> list[tuple[str | None, dict]]:
    """The options of a candidate for its source (``role`` "source") or target, with features."""
    rule = c["tuples"][0][1] if role == "source" else c["tuples"][0][2]
    by = defaultdict(list)
    for m in c["mentions"]:
        by[m["country"]].append(m)
    countries = set(by) | {rule}
    if role == "target":
        countries |= {None, source}
    ctx = [f"trigger={c['trigger_pos']}", f"type={c['type']}", *(f"flag={x}" for x in c["flags"])]
    out = []
    for country in sorted(countries, key=lambda x: x or ""):
        ms = by.get(country, [])
        f = {"bias": 1.0, "rule": float(country == rule), "mentions": min(len(ms), 4) / 4}
        f.update({k: 1.0 for k, on in (("none", country is None), ("main", country is not None and country == c["main"]),
                                       ("own", role == "target" and country == source), ("unmentioned", not ms)) if on})
        for m in ms:
            f[f"relation={m['relation']}"] = f[f"relation={m['relation']}|{c['trigger_pos']}"] = 1.0
            f["side=" + ("left" if m["offset"] < 0 else "right")] = f[f"kind={m['kind']}"] = 1.0
            for k in ("same_clause", "entity", "speaker", "source", "target"):
                if m[k]:
                    f[k] = 1.0
        if ms:
            near = min(ms, key=lambda m: (m["tree"], abs(m["offset"])))
            f["tree"] = near["tree"] / 9
            f["near=" + near["relation"]] = 1.0
            span = abs(near["offset"])
            f["tokens=" + ("0-3" if span <= 3 else "4-8" if span <= 8 else "9-15" if span <= 15 else "16+")] = 1.0
        if country == rule:
            f.update({f"rule*{k}": 1.0 for k in ctx})
        out.append((country, f))
    return out


def _f1(items: list[dict], changed: dict[tuple[int, int], tuple]) -> float:
    ns = ng = tp = 0
    for i, it in enumerate(items):
        S = {changed.get((i, start), t) for t, start in it["events"]}
        ns, ng, tp = ns + len(S), ng + len(it["gold"]), tp + len(S & it["gold"])
    p, r = (tp / ns if ns else 0.0), (tp / ng if ng else 0.0)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def ceiling(items: list[dict]) -> dict[str, Any]:
    n = typed = src = both = 0
    oracle = {}
    for i, it in enumerate(items):
        for g in it["gold"]:
            n += 1
            same = [c for c in it["cands"] if c["type"] == g[0]]
            typed += bool(same)
            ok_s = ok_b = False
            for c in same:
                so = {x for x, _ in options(c, "source")}
                ok_s |= g[1] in so
                if g[1] in so and g[2] in {x for x, _ in options(c, "target", g[1])}:
                    ok_b = True
            src, both = src + ok_s, both + ok_b
        for c in it["cands"]:
            pairs = sorted({(g[1] or "", g[2] or "") for g in it["gold"] if g[0] == c["type"]})
            if not pairs or tuple(c["tuples"][0][1:]) in {(s or None, t or None) for s, t in pairs}:
                continue
            so = {x for x, _ in options(c, "source")}
            for s, t in ((s or None, t or None) for s, t in pairs):
                if s in so and t in {x for x, _ in options(c, "target", s)}:
                    oracle[(i, c["start"])] = (c["type"], s, t)
                    break
    return {"gold events": n, "gold type among the output's candidates": typed,
            "gold source country among the options": src, "gold source and target countries among the options": both,
            "candidates (one event each)": sum(len(it["cands"]) for it in items),
            "oracle changes": len(oracle), "oracle tuple F1": _f1(items, oracle)}


def origin(c: dict, role: str) -> str:
    """How the rules found a candidate's source or target: the relation of its mention to the
    trigger (in the trigger's clause or another), or, with no mention of the sentence, how it was
    supplied (the actor under discussion, the quotation's speaker, the own country, none)."""
    hit = next((m for m in c["mentions"] if m[role]), None)
    if hit is not None:
        rel = hit["relation"]
        rel = rel if rel in ("nsubj", "obj", "nsubj:pass", "other") or rel.startswith("obl:agent") else rel.split(":")[0]
        return f"{rel}, {'same clause' if hit['same_clause'] else 'another clause'}"
    flags = set(c["flags"])
    value = c["tuples"][0][1 if role == "source" else 2]
    for flag in ("implicit", "supplied", "domestic", "speaker", "placed"):
        if flag in flags:
            return f"no mention: {flag}"
    return "no mention: none" if value is None else "no mention: other"


def accuracy(items: list[dict], several: bool) -> dict[str, str]:
    """Per origin of the rules' source and target, how often its country is one of the gold's for
    the candidate's type (candidates of a type the gold article has); ``several``: only the
    articles whose gold names two countries or more."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for it in items:
        if several and len({x for g in it["gold"] for x in g[1:] if x}) < 2:
            continue
        for c in it["cands"]:
            pairs = {(g[1], g[2]) for g in it["gold"] if g[0] == c["type"]}
            if not pairs:
                continue
            _, s, t = c["tuples"][0]
            for role, value, right in (("source", s, {p[0] for p in pairs}),
                                       ("target", t, {p[1] for p in pairs if p[0] == s} or {p[1] for p in pairs})):
                k = f"{role} {origin(c, role)}"
                counts[k][0] += 1
                counts[k][1] += value in right
    scope = "articles of 2+ countries" if several else "all articles"
    return {f"right country, {scope}: {k}": f"{ok} / {n}" for k, (n, ok) in sorted(counts.items(), key=lambda x: -x[1][0])
            if n >= 10}


def learned(items: list[dict], seed: int) -> dict[str, Any]:
    """Out-of-fold tuple F1 of the learned choice, source and target each alone, per C and margin."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    figures: dict[str, Any] = {}
    for role in ("source", "target"):
        X, y, groups, where = [], [], [], []
        for i, it in enumerate(items):
            for c in it["cands"]:
                pairs = {(g[1], g[2]) for g in it["gold"] if g[0] == c["type"]}
                if not pairs:
                    continue  # no gold event of its type: nothing to learn about its participants
                rule_src = c["tuples"][0][1]
                right = {p[0] for p in pairs} if role == "source" else \
                    {p[1] for p in pairs if p[0] == rule_src} or {p[1] for p in pairs}
                for country, f in options(c, role, rule_src):
                    X.append(f)
                    y.append(int(country in right))
                    groups.append(i)
                    where.append((i, c, country))
        M = DictVectorizer().fit_transform(X)
        y_, g_ = np.array(y), np.array(groups)
        for C in CS:
            p = np.zeros(len(y_))
            for tr, te in GroupKFold(FOLDS).split(M, y_, g_):
                model = LogisticRegression(C=C, max_iter=3000, random_state=seed).fit(M[tr], y_[tr])
                p[te] = model.predict_proba(M[te])[:, 1]
            per = defaultdict(list)
            for (i, c, country), pi, f in zip(where, p, X):
                per[(i, id(c))].append((pi, country, f["rule"], c))
            for margin in MARGINS:
                changed = {}
                for (i, _), opts in per.items():
                    rule_p = max((pi for pi, _, r, _ in opts if r), default=0.0)
                    pi, country, _, c = max(opts, key=lambda x: x[0])
                    if pi > rule_p + margin:
                        t = c["tuples"][0]
                        changed[(i, c["start"])] = (t[0], country, t[2]) if role == "source" else (t[0], t[1], country)
                figures[f"{role} C={C} margin={margin}: changes / tuple F1"] = f"{len(changed)} / {_f1(items, changed):.4f}"
    return figures


def run(data: Path, annotations: Path, out: Path | None, seed: int) -> dict[str, Any]:
    items = analysed(tuning_docs(data, annotations, SHARED, OWN, "events"))
    figures: dict[str, Any] = {"articles": len(items), "rules tuple F1": _f1(items, {})}
    figures.update(ceiling(items))
    figures.update(accuracy(items, several=False))
    figures.update(accuracy(items, several=True))
    figures.update(learned(items, seed))
    figures["written"] = "nothing (a study: no weights are shipped)"
    return figures
