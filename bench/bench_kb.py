"""Knowledge bases of many articles: ingest rate, size and query latency, SQLite and PostgreSQL.

    .venv/bin/python bench/bench_kb.py --n 10000,50000 --pg postgresql://veille@127.0.0.1:54341/veille_test

1. base: the first ``--base`` distinct OrangeSum development articles (lede and body) analysed
   once with ``veille analyze --lang fr`` (kept in ``--work``, reused by later runs).
2. replicas: N analyses made from the base ones: copy k of base article i gets a new id and URL,
   a publication date spread over 2008-2023 (event and TIMEX3 years moved with it), its numbers
   changed and one word in ten outside the named mentions replaced by another word of the base
   corpus of the same length, in text and title. Every offset stays valid (same-length changes,
   every span's text re-read from the new text), exact-text deduplication sees distinct texts and,
   with a word in ten changed, the near-duplicate detector (5-word shingles, threshold 0.8) sees
   distinct documents too, as a real archive mostly is; full-text search sees N documents.
3. ingest: ``veille ingest --analyses replicas.jsonl --db TARGET`` timed end to end (articles/s),
   then the size of the base per 1,000 articles.
4. queries: p50/p95 (ms) of every query through the library (``veille.store.queries`` and
   ``counts``, one read-only connection) and through the HTTP API (``veille serve`` started in a
   subprocess, real HTTP on loopback, a new connection per request as a browser's fetch may do).

``--ingest-only`` times the ingest alone (steps 1 to 3) and prints its table: wall time, the CPU
time of the ingest process (with its worker processes, ``--workers``) and, on PostgreSQL, of the
server's processes working for its database (sampled from ``/proc``), articles per second of each,
and the load average.

Results: a Markdown table on stdout and in ``bench/results/`` (not committed), with the JSON.
``--n 200 --base 40 --runs 3`` is the small mode.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
VEILLE = ROOT / ".venv" / "bin" / "veille"
PY = sys.executable


# -- 1. the base analyses ----------------------------------------------------------------------
def base_input(data: Path, n: int, out: Path) -> Path:
    """The first ``n`` OrangeSum articles with distinct texts, as JSONL veille reads."""
    if out.exists() and sum(1 for _ in open(out, encoding="utf-8")) == n:
        return out
    src = data / "orangesum" / "articles-dev.jsonl.gz"
    if not src.exists():
        sys.exit(f"bench_kb: {src} not found (give --data)")
    seen: set[str] = set()
    with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            r = json.loads(line)
            text = "\n\n".join(x for x in (r.get("heading"), r.get("article")) if x)
            if text in seen:
                continue
            seen.add(text)
            o.write(json.dumps({"id": str(r["id"]), "url": r.get("url"), "title": r.get("title"),
                                "published": r.get("published"), "text": text}, ensure_ascii=False) + "\n")
            if len(seen) >= n:
                break
    return out


def base_analyses(data: Path, n: int, work: Path) -> tuple[Path, dict]:
    inp = base_input(data, n, work / f"base-input-{n}.jsonl")
    out = work / f"base-analyses-{n}.jsonl"
    info = work / f"base-analyses-{n}.json"
    if out.exists() and info.exists():
        return out, json.loads(info.read_text())
    t0 = time.perf_counter()
    subprocess.run([str(VEILLE), "analyze", str(inp), "--lang", "fr", "--no-progress", "-o", str(out)], check=True)
    figures = {"articles": n, "seconds": round(time.perf_counter() - t0, 1),
               "command": f"veille analyze {inp.name} --lang fr -o {out.name}"}
    info.write_text(json.dumps(figures))
    return out, figures


# -- 2. replicas -------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"^(\d{4})")
START_YEAR, YEARS = 2008, 16


def _spans(node, out: list) -> None:
    """Every span dict ({start, end, text}) of an analysis, nested anywhere."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
            out.append(node)
        for v in node.values():
            _spans(v, out)
    elif isinstance(node, list):
        for v in node:
            _spans(v, out)


def _protected(d: dict) -> list[tuple[int, int]]:
    """Character ranges left as they are: named mentions and speakers (names stay names)."""
    keep = []
    for e in d.get("entities") or []:
        for m in e.get("mentions") or []:
            keep.append((m["start"], m["end"]))
    return keep


