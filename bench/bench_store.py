"""Knowledge-base benchmark: storage cost next to analysis, query latency, and a crash test.

    .venv/bin/python bench/bench_store.py --data ../shared/data --n 5000 --work /tmp/veille-bench

Phases (``--phases``, default all but e2e):

- analyze: ``veille.analyze_many`` over the first N OrangeSum development articles (the work
  ``veille analyze`` does), timed, peak memory; the analyses are kept in the work folder.
- store:   the same analyses written into a fresh SQLite knowledge base by the ingest writer
  (the work ``veille ingest`` adds to the analysis): time, its share of the analysis time,
  peak memory, database size per 1,000 articles.
- e2e:     ``veille ingest`` on the same articles, end to end, next to the analysis alone.
- queries: median and 95th-percentile latency of each query type on that knowledge base.
- --pg URL: store and queries again on a PostgreSQL database.
- crash:   ingestion (of the kept analyses, replayed with a pause standing in for analysis
  time) killed with SIGKILL at random moments, resumed each time until it finishes; the
  result must equal an uninterrupted run. ``--crash-real`` runs the real analysis instead.

Each phase runs in its own process so that peak memory is its own. Figures are printed as
JSON on stdout (``--json FILE`` writes them too). Nothing is written outside ``--work``.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- phases run in a child process ------------------------------------------------------------
def prepare(data: Path, n: int, work: Path) -> Path:
    """The first ``n`` OrangeSum articles as a JSONL input veille reads (lede, then body)."""
    out = work / f"input-{n}.jsonl"
    if out.exists():
        return out
    src = data / "orangesum" / "articles-dev.jsonl.gz"
    if not src.exists():
        sys.exit(f"bench_store: {src} not found (give --data)")
    with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in itertools.islice(f, n):
            r = json.loads(line)
            text = "\n\n".join(x for x in (r.get("heading"), r.get("article")) if x)
            o.write(json.dumps({"id": str(r["id"]), "url": r.get("url"), "title": r.get("title"),
                                "published": r.get("published"), "text": text}, ensure_ascii=False) + "\n")
    return out


def phase_analyze(inp: Path, out: Path) -> dict:
    import veille
    t0 = time.perf_counter()
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for result in veille.analyze_many(veille.read_paths([inp]), veille.Options(language="fr")):
            if isinstance(result, veille.Failure):
                continue
            f.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            n += 1
            if n % 50 == 0:  # a long run stopped early still tells its rate
                f.flush()
                out.with_suffix(".progress.json").write_text(json.dumps(
                    {"articles": n, "seconds": round(time.perf_counter() - t0, 2)}))
    return {"articles": n, "seconds": round(time.perf_counter() - t0, 2), "peak_mb": _peak_mb()}


def _load(analyses: Path, limit: int | None = None):
    from veille.records import Analysis
    out = []
    with open(analyses, encoding="utf-8") as f:
        for line in itertools.islice(f, limit):
            out.append(Analysis.from_dict(json.loads(line)))
    return out


def _fresh(target: str) -> None:
    from veille.store import is_postgres
    if is_postgres(target):
        import psycopg
        from veille.store.schema import ALL_TABLES
        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
        return
    for p in (Path(target), Path(f"{target}-wal"), Path(f"{target}-shm")):
        p.unlink(missing_ok=True)


def _size(kb) -> int:
    if kb.dialect == "sqlite":
        kb.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(kb.target).stat().st_size
    return int(kb.value("SELECT SUM(pg_total_relation_size(c.oid)) AS n FROM pg_class c "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = current_schema() AND c.relkind = 'r'"))


def phase_store(analyses: Path, db: str) -> dict:
    from veille.store import neardup, open_store, store_analyses
    items = _load(analyses)
    neardup.bands(neardup.DEFAULT_THRESHOLD)  # library import and set-up, once per run, not per article
    _fresh(db)
    t0 = time.perf_counter()
    with open_store(db) as kb:
        report = store_analyses(kb, ((a, None) for a in items))
        seconds = time.perf_counter() - t0
        size = _size(kb)
    return {"articles": report.stored + report.same_content, "near_duplicates": report.near_duplicates,
            "seconds": round(seconds, 2), "ms_per_article": round(1000 * seconds / max(1, len(items)), 2),
            "db_mb": round(size / 2**20, 2), "db_mb_per_1000": round(size / 2**20 * 1000 / max(1, len(items)), 2),
            "peak_mb": _peak_mb()}


def _time(fn, runs: int) -> dict:
    times = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        times.append(1000 * (time.perf_counter() - t0))
    times.sort()
    return {"median_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2), "runs": runs}


def phase_queries(db: str, runs: int) -> dict:
    from veille.store import open_store, queries
    rng = random.Random(7)
    with open_store(db, readonly=True) as kb:
        people = [r["name"] for r in queries.actors(kb, type="PER", limit=50)] or ["x"]
        countries = [r["c"] for r in kb.rows("SELECT source_country AS c, COUNT(*) AS n FROM events "
                                             "WHERE source_country IS NOT NULL GROUP BY source_country "
                                             "ORDER BY n DESC LIMIT 20")] or ["FRA"]
        words = [w for t in kb.rows("SELECT title FROM articles WHERE title IS NOT NULL LIMIT 300")
                 for w in (t["title"] or "").split() if len(w) > 5] or ["France"]
        ids = [r["id"] for r in kb.rows("SELECT id FROM articles")]
        types = ["CONSULT", "ACCUSE", "AGREE", "SUPPORT", "REQUEST"]
        pick = lambda xs: xs[rng.randrange(len(xs))]  # noqa: E731
        return {
            "search": _time(lambda i: queries.search(kb, pick(words)), runs),
            "search_two_words": _time(lambda i: queries.search(kb, f"{pick(words)} {pick(words)}"), runs),
            "quotes_speaker": _time(lambda i: queries.quotes(kb, speaker=pick(people)), runs),
            "quotes_contains": _time(lambda i: queries.quotes(kb, contains=pick(words)), runs),
            "events_source_type": _time(lambda i: queries.events(kb, source=pick(countries), type=pick(types)), runs),
            "events_dates": _time(lambda i: queries.events(kb, since="2019-01-01", until="2019-06-30"), runs),
            "actors": _time(lambda i: queries.actors(kb), runs),
            "timeline": _time(lambda i: queries.timeline(kb, pick(people)), runs),
            "show": _time(lambda i: queries.show(kb, pick(ids)), runs),
        }


def phase_replay_ingest(inp: Path, analyses: Path, db: Path, pause: float, batch: int) -> dict:
    """``ingest`` with the analysis replaced by the kept analyses (and a pause per article)."""
    import veille.pipeline
    from veille.errors import InputError
    from veille.pipeline import Failure
    from veille.read import read_paths
    from veille.store import ingest, open_store
    with open(inp, encoding="utf-8") as f:
        wanted = sum(1 for _ in f)
    kept = {a.id: a for a in _load(analyses, wanted)}  # both files follow the input order

    def replay(items, options=None):
        for item in items:
            time.sleep(pause)
            if isinstance(item, InputError) or item.id not in kept:
                yield Failure(getattr(item, "where", None) or "?", "not analysed in the analyze phase")
            else:
                yield kept[item.id]

    veille.pipeline.analyze_many = replay
    with open_store(db) as kb:
        report = ingest(kb, read_paths([inp]), batch_size=batch)
    return report.as_dict()


# -- the parent: runs phases, collects figures ------------------------------------------------
def child(*args: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE), "_child", *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench_store: phase {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _snapshot(db: Path) -> dict:
    """What must be identical after a resumed run: every article and every table's size."""
    sys.path.insert(0, str(ROOT / "src"))
    from veille.store import open_store, queries
    with open_store(db, readonly=True) as kb:
        arts = sorted((r["doc_id"], r["content_hash"], r["annotations"], r["dup"]) for r in kb.rows(
            "SELECT a.doc_id, a.content_hash, a.annotations, o.content_hash AS dup "
            "FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of"))
        return {"articles": arts, "counts": queries.stats(kb)}


