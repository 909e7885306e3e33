#!/usr/bin/env python3
"""Fault injection: hostile inputs, killed ingests, a full disk, concurrent writers, hostile
requests. The figures of docs/reliability.md come from this script; it is run by hand (it
takes minutes), not by the test suite.

    .venv/bin/python bench/torture.py --data ../shared/data --work /tmp/veille-torture \\
        [--n 300] [--kills 20] [--pg postgresql://...] [--phases inputs,kills,disk,writers,requests]

Phases (all by default):

- inputs:   every hostile input of issue 15 and more (bad records, special files, cut and fake
            archives, encodings, bombs, deep nesting), each put next to good articles and given
            to ``veille analyze`` and to ``veille ingest`` (real processes, real model). An input
            survives when the run ends in time, without a traceback, reports it (or analyses it,
            for the inputs that are valid) and keeps every good article.
- kills:    ``veille ingest --analyses`` of N analyses (made once by ``veille analyze`` on N
            OrangeSum articles, kept in the work folder) killed with SIGKILL at random moments,
            with a batch size drawn at random for each run, until K kills; then run to the end.
            The base must equal an uninterrupted run's, table by table.
- disk:     the same ingest with the size of every file it writes capped (RLIMIT_FSIZE, as a
            full disk does) at several sizes; each run must fail cleanly, keep what it
            committed, and a run after the disk is freed must give the uninterrupted base.
- writers:  four ``veille ingest`` processes writing quarters of the analyses at once, plus one
            writing them all, into one SQLite base (and one PostgreSQL base with --pg): the
            result must equal the single writer's.
- requests: ``veille serve`` on that base, sent hostile ids, parameters and bodies on
            keep-alive connections: no 5xx, no connection lost after an error, base unchanged.

Figures are printed as JSON (``--json FILE`` writes them too). Nothing is written outside --work.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import io
import itertools
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "store"))  # kb_snapshot: a base as comparable data

VEILLE = [sys.executable, "-m", "veille.cli"]
GOOD = [{"id": f"good-{i}", "text": t, "published": "2019-05-10"} for i, t in enumerate((
    "Le ministre des Affaires étrangères a annoncé jeudi un accord avec Berlin sur le commerce.",
    "La maire de Lyon a inauguré lundi une nouvelle ligne de tramway, a indiqué la métropole."))]
MEASURE = r"""
import resource, subprocess, sys
p = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1] + ".err", "w"))
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(p.returncode)
"""


def say(*args) -> None:
    print("torture:", *args, file=sys.stderr, flush=True)


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _rm_db(db: Path) -> None:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)


def _snapshot(target: str) -> dict:
    from kb_snapshot import snapshot
    from veille.store import open_store
    with open_store(target) as kb:
        return snapshot(kb)


def _differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


# -- analyses, made once --------------------------------------------------------------------------

def analyses(data: Path, n: int, work: Path) -> Path:
    """N OrangeSum articles analysed by ``veille analyze`` (kept: later runs reuse them)."""
    out = work / f"analyses-{n}.jsonl"
    if out.exists():
        return out
    src = data / "orangesum" / "articles-dev.jsonl.gz"
    if not src.exists():
        sys.exit(f"torture: {src} not found (give --data)")
    inp = work / f"input-{n}.jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as o:
        for line in itertools.islice(f, n):
            r = json.loads(line)
            text = "\n\n".join(x for x in (r.get("heading"), r.get("article")) if x)
            o.write(json.dumps({"id": str(r["id"]), "url": r.get("url"), "title": r.get("title"),
                                "published": r.get("published"), "text": text}, ensure_ascii=False) + "\n")
    say(f"analysing {n} articles once (kept in {out})")
    subprocess.run([*VEILLE, "analyze", str(inp), "--lang", "fr", "-o", str(out) + ".part", "--no-progress"],
                   check=True, env=_env(), stderr=subprocess.DEVNULL)
    os.replace(str(out) + ".part", out)
    return out


def ingest_cmd(path: Path, db: str, batch: int = 64) -> list[str]:
    return [*VEILLE, "ingest", str(path), "--analyses", "--db", db, "--no-progress", "--batch-size", str(batch)]


def reference(path: Path, work: Path) -> tuple[Path, float]:
    ref = work / "reference.db"
    _rm_db(ref)
    t0 = time.perf_counter()
    subprocess.run(ingest_cmd(path, str(ref)), check=True, env=_env(), capture_output=True)
    return ref, time.perf_counter() - t0


# -- kills ------------------------------------------------------------------------------------------

def _articles(db: Path) -> int:
    import sqlite3
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def phase_kills(path: Path, work: Path, ref: Path, full: float, kills: int, rng: random.Random) -> dict:
    """Rounds of: a fresh ingest killed at random moments (a batch size drawn per run) until a run
    ends by itself; then the base is compared with the reference. Rounds go on until K kills."""
    db = work / "killed.db"
    reference_snap = _snapshot(str(ref))
    done, runs, rounds, identical, after_commit, batches = 0, 0, 0, 0, 0, set()
    while done < kills:
        _rm_db(db)
        rounds += 1
        while True:
            runs += 1
            batch = rng.choice((1, 4, 16, 64))
            batches.add(batch)
            before = _articles(db)
            proc = subprocess.Popen(ingest_cmd(path, str(db), batch), env=_env(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            try:
                proc.wait(timeout=rng.uniform(0.2, 1.0) * full)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                done += 1
                after_commit += _articles(db) > before  # the kill came after this run committed something
                continue
            if proc.returncode != 0:
                return {"error": f"a resumed run exited with status {proc.returncode}"}
            break
        differ = _differences(reference_snap, _snapshot(str(db)))
        identical += not differ
        if differ:
            say("round", rounds, "differs in", differ)
    return {"kills": done, "kills_after_a_commit": after_commit, "runs": runs, "rounds": rounds,
            "rounds_identical_to_reference": identical, "batch_sizes": sorted(batches)}


# -- a full disk ------------------------------------------------------------------------------------

def _capped(limit: int):
    def set_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return set_limit


def phase_disk(path: Path, work: Path, ref: Path) -> dict:
    size = ref.stat().st_size + sum(p.stat().st_size for p in ref.parent.glob(ref.name + "-*"))
    out = []
    for share in (0.1, 0.3, 0.5, 0.7):
        db = work / "full.db"
        _rm_db(db)
        limit = int(size * share)
        run = subprocess.run(ingest_cmd(path, str(db), 16), env=_env(), capture_output=True, text=True,
                             preexec_fn=_capped(limit))
        from veille.store import open_store
        try:
            with open_store(db, readonly=True) as kb:
                kept = {r["content_hash"] for r in kb.rows("SELECT content_hash FROM articles")}
        except Exception:  # nothing committed at all: no base
            kept = set()
        again = subprocess.run(ingest_cmd(path, str(db), 16), env=_env(), capture_output=True, text=True)
        with open_store(db, readonly=True) as kb:
            final = {r["content_hash"] for r in kb.rows("SELECT content_hash FROM articles")}
        differ = _differences(_snapshot(str(ref)), _snapshot(str(db)))
        out.append({"file_size_limit_mb": round(limit / 2**20, 1), "status": run.returncode,
                    "traceback": "Traceback" in run.stderr, "message": run.stderr.strip().splitlines()[-1:],
                    "committed_before_full": len(kept), "committed_lost": len(kept - final),
                    "rerun_status": again.returncode, "identical_after_rerun": not differ, "differing_tables": differ})
    return {"runs": out}


# -- concurrent writers -----------------------------------------------------------------------------

def phase_writers(path: Path, work: Path, ref: Path, pg: str | None) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = []
    for k in range(4):
        shard = work / f"shard-{k}.jsonl"
        shard.write_text("".join(lines[k::4]), encoding="utf-8")
        shards.append(shard)
    reference_snap = _snapshot(str(ref))
    out = {}
    targets = [("sqlite", str(work / "writers.db"))] + ([("postgresql", pg)] if pg else [])
    for name, target in targets:
        if name == "sqlite":
            _rm_db(Path(target))
        else:
            import psycopg
            from veille.store.schema import ALL_TABLES
            with psycopg.connect(target, autocommit=True) as conn:
                conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
        procs = [subprocess.Popen(ingest_cmd(p, target, 8), env=_env(), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for p in [*shards, path]]
        codes = [p.wait() for p in procs]
        errors = [p.stderr.read()[-300:] for p in procs if p.returncode]
        got = _snapshot(target)
        ref_snap = dict(reference_snap)
        if name == "postgresql":  # the two backends index actor names differently
            got.pop("actors_fts"), ref_snap.pop("actors_fts")
        differ = _differences(ref_snap, got)
        out[name] = {"writers": len(procs), "statuses": codes, "errors": errors, "identical": not differ,
                     "differing_tables": differ}
    return out


# -- hostile inputs ---------------------------------------------------------------------------------

def _jsonl(*records) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def _warc(n: int = 3, gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = ("<html><body><article><p>" + f"Le conseil municipal numéro {i} a voté jeudi le budget de la ville. " * 8
                + "</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://x.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def _giant_line_gz(target: Path, megabytes: int) -> None:
    with gzip.open(target, "wb", compresslevel=1) as f:
        f.write(_jsonl({"id": "before", "text": "Un texte avant la ligne géante, jeudi."}))
        f.write(b'{"text": "')
        chunk = b"a" * 2**20
        for _ in range(megabytes):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(_jsonl({"id": "after", "text": "Un texte après la ligne géante, vendredi."}))


LONG = " ".join(f"Le ministre numéro {i} a déclaré jeudi : « Nous signerons l'accord avec Berlin », selon l'AFP."
                for i in range(1700))  # about 150,000 characters


def hostile_cases() -> list[tuple[str, str, object]]:
    """(name, expectation, content): the content is bytes, a function making the entry in a
    folder, or a callable writing it; the expectation is "error" (the run must report the
    file) or "article" (the input is valid and must be analysed)."""
    data = gzip.compress(_jsonl(*({"id": f"cut-{i}", "text": f"Le conseil {i} a voté jeudi le budget."}
                                  for i in range(300))))
    warc, warcgz = _warc(), _warc(gz=True)
    deep = ("<html><body>" + "<div>" * 300 + "<p>" + "Le ministre a annoncé jeudi un accord avec Berlin. " * 6
            + "</p>" + "</div>" * 300 + "</body></html>")
    return [
        ("surrogate.jsonl", "error", _jsonl('{"id": "s", "text": "Il a dit \\ud800 jeudi."}')),
        ("lang-number.jsonl", "error", _jsonl({"id": "l", "text": "Le ministre a parlé.", "lang": 5})),
        ("title-number.jsonl", "error", _jsonl({"id": "t", "text": "Le ministre a parlé.", "title": 42})),
        ("not-object.jsonl", "error", _jsonl('["a", "list"]')),
        ("deep.jsonl", "error", _jsonl("[" * 100_000)),
        ("bignum.jsonl", "error", _jsonl('{"text": "x", "n": ' + "9" * 5000 + "}")),
        ("not-json.jsonl", "error", b"this is not json\n"),
        ("dangling.txt", "error", lambda p: os.symlink("/nonexistent/file", p)),
        ("loop.txt", "error", lambda p: os.symlink(p.name, p)),
        ("fifo.txt", "error", lambda p: os.mkfifo(p)),
        ("cut.jsonl.gz", "error", data[: len(data) // 2]),
        ("not-gzip.jsonl.gz", "error", _jsonl({"id": "n", "text": "Pas compressé."})),
        ("giant-line.jsonl.gz", "error", lambda p: _giant_line_gz(p, 300)),
        ("gzip-bomb.txt.gz", "error", lambda p: _giant_line_gz(p, 200)),
        ("bad-byte.txt", "article", "Le ministère des Affaires étrangères a parlé jeudi.".encode() + b"\xff fin."),
        ("utf16-bom.txt", "article", "\ufeffLe ministre a parlé jeudi à l'Élysée.".encode("utf-16-le")),
        ("utf16-nobom.txt", "article", "Le ministre a parlé jeudi à l'Élysée.".encode("utf-16-le")),
        ("cp1252.txt", "article", "Le ministre des Affaires étrangères a déclaré jeudi que l'été serait chaud."
                                  .encode("cp1252")),
        ("cut.warc", "error", warc[:-100]),
        ("cut.warc.gz", "error", warcgz[:-100]),
        ("garbage.warc", "error", b"garbage\n" * 50),
        ("empty.warc", "error", b""),
        ("empty.jsonl", "error", b""),
        ("zero.jsonl.gz", "error", b""),
        ("empty.txt", "error", b""),
        ("binary.txt", "error", bytes(range(256)) * 40),
        ("random.html", "error", random.Random(7).randbytes(5000)),
        ("deep.html", "article", deep.encode()),
        ("long-article.jsonl", "article", _jsonl({"id": "long", "text": LONG})),
        ("nul-in-text.jsonl", "article", _jsonl({"id": "nul", "text": "Le ministre a dit\u0000 jeudi qu'il viendrait."})),
        (os.fsdecode(b"caf\xe9.txt"), "article", "Un article au nom de fichier en Latin-1, publié jeudi.".encode()),
        ("huge.txt", "error", b"mot " * (3 * 2**20)),
    ]


def _make(folder: Path, name: str, content) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.jsonl").write_bytes(_jsonl(*GOOD))
    p = folder / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        content(p)
    return p


def _measured(cmd: list[str], timeout: float, work: Path) -> tuple[int | None, float, float, str]:
    """(status or None on timeout, seconds, peak MiB, stderr) of ``cmd`` in a fresh wrapper."""
    rss = work / "rss"
    t0 = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-c", MEASURE, str(rss), *cmd], env=_env(), timeout=timeout)
        status = p.returncode
    except subprocess.TimeoutExpired:
        status = None
    seconds = time.perf_counter() - t0
    peak = int(rss.read_text()) / 1024 if rss.exists() and status is not None else float("nan")
    err = Path(str(rss) + ".err").read_text(errors="replace") if Path(str(rss) + ".err").exists() else ""
    rss.unlink(missing_ok=True)
    return status, seconds, peak, err


def phase_inputs(work: Path, timeout: float) -> dict:
    from veille.store import open_store
    rows = []
    for name, expect, content in hostile_cases():
        folder = work / "inputs" / "case"
        shutil.rmtree(folder.parent, ignore_errors=True)
        _make(folder, name, content)
        shown = name.encode("utf-8", "backslashreplace").decode()
        out, db = work / "inputs" / "out.jsonl", work / "inputs" / "kb.db"
        a = _measured([*VEILLE, "analyze", str(folder), "--lang", "fr", "-o", str(out), "--no-progress"], timeout, work)
        ids = [json.loads(line)["id"] for line in out.read_text().splitlines()] if out.exists() else []
        i = _measured([*VEILLE, "ingest", str(folder), "--db", str(db), "--lang", "fr", "--no-progress"], timeout, work)
        try:
            with open_store(db, readonly=True) as kb:
                stored = {r["doc_id"] for r in kb.rows("SELECT doc_id FROM articles")}
        except Exception:
            stored = set()
        good = {g["id"] for g in GOOD}
        checks = {}
        for cmd, (status, seconds, peak, err), got in (("analyze", a, set(ids)), ("ingest", i, stored)):
            named = shown in err or Path(shown).stem in err
            ok = (status in (0, 1) and "Traceback" not in err and good <= got
                  and (named and status == 1 if expect == "error" else len(got) > len(good)))
            checks[cmd] = {"survived": ok, "status": status, "seconds": round(seconds, 1), "peak_mb": round(peak),
                           "good_kept": len(good & got), "others": len(got - good)}
        say(name, {k: (v["survived"], v["status"], v["seconds"]) for k, v in checks.items()})
        rows.append({"input": shown, "expect": expect, **checks})
    runs = [r[c] for r in rows for c in ("analyze", "ingest")]
    return {"inputs": len(rows), "runs": len(runs), "survived": sum(r["survived"] for r in runs),
            "good_articles_lost": sum(len(GOOD) - r["good_kept"] for r in runs), "cases": rows}


# -- hostile requests -------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hostile_requests(rng: random.Random) -> list[tuple[str, str, bytes | None, dict]]:
    weird = ["²", "\u0663", "9" * 25, "9" * 5000, "-1", "1e3", "0x10", "' OR 1=1 --", "\"; DROP TABLE articles; --",
             "../../etc/passwd", "%00", "\x00", "a" * 100_000, "NEAR(a b)", 'energie AND (nucléaire OR "NEAR',
             "*", "^", "\ufffd", "🙂" * 50, "\u202e", " ", "", "null", "[]", "{}", "\\", "%", "_"]
    chars = [c for c in range(32, 0x30000) if not 0xD800 <= c <= 0xDFFF]  # any character a URL can carry
    weird += ["".join(chr(rng.choice(chars)) for _ in range(rng.randrange(1, 40))) for _ in range(40)]
    out = []
    for w in weird:
        out.append(("GET", "/api/articles/" + quote(w, safe=""), None, {}))
        for route, param in (("search", "q"), ("quotes", "speaker"), ("quotes", "contains"), ("events", "source"),
                             ("events", "type"), ("events", "since"), ("actors", "name"), ("actors", "country"),
                             ("timeline", "actor")):
            out.append(("GET", f"/api/{route}?" + urlencode({param: w}), None, {}))
        out.append(("GET", "/api/search?" + urlencode({"q": "accord", "limit": w}), None, {}))
    out.append(("GET", "/api/search?" + urlencode({"q": " ".join(f"m{i}" for i in range(250))}), None, {}))
    bodies = [json.dumps({"text": GOOD[0]["text"], "language": "fr"}).encode(), b"", b"not json", b"[" * 100_000, b'{"text": 5}', b'{"text": "x", "html": "y"}', b'{"text": "   "}',
              b'{"text": "Il a dit \\ud800 jeudi."}', b'{"text": "ok", "extra": 1}', b'{"text": "ok", "published": "hier"}',
              json.dumps({"text": "a" * 300_000}).encode(), json.dumps({"html": "<p>" * 5000}).encode(),
              b'{"text": "' + b"9" * 5000 + b'"}', b'{"text": ' + b"9" * 5000 + b"}", b"\xff\xfe\x00"]
    for b in bodies:
        out.append(("POST", "/api/analyze", b, {"Content-Type": "application/json"}))
    out.append(("POST", "/api/analyze", b"x" * 10, {"Content-Type": "application/json", "Content-Length": str(10**12)}))
    out.append(("POST", "/api/search?q=accord", b"{}", {"Content-Type": "application/json"}))
    out.append(("DELETE", "/api/articles/1", None, {}))
    out.append(("GET", "/" + "a" * 10_000, None, {}))
    return out


def _peak_mb(pid: int) -> int | None:
    """The peak resident memory of a running process (Linux), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _chunked_bomb(port: int, megabytes: int) -> dict:
    """A body of ``megabytes`` without a Content-Length: how it was refused, after how much."""
    sent = 0

    def body():
        nonlocal sent
        yield b'{"text": "'
        for _ in range(megabytes):
            sent += 1
            yield b"a" * 2**20
        yield b'"}'
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.perf_counter()
    try:
        conn.request("POST", "/api/analyze", body=body(), headers={"Content-Type": "application/json"},
                     encode_chunked=True)
        outcome = conn.getresponse().status
    except OSError as exc:  # the server answered 413 and closed while the client was still sending
        outcome = f"closed by the server ({type(exc).__name__})"
    return {"outcome": outcome, "mb_sent_before": sent, "seconds": round(time.perf_counter() - t0, 2)}


