#!/usr/bin/env python3
"""The first N OrangeSum development articles as veille JSON Lines records, to build a knowledge
base the way a user would (text = heading + "\\n" + article).

    python scripts/orangesum_sample.py --n 1000 --out /tmp/orangesum-1000.jsonl
    veille ingest /tmp/orangesum-1000.jsonl --db /tmp/orangesum-1000.db
    veille actors --db /tmp/orangesum-1000.db --limit 30
"""
from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    with gzip.open(args.data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f, \
            args.out.open("w", encoding="utf-8") as out:
        for k, line in enumerate(f):
            if k >= args.n:
                break
            a = json.loads(line)
            out.write(json.dumps({"id": str(a["id"]), "url": a.get("url"), "title": a.get("title"),
                                  "published": a.get("published"), "outlet": "Orange Actu",
                                  "text": (a.get("heading") or "") + "\n" + a["article"]}, ensure_ascii=False) + "\n")
    print(f"{min(k + 1, args.n)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