def crash_test(inp: Path, analyses: Path, work: Path, kills: int, pause: float, real: bool, seed: int) -> dict:
    rng = random.Random(seed)
    ref, crashed = work / "crash-ref.db", work / "crash.db"
    for db in (ref, crashed):
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
    env = dict(os.environ)
    if real:
        # Every run must analyse with the same code: a copy of the sources taken now, so that
        # edits made to the working tree meanwhile cannot change the analyses between runs.
        snapshot = work / "src-snapshot"
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(ROOT / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        env["PYTHONPATH"] = str(snapshot)
        cmd = lambda db: [sys.executable, "-m", "veille.cli", "ingest", str(inp), "--db", str(db), "--lang", "fr",  # noqa: E731
                          "--no-progress", "--batch-size", "16"]
    else:
        cmd = lambda db: [sys.executable, str(HERE), "_child", "replay", str(inp), str(analyses), str(db),  # noqa: E731
                          str(pause), "16"]
    t0 = time.perf_counter()
    subprocess.run(cmd(ref), check=True, capture_output=True, env=env)
    full = time.perf_counter() - t0
    # Each run is killed after a random share of an uninterrupted run's time, while kills
    # remain; the run that is not killed must finish the job.
    done_kills, runs = 0, 0
    while True:
        runs += 1
        proc = subprocess.Popen(cmd(crashed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if done_kills < kills:
            try:
                proc.wait(timeout=rng.uniform(0.1, 0.35) * full)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                done_kills += 1
                continue
        if proc.wait() != 0:
            return {"error": f"a resumed run exited with status {proc.returncode}"}
        break
    a, b = _snapshot(ref), _snapshot(crashed)
    return {"kills": done_kills, "runs": runs, "articles": a["counts"]["articles"],
            "identical_articles": a["articles"] == b["articles"], "identical_counts": a["counts"] == b["counts"],
            "mode": "real analysis" if real else f"replayed analyses, {pause}s pause per article"}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        sys.path.insert(0, str(ROOT / "src"))
        phase, args = sys.argv[2], sys.argv[3:]
        if phase == "analyze":
            res = phase_analyze(Path(args[0]), Path(args[1]))
        elif phase == "store":
            res = phase_store(Path(args[0]), args[1])
        elif phase == "queries":
            res = phase_queries(args[0], int(args[1]))
        elif phase == "replay":
            res = phase_replay_ingest(Path(args[0]), Path(args[1]), Path(args[2]), float(args[3]), int(args[4]))
        else:
            sys.exit(f"unknown phase {phase}")
        print(json.dumps(res))
        return

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=5000, help="OrangeSum articles (default 5000)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/veille-bench"))
    ap.add_argument("--phases", default="analyze,store,queries,crash",
                    help="comma-separated: analyze, store, e2e, queries, crash")
    ap.add_argument("--runs", type=int, default=50, help="runs per query type")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--crash-n", type=int, default=500, help="articles in the crash test")
    ap.add_argument("--pause", type=float, default=0.005, help="replayed analysis time per article (s)")
    ap.add_argument("--crash-real", action="store_true", help="crash test with the real analysis")
    ap.add_argument("--pg", metavar="URL", help="also store and query on this PostgreSQL database "
                    "(a throwaway one: its veille tables are dropped first)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    o = ap.parse_args()
    o.work.mkdir(parents=True, exist_ok=True)
    phases = set(o.phases.split(","))
    inp = prepare(o.data, o.n, o.work)
    analyses, db = o.work / f"analyses-{o.n}.jsonl", o.work / f"kb-{o.n}.db"
    figures: dict = {"articles": o.n}
    if "analyze" in phases or not analyses.exists():
        figures["analyze"] = child("analyze", str(inp), str(analyses))
        print(json.dumps({"analyze": figures["analyze"]}), file=sys.stderr)
    elif analyses.with_suffix(".progress.json").exists():
        # An analyze phase stopped early: its rate stands, over the articles it finished.
        figures["analyze"] = json.loads(analyses.with_suffix(".progress.json").read_text())
        figures["analyze"]["partial"] = figures["analyze"]["articles"] < o.n
    if "analyze" in figures:
        figures["analyze"]["ms_per_article"] = round(
            1000 * figures["analyze"]["seconds"] / max(1, figures["analyze"]["articles"]), 1)
    if "store" in phases or not db.exists():
        figures["store"] = child("store", str(analyses), str(db))
        if "analyze" in figures:
            figures["store"]["share_of_analysis"] = round(
                figures["store"]["ms_per_article"] / figures["analyze"]["ms_per_article"], 4)
        print(json.dumps({"store": figures["store"]}), file=sys.stderr)
    if "e2e" in phases:
        e2e_db = o.work / f"e2e-{o.n}.db"
        for p in (e2e_db, Path(f"{e2e_db}-wal"), Path(f"{e2e_db}-shm")):
            p.unlink(missing_ok=True)
        t0 = time.perf_counter()
        subprocess.run([str(ROOT / ".venv/bin/veille"), "ingest", str(inp), "--db", str(e2e_db), "--lang", "fr",
                        "--no-progress"], check=True, capture_output=True)
        # The largest child so far: run e2e alone (--phases e2e) for the ingest's own peak.
        figures["e2e"] = {"seconds": round(time.perf_counter() - t0, 2),
                          "peak_mb_children": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}
        if "analyze" in figures:
            figures["e2e"]["relative_to_analysis"] = round(figures["e2e"]["seconds"] / figures["analyze"]["seconds"], 3)
    if "queries" in phases:
        figures["queries"] = child("queries", str(db), str(o.runs))
    if o.pg:
        figures["pg_store"] = child("store", str(analyses), o.pg)
        figures["pg_queries"] = child("queries", o.pg, str(o.runs))
    if "crash" in phases:
        n = min(o.crash_n, o.n)
        crash_in = o.work / f"crash-input-{n}.jsonl"
        with open(inp, encoding="utf-8") as f, open(crash_in, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(f, n))
        figures["crash"] = crash_test(crash_in, analyses, o.work, o.kills, o.pause, o.crash_real, seed=11)
    print(json.dumps(figures, indent=2))
    if o.json:
        o.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
