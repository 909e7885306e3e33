#!/usr/bin/env python3
"""Events right in type whose target (or source) country is wrong, sorted by why: tuning sets only.

    python scripts/event_target_errors.py --out /tmp/targets.jsonl            # analyse (3-6 min), then the tables
    python scripts/event_target_errors.py --out /tmp/targets.jsonl --reuse    # the tables from the saved events
    python scripts/event_target_errors.py --out /tmp/targets.jsonl --reuse --show 5   # with examples

The four tuning sets (events-fr, events-fr-extra, annotations/events-fr-more and -unseen) are
analysed with the shipped weights, the event stage's candidates recorded (``extract.recording()``:
how the rules found each target). An event is studied when a gold event of its type has its
evidence in the event's sentence; among those, the gold event whose countries agree most with the
event's is its match. A side is wrong when its country differs from the match's (a null country
and a missing participant both count as null). Each wrong target goes in the first class whose
test it meets:

- gold null, ours a country: by where our country comes from, ``own_country`` (the source's own
  country, ``[options] own_country_target``), ``implicit`` (the actor under discussion for a
  directed event whose clause names none), ``supplied`` (the owner of an object naming no actor),
  ``place`` (a place named in the clause), ``entity_code`` (a named actor's own code),
  ``phrase`` (a country or demonym in the target's own words), ``main_country`` (the article's
  main country given to a phrase with none), ``source_country`` (a nominal target given its
  source's country), ``other``;
- gold a country, ours null: ``no_target`` (no participant found), ``target_no_country``;
- both, different: ``source_country_repeated`` (ours is the source's, the gold's another),
  ``place`` (a place taken as target), ``clause_actor`` (the gold's country is that of another
  actor of the sentence), ``main_country`` (ours is the article's main country, a fallback),
  ``elsewhere`` (the gold's country is named only elsewhere in the article).

Sources, shorter: ``null_for_country``, ``country_for_null``, and for two countries
``place``, ``clause_actor``, ``main_country``, ``elsewhere``. The check set is never read.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {"shared": ("events-fr", "events-fr-extra"), "own": ("events-fr-more", "events-fr-unseen")}
NULL_CLASSES = ("own_country", "implicit", "supplied", "place", "entity_code", "phrase", "main_country",
                "source_country", "other")
MISSING_CLASSES = ("no_target", "target_no_country")
OTHER_CLASSES = ("source_country_repeated", "place", "clause_actor", "main_country", "elsewhere")
SOURCE_CLASSES = ("null_for_country", "country_for_null", "place", "clause_actor", "main_country", "elsewhere")


def _about(work, coder, actor) -> dict | None:
    """What kind of participant an actor is and where its country can come from."""
    if actor is None:
        return None
    e = work.entity(actor.entity) if actor.entity else None
    return {"name": actor.name, "country": actor.country, "sector": actor.sector,
            "entity_type": e.type if e is not None else None,
            "entity_country": e.country if e is not None else None,
            "phrase_country": coder.country_of_text(actor.name)}


def analyse(out: Path, data: Path, annotations: Path, limit: int | None = None) -> None:
    from veille import pipeline
    from veille.options import Options
    from veille.train import detector as dtrain
    from veille.train.data import prepared, tuning_docs
    import importlib
    extract = importlib.import_module("veille.what.extract")
    from veille.what.actors import Coder
    from veille.what.lexicon import load as load_lexicon

    lex = load_lexicon("fr")
    options = Options(language="fr")
    docs = tuning_docs(data, annotations, SETS["shared"], SETS["own"], "events")[:limit]
    with out.open("w", encoding="utf-8") as f:
        for k in range(0, len(docs), 8):
            part = docs[k:k + 8]
            works = prepared(part, options)
            with extract.recording():
                pipeline.annotate(works, options)
            for d, w in zip(part, works):
                coder = Coder(w, lex)
                cands = {}
                for c in w.scratch.get(extract.RECORDED, ()):
                    cands.setdefault(c["start"], c)
                countries_named = sorted({x for e in w.entities for x in (e.country,) if x})
                spans = [dtrain.evidence_offsets(w.text, g.get("evidence") or "") for g in d.gold]
                for e in w.events:
                    t0 = e.trigger.start if e.trigger else e.evidence.start
                    sent = next((s for s in w.doc.sents if s.start_char <= t0 < s.end_char), None)
                    a, b = (sent.start_char, sent.end_char) if sent is not None else (e.evidence.start, e.evidence.end)
                    here = [g for g, s in zip(d.gold, spans) if s and s[0] < b and a < s[1] and g.get("type") == e.type]
                    c = cands.get(t0) or {}
                    f.write(json.dumps({
                        "set": d.set, "doc": f"{d.set}/{d.id}", "type": e.type, "text": e.evidence.text[:240],
                        "confidence": e.confidence,
                        "source": _about(w, coder, e.source), "target": _about(w, coder, e.target),
                        "flags": c.get("flags", []), "main": coder.default,
                        "sentence_countries": sorted({m["country"] for m in c.get("mentions", ()) if m.get("country")}),
                        "article_countries": countries_named,
                        "gold": [{"source": g.get("source"), "target": g.get("target")} for g in here],
                    }, ensure_ascii=False) + "\n")
            print(f"{d.set} {k + len(part)}/{len(docs)}", flush=True)


def _country(side: dict | None) -> str | None:
    return (side or {}).get("country") or None


def match(r: dict) -> dict | None:
    """The gold event of the event's type in its sentence whose countries agree most with its own."""
    if not r["gold"]:
        return None
    sc, tc = _country(r["source"]), _country(r["target"])
    return max(r["gold"], key=lambda g: ((_country(g["source"]) == sc) + (_country(g["target"]) == tc),
                                          _country(g["source"]) == sc))


