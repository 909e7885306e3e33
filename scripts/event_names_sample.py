#!/usr/bin/env python3
"""What a names-aware list would show: the events of a knowledge base scored by the head of
``scripts/confidence_curve.py --names``, and N of them drawn at random to read (a study: the lists
of ``veille events`` read the stored confidence, not this head).

    python scripts/confidence_curve.py --out /tmp/confidence.jsonl --names          # the tuning sets' events
    python scripts/event_names_sample.py --curve /tmp/confidence.jsonl --db kb.db --threshold 0.2 --seed 2030

The head (the confidence times the probability that the names are right when the tuple is, C 0.1,
fitted on the events right by tuple of the four tuning sets' saved rows) is applied to every event
of the base, each article analysed again with this code (the events must be those stored: an event
whose type or trigger differs is counted as missing). Prints how many events the confidence's
default and the head's threshold list, which events of the confidence's own draw (same seed) the
head keeps, and the head's draw. The check set is never read.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("confidence_curve", HERE / "confidence_curve.py")
curve = importlib.util.module_from_spec(_spec)
sys.modules["confidence_curve"] = curve
_spec.loader.exec_module(curve)  # type: ignore[union-attr]


def head(rows: list[dict], c: float, seed: int):
    """The names head fitted on every saved tuning event right by tuple: ``(vectorizer, model)``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    right = [e for e in curve.labelled(rows) if e["tuple_right"] and e.get("name_features") is not None]
    vec = DictVectorizer()
    X = vec.fit_transform([curve._names_row(e) for e in right])
    return vec, LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(
        X, [int(e["fully_right_article"]) for e in right])


def scored_base(db: str, vec, model) -> list[dict]:
    """Every event of the base (near-duplicates left out, as the lists do) with ``head``."""
    from veille import pipeline
    from veille.options import Options
    from veille.store import open_store, queries
    from veille.train.data import Doc, prepared
    from veille.what import naming, referents, scorer
    from veille.what.lexicon import load
    with open_store(db) as kb:
        listed: list[dict] = []
        while True:
            batch = queries.events(kb, limit=1000, offset=len(listed), order="oldest", min_confidence=0)
            listed.extend(batch)
            if len(batch) < 1000:
                break
    arts = sorted({e["article"] for e in listed})
    con = sqlite3.connect(db)
    info = {r[0]: r[1:] for r in con.execute(
        f"SELECT id, title, published, text FROM articles WHERE id IN ({','.join(map(str, arts))})")}
    lex, options, score = load("fr"), Options(language="fr"), {}
    for k in range(0, len(arts), 8):
        part = arts[k:k + 8]
        works = prepared([Doc("base", str(a), info[a][2], info[a][0], info[a][1], []) for a in part], options)
        pipeline.annotate(works, options)
        for a, w in zip(part, works):
            done = naming.as_scored(w)
            for i, (e, f, g) in enumerate(zip(w.events, scorer.features(w, done, lex), referents.features(w, done, lex))):
                p = float(model.predict_proba(vec.transform([{**f, **g}]))[0, 1])
                score[(a, i)] = (p * (e.confidence or 0.0), e.type, e.trigger.text if e.trigger else "")
        print(f"{min(k + 8, len(arts))}/{len(arts)} articles", file=sys.stderr, flush=True)
    out = []
    for e in listed:
        s = score.get((e["article"], e["ord"]))
        if s is not None and s[1] == e["type"] and s[2] == (e["trigger"] or ""):
            out.append(dict(e, head=s[0]))
    print(f"{len(out)} of {len(listed)} stored events found again")
    return out


def show(k: int, e: dict) -> str:
    def side(name, iso):
        return f"{name or '-'} ({iso or '?'})"
    return (f"{k:2d}. [{e['article']}] {e['title']}\n    {e['evidence']}\n"
            f"    {e['type']}{'/' + e['mode'] if e['mode'] else ''} {e['factuality']} {e['date'] or '-'}: "
            f"{side(e['source'], e['source_country'])} -> {side(e['target'], e['target_country'])}"
            f"  trigger «{e['trigger'] or ''}»  confidence {e['confidence']:.2f}, head {e['head']:.2f}\n")


def main() -> int:
    from veille.store import filters
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--curve", type=Path, required=True, help="the events saved by confidence_curve.py --names")
    ap.add_argument("--db", required=True)
    ap.add_argument("--threshold", type=float, default=0.2, help="the head's listing threshold")
    ap.add_argument("--c", type=float, default=0.1)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2030)
    args = ap.parse_args()
    vec, model = head([json.loads(line) for line in args.curve.open(encoding="utf-8")], args.c, 0)
    events = scored_base(args.db, vec, model)
    default = [e for e in events if e["confidence"] is None or e["confidence"] >= filters.MIN_CONFIDENCE]
    listed = [e for e in events if e["head"] >= args.threshold]
    print(f"listed at the confidence's default {filters.MIN_CONFIDENCE:g}: {len(default)}; "
          f"by the head at {args.threshold:g}: {len(listed)}")
    drawn = random.Random(args.seed).sample(default, min(args.n, len(default)))
    kept = [k for k, e in enumerate(drawn, 1) if e["head"] >= args.threshold]
    print(f"of the {len(drawn)} events the default list draws with seed {args.seed} "
          f"(scripts/sample_events.py), the head lists: {kept}\n")
    for k, e in enumerate(random.Random(args.seed).sample(listed, min(args.n, len(listed))), 1):
        print(show(k, e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
