#!/usr/bin/env python3
"""Events right in type and countries but wrong in names, sorted by why: tuning sets only.

    python scripts/confidence_curve.py --out /tmp/confidence.jsonl        # the events, out of fold
    python scripts/event_name_errors.py /tmp/confidence.jsonl             # the classes and their counts
    python scripts/event_name_errors.py /tmp/confidence.jsonl --show 8    # with examples of each

Reads the events ``scripts/confidence_curve.py`` saved (kept at the shipped thresholds, any
confidence) whose (type, source country, target country) is one of the article's gold tuples and
whose names match no gold event of that tuple (the script's "fully right (the article)" match).
Each such event is set against the gold event of its tuple with the fewest sides wrong, and each
wrong side is put in one class, by the first test it meets:

- ``none_vs_named``: one side names a participant, the other has none;
- ``entity_other_mention``: the gold name is another mention of the same entity (its fullest name);
- ``place_for_authority``: a place (a city, a country) where the gold names a court, the police, a
  government or a group that acts or is acted on there;
- ``authority_for_place``: the reverse, a body where the gold names the place (a metonym);
- ``extent``: the names share a word but neither holds the other (a title kept, a phrase too long
  or too short, another head);
- ``description_for_name``: a common-noun description where the gold names the person or body;
- ``name_for_description``: the reverse;
- ``org_for_member``: an organisation where the gold names a person, or the reverse;
- ``other_actor``: another named actor of the article.

The check set is never read.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("confidence_curve", HERE / "confidence_curve.py")
curve = importlib.util.module_from_spec(_spec)
sys.modules["confidence_curve"] = curve
_spec.loader.exec_module(curve)  # type: ignore[union-attr]

CLASSES = ("none_vs_named", "entity_other_mention", "place_for_authority", "authority_for_place", "extent",
           "description_for_name", "name_for_description", "org_for_member", "other_actor")
STATE_SECTORS = {"GOV", "JUD", "COP", "MIL", "LEG"}


def _proper(name: str) -> bool:
    """Whether a name is a proper name (its first content word capitalised)."""
    words = [w for w in name.replace("'", " ").split() if w.lower() not in {"l", "le", "la", "les", "d", "de", "du", "des"}]
    return bool(words) and words[0][:1].isupper()


def _is_place(about: dict | None, name: str, places: set[str]) -> bool:
    if about and about.get("entity_type") == "LOC":
        return True
    return curve.fold_name(name) in places


def classify(name: str | None, about: dict | None, gold: dict | None, places: set[str]) -> str:
    """The class of one wrong side: the system's ``name`` (and what kind of mention it is)
    against the gold side."""
    gname = (gold or {}).get("name")
    if not name or not gname:
        return "none_vs_named"
    a, b = curve.fold_name(name), curve.fold_name(gname)
    mentions = {curve.fold_name(m) for m in (about or {}).get("mentions", ())}
    if any(b == m or f" {b} " in f" {m} " or f" {m} " in f" {b} " for m in mentions if m):
        return "entity_other_mention"
    sys_place, gold_place = _is_place(about, name, places), b in places
    if sys_place and not gold_place:
        return "place_for_authority"
    if gold_place and not sys_place:
        return "authority_for_place"
    if set(a.split()) & set(b.split()) - {"de", "du", "des", "la", "le", "les", "d", "l", "et"}:
        return "extent"
    if not _proper(name) and _proper(gname):
        return "description_for_name"
    if _proper(name) and not _proper(gname):
        return "name_for_description"
    etype = (about or {}).get("entity_type")
    gold_person = len(gname.split()) >= 2 and all(w[:1].isupper() for w in gname.split()[:2])
    if etype == "ORG" and gold_person or etype == "PER" and not gold_person:
        return "org_for_member"
    return "other_actor"


def wrong_sides(r: dict, key: str = "gold_here") -> list[tuple[str, dict]]:
    """The gold event of the event's tuple with the fewest sides wrong, and those sides: among
    the gold events whose evidence overlaps the event's sentence (``gold_here``), or anywhere in
    the article (``gold_same_type``)."""
    t = r["tuple"]
    best = None
    for g in r.get(key, ()):
        gt = [g.get("type"), (g.get("source") or {}).get("country"), (g.get("target") or {}).get("country")]
        if [x or None for x in gt] != [x or None for x in t]:
            continue
        sides = [s for s, name, c in (("source", r["source"], t[1]), ("target", r["target"], t[2]))
                 if not curve.same_actor(name, c, g.get(s))]
        if best is None or len(sides) < len(best[0]):
            best = (sides, g)
    return [(s, best[1]) for s in best[0]] if best else []


def places_of(rows: list[dict]) -> set[str]:
    """Folded names of the places the analysis found (entities of type LOC), for the gold side."""
    out = set()
    for r in rows:
        for side in ("source_about", "target_about"):
            about = r.get(side) or {}
            if about.get("entity_type") == "LOC":
                out.update(curve.fold_name(m) for m in about.get("mentions", ()))
                out.add(curve.fold_name(about.get("entity_name") or ""))
    out.discard("")
    return out


GOLD = {"events-fr": "{data}/events-fr/gold.jsonl", "events-fr-extra": "{data}/events-fr-extra/gold.jsonl",
        "events-fr-more": "{annotations}/events-fr-more/gold.jsonl",
        "events-fr-unseen": "{annotations}/events-fr-unseen/gold.jsonl"}


def gold_counts(data: Path, annotations: Path, docs: set[str]) -> dict[str, int]:
    """Gold events per set, over the articles analysed (``docs``: "set/id")."""
    out: dict[str, int] = Counter()
    for name, path in GOLD.items():
        f = Path(path.format(data=data, annotations=annotations))
        if not f.exists():
            continue
        for line in f.open(encoding="utf-8"):
            g = json.loads(line)
            if f"{name}/{g['id']}" in docs:
                out[name] += len(g.get("events") or ())
    return out


def fully_right(events: list[dict], golds: dict[str, int], threshold: float) -> dict[str, tuple[int, int, float, float]]:
    """Per set (and "all"): events listed, fully right ones, fully-right precision over events, and
    fully-right recall: the share of gold events some listed event matches fully (the article)."""
    out = {}
    for name in (*GOLD, "all"):
        evs = [e for e in events if e["confidence"] >= threshold and (name == "all" or e["set"] == name)]
        right = [e for e in evs if e["fully_right_article"]]
        matched = set()
        for e in right:
            t = e["tuple"]
            for g in e.get("gold_same_type", ()):
                if curve.same_actor(e["source"], t[1], g.get("source")) and curve.same_actor(e["target"], t[2], g.get("target")):
                    matched.add((e["doc"], json.dumps(g, sort_keys=True)))
        n_gold = sum(golds.values()) if name == "all" else golds.get(name, 0)
        out[name] = (len(evs), len(right), len(right) / max(1, len(evs)), len(matched) / max(1, n_gold))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("events", type=Path, help="the JSONL file scripts/confidence_curve.py wrote (--out)")
    ap.add_argument("--show", type=int, default=0, help="examples to print per class")
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    ap.add_argument("--annotations", type=Path, default=HERE.parent / "annotations")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.events.open(encoding="utf-8")]
    golds = gold_counts(args.data, args.annotations, {r["doc"] for r in rows})
    every = curve.labelled(rows)
    for t in (0.0, 0.45):
        print(f"fully right at confidence >= {t:.2f} (events, fully right, precision, recall of gold events):")
        for name, (n, k, p, r) in fully_right(every, golds, t).items():
            print(f"  {name:18s} {n:5d} {k:4d}  {p:.3f}  {r:.3f}")
    events = [e for e in every if e["confidence"] >= args.min_confidence]
    places = places_of(events)
    counts: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    wrong = [e for e in events if e["tuple_right"] and not e["fully_right_article"]]
    per_event = Counter()
    elsewhere = Counter()
    for e in wrong:
        sides = wrong_sides(e)
        if not sides:
            # no gold event of its tuple is told in its sentence: another event of the article
            # shares its type and countries (the tuple is right by the article's countries)
            elsewhere[e["set"]] += 1
            continue
        per_event[len(sides)] += 1
        for side, g in sides:
            k = classify(e[side], e.get(f"{side}_about"), g.get(side), places)
            counts[k][e["set"]] += 1
            counts[k][side] += 1
            examples[k].append(f"{e['set']}/{e['doc'].split('/')[-1]} {e['tuple'][0]} {side}: "
                               f"{e[side]!r} ({(e.get(side + '_about') or {}).get('entity_type')}) "
                               f"gold {(g.get(side) or {}).get('name')!r} | {e['text'][:90]}")
    n_right = sum(e["tuple_right"] for e in events)
    print(f"{len(events)} events kept, {n_right} tuple right, {len(wrong)} of them wrong in names "
          f"; fully right {sum(e['fully_right_article'] for e in events)}")
    print(f"  no gold event of the tuple in the event's sentence (another event of the article): "
          f"{sum(elsewhere.values())} (events-fr / extra / more / unseen {elsewhere['events-fr']} / "
          f"{elsewhere['events-fr-extra']} / {elsewhere['events-fr-more']} / {elsewhere['events-fr-unseen']})")
    print(f"  a gold event of the tuple in the sentence: {per_event[1] + per_event[2]} "
          f"({per_event[1]} one side wrong, {per_event[2]} both); their wrong sides by class:")
    print("class: sides (source / target; events-fr / extra / more / unseen)")
    for k in sorted(CLASSES, key=lambda k: -sum(counts[k][s] for s in ("source", "target"))):
        c = counts[k]
        total = c["source"] + c["target"]
        print(f"  {k:22s} {total:4d}  ({c['source']} / {c['target']}; {c['events-fr']} / {c['events-fr-extra']} / "
              f"{c['events-fr-more']} / {c['events-fr-unseen']})")
        for x in examples[k][:args.show]:
            print(f"      {x}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
