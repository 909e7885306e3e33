"""A bulk load (``store/bulk.py``): the large tables' secondary indexes dropped for the load and
built at its end give the same base, row for row, with the same indexes and the same answers; a
load that fails builds them again, and one that stopped half-way leaves them to the next ingest."""
from __future__ import annotations

import pytest

from veille.store import bulk, open_store, queries, store_analyses

from kb_corpus import corpus
from kb_samples import fresh_target
from test_store_batched import _dump


def _items():
    return [(a, f"h-{a.id}") for a in corpus()]


def _indexes(kb) -> set[tuple[str, str]]:
    """(name, definition) of every index of the base."""
    if kb.dialect == "sqlite":
        return {(r["name"], r["sql"]) for r in kb.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index'")}
    return {(r["indexname"], r["indexdef"]) for r in kb.rows(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()")}


def _answers(kb) -> list:
    """What the queries answer: searches, quotes, events, actors, a timeline."""
    out = []
    for word in ("pêche", "quotas", "Valmont"):
        out.append(list(queries.search(kb, word)))
    out.append(list(queries.quotes(kb, speaker="Valmont")))
    out.append(list(queries.quotes(kb, contains="pêche")))
    out.append(list(queries.events(kb, source="FRA")))
    out.append(list(queries.events(kb, type="ACCUSE")))
    out.append(list(queries.actors(kb)))
    out.append(list(queries.timeline(kb, "Claire Valmont")))
    return out


def _spy_indexes(monkeypatch) -> list[int]:
    """The number of the base's indexes seen at the end of each batch."""
    import importlib
    ingest = importlib.import_module("veille.store.ingest")
    seen: list[int] = []
    real = ingest.Writer.settle

    def settle(self):
        real(self)
        seen.append(len(_indexes(self.store)))
    monkeypatch.setattr(ingest.Writer, "settle", settle)
    return seen


def test_a_bulk_load_gives_the_same_base_and_answers(kb_target, tmp_path, monkeypatch):
    built = {}
    for defer in (False, True):
        with monkeypatch.context() as m:
            seen = _spy_indexes(m)
            with open_store(fresh_target(kb_target, tmp_path, f"bulk-{defer}")) as kb:
                before = _indexes(kb)
                report = store_analyses(kb, _items(), batch_size=2, defer_indexes=defer)
                assert report.stored == len(corpus())
                after = _indexes(kb)
                assert after == before  # the dropped indexes built again, definition for definition
                assert bulk.deferred_indexes(kb) == []
                built[defer] = (_dump(kb), _answers(kb))
        if defer:  # dropped during the load, the writer's own and the unique ones kept
            assert seen and max(seen) < len(before)
            names_during = len(before) - seen[0]
            assert names_during >= 10
        else:
            assert seen and set(seen) == {len(before)}
    plain, deferred = built[False], built[True]
    for table in plain[0]:
        assert plain[0][table] == deferred[0][table], table
    assert plain[1] == deferred[1]
    assert any(plain[1])  # the queries found something


def test_the_indexes_kept_during_a_bulk_load(kb_target):
    with open_store(kb_target) as kb:
        dropped = set(bulk.defer_indexes(kb))
        left = {name for name, _ in _indexes(kb)}
        assert bulk.WRITER_INDEXES <= left
        assert {"events_newest", "articles_published"} <= dropped
        if kb.dialect == "postgresql":
            assert {"articles_search", "quotes_search"} <= dropped
        assert not dropped & left
        assert bulk.restore_indexes(kb) == len(dropped)
        assert bulk.restore_indexes(kb) == 0
        assert dropped <= {name for name, _ in _indexes(kb)}


def test_a_first_load_is_a_bulk_load_and_a_later_one_is_not(kb_target, monkeypatch):
    items = _items()
    with open_store(kb_target) as kb:
        full = len(_indexes(kb))
        seen = _spy_indexes(monkeypatch)
        store_analyses(kb, items[:3], batch_size=2)
        assert seen and seen[0] < full  # an empty base: deferred
        seen.clear()
        store_analyses(kb, items[3:], batch_size=2)
        assert seen and set(seen) == {full}  # a base with articles: kept
        seen.clear()
        store_analyses(kb, [(a, f"again-{a.id}") for a, _ in items[:2]], batch_size=2, defer_indexes=True)
        assert seen and seen[0] < full  # asked for


class Boom(RuntimeError):
    pass


def test_a_failed_bulk_load_builds_the_indexes_again(kb_target):
    items = _items()

    def failing():
        yield from items[:4]
        raise Boom("the input broke")
    with open_store(kb_target) as kb:
        before = _indexes(kb)
        with pytest.raises(Boom):
            store_analyses(kb, failing(), batch_size=2, defer_indexes=True)
        assert _indexes(kb) == before
        assert bulk.deferred_indexes(kb) == []
        assert kb.count("articles") == 4  # the committed batches are kept


def test_a_load_stopped_half_way_leaves_its_indexes_to_the_next_ingest(kb_target, tmp_path):
    items = _items()
    with open_store(kb_target) as kb:
        before = _indexes(kb)
        store_analyses(kb, items[:3], batch_size=2)
        dropped = bulk.defer_indexes(kb)  # as a killed bulk load leaves the base
        assert dropped and _indexes(kb) < before
    with open_store(kb_target) as kb:
        assert len(bulk.deferred_indexes(kb)) == len(dropped)
        assert kb.count("articles") == 3  # readable meanwhile
        store_analyses(kb, items[3:], batch_size=2, defer_indexes=False)
        assert _indexes(kb) == before
        assert bulk.deferred_indexes(kb) == []


def test_the_ingest_command_takes_bulk(tmp_path):
    import json

    from click.testing import CliRunner

    from veille.cli import main
    from veille.store import open_store as open_

    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in corpus()), encoding="utf-8")
    for flag in ("--bulk", "--no-bulk"):
        db = tmp_path / f"kb{flag}.db"
        r = CliRunner().invoke(main, ["ingest", "--analyses", str(path), "--db", str(db), "--no-progress",
                                     "--workers", "1", flag])
        assert r.exit_code == 0, r.output
        with open_(str(db)) as kb:
            assert kb.count("articles") == len(corpus())
            assert bulk.deferred_indexes(kb) == []