def _mutate(text: str, rng: random.Random, vocab: dict[int, list[str]], keep: list[tuple[int, int]],
            share: float) -> str:
    chars = list(text)
    marks = bytearray(len(text))
    for s, e in keep:
        marks[s:e] = b"\1" * (e - s)
    for m in _WORD.finditer(text):
        s, e = m.span()
        if any(marks[s:e]) or rng.random() >= share:
            continue
        choices = vocab.get(e - s)
        if choices:
            w = rng.choice(choices)
            if m.group(0)[0].isupper():
                w = w[0].upper() + w[1:]
            chars[s:e] = w
    for m in _NUMBER.finditer(text):
        s, e = m.span()
        if not any(marks[s:e]) and rng.random() < 0.5:
            chars[s:e] = str(rng.randrange(10 ** (e - s - 1) if e - s > 1 else 0, 10 ** (e - s)))
    out = "".join(chars)
    assert len(out) == len(text)
    return out


def _shift_year(value, delta: int):
    if not isinstance(value, str) or not delta:
        return value
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), value, count=1)


def replicate(base: Path, n: int, out: Path, share: float = 0.1, seed: int = 5) -> Path:
    """``n`` analyses from the base ones (see the module docstring); cached by size."""
    if out.exists():
        return out
    originals = [json.loads(line) for line in open(base, encoding="utf-8")]
    originals = [d for d in originals if d.get("text")]
    vocab: dict[int, set[str]] = {}
    for d in originals:
        for w in _WORD.findall(d["text"]):
            if w.islower() and len(w) > 1:
                vocab.setdefault(len(w), set()).add(w)
    words = {k: sorted(v) for k, v in vocab.items()}
    rng = random.Random(seed)
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for k in range(n):
            d = json.loads(json.dumps(originals[k % len(originals)]))
            copy = k // len(originals)
            year = START_YEAR + rng.randrange(YEARS)
            day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            old = d.get("published") or day
            delta = year - int(old[:4]) if _YEAR.match(old) else 0
            d["id"] = f"{d['id']}-r{copy}"
            src = d.get("source") or {}
            if src.get("url"):
                src["url"] = f"{src['url']}?r={copy}"
            d["published"] = day
            if copy:  # the first copy of each article is the article as analysed
                text = _mutate(d["text"], rng, words, _protected(d), share)
                d["text"] = text
                if d.get("title"):
                    d["title"] = _mutate(d["title"], rng, words, [], share)
                spans: list = []
                _spans({k2: v for k2, v in d.items() if k2 != "removed"}, spans)
                for sp in spans:
                    sp["text"] = text[sp["start"]:sp["end"]]
            for ev in d.get("events") or []:
                ev["date"] = _shift_year(ev.get("date"), delta)
            for t in d.get("times") or []:
                t["value"] = _shift_year(t.get("value"), delta)
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    tmp.rename(out)
    return out


# -- 3. ingest ---------------------------------------------------------------------------------
def fresh(target: str) -> None:
    if target.startswith("postgresql://"):
        import psycopg
        sys.path.insert(0, os.environ.get("VEILLE_BENCH_SRC", str(ROOT / "src")))
        from veille.store.schema import ALL_TABLES
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
        return
    for p in (Path(target), Path(f"{target}-wal"), Path(f"{target}-shm")):
        p.unlink(missing_ok=True)


def db_size(target: str) -> int:
    if target.startswith("postgresql://"):
        import psycopg
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            return int(conn.execute(
                "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'").fetchone()[0])
    import sqlite3
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return Path(target).stat().st_size


