import json

import pytest

from veille import Options, read_paths
from veille.cluster import analyze_on_dask, parse_shard, shard
from veille.errors import ConfigError


def test_shards_partition_the_input():
    items = list(range(10))
    parts = [list(shard(items, k, 3)) for k in (1, 2, 3)]
    assert sorted(x for p in parts for x in p) == items
    assert parts[0] == [0, 3, 6, 9]


@pytest.mark.parametrize("bad", ["0/3", "4/3", "x", "1-3"])
def test_bad_shard_spec(bad):
    with pytest.raises(ConfigError):
        parse_shard(bad)


@pytest.mark.model
def test_dask_cluster_runs_batches_in_order(tmp_path):
    distributed = pytest.importorskip("distributed")
    recs = [{"id": f"d{i}", "text": f"Le maire de Villebrune a inauguré la salle numéro {i} lundi."} for i in range(5)]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as lc:
        out = list(analyze_on_dask(read_paths([p]), Options(batch_size=2), lc.scheduler_address))
    assert [a.id for a in out] == [r["id"] for r in recs]
    assert all(a.language == "fr" and a.entities for a in out)


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    with pytest.raises(ConfigError, match="cannot reach"):
        list(analyze_on_dask(iter([]), Options(), "tcp://127.0.0.1:9", in_flight=1, connect_timeout="2s"))


def test_worker_keeps_freed_memory_once_then_analyses(monkeypatch):
    from veille import cluster, nlp
    calls = []
    monkeypatch.setattr(cluster, "_worker_ready", False)
    monkeypatch.setattr(nlp, "reuse_freed_memory", lambda: calls.append("mallopt") or True)
    monkeypatch.setattr(cluster, "analyze_batch", lambda batch, options: [f"a:{x}" for x in batch])
    assert cluster.analyze_batch_on_worker([1, 2], Options()) == ["a:1", "a:2"]
    assert cluster.analyze_batch_on_worker([3], Options()) == ["a:3"]
    assert calls == ["mallopt"]
