"""Where one API request's time goes: opening the base, the query, serialising it, HTTP.

    .venv/bin/python bench/bench_api.py --db kb.db --db postgresql://veille@127.0.0.1:54371/veille_test

For each base: p50/p95 (ms) of ``open_store(readonly=True)`` (and, on PostgreSQL, the session
made read-only) with its close; of each query through the library on one open store; of the
same rows serialised to JSON; and of the route through ``veille serve`` (a subprocess, real HTTP
on loopback, one kept-alive connection). The size of the base hardly matters: the overhead is
per request.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv else ROOT / "src"
sys.path.insert(0, str(SRC))

from veille.store import open_store, queries  # noqa: E402


def pct(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench(db: str, runs: int) -> list[tuple[str, float, float]]:
    rows = []

    def opening():
        with open_store(db, create=False, readonly=True) as kb:
            if kb.dialect == "postgresql":
                kb.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    rows.append(("open_store + close", *pct(timed(opening, runs))))
    kb = open_store(db, create=False, readonly=True)
    speaker = kb.value("SELECT speaker_name FROM quotes WHERE speaker_name IS NOT NULL LIMIT 1")
    aid = kb.value("SELECT id FROM articles ORDER BY id LIMIT 1")
    calls = {
        "quotes speaker": (lambda: queries.quotes(kb, speaker=speaker), f"/api/quotes?speaker={speaker.replace(' ', '+')}"),
        "events": (lambda: queries.events(kb), "/api/events"),
        "actors": (lambda: queries.actors(kb), "/api/actors"),
        "show": (lambda: queries.show(kb, aid), f"/api/articles/{aid}"),
    }
    for name, (call, _) in calls.items():
        rows.append((f"library {name}", *pct(timed(call, runs))))
        result = call()
        rows.append((f"json {name}", *pct(timed(lambda: json.dumps(result, default=str), runs))))
    kb.close()
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.Popen([sys.executable, "-c", "from veille.cli import main; main()", "serve", "--db", db, "--port", str(port),
                             "--log-level", "error"], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        conn = http.client.HTTPConnection("127.0.0.1", port)

        def get(path):
            conn.request("GET", path)
            r = conn.getresponse()
            r.read()
            assert r.status == 200, (path, r.status)
        for name, (_, path) in [("health", (None, "/api/health")), *calls.items()]:
            get(path)
            rows.append((f"HTTP {name}", *pct(timed(lambda: get(path), runs))))
    finally:
        proc.terminate()
        proc.wait()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", action="append", required=True)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the veille sources to measure (another checkout's)")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    for db in args.db:
        print(f"\n{db.split('@')[-1]}\n\n| phase | p50 ms | p95 ms |\n|---|---:|---:|")
        for name, p50, p95 in bench(db, args.runs):
            print(f"| {name} | {p50:.2f} | {p95:.2f} |")
    print(f"\nload average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
