"""CPU time of each part of ``store_analyses`` on a file of analyses (docs/scale.md, the ingest rate).

    .venv/bin/python bench/ingest_phases.py /tmp/veille-kb/replicas-300-2000.jsonl --db /tmp/phases.db [--workers 2]

Wraps the main functions of the writer and of the actors' settling with a CPU timer (a phase
called inside another counts in both), stores the file into a fresh SQLite base (removed
first) and prints each phase's seconds and milliseconds per article. Lighter than cProfile,
which inflates the parts made of many small calls (one SHA-1 per shingle). Also counts the
statements the store runs (``Store._statement``: every execute, query, multi-row insert and
``COPY``), per article. ``--workers N`` (N > 1): the analyses read and prepared by N - 1 worker
processes (``store/prepare.py``), whose time is not counted: the phases and the total are the
writer's.
"""
from __future__ import annotations

import argparse
import functools
import importlib
import time
from collections import defaultdict
from pathlib import Path

PHASES = {
    "veille.records:Analysis": ["from_dict"],
    "veille.store.neardup": ["signature", "link", "band_keys"],
    "veille.store.prepare": ["from_line", "prepare", "annotation_rows", "entity_forms", "pack"],
    "veille.store.ingest:Writer": ["write", "_annotations", "_link_input", "has_input", "settle", "prepare"],
    "veille.store.ingest:Pending": ["register", "with_actors"],
    "veille.store.actors:Shown": ["add"],
    "veille.who.knowledge": ["load", "cached_index"],
    "veille.store.actors": ["settle", "_knowledge_base", "entity_form", "_refresh", "_add_values", "register_forms",
                            "_write_values", "_apply",
                            "_register", "_point", "_tally", "_add_counts", "_set_counts", "_actors_of"],
    "veille.store.ingest:_write_rows": [],
    "veille.store.counts": ["precount"],
    "veille.store.bulk": ["defer_indexes", "restore_indexes"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("analyses")
    ap.add_argument("--db", default="/tmp/ingest-phases.db")
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1, help="processes: the writer and N-1 preparing the analyses")
    o = ap.parse_args()
    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timed(owner, name: str, label: str) -> None:
        f = getattr(owner, name, None)
        if f is None:  # a phase the code measured does not have
            return

        @functools.wraps(f)
        def wrapper(*args, **kw):
            t = time.process_time()
            try:
                return f(*args, **kw)
            finally:
                seconds[label] += time.process_time() - t
                calls[label] += 1
        setattr(owner, name, wrapper)

    t0 = time.process_time()
    import veille.cli  # noqa: F401 - what the command imports
    ing = importlib.import_module("veille.store.ingest")
    from veille.store import open_store
    start_up = time.process_time() - t0
    for where, names in PHASES.items():
        module, _, cls = where.partition(":")
        owner = importlib.import_module(module)
        if cls and not names:
            timed(owner, cls, cls)
            continue
        owner = getattr(owner, cls) if cls else owner
        for name in names:
            timed(owner, name, f"{cls or module.rsplit('.', 1)[-1]}.{name}")
    import contextlib

    from veille.store import db as dbm
    statements = [0]
    real = dbm.Store._statement

    @contextlib.contextmanager
    def counted(self):
        statements[0] += 1
        with real(self):
            yield
    dbm.Store._statement = counted
    for p in (o.db, f"{o.db}-wal", f"{o.db}-shm"):
        Path(p).unlink(missing_ok=True)
    t0 = time.process_time()
    with open_store(o.db) as kb:
        report = ing.store_analyses(kb, ing.read_analyses([o.analyses], workers=o.workers), batch_size=o.batch_size)
    total = time.process_time() - t0
    n = report.seen
    print(f"imports {start_up:.2f} s; store_analyses {total:.2f} s of CPU for {n} analyses "
          f"({n / total:.0f} per CPU second; batches of {o.batch_size}; {o.workers} processes); {statements[0]} statements, "
          f"{statements[0] / max(1, report.stored):.2f} per article stored")
    print("| phase | CPU s | ms per article | share | calls |")
    print("|---|---|---|---|---|")
    for label, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"| {label} | {s:.2f} | {1000 * s / n:.3f} | {100 * s / total:.0f}% | {calls[label]} |")


if __name__ == "__main__":
    main()
