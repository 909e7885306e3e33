"""``ingest --analyses`` with worker processes: the lines read, parsed and prepared beside the
writer (``store.prepare``) store the base one process stores, row for row, ids included, in the
order of the input, with the same outcomes for bad lines and unstorable analyses."""
from __future__ import annotations

import json
import multiprocessing
import time
from dataclasses import replace

import pytest

from veille.records import Analysis
from veille.store import open_store, prepare, read_analyses, store_analyses
from veille.store.text import sha256

from kb_corpus import corpus
from kb_samples import article_a, article_b, fresh_target
from test_store_batched import _dump


def _analyses() -> list:
    """Every kind of line: articles with every annotation, a wire copy (near-duplicate), the same
    text under an id that sorts first, the same line twice, a line that is not an analysis, one
    that is not JSON, and an analysis that cannot be stored (a quote without content)."""
    a = article_a()
    earlier = replace(a, id="doc-0", title="Première rencontre",
                      source=replace(a.source, url="https://example.org/a-first"))
    broken = article_b().to_dict()
    broken.update(id="doc-broken", text=broken["text"] + " Une phrase de plus.")
    broken["quotes"][0]["content"] = None
    lines = [json.dumps(x.to_dict(), ensure_ascii=False) for x in corpus()]
    lines += [json.dumps(a.to_dict(), ensure_ascii=False), '{"not": "an analysis"}', "{broken json",
              json.dumps(broken, ensure_ascii=False), json.dumps(article_b().to_dict(), ensure_ascii=False),
              json.dumps(earlier.to_dict(), ensure_ascii=False), json.dumps(a.to_dict(), ensure_ascii=False)]
    return lines


@pytest.fixture
def dump_file(tmp_path):
    path = tmp_path / "analyses.jsonl"
    path.write_text("\n".join(_analyses()) + "\n", encoding="utf-8")
    return path




def _build(target: str, pairs, batch_size: int):
    with open_store(target) as kb:
        report = store_analyses(kb, pairs, batch_size=batch_size)
        return report, _dump(kb)


def _direct(path) -> list:
    """The analyses built in the test, one by one, as a caller of ``store_analyses`` gives them."""
    from veille.pipeline import Failure
    out = []
    for n, line in enumerate(path.read_bytes().splitlines(), 1):
        try:
            out.append((Analysis.from_dict(json.loads(line)), sha256(line.strip().decode("utf-8"))))
        except Exception as exc:  # noqa: BLE001 - what read_analyses reports
            at = f"{path}:{n}"
            out.append((Failure(at, f"{at}: not an analysis: {type(exc).__name__}: {exc}"), None))
    return out


@pytest.mark.parametrize("batch_size", [64, 3])
def test_workers_store_the_base_of_one_process_row_for_row(kb_target, tmp_path, dump_file, monkeypatch, batch_size):
    monkeypatch.setattr(prepare, "LINES_PER_TASK", 2)  # many tasks, their results reassembled in order
    runs = {"direct": lambda: _direct(dump_file)}
    for workers in (1, 2, 4):
        runs[f"workers={workers}"] = lambda w=workers: read_analyses([str(dump_file)], workers=w)
    results = {}
    for name, pairs in runs.items():
        report, dump = _build(fresh_target(kb_target, tmp_path, name), pairs(), batch_size)
        results[name] = (report.stored, report.same_content, report.skipped, report.failed, report.near_duplicates,
                         report.failures), dump
    (report, base) = results["direct"]
    assert report[:5] == (7, 1, 1, 3, 1)  # two bad lines and the unstorable analysis failed
    assert any("not an analysis" in m for _, m in report[5]) and any("not stored" in m for _, m in report[5])
    assert base["articles"] and base["quotes"] and base["events"] and base["lsh"]
    for name, (other_report, dump) in results.items():
        assert other_report == report, name
        for table in base:
            assert dump[table] == base[table], (name, table)


def test_the_results_come_in_the_order_of_the_input(tmp_path, dump_file, monkeypatch):
    monkeypatch.setattr(prepare, "LINES_PER_TASK", 3)
    missing = str(tmp_path / "missing.jsonl")
    paths = [str(dump_file), missing, str(dump_file)]

    def seen(pairs):
        return [(type(r).__name__, getattr(r, "id", None) or getattr(r, "where", None), h) for r, h in pairs]

    one = seen(read_analyses(paths, workers=1))
    assert len(one) == 2 * len(_analyses()) + 1 and ("Failure", missing, None) in one
    assert [k for k, _, _ in one].count("Analysis") == 2  # the unstorable one, left to the writer
    assert seen(read_analyses(paths, workers=3)) == one
    assert seen(read_analyses(paths, workers=3, limit=5)) == one[:5]


def test_prepared_lines_are_the_writer_s_own_preparation(dump_file):
    """A line prepared in a worker equals the analysis prepared by the writer itself."""
    for (p, h), (a, h2) in zip(read_analyses([str(dump_file)], workers=2), _direct(dump_file)):
        assert h == h2
        if isinstance(p, prepare.Prepared):
            assert p == prepare.prepare(a) and p.to_dict() == a.to_dict()


def test_a_consumer_that_stops_early_stops_the_workers(dump_file, monkeypatch):
    """Even when the process has a handler of SIGTERM (a server in the same process), which the
    forked workers would inherit."""
    import signal
    monkeypatch.setattr(prepare, "LINES_PER_TASK", 1)
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        _stop_early(dump_file)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_early(dump_file) -> None:
    already = set(multiprocessing.active_children())
    pairs = read_analyses([str(dump_file)], workers=3)
    next(pairs)
    started = set(multiprocessing.active_children()) - already
    assert started
    pairs.close()
    deadline = time.monotonic() + 30
    while started & set(multiprocessing.active_children()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not started & set(multiprocessing.active_children())


def test_the_command_takes_workers_and_shows_progress(tmp_path, dump_file, monkeypatch):
    from click.testing import CliRunner

    import veille.store
    from veille.cli import main
    from veille.store.ingest import ANALYSES_WORKERS, analyses_workers

    assert 1 <= analyses_workers() <= ANALYSES_WORKERS
    calls = []
    real = veille.store.store_analyses

    def spy(kb, pairs, **kw):
        report = real(kb, pairs, **kw)
        calls.append(report.seen)
        return report
    monkeypatch.setattr(veille.store, "store_analyses", spy)
    for workers in ("1", "3"):
        db = str(tmp_path / f"kb-{workers}.db")
        r = CliRunner().invoke(main, ["ingest", "--analyses", str(dump_file), "--db", db, "--workers", workers,
                                      "--batch-size", "4", "--progress"])
        assert r.exit_code == 1, r.output  # the bad lines
        assert "7 stored" in r.output and "3 failed" in r.output and "not an analysis" in r.output
    assert calls == [len(_analyses())] * 2
