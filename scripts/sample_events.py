#!/usr/bin/env python3
"""Draw N events at random (fixed seed) from a knowledge base, to read them against the guideline.

    python scripts/sample_events.py --db /tmp/orangesum-1000.db --n 20 --seed 12

Prints, for each event, its article's title, the evidence sentence and what veille coded (type,
mode, factuality, date, source and target with their countries), so a reader can mark it fully
right, partly right or wrong (docs/what.md keeps such a reading).
"""
from __future__ import annotations

import argparse
import random

from veille.store import open_store, queries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    with open_store(args.db) as kb:
        rows, page = [], 1000
        while True:
            batch = queries.events(kb, limit=page, offset=len(rows), order="oldest")
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
    print(f"{len(drawn)} of {len(rows)} events (seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