def target_class(r: dict, g: dict) -> tuple[str, str] | None:
    """(group, class) of a wrong target country, or None when it is right."""
    ours, gold = _country(r["target"]), _country(g["target"])
    if ours == gold:
        return None
    t, flags, sc = r["target"], set(r["flags"]), _country(r["source"])
    if gold is None:
        if "domestic" in flags:
            why = "own_country"
        elif "implicit" in flags:
            why = "implicit"
        elif "supplied" in flags:
            why = "supplied"
        elif t.get("entity_type") == "LOC":
            why = "place"
        elif t.get("entity_country") == ours:
            why = "entity_code"
        elif t.get("phrase_country") == ours:
            why = "phrase"
        elif ours == r["main"]:
            why = "main_country"
        elif ours == sc:
            why = "source_country"
        else:
            why = "other"
        return "gold null, ours a country", why
    if ours is None:
        return "gold a country, ours null", "no_target" if t is None else "target_no_country"
    if ours == sc and gold != sc:
        why = "source_country_repeated"
    elif t.get("entity_type") == "LOC":
        why = "place"
    elif gold in r["sentence_countries"]:
        why = "clause_actor"
    elif ours == r["main"]:
        why = "main_country"
    else:
        why = "elsewhere"
    return "both, different", why


def source_class(r: dict, g: dict) -> str | None:
    ours, gold = _country(r["source"]), _country(g["source"])
    if ours == gold:
        return None
    if ours is None:
        return "null_for_country"
    if gold is None:
        return "country_for_null"
    if r["source"].get("entity_type") == "LOC":
        return "place"
    if gold in r["sentence_countries"]:
        return "clause_actor"
    if ours == r["main"]:
        return "main_country"
    return "elsewhere"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    ap.add_argument("--out", type=Path, required=True, help="the events with their matches (JSONL)")
    ap.add_argument("--reuse", action="store_true", help="read --out instead of analysing again")
    ap.add_argument("--show", type=int, default=0, help="examples to print per class")
    ap.add_argument("--limit", type=int, default=None, help="only the first articles (a quick try)")
    args = ap.parse_args()
    if not args.reuse:
        analyse(args.out, args.data, args.annotations, args.limit)
    rows = [json.loads(line) for line in args.out.open(encoding="utf-8")]
    studied = [(r, match(r)) for r in rows]
    studied = [(r, g) for r, g in studied if g is not None]
    sets = sorted({r["set"] for r in rows})
    tcount: dict[tuple, Counter] = defaultdict(Counter)
    scount: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple, list] = defaultdict(list)
    for r, g in studied:
        tc = target_class(r, g)
        if tc is not None:
            tcount[tc][r["set"]] += 1
            examples[tc].append((r, g))
        sc = source_class(r, g)
        if sc is not None:
            scount[sc][r["set"]] += 1
    right_t = sum(1 for r, g in studied if target_class(r, g) is None)
    right_s = sum(1 for r, g in studied if source_class(r, g) is None)
    print(f"{len(rows)} events on {len(sets)} tuning sets; {len(studied)} right in type with a gold event of "
          f"their type in their sentence; target country right {right_t}, source right {right_s}")
    print(f"\ntarget country wrong: group / class, total, per set ({' / '.join(sets)})")
    groups = (("gold null, ours a country", NULL_CLASSES), ("gold a country, ours null", MISSING_CLASSES),
              ("both, different", OTHER_CLASSES))
    for group, classes in groups:
        total = sum(sum(tcount[(group, c)].values()) for c in classes)
        print(f"  {group}: {total}")
        for c in classes:
            n = tcount[(group, c)]
            if n:
                print(f"    {c:24s} {sum(n.values()):4d}   {' / '.join(str(n[s]) for s in sets)}")
                for r, g in examples[(group, c)][:args.show]:
                    t = r["target"] or {}
                    print(f"        {r['doc']} {r['type']} {r['source']['name']} ({_country(r['source'])}) -> "
                          f"{t.get('name')} ({_country(t)}) flags {r['flags']}; gold "
                          f"{(g['source'] or {}).get('name')} ({_country(g['source'])}) -> "
                          f"{(g['target'] or {}).get('name')} ({_country(g['target'])}) | {r['text'][:140]!r}")
    print(f"\nsource country wrong: class, total, per set ({' / '.join(sets)})")
    for c in SOURCE_CLASSES:
        n = scount[c]
        if n:
            print(f"    {c:24s} {sum(n.values()):4d}   {' / '.join(str(n[s]) for s in sets)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
