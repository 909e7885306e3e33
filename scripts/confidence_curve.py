#!/usr/bin/env python3
"""How precise the events a list shows are, by the confidence threshold: out of fold, tuning sets only.

    python scripts/confidence_curve.py --out /tmp/confidence.jsonl          # analyse (about 8 min), then the curve
    python scripts/confidence_curve.py --out /tmp/confidence.jsonl --reuse  # the curve from the saved events

Every article of the tuning sets is analysed as an unseen article would be: the articles the event
scorer learns from (events-fr, events-fr-extra, events-fr-more) with detector and scorer weights
fitted without them (the folds of ``veille train events``, fold seed 0), the articles of
``annotations/events-fr-unseen`` (in no training set) with the shipped weights. Each event gets the
confidence the analysis would give it (the keep decisions of the shipped model, then the
political-news factor) and two labels read from the article's gold:

- tuple right: its (type, source country, target country) is one of the gold's (``score_dev.py``);
- fully right: a gold event of the same type whose evidence overlaps the event's sentence has a
  source and a target (or none) whose names match the event's (accents, case and articles folded;
  one name inside the other) and the same countries.

Printed per threshold: the share of events kept, the precision of each label over the events kept
(what a user reading a list sees), and the scorer's set-level tuple P / R / F1. The check set is
never read.
"""
from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(0, 19))


