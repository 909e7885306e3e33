"""The models and resources loaded before the run are kept out of the garbage collector's passes
while it lasts (in this process with one worker, in the forked workers with several), and the
collector is back to normal when the stream ends or is closed."""
from __future__ import annotations

import gc
import multiprocessing
import os

import pytest

import veille.pipeline as pipeline
from veille.options import Options
from veille.records import RawArticle, Source


def _frozen_batch(items, options):
    """A batch's results say how many objects were frozen in the process that analysed it."""
    return [pipeline.Failure(it.id, f"{gc.get_freeze_count()} {os.getpid()}") for it in items]


def _items(n):
    return [RawArticle(id=str(i), source=Source(), text="x") for i in range(n)]


@pytest.fixture(autouse=True)
def _no_freeze_left():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_one_worker_freezes_after_the_first_batch_and_thaws_at_the_end(monkeypatch):
    monkeypatch.setattr(pipeline, "analyze_batch", _frozen_batch)
    out = [int(r.message.split()[0]) for r in pipeline.analyze_many(_items(6), Options(workers=1, batch_size=2))]
    assert out[0] == out[1] == 0  # the first batch loads the models: nothing frozen yet
    assert all(n > 0 for n in out[2:])
    assert gc.get_freeze_count() == 0


def test_closing_the_stream_thaws(monkeypatch):
    monkeypatch.setattr(pipeline, "analyze_batch", _frozen_batch)
    stream = pipeline.analyze_many(_items(6), Options(workers=1, batch_size=2))
    for _ in range(3):
        next(stream)
    assert gc.get_freeze_count() > 0
    stream.close()
    assert gc.get_freeze_count() == 0
    assert list(pipeline.analyze_many([], Options(workers=1))) == [] and gc.get_freeze_count() == 0


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_workers_inherit_the_frozen_heap_and_keep_the_order(monkeypatch):
    monkeypatch.setattr(pipeline, "analyze_batch", _frozen_batch)  # inherited by the forked workers
    monkeypatch.setattr(pipeline, "_warm_up", lambda options: None)
    results = list(pipeline.analyze_many(_items(9), Options(workers=2, batch_size=2)))
    assert [r.where for r in results] == [str(i) for i in range(9)]
    frozen = [int(r.message.split()[0]) for r in results]
    pids = {r.message.split()[1] for r in results}
    assert str(os.getpid()) not in pids and all(n > 0 for n in frozen)
    assert gc.get_freeze_count() == 0
