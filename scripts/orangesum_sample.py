#!/usr/bin/env python3
"""The first N OrangeSum development articles outside the check sets as veille JSON Lines records, to build a knowledge
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


def check_ids(data: Path) -> set[str]:
    """Articles of the check sets (scored only: their analyses are never read)."""
    out = {str(json.loads(line)["id"]) for docs in data.glob("*-check/docs.jsonl")
           for line in docs.open(encoding="utf-8") if line.strip()}
    return out | {tml.stem for tml in data.glob("*-check/*.tml")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    with gzip.open(args.data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f, \
            args.out.open("w", encoding="utf-8") as out:
        skip, k = check_ids(args.data), 0
        for line in f:
            if k >= args.n:
                break
            a = json.loads(line)
            if str(a["id"]) in skip:
                continue
            k += 1
            out.write(json.dumps({"id": str(a["id"]), "url": a.get("url"), "title": a.get("title"),
                                  "published": a.get("published"), "outlet": "Orange Actu",
                                  "text": (a.get("heading") or "") + "\n" + a["article"]}, ensure_ascii=False) + "\n")
    print(f"{k} articles -> {args.out} (articles of the check sets left out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
