#!/usr/bin/env python3
"""Are two runs of `veille analyze` the same analyses? For speed-only changes.

    veille analyze ARTICLES.jsonl --lang fr -o before.jsonl      # the code before
    veille analyze ARTICLES.jsonl --lang fr -o after.jsonl       # the code after
    python bench/same_analyses.py before.jsonl after.jsonl

Compares the two files analysis by analysis (JSON, every field, in order) and prints, for
each analysis that differs, the top-level fields that differ; exits 1 if any does.
"""
from __future__ import annotations

import argparse
import json
import sys


def _read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args()
    a, b = _read(args.before), _read(args.after)
    differ = 0
    if len(a) != len(b):
        print(f"{len(a)} analyses against {len(b)}")
        differ += 1
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            differ += 1
            keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            print(f"analysis {i} ({x.get('id')}): {', '.join(keys)}")
    print(f"{min(len(a), len(b))} analyses compared, {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
