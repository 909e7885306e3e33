#!/usr/bin/env python3
"""Draw N events at random (fixed seed) from a knowledge base, to read them against the guideline.

    python scripts/sample_events.py --db /tmp/orangesum-1000.db --n 20 --seed 12
    python scripts/sample_events.py --db /tmp/orangesum-1000.db --n 20 --seed 12 --min-confidence 0.25

The events are drawn from those a list shows: at the lists' default confidence
(``veille.store.filters.MIN_CONFIDENCE``) unless ``--min-confidence`` says otherwise.

Prints, for each event, its article's title, the evidence sentence and what veille coded (type,
mode, factuality, date, source and target with their countries), so a reader can mark it fully
right, partly right or wrong (docs/what.md keeps such a reading).
"""
from __future__ import annotations

import argparse
import random

from veille.store import filters, open_store, queries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--min-confidence", dest="min_confidence", default=None,
                    help="draw from the events with at least this confidence (default: the lists' default)")
    args = ap.parse_args()
    with open_store(args.db) as kb:
        rows, page = [], 1000
        while True:
            batch = queries.events(kb, limit=page, offset=len(rows), order="oldest",
                                   min_confidence=args.min_confidence)
            rows.extend(batch)
            if len(batch) < page:
                break
    drawn = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    for k, e in enumerate(drawn, 1):
        side = lambda name, iso: f"{name or '-'} ({iso or '?'})"  # noqa: E731
        print(f"{k:2d}. [{e['article']}] {e['title']}\n    {e['evidence']}\n"
              f"    {e['type']}{'/' + e['mode'] if e['mode'] else ''} {e['factuality']} {e['date'] or '-'}: "
              f"{side(e['source'], e['source_country'])} -> {side(e['target'], e['target_country'])}"
              f"  trigger «{e['trigger'] or ''}»\n")
    least = args.min_confidence if args.min_confidence is not None else f"{filters.MIN_CONFIDENCE:g}, the default"
    print(f"{len(drawn)} of {len(rows)} events (seed {args.seed}; confidence at least {least})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
