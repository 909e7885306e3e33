"""bench/bench_kb.py's replicas: valid analyses (every span re-read from its text), distinct
texts that the near-duplicate detector keeps apart, names untouched, dates spread."""
from __future__ import annotations

import json

from veille.records import Analysis
from veille.store import neardup

from kb_corpus import corpus


def _spans(node, out):
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and "text" in node and "end" in node:
            out.append(node)
        for v in node.values():
            _spans(v, out)
    elif isinstance(node, list):
        for v in node:
            _spans(v, out)
    return out


def test_replicas_are_valid_distinct_analyses(tmp_path, repo_script):
    bench = repo_script("bench/bench_kb.py")
    base = tmp_path / "base.jsonl"
    originals = corpus()[:4]
    base.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in originals), encoding="utf-8")
    out = bench.replicate(base, 20, tmp_path / "replicas.jsonl", share=0.3)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and len({r["id"] for r in rows}) == 20 and len({r["text"] for r in rows}) == 20
    assert len({r["published"][:4] for r in rows}) > 3
    for i, r in enumerate(rows):
        a = Analysis.from_dict(r)  # a valid analysis
        original = originals[i % 4]
        assert len(a.text) == len(original.text)
        for sp in _spans({k: v for k, v in r.items() if k != "removed"}, []):
            assert sp["text"] == r["text"][sp["start"]:sp["end"]]
        assert [e.name for e in a.entities] == [e.name for e in original.entities]
        for e in a.entities:  # the named mentions are left as written
            assert all(m.text == a.text[m.start:m.end] and m.text in original.text for m in e.mentions)
        if i >= 4:  # a copy, not the article as analysed: the detector sees another document
            sim = neardup.similarity(neardup.signature(a.text), neardup.signature(original.text))
            assert sim < neardup.DEFAULT_THRESHOLD


def test_the_ingest_table_gives_the_rate_per_cpu_second_of_client_and_server(repo_script):
    """``--ingest-only``: SQLite per CPU second of the ingest process, PostgreSQL of it and the
    server's processes; a process's CPU read from /proc (user + system)."""
    import os
    import time
    bench = repo_script("bench/bench_kb.py")
    runs = [{"n": 10000, "backend": "sqlite", "ingest": {"seconds": 50.0, "articles_per_s": 200.0, "cpu_s": 40.0,
                                                         "articles_per_cpu_s": 250.0, "load_range": "1.0-2.0",
                                                         "mb_per_1000": 19.5}},
            {"n": 10000, "backend": "postgresql", "ingest": {
                "seconds": 100.0, "articles_per_s": 100.0, "cpu_s": 40.0, "articles_per_cpu_s": 250.0,
                "server_cpu_s": 60.0, "articles_per_total_cpu_s": 100.0, "load_range": "1.0-2.0", "mb_per_1000": 31.0}}]
    rows = bench.ingest_table({"runs": runs}).splitlines()[2:]
    assert rows[0].split(" | ")[5:7] == ["", "250.0"]
    assert rows[1].split(" | ")[5:7] == ["60.0", "100.0"]

    class Probe:
        tick = os.sysconf("SC_CLK_TCK")
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    cpu = bench.ServerCPU._cpu(Probe(), os.getpid())
    assert 0.2 <= cpu <= time.process_time() + 0.05
    assert bench.ServerCPU._cpu(Probe(), 2 ** 22 + 12345) is None  # a process gone
