"""The ingest and query paths made for large bases give what the plain ones give.

- A batch settles its actors once (``Writer(deferred=True)``): the same base as settling each
  article, and a batch whose settling fails is written again article by article.
"""
from __future__ import annotations

import importlib
import random

import pytest

from veille.store import open_store, store_analyses
from veille.store.ingest import Writer

from kb_snapshot import snapshot
from test_store_identity import PEOPLE, _corpus

ingest_mod = importlib.import_module("veille.store.ingest")  # the module (the package exports a function of its name)


def _specs(seed: int, n: int = 30) -> list:
    rng = random.Random(seed)
    return [(rng.sample(range(len(PEOPLE)), rng.randint(0, 4)), rng.choice([None, 0, 1, 2, 3]),
             rng.choice([None, None, 1, 2]), rng.randint(1, 28), rng.random() < 0.15) for _ in range(n)]


def _per_article(kb, corpus) -> None:
    writer = Writer(kb)  # not deferred: each article settled as it is written
    with kb.transaction():
        for a in corpus:
            writer.write(a, f"h-{a.id}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_settled_at_once_gives_the_base_of_articles_settled_one_by_one(kb_target, tmp_path, seed):
    corpus = _corpus(_specs(seed))
    with open_store(tmp_path / "one-by-one.db") as kb:
        _per_article(kb, corpus)
        reference = snapshot(kb)
    with open_store(kb_target) as kb:
        report = store_analyses(kb, [(a, f"h-{a.id}") for a in corpus], batch_size=16)
        assert report.stored + report.same_content == len(corpus)
        got = snapshot(kb)
        if kb.dialect != "sqlite":  # the reference is a SQLite base: its actor index is FTS5, not a tsvector
            got.pop("actors_fts"), reference.pop("actors_fts")
        assert got == reference


def test_a_batch_whose_settling_fails_is_written_article_by_article(tmp_path, monkeypatch):
    corpus = _corpus(_specs(4, 12))
    with open_store(tmp_path / "ref.db") as kb:
        _per_article(kb, corpus)
        reference = snapshot(kb)
    real = ingest_mod.actors.settle
    calls = []

    def fragile(store, articles, flipped=()):
        calls.append(len(articles))
        if len(articles) > 1:
            raise RuntimeError("settling many at once broke")
        return real(store, articles, flipped)

    monkeypatch.setattr(ingest_mod.actors, "settle", fragile)
    with open_store(tmp_path / "kb.db") as kb:
        report = store_analyses(kb, [(a, f"h-{a.id}") for a in corpus], batch_size=6)
        assert report.failed == 0 and report.stored + report.same_content == len(corpus)
        assert snapshot(kb) == reference
    assert max(calls) > 1 and 1 in calls  # the batch was tried whole, then article by article
