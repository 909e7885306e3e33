"""A run stopped early (Ctrl-C, or a consumer that stops reading) does not wait for the batches
already handed to the worker processes."""
from __future__ import annotations

import multiprocessing
import time

import pytest

import veille.pipeline as pipeline
from veille.options import Options
from veille.records import RawArticle, Source


def slow_batch(items, options):
    time.sleep(3)
    return [pipeline.Failure("x", "slow") for _ in items]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_closing_the_stream_stops_the_workers_at_once(monkeypatch):
    monkeypatch.setattr(pipeline, "analyze_batch", slow_batch)  # inherited by the forked workers
    monkeypatch.setattr(pipeline, "_warm_up", lambda options: None)
    items = [RawArticle(id=str(i), source=Source(), text="x") for i in range(20)]
    stream = pipeline.analyze_many(items, Options(workers=2, batch_size=1))
    next(stream)  # the first batch is done, the next ones are queued or running
    started = time.monotonic()
    stream.close()
    while multiprocessing.active_children() and time.monotonic() - started < 10:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
    assert time.monotonic() - started < 2  # each batch takes 3 s: none was waited for