class ServerCPU:
    """The CPU time (user + system) of the PostgreSQL server processes working for one database:
    its backends (the ingest's connection, autovacuum workers), sampled from ``/proc`` every
    ``every`` seconds while a command runs, each process's last sample summed (a backend that
    exits loses at most ``every`` seconds of CPU). The server's shared processes (WAL writer,
    checkpointer) are not counted. Needs the server on this machine and ``/proc`` readable."""

    def __init__(self, target: str, every: float = 0.05):
        import threading

        import psycopg
        self.conn = psycopg.connect(target, autocommit=True)
        self.every, self.last = every, {}
        self.tick = os.sysconf("SC_CLK_TCK")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _cpu(self, pid: int) -> float | None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime

    def _run(self) -> None:
        while not self.stop.is_set():
            pids = [r[0] for r in self.conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
            for pid in pids:
                cpu = self._cpu(pid)
                if cpu is not None:
                    self.last[pid] = cpu
            self.stop.wait(self.every)

    def __enter__(self) -> "ServerCPU":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.conn.close()

    @property
    def seconds(self) -> float:
        return sum(self.last.values())


def ingest(replicas: Path, target: str, n: int, workers: int | None = None, bulk: str | None = None) -> dict:
    """``workers``: the ingest's ``--workers`` (the writer and workers - 1 processes preparing the
    analyses; their CPU is counted with the ingest's, as they are its children); ``bulk``: "--bulk"
    or "--no-bulk" (default: the command's own, a bulk load into the fresh base)."""
    fresh(target)
    extra = (["--workers", str(workers)] if workers else []) + ([bulk] if bulk else [])
    cmd = [str(VEILLE), "ingest", "--analyses", str(replicas), "--db", target, "--no-progress", *extra]
    import contextlib
    server = ServerCPU(target) if target.startswith("postgresql://") else contextlib.nullcontext()
    load = [os.getloadavg()[0]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with server:
        run = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    load.append(os.getloadavg()[0])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if run.returncode != 0:
        sys.exit(f"bench_kb: ingest failed ({run.returncode}):\n{run.stderr[-3000:]}")
    size = db_size(target)
    summary = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    # The machine may be shared: the CPU time of the ingest process, and of the PostgreSQL
    # server's processes working for it, tell the rate it would have alone.
    out = {"articles": n, "seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
           "cpu_s": round(cpu, 1), "articles_per_cpu_s": round(n / cpu, 1),
           "load": round(load[-1], 1), "load_range": f"{min(load):.1f}-{max(load):.1f}",
           "mb": round(size / 2**20, 1), "mb_per_1000": round(size / 2**20 * 1000 / n, 2), "summary": summary,
           "command": " ".join(["veille ingest --analyses REPLICAS.jsonl --db TARGET --no-progress", *extra])}
    if isinstance(server, ServerCPU):
        both = cpu + server.seconds
        out.update(server_cpu_s=round(server.seconds, 1), total_cpu_s=round(both, 1),
                   articles_per_total_cpu_s=round(n / both, 1))
    return out


# -- 4. queries --------------------------------------------------------------------------------
def workload(kb, rng: random.Random) -> dict:
    """Arguments for every query, drawn from the base itself."""
    from veille.store import queries
    people = [r["name"] for r in queries.actors(kb, type="PER", limit=40)] or ["Macron"]
    countries = [r["c"] for r in kb.rows("SELECT source_country AS c, COUNT(*) AS n FROM events WHERE source_country "
                                         "IS NOT NULL GROUP BY source_country ORDER BY n DESC LIMIT 15")] or ["FRA"]
    texts = [r["text"] for r in kb.rows("SELECT text FROM articles ORDER BY id LIMIT 300")]
    words = [w for t in texts for w in re.findall(r"\w{6,}", t)] or ["France"]
    # sorted here: SQLite reads the ids alone from its smallest index, where ORDER BY id would read the
    # articles' table itself (4 GB at 200,000 articles: over the read-only budget of 10 s when cold)
    ids = sorted(r["id"] for r in kb.rows("SELECT id FROM articles"))

    def terms(k: int) -> str:
        """``k`` distinct words in order from one article (what a user pastes), so that they match."""
        for _ in range(50):
            ws = list(dict.fromkeys(re.findall(r"\w{4,}", rng.choice(texts))))
            if len(ws) >= k:
                start = rng.randrange(len(ws) - k + 1)
                return " ".join(ws[start:start + k])
        return " ".join(rng.choice(words) for _ in range(k))

    # Deep pages: the keys (and API cursors) of the pages that start 1,000, 10,000 and 50,000 rows
    # into the events and quotes (a code without keyset pages has none).
    deep = {}
    if hasattr(queries, "Page"):
        from veille.store import filters
        for what, call in (("events", queries.events), ("quotes", queries.quotes)):
            for depth in DEPTHS:
                key = call(kb, offset=depth - 1, limit=1).after
                if key is not None:
                    deep[(what, depth)] = (key, filters.cursor(what, "newest", key, depth))
    return {"people": people, "countries": countries, "words": words, "ids": ids, "terms": terms, "deep": deep}


DEPTHS = (1000, 10000, 50000)


TYPES = ["CONSULT", "ACCUSE", "AGREE", "SUPPORT", "REQUEST", "ASSAULT"]
QUADS = ["verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"]
FACT = ["actual", "planned", "possible", "negated"]
SECTORS = ["GOV", "MIL", "CVL", "BUS", "PTY"]


def cases(w: dict, rng: random.Random) -> dict:
    """Query name -> function returning (library call, API path)."""
    from veille.store import counts, queries
    pick = rng.choice
    q = urllib.parse.quote

    def year() -> tuple[str, str]:
        y = START_YEAR + rng.randrange(YEARS)
        return f"{y}-01-01", f"{y}-06-30"

    def c(name):
        return name

    out = {}

    def add(name, make):
        out[name] = make

    add("search 1 term", lambda: (lambda t: (lambda kb: queries.search(kb, t), f"/api/search?q={q(t)}"))(pick(w["words"])))
    add("search 5 terms", lambda: (lambda t: (lambda kb: queries.search(kb, t), f"/api/search?q={q(t)}"))(w["terms"](5)))
    add("search 20 terms", lambda: (lambda t: (lambda kb: queries.search(kb, t), f"/api/search?q={q(t)}"))(w["terms"](20)))
    add("search 50 terms (refused: over 20)",
        lambda: (lambda t: (lambda kb: _refused(queries.search, kb, t), f"/api/search?q={q(t)}"))(w["terms"](50)))
    add("search 1 term, newest", lambda: (lambda t: (lambda kb: queries.search(kb, t, order="newest"),
                                                    f"/api/search?q={q(t)}&order=newest"))(pick(w["words"])))
    add("quotes by speaker", lambda: (lambda s: (lambda kb: queries.quotes(kb, speaker=s),
                                                 f"/api/quotes?speaker={q(s)}"))(pick(w["people"])))
    add("quotes containing", lambda: (lambda t: (lambda kb: queries.quotes(kb, contains=t),
                                                 f"/api/quotes?contains={q(t)}"))(pick(w["words"])))
    add("events (no filter)", lambda: (lambda kb: queries.events(kb), "/api/events"))
    add("events source", lambda: (lambda s: (lambda kb: queries.events(kb, source=s), f"/api/events?source={s}"))(
        pick(w["countries"])))
    add("events target", lambda: (lambda s: (lambda kb: queries.events(kb, target=s), f"/api/events?target={s}"))(
        pick(w["countries"])))
    add("events actor", lambda: (lambda s: (lambda kb: queries.events(kb, actor=s), f"/api/events?actor={q(s)}"))(
        pick(w["people"])))
    add("events type", lambda: (lambda s: (lambda kb: queries.events(kb, type=s), f"/api/events?type={s}"))(pick(TYPES)))
    add("events quad", lambda: (lambda s: (lambda kb: queries.events(kb, quad=s), f"/api/events?quad={s}"))(pick(QUADS)))
    add("events factuality", lambda: (lambda s: (lambda kb: queries.events(kb, factuality=s),
                                                 f"/api/events?factuality={s}"))(pick(FACT)))
    add("events sector", lambda: (lambda s: (lambda kb: queries.events(kb, sector=s),
                                             f"/api/events?sector={s}"))(pick(SECTORS)))
    add("events since/until (6 months)", lambda: (lambda a, b: (lambda kb: queries.events(kb, since=a, until=b),
                                                                f"/api/events?since={a}&until={b}"))(*year()))
    add("events source+type", lambda: (lambda s, t: (lambda kb: queries.events(kb, source=s, type=t),
                                                     f"/api/events?source={s}&type={t}"))(pick(w["countries"]), pick(TYPES)))
    add("actors", lambda: (lambda kb: queries.actors(kb), "/api/actors"))
    add("actors by name", lambda: (lambda s: (lambda kb: queries.actors(kb, name=s), f"/api/actors?name={q(s)}"))(
        pick(w["people"])))
    add("timeline", lambda: (lambda s: (lambda kb: queries.timeline(kb, s), f"/api/timeline?actor={q(s)}"))(
        pick(w["people"])))
    add("facets events", lambda: (lambda kb: counts.facets(kb, "events"), "/api/facets/events"))
    add("facets quotes", lambda: (lambda kb: counts.facets(kb, "quotes"), "/api/facets/quotes"))
    add("facets actors", lambda: (lambda kb: counts.facets(kb, "actors"), "/api/facets/actors"))
    add("facets events, source", lambda: (lambda s: (lambda kb: counts.facets(kb, "events", source=s),
                                                     f"/api/facets/events?source={s}"))(pick(w["countries"])))
    add("count-by events type", lambda: (lambda kb: counts.counts(kb, "events", ["type"]),
                                         "/api/events?count_by=type"))
    add("count-by quotes month", lambda: (lambda kb: counts.counts(kb, "quotes", ["month"]),
                                          "/api/quotes?count_by=month"))
    add("show", lambda: (lambda i: (lambda kb: queries.show(kb, i), f"/api/articles/{i}"))(pick(w["ids"])))
    for (what, depth), (key, cursor) in w["deep"].items():
        add(f"{what} page at {depth:,} (cursor)",
            (lambda what, key, cursor: lambda: (lambda kb: getattr(queries, what)(kb, after=key),
                                                f"/api/{what}?cursor={cursor}"))(what, key, cursor))
    return out


def _refused(call, *args):
    from veille.errors import StoreError
    try:
        call(*args)
    except StoreError:
        return None
    raise AssertionError("a search of 50 terms was not refused")


def _stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50": round(statistics.median(ms), 1), "p95": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 1),
            "runs": len(ms)}


def bench_library(target: str, runs: int, seed: int = 7) -> dict:
    sys.path.insert(0, os.environ.get("VEILLE_BENCH_SRC", str(ROOT / "src")))
    from veille.store import open_store
    rng = random.Random(seed)
    out = {}
    with open_store(target, readonly=True) as kb:
        w = workload(kb, rng)
        for name, make in cases(w, rng).items():
            times = []
            for i in range(runs):
                call, _ = make()
                t0 = time.perf_counter()
                call(kb)
                times.append(1000 * (time.perf_counter() - t0))
            out[name] = _stats(times)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_http(target: str, runs: int, seed: int = 7) -> dict:
    sys.path.insert(0, os.environ.get("VEILLE_BENCH_SRC", str(ROOT / "src")))
    from veille.store import open_store
    port = _free_port()
    server = subprocess.Popen([str(VEILLE), "serve", "--db", target, "--port", str(port), "--log-level", "warning"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.time() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/api/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit(f"bench_kb: veille serve did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
        rng = random.Random(seed)
        out = {}
        with open_store(target, readonly=True) as kb:
            w = workload(kb, rng)
        for name, make in cases(w, rng).items():
            times, statuses = [], set()
            for i in range(runs):
                _, path = make()
                t0 = time.perf_counter()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                conn.close()
                times.append(1000 * (time.perf_counter() - t0))
                statuses.add(resp.status)
            out[name] = {**_stats(times), "status": sorted(statuses)}
        return out
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# -- the report --------------------------------------------------------------------------------
def ingest_table(figures: dict) -> str:
    """The ingest rate of each run: wall, the ingest process's CPU, the server's (PostgreSQL)."""
    lines = ["| articles | backend | wall s | articles/s wall | client CPU s | server CPU s | articles per CPU s "
             "(client + server) | load (start-end) | MB per 1,000 |", "|---|---|---|---|---|---|---|---|---|"]
    for run in figures["runs"]:
        i = run["ingest"]
        lines.append(f"| {run['n']:,} | {run['backend']} | {i['seconds']} | {i['articles_per_s']} | {i['cpu_s']} | "
                     f"{i.get('server_cpu_s', '')} | {i.get('articles_per_total_cpu_s', i['articles_per_cpu_s'])} | "
                     f"{i.get('load_range', '')} | {i['mb_per_1000']} |")
    return "\n".join(lines) + "\n"


def markdown(figures: dict) -> str:
    lines = ["| size | backend | ingest s | articles/s | ingest CPU s | articles per CPU s | load | MB | MB per 1,000 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for run in figures["runs"]:
        i = run["ingest"]
        lines.append(f"| {run['n']:,} | {run['backend']} | {i['seconds']} | {i['articles_per_s']} | {i.get('cpu_s', '')} | "
                     f"{i.get('articles_per_cpu_s', '')} | {i.get('load', '')} | {i['mb']} | {i['mb_per_1000']} |")
    lines.append("")
    heads = [f"{r['n'] // 1000}k {r['backend']}" for r in figures["runs"]]
    lines.append("p50 / p95 in ms, library then HTTP API:")
    lines.append("")
    lines.append("| query | " + " | ".join(f"{h} lib | {h} API" for h in heads) + " |")
    lines.append("|---|" + "---|---|" * len(heads))
    names = list(figures["runs"][0]["library"]) if figures["runs"] else []
    for name in names:
        cells = []
        for run in figures["runs"]:
            lib, api = run["library"].get(name), run.get("http", {}).get(name)
            cells.append(f"{lib['p50']} / {lib['p95']}" if lib else "")
            cells.append(f"{api['p50']} / {api['p95']}" if api else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        what, target, runs = sys.argv[2], sys.argv[3], int(sys.argv[4])
        print(json.dumps(bench_library(target, runs) if what == "library" else bench_http(target, runs)))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path("/tmp/veille-kb"))
    ap.add_argument("--base", type=int, default=300, help="distinct OrangeSum articles analysed (default 300)")
    ap.add_argument("--n", default="10000,50000", help="sizes, comma-separated (default 10000,50000)")
    ap.add_argument("--runs", type=int, default=30, help="runs of each query (default 30)")
    ap.add_argument("--pg", metavar="URL", help="also on this PostgreSQL database (a throwaway one: its veille tables "
                                               "are dropped)")
    ap.add_argument("--workers", type=int, help="the ingest's --workers (default: the command's own)")
    ap.add_argument("--bulk", choices=["on", "off"],
                    help="the ingest's --bulk (on) or --no-bulk (off) (default: the command's own: bulk into the "
                         "fresh base)")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--keep", action="store_true", help="query existing bases instead of ingesting again")
    ap.add_argument("--ingest-only", action="store_true",
                    help="time the ingest on each backend and size, print its table, run no query")
    ap.add_argument("--replicas-only", action="store_true",
                    help="make the replica files (in --work) and stop: for timing the ingest alone")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="the source tree to run (default this checkout's; another one to compare two codes)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    o = ap.parse_args()
    o.work.mkdir(parents=True, exist_ok=True)
    # Every phase runs the code of the sources as they are now, even if they are edited meanwhile.
    snapshot = o.work / "src-snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(o.src, snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    os.environ["PYTHONPATH"] = str(snapshot)
    os.environ["VEILLE_BENCH_SRC"] = str(snapshot)
    o.out.mkdir(parents=True, exist_ok=True)
    base, analyse = base_analyses(o.data, o.base, o.work)
    print(f"bench_kb: base of {o.base} analyses ({analyse})", file=sys.stderr)
    figures = {"base": analyse, "runs": []}
    for n in (int(x) for x in o.n.split(",")):
        replicas = replicate(base, n, o.work / f"replicas-{o.base}-{n}.jsonl")
        if o.replicas_only:
            print(replicas)
            continue
        targets = ([("sqlite", str(o.work / f"kb-{n}.db"))] if not o.no_sqlite else []) + \
                  ([("postgresql", o.pg)] if o.pg else [])
        for backend, target in targets:
            if o.keep and (backend == "postgresql" or Path(target).exists()):
                ing = {"articles": n, "seconds": "", "articles_per_s": "", "mb": round(db_size(target) / 2**20, 1),
                       "mb_per_1000": round(db_size(target) / 2**20 * 1000 / n, 2)}
            else:
                ing = ingest(replicas, target, n, o.workers, {"on": "--bulk", "off": "--no-bulk"}.get(o.bulk))
            print(f"bench_kb: {n} {backend} ingest {ing}", file=sys.stderr)
            run = {"n": n, "backend": backend, "ingest": ing}
            for what in () if o.ingest_only else ("library",) + (() if o.no_http else ("http",)):
                res = subprocess.run([PY, str(HERE), "_child", what, target, str(o.runs)], capture_output=True, text=True)
                if res.returncode != 0:
                    sys.exit(f"bench_kb: {what} queries failed:\n{res.stderr[-3000:]}")
                run[what] = json.loads(res.stdout.strip().splitlines()[-1])
                slow = {k: v["p95"] for k, v in run[what].items() if v["p95"] > 100}
                print(f"bench_kb: {n} {backend} {what}: p95 over 100 ms: {slow}", file=sys.stderr)
            figures["runs"].append(run)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            (o.out / f"kb-{stamp}.json").write_text(json.dumps(figures, indent=1))
            (o.out / f"kb-{stamp}.md").write_text(ingest_table(figures) if o.ingest_only else markdown(figures))
    if o.ingest_only:
        print(ingest_table(figures))
    elif not o.replicas_only:
        print(markdown(figures))


if __name__ == "__main__":
    main()
