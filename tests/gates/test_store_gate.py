"""Knowledge-base gate: real OrangeSum articles, really analysed, ingested twice and queried."""
from __future__ import annotations

import gzip
import itertools
import json

import pytest

from veille.options import Options
from veille.records import RawArticle, Source
from veille.store import export, ingest, open_store, queries

N = 20


def _articles(data_dir) -> list[RawArticle]:
    with gzip.open(data_dir / "orangesum" / "articles-dev.jsonl.gz", "rt", encoding="utf-8") as f:
        recs = [json.loads(x) for x in itertools.islice(f, N)]
    return [RawArticle(id=str(r["id"]), source=Source(url=r["url"]), title=r["title"], published=r["published"],
                       text="\n\n".join(x for x in (r["heading"], r["article"]) if x)) for r in recs]


@pytest.mark.gate
@pytest.mark.model
def test_ingest_is_idempotent_and_queryable(data_dir, tmp_path):
    articles = _articles(data_dir)
    with open_store(tmp_path / "kb.db") as kb:
        first = ingest(kb, articles, Options(language="fr"), batch_size=8)
        assert first.stored == N and first.failed == 0
        again = ingest(kb, articles, Options(language="fr"))
        assert (again.stored, again.skipped) == (0, N)
        s = queries.stats(kb)
        assert s["articles"] == N
        # Floors well under what 20 OrangeSum articles give (about 20 entities and 11 quotes each).
        assert s["entities"] >= 8 * N and s["quotes"] >= 3 * N and s["actors"] >= 5 * N
        top = queries.actors(kb, limit=5)
        assert top and top[0]["mentions"] >= 5
        word = max(articles[3].title.split(), key=len)
        assert str(articles[3].id) in {r["doc_id"] for r in queries.search(kb, word, limit=50)}
        people = queries.actors(kb, type="PER", limit=3)
        assert any(queries.timeline(kb, p["name"]) or queries.quotes(kb, speaker=p["name"]) for p in people)
        files = export(kb, tmp_path / "out", ("jsonl", "parquet"))
        assert len(files) == 11
        lines = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["id"] for x in lines] == [a.id for a in articles]
