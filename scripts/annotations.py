#!/usr/bin/env python3
"""veille's own annotated articles: pick them, and rebuild their texts from the development data.

The project commits ids and gold only (``annotations/<set>/gold.jsonl``); the article texts come
from ``orangesum/articles-dev.jsonl.gz`` (text = heading + "\\n" + article), so this script
rebuilds the ``docs.jsonl`` that scorers and trainers read.

    python scripts/annotations.py select quotes --n 175 --seed 11 --out ids.txt
    python scripts/annotations.py docs quotes-fr-more --out /tmp/quotes-fr-more/docs.jsonl
    python scripts/annotations.py check quotes-fr-more          # check_gold.py (check_times.py for times sets)

``select`` never takes an article of a development or check set of ``../shared/data``, nor
one already annotated under ``annotations/``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "annotations"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
# what each task draws from, as the guidelines' sets were drawn
SECTIONS = {"quotes": ("France", "Politique", "Monde"), "events": ("Monde", "Politique"),
            "times": ("France", "Politique", "Monde", "Fait-divers", None)}
LENGTH = (1500, 4500)


def articles(data: Path):
    with gzip.open(data / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def as_doc(a: dict) -> dict:
    return {"id": a["id"], "url": a.get("url"), "section": a.get("section"), "published": a.get("published"),
            "title": a.get("title"), "text": (a.get("heading") or "") + "\n" + a["article"]}


def taken_ids(data: Path) -> set[int]:
    """Every article of a shared set (tuning or check) and of our own annotations."""
    out: set[int] = set()
    for docs in data.glob("*/docs.jsonl"):
        out |= {int(json.loads(l)["id"]) for l in docs.open(encoding="utf-8")}
    for tml in data.glob("times-fr-check/*.tml"):
        if tml.stem.isdigit():
            out.add(int(tml.stem))
    for ids in ANNOTATIONS.glob("*/ids.txt"):
        out |= {int(x) for x in ids.read_text().split()}
    return out


def select(task: str, n: int, seed: int, data: Path) -> list[int]:
    taken = taken_ids(data)
    pool = [a["id"] for a in articles(data)
            if a.get("section") in SECTIONS[task] and a["id"] not in taken
            and LENGTH[0] <= len(a.get("heading") or "") + len(a["article"]) <= LENGTH[1]]
    pool.sort()
    return sorted(random.Random(seed).sample(pool, n))


def set_ids(name: str) -> list[int]:
    return [int(x) for x in (ANNOTATIONS / name / "ids.txt").read_text().split()]


def docs(ids: list[int], data: Path) -> list[dict]:
    want = set(ids)
    found = {a["id"]: as_doc(a) for a in articles(data) if a["id"] in want}
    missing = want - set(found)
    if missing:
        raise SystemExit(f"not in articles-dev: {sorted(missing)[:10]}")
    return [found[i] for i in ids]


def write_jsonl(rows, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select", help="draw article ids for a task")
    s.add_argument("task", choices=sorted(SECTIONS))
    s.add_argument("--n", type=int, required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--out", type=Path, required=True)
    d = sub.add_parser("docs", help="rebuild the docs.jsonl of a set under annotations/ (or of an ids file)")
    d.add_argument("name", help="a set under annotations/, or a path to an ids file")
    d.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("check", help="check a set's gold against its rebuilt texts")
    c.add_argument("name")
    args = ap.parse_args(argv)
    if args.cmd == "select":
        ids = select(args.task, args.n, args.seed, args.data)
        args.out.write_text("\n".join(map(str, ids)) + "\n")
        print(f"{len(ids)} ids -> {args.out}")
    elif args.cmd == "docs":
        path = Path(args.name)
        ids = [int(x) for x in path.read_text().split()] if path.is_file() else set_ids(args.name)
        write_jsonl(docs(ids, args.data), args.out)
        print(f"{len(ids)} docs -> {args.out}")
    else:
        gold = ANNOTATIONS / args.name / "gold.jsonl"
        ids = [json.loads(line)["id"] for line in gold.open(encoding="utf-8") if line.strip()]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "docs.jsonl"
            write_jsonl(docs(ids, args.data), out)
            if "times" in args.name:  # offsets, types and TIMEX3 value shapes
                checker = [str(Path(__file__).with_name("check_times.py"))]
            else:
                checker = [str(args.data.parent / "tools" / "check_gold.py"),
                           "quotes" if "quotes" in args.name else "events"]
            return subprocess.call([sys.executable, *checker, str(gold), str(out)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