COMMON_WORDS = ["le", "la", "de", "les", "des", "et", "un", "une", "a", "en", "du", "que", "qui", "pour", "dans",
                "sur", "par", "au", "avec", "est"]


def phase_requests(ref: Path, work: Path, rng: random.Random) -> dict:
    served = work / "served.db"
    shutil.copy(ref, served)
    before = _snapshot(str(served))
    port = _free_port()
    proc = subprocess.Popen([*VEILLE, "serve", "--db", str(served), "--port", str(port), "--log-level", "critical"],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    return {"error": "veille serve did not start"}
                time.sleep(0.3)
        statuses: dict[str, int] = {}
        lost_after_error, reconnects, slowest = 0, 0, (0.0, "")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        previous_error = False
        requests = _hostile_requests(rng)
        for method, path, body, headers in requests:
            t0 = time.perf_counter()
            for attempt in (1, 2):
                try:
                    conn.request(method, path, body=body, headers=headers)
                    r = conn.getresponse()
                    r.read()
                    status = r.status
                    if r.getheader("connection", "").lower() == "close":
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                        reconnects += 1
                    break
                except (http.client.HTTPException, OSError):
                    lost_after_error += previous_error and attempt == 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                    reconnects += 1
                    status = "connection lost"
            elapsed = time.perf_counter() - t0
            slowest = max(slowest, (elapsed, f"{method} {path[:60]}"))
            key = str(status) if isinstance(status, str) else f"{status // 100}xx"
            statuses[key] = statuses.get(key, 0) + 1
            previous_error = isinstance(status, int) and status >= 400
        bomb = _chunked_bomb(port, 200)
        from veille.store.queries import MAX_TERMS
        words = COMMON_WORDS[:MAX_TERMS]  # each in most articles: the costliest search allowed
        t0 = time.perf_counter()
        conn.request("GET", "/api/search?" + urlencode({"q": " ".join(words)}))
        r = conn.getresponse()
        r.read()
        worst_search = (r.status, round(time.perf_counter() - t0, 3))
        after = _snapshot(str(served))
        peak = _peak_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"requests": len(requests) + 2, "statuses": statuses, "lost_after_an_error": lost_after_error,
            "server_closed_connections": reconnects, "slowest": [round(slowest[0], 2), slowest[1]],
            "chunked_200mb_body": bomb, "server_peak_mb": peak,
            f"search_{MAX_TERMS}_common_words": worst_search, "base_unchanged": before == after}