def fold_name(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^(?:l'|le |la |les |m\. |mme )", "", s.strip())
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def same_actor(name: str | None, country: str | None, gold: dict | None) -> bool:
    if gold is None or not gold.get("name"):
        return not name
    if not name or (country or None) != (gold.get("country") or None):
        return False
    a, b = fold_name(name), fold_name(gold["name"])
    return bool(a) and bool(b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def about(work, actor) -> dict | None:
    """What kind of mention a participant is, for reading its name against the gold's: the
    entity's type, sector, name and name mentions (``scripts/event_name_errors.py``)."""
    if actor is None:
        return None
    e = work.entity(actor.entity) if actor.entity else None
    out = {"sector": actor.sector, "entity_type": e.type if e is not None else None}
    if e is not None:
        out["entity_name"] = e.name
        out["mentions"] = sorted({m.text for m in e.mentions if m.kind != "pronoun"})
    return out


def analyse(out: Path, data: Path, annotations: Path, seed: int) -> None:
    import contextlib

    from veille import pipeline
    from veille.options import Options
    from veille.train import detector as dtrain
    from veille.train import events as tev
    from veille.train.data import prepared, tuning_docs
    from veille.what import detector, naming, political, referents, scorer
    from veille.what.lexicon import load as load_lexicon

    lex = load_lexicon("fr")
    options = Options(language="fr")
    shipped = scorer.load()
    pol = political.load()
    train_docs = tuning_docs(data, annotations, tev.SHARED, tev.OWN, "events")
    open_docs = tuning_docs(data, annotations, (), ("events-fr-unseen",), "events")
    folded = tev._detector_folds(train_docs, lex, seed)
    fold_of = folded[0] if folded else tev.folds([{"doc": f"{d.set}/{d.id}"} for d in train_docs], seed)

    rows: list[dict] = []

    def run(docs, fold: int | None) -> None:
        for k in range(0, len(docs), 8):
            part = docs[k:k + 8]
            works = prepared(part, options)
            using = detector.using(folded[1][fold]) if (folded and fold is not None) else contextlib.nullcontext()
            with scorer.keeping_all(), using:
                pipeline.annotate(works, options)
            for d, w in zip(part, works):
                events = list(w.events)
                scored = naming.as_scored(w)
                feats = scorer.features(w, scored, lex, None)
                names = referents.features(w, scored, lex)
                spans = [dtrain.evidence_offsets(w.text, g.get("evidence") or "") for g in d.gold]
                p_pol = political.probability(pol, w.text) if pol else 1.0
                for e, f, nf in zip(events, feats, names):
                    rows.append({"set": d.set, "doc": f"{d.set}/{d.id}", "fold": fold, "features": f,
                                 "name_features": nf,
                                 "tuple": [e.type, e.source.country, e.target.country if e.target else None],
                                 "source": e.source.name, "target": e.target.name if e.target else None,
                                 "source_about": about(w, e.source), "target_about": about(w, e.target),
                                 "evidence": [e.evidence.start, e.evidence.end], "text": e.evidence.text[:200],
                                 "factuality": e.factuality, "political": p_pol,
                                 "gold_tuples": sorted({json.dumps(list(tev._tuple(g))) for g in d.gold}),
                                 "gold_here": [g for g, s in zip(d.gold, spans)
                                               if s and s[0] < e.evidence.end and e.evidence.start < s[1]],
                                 "gold_same_type": [g for g in d.gold if g.get("type") == e.type],
                                 "n_gold": len({tev._tuple(g) for g in d.gold})})
                if not events:
                    rows.append({"set": d.set, "doc": f"{d.set}/{d.id}", "fold": fold, "empty": True,
                                 "n_gold": len({tev._tuple(g) for g in d.gold})})
            print(f"{len(rows)} events; {d.set} {k + len(part)}/{len(docs)}", flush=True)

    for fold in range(tev.FOLDS):
        run([d for d in train_docs if fold_of[f"{d.set}/{d.id}"] == fold], fold)
    run(open_docs, None)
    # the scorer's weights: fitted without the fold's articles (training sets), shipped (unseen)
    items = defaultdict(list)
    for r in rows:
        if not r.get("empty") and r["fold"] is not None:
            items[r["doc"]].append(r)
    models = {}
    for fold in range(tev.FOLDS):
        train = [{"doc": doc, "set": evs[0]["set"],
                  "events": [{"features": e["features"], "vector": None,
                              "label": json.dumps(e["tuple"]) in e["gold_tuples"]} for e in evs]}
                 for doc, evs in items.items() if evs[0]["fold"] != fold]
        models[fold] = tev.fit(train, float(shipped["C"]), 0, seed)
    least = float(shipped.get("threshold") or 0.0)
    proposal = float(shipped.get("proposal_threshold", 1.01))
    detected = float(shipped.get("detector_threshold", 1.01))
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            if not r.get("empty"):
                model = models[r["fold"]] if r["fold"] is not None else shipped
                p = scorer.probability(model, r["features"])
                r["kept"] = tev._kept({"features": r["features"]}, p, least, proposal, detected)
                r["confidence"] = p * (political.factor(pol, r["political"]) if pol else 1.0)
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def labelled(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        if r.get("empty") or not r["kept"]:
            continue
        t = r["tuple"]
        r["tuple_right"] = json.dumps(t) in r["gold_tuples"]
        r["fully_right"] = any(g.get("type") == t[0] and same_actor(r["source"], t[1], g.get("source"))
                               and same_actor(r["target"], t[2], g.get("target")) for g in r["gold_here"])
        # the gold codes an event once, at its clearest mention: the same event told again elsewhere
        r["fully_right_article"] = any(same_actor(r["source"], t[1], g.get("source"))
                                       and same_actor(r["target"], t[2], g.get("target"))
                                       for g in r.get("gold_same_type", ()))
        out.append(r)
    return out


def curve(rows: list[dict], events: list[dict], sets: set[str]) -> list[dict]:
    docs = {r["doc"]: r["n_gold"] for r in rows if r["set"] in sets}
    evs = [e for e in events if e["set"] in sets]
    out = []
    for t in THRESHOLDS:
        kept = [e for e in evs if e["confidence"] >= t]
        S = defaultdict(set)
        for e in kept:
            S[e["doc"]].add(json.dumps(e["tuple"]))
        gold = {e["doc"]: set(e["gold_tuples"]) for e in evs}
        ns = sum(len(s) for s in S.values())
        tp = sum(len(s & gold.get(d, set())) for d, s in S.items())
        ng = sum(docs.values())
        p, rc = (tp / ns if ns else 0.0), (tp / ng if ng else 0.0)
        out.append({"threshold": t, "kept": len(kept), "share": len(kept) / max(1, len(evs)),
                    "tuple_precision_events": sum(e["tuple_right"] for e in kept) / max(1, len(kept)),
                    "fully_right_precision": sum(e["fully_right"] for e in kept) / max(1, len(kept)),
                    "fully_right_article": sum(e["fully_right_article"] for e in kept) / max(1, len(kept)),
                    "tuple_p": p, "tuple_r": rc, "tuple_f1": 2 * p * rc / (p + rc) if p + rc else 0.0})
    return out


def reliability(events: list[dict], sets: set[str], width: float = 0.1) -> list[tuple[float, int, float, float, float]]:
    """Per bin of confidence: (bin start, events, mean confidence, share tuple right, share fully
    right in the article): the confidence is calibrated for its label when the first two agree."""
    bins: dict[int, list[dict]] = defaultdict(list)
    for e in events:
        if e["set"] in sets:
            bins[min(int(e["confidence"] / width), int(round(1 / width)) - 1)].append(e)
    return [(k * width, len(xs), sum(e["confidence"] for e in xs) / len(xs),
             sum(e["tuple_right"] for e in xs) / len(xs), sum(e["fully_right_article"] for e in xs) / len(xs))
            for k, xs in sorted(bins.items())]


def lowest_reaching(points: list[dict], precision: float, key: str = "tuple_precision_events") -> float | None:
    """The lowest threshold of a curve at which ``key`` reaches ``precision`` (the lists' default,
    ``resources/common/lists.toml``), or None when no threshold does."""
    return next((c["threshold"] for c in points if c[key] >= precision), None)


NAMES_CS = (0.03, 0.1, 0.3)
NAMES_THRESHOLDS = tuple(round(0.025 * k, 3) for k in range(0, 25))


def _names_row(e: dict) -> dict[str, float]:
    return {**e["features"], **(e.get("name_features") or {})}


def names_head(events: list[dict], seed: int, c: float, product: bool) -> dict[int, float]:
    """A second head on the fully-right label, out of fold: per event (``id``), its probability.

    Features: the scorer's and how the participants are named (``veille.what.referents``). The
    training three are scored by heads fitted without their fold (the folds the curve's events were
    analysed in, ``fold``), events-fr-unseen by a head fitted on the three. ``product``: the head
    learns, on the events right by tuple only, whether the names are right too, and the event's
    probability is its confidence times that (type and countries, then names); else the head learns
    the fully-right label directly on every event."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    def fit(train: list[dict]):
        if product:
            train = [e for e in train if e["tuple_right"]]
        vec = DictVectorizer()
        X = vec.fit_transform([_names_row(e) for e in train])
        return vec, LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(
            X, [int(e["fully_right_article"]) for e in train])

    out: dict[int, float] = {}
    three = [e for e in events if e["fold"] is not None]
    for fold in [*sorted({e["fold"] for e in three}), None]:
        vec, model = fit([e for e in three if e["fold"] != fold] if fold is not None else three)
        scored = [e for e in events if e["fold"] == fold]
        if not scored:
            continue
        for e, p in zip(scored, model.predict_proba(vec.transform([_names_row(e) for e in scored]))[:, 1]):
            out[id(e)] = float(p) * (e["confidence"] if product else 1.0)
    return out


def _auc(scores: list[float], labels: list[bool]) -> float:
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    rank = tied = 0.0
    k = 0
    while k < len(pairs):
        j = k
        while j < len(pairs) and pairs[j][0] == pairs[k][0]:
            j += 1
        mid = (k + j + 1) / 2
        rank += mid * sum(1 for _, y in pairs[k:j] if y)
        k = j
    return (rank - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else float("nan")


def names_report(events: list[dict], seed: int, precision: float) -> None:
    """The fully-right precision of the events a list would show, by a names-aware head against
    the confidence, out of fold, the four tuning sets pooled (``--names``)."""
    import math
    three = [e for e in events if e["fold"] is not None]
    conf = {id(e): e["confidence"] for e in events}
    heads = {}
    for product in (False, True):
        best = None
        for c in NAMES_CS:
            p = names_head(events, seed, c, product)
            ll = -sum(math.log(max(1e-9, p[id(e)] if e["fully_right_article"] else 1 - p[id(e)])) for e in three) / len(three)
            print(f"names head ({'confidence x names | tuple' if product else 'fully right directly'}) C={c}: "
                  f"out-of-fold log-loss (training three) {ll:.4f}, AUC fully right (all four) "
                  f"{_auc([p[id(e)] for e in events], [e['fully_right_article'] for e in events]):.3f}")
            if best is None or ll < best[0]:
                best = (ll, c, p)
        heads["product" if product else "direct"] = best
    full = [e["fully_right_article"] for e in events]
    tup = [e["tuple_right"] for e in events]
    print(f"confidence: AUC fully right {_auc([conf[id(e)] for e in events], full):.3f}, tuple right "
          f"{_auc([conf[id(e)] for e in events], tup):.3f}")
    for name, (ll, c, p) in heads.items():
        print(f"\nnames head '{name}' (C={c}, chosen by out-of-fold log-loss): AUC fully right "
              f"{_auc([p[id(e)] for e in events], full):.3f}, tuple right {_auc([p[id(e)] for e in events], tup):.3f}")
        print("  threshold  events (share)  listed by the head: fully right / tuple right   "
              "the same number by the confidence: fully right / tuple right")
        by_conf = sorted(events, key=lambda e: -conf[id(e)])
        lowest = None
        for t in NAMES_THRESHOLDS:
            kept = [e for e in events if p[id(e)] >= t]
            if not kept:
                break
            n = len(kept)
            same = by_conf[:n]
            fr, tr = sum(e["fully_right_article"] for e in kept) / n, sum(e["tuple_right"] for e in kept) / n
            if lowest is None and tr >= precision:
                lowest = t
            print(f"  {t:.3f}  {n:5d} ({n / len(events):.3f})  {fr:.3f} / {tr:.3f}   "
                  f"{sum(e['fully_right_article'] for e in same) / n:.3f} / {sum(e['tuple_right'] for e in same) / n:.3f}")
        print(f"  lowest threshold whose listed events are at least {precision:.2f} tuple right: {lowest}")
        print("  calibration, per bin of the head's probability: events, mean, share fully right")
        bins: dict[int, list[dict]] = defaultdict(list)
        for e in events:
            bins[min(int(p[id(e)] / 0.1), 9)].append(e)
        for k, xs in sorted(bins.items()):
            print(f"    [{k / 10:.1f}, {k / 10 + 0.1:.1f})  {len(xs):5d}  {sum(p[id(e)] for e in xs) / len(xs):.3f}  "
                  f"{sum(e['fully_right_article'] for e in xs) / len(xs):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    ap.add_argument("--out", type=Path, required=True, help="the events with their confidence and labels (JSONL)")
    ap.add_argument("--reuse", action="store_true", help="read --out instead of analysing again")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--names", action="store_true",
                    help="also fit a names-aware head on the fully-right label, out of fold, and print its curve")
    ap.add_argument("--precision", type=float, default=0.70,
                    help="the event-level tuple precision the lists' default must reach (default 0.70)")
    args = ap.parse_args()
    if not args.reuse:
        analyse(args.out, args.data, args.annotations, args.seed)
    rows = [json.loads(line) for line in args.out.open(encoding="utf-8")]
    events = labelled(rows)
    groups = {"all four": {"events-fr", "events-fr-extra", "events-fr-more", "events-fr-unseen"},
              "training three (out of fold)": {"events-fr", "events-fr-extra", "events-fr-more"},
              "events-fr-unseen (shipped weights)": {"events-fr-unseen"}}
    for name, sets in groups.items():
        points = curve(rows, events, sets)
        print(f"\n{name}: lowest threshold with tuple precision over events >= {args.precision:.2f}: "
              f"{lowest_reaching(points, args.precision)}; with fully right (the article) >= 0.6: "
              f"{lowest_reaching(points, 0.6, 'fully_right_article')}")
        print(f"{name}: threshold, events kept (share), precision over events: tuple / fully right "
              "(same sentence) / fully right (the article), tuple P / R / F1 (sets)")
        for c in points:
            print(f"  {c['threshold']:.2f}  {c['kept']:5d} ({c['share']:.3f})  {c['tuple_precision_events']:.3f} / "
                  f"{c['fully_right_precision']:.3f} / {c['fully_right_article']:.3f}   {c['tuple_p']:.3f} / {c['tuple_r']:.3f} / {c['tuple_f1']:.3f}")
        print(f"{name}: calibration, per bin of confidence: events, mean confidence, share tuple right, "
              "share fully right (the article)")
        for lo, n, mean, right, full in reliability(events, sets):
            print(f"  [{lo:.1f}, {lo + 0.1:.1f})  {n:5d}  {mean:.3f}  {right:.3f}  {full:.3f}")
    if args.names:
        print("\nall four: a names-aware head on the fully-right label (the article), out of fold")
        names_report([e for e in events if e.get("name_features") is not None], args.seed, args.precision)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
