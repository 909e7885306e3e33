"""Deep pages: the cost of one page of each list at depth 0, 1,000, 10,000 and 50,000 rows.

    .venv/bin/python bench/bench_pages.py --db kb-50000.db [--runs 5] [--depths 0,1000,10000,50000]
    .venv/bin/python bench/bench_pages.py --db postgresql://veille@127.0.0.1:54341/veille_test

For each list (events without a filter, of a quad class, of a source country; quotes; a one-word
search by relevance and newest first; an actor's timeline; actors), the page of the list's
default size that starts at each depth, read two ways through the library:

- ``offset``: ``queries.events(kb, offset=DEPTH)`` (the database reads and skips DEPTH rows);
- ``keyset``: ``queries.events(kb, after=KEY)``, KEY the sort key of the row before the page
  (``rows.after`` of the page that ends there): the database starts at the key.

Both pages are compared (the same rows). p50 / p95 in ms over ``--runs`` runs, one read-only
connection, the base's caches warm (a first untimed call). A code without keyset pages prints
the offset column only. Results: a Markdown table on stdout, the JSON in ``--out``.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1)}


def _timed(call, runs: int) -> tuple[dict, object]:
    out = call()  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(1000 * (time.perf_counter() - t0))
    return _stats(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--depths", default="0,1000,10000,50000")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    o = ap.parse_args()
    sys.path.insert(0, os.environ.get("VEILLE_BENCH_SRC", str(ROOT / "src")))
    from veille.store import open_store, queries

    depths = [int(d) for d in o.depths.split(",")]
    keyset = "after" in inspect.signature(queries.events).parameters
    figures: dict = {"db": o.db if not o.db.startswith("postgresql") else "postgresql", "runs": o.runs,
                     "keyset": keyset, "rows": {}}
    with open_store(o.db, readonly=True) as kb:
        common = "président"
        person = queries.actors(kb, type="PER", limit=1)[0]["name"]
        lists = {
            "events (no filter)": lambda **kw: queries.events(kb, **kw),
            "events quad verbal-cooperation": lambda **kw: queries.events(kb, quad="verbal-cooperation", **kw),
            "events source FRA": lambda **kw: queries.events(kb, source="FRA", **kw),
            "quotes (no filter)": lambda **kw: queries.quotes(kb, **kw),
            f"search '{common}', relevance": lambda **kw: queries.search(kb, common, **kw),
            f"search '{common}', newest": lambda **kw: queries.search(kb, common, order="newest", **kw),
            "timeline (most mentioned person)": lambda **kw: queries.timeline(kb, person, **kw),
            "actors": lambda **kw: queries.actors(kb, **kw),
        }
        for name, call in lists.items():
            row = figures["rows"][name] = {}
            for depth in depths:
                off, page = _timed(lambda: call(offset=depth), o.runs)
                if not page:
                    break
                cell = {"offset": off}
                if keyset:
                    key = call(offset=depth - 1, limit=1).after if depth else None
                    ks, same = _timed(lambda: call(after=key), o.runs)
                    cell["keyset"] = ks
                    cell["same"] = list(same) == list(page)
                row[depth] = cell
                print(name, depth, cell, file=sys.stderr, flush=True)
    lines = ["p50 / p95 in ms, offset" + (" · keyset" if keyset else "") + f", {o.runs} runs:", "",
             "| list | " + " | ".join(f"at {d:,}" for d in depths) + " |", "|---|" + "---|" * len(depths)]
    for name, row in figures["rows"].items():
        cells = []
        for d in depths:
            c = row.get(d)
            if c is None:
                cells.append("")
                continue
            s = f"{c['offset']['p50']} / {c['offset']['p95']}"
            if "keyset" in c:
                s += f" · {c['keyset']['p50']} / {c['keyset']['p95']}" + ("" if c["same"] else " (differs!)")
            cells.append(s)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    print(text)
    o.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (o.out / f"pages-{stamp}.json").write_text(json.dumps(figures, indent=1))
    (o.out / f"pages-{stamp}.md").write_text(text)


if __name__ == "__main__":
    main()