# -- main -------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--work", type=Path, default=Path("/tmp/veille-torture"))
    ap.add_argument("--n", type=int, default=300, help="articles analysed for the kill, disk and writer phases")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--pg", help="a PostgreSQL URL for the writers phase (its tables are dropped first)")
    ap.add_argument("--phases", default="inputs,kills,disk,writers,requests")
    ap.add_argument("--timeout", type=float, default=300, help="seconds after which a run counts as hung")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path)
    o = ap.parse_args()
    o.work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(o.seed)
    phases = o.phases.split(",")
    figures: dict = {"n": o.n, "seed": o.seed}

    def run(name: str, fn, *args) -> None:
        """One phase; its figures (or its error) are written out at once, whatever comes next."""
        say(f"phase {name}")
        try:
            figures[name] = fn(*args)
        except Exception as exc:  # a phase that breaks (a server gone) must not lose the others' figures
            figures[name] = {"error": f"{type(exc).__name__}: {exc}"}
        if o.json:
            o.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")

    if "inputs" in phases:
        run("inputs", phase_inputs, o.work, o.timeout)
    if {"kills", "disk", "writers", "requests"} & set(phases):
        path = analyses(o.data, o.n, o.work)
        ref, full = reference(path, o.work)
        figures["reference"] = {"articles": len(_snapshot(str(ref))["articles"]), "seconds": round(full, 1)}
        if "kills" in phases:
            run("kills", phase_kills, path, o.work, ref, full, o.kills, rng)
        if "disk" in phases:
            run("disk", phase_disk, path, o.work, ref)
        if "writers" in phases:
            run("writers", phase_writers, path, o.work, ref, o.pg)
        if "requests" in phases:
            run("requests", phase_requests, ref, o.work, rng)
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
