"""The writer's settling made lighter gives the same base: the entities' forms and values made
with the prepared analyses, the actors' shown values kept across a writer's batches (emptied
when another writer or a rolled-back batch changed the base), the band keys made in the default
layout, SQLite's page cache set for the run only."""
from __future__ import annotations

from dataclasses import replace

import pytest

from veille.records import Entity, Mention
from veille.store import actors, neardup, open_store, store_analyses
from veille.store.prepare import band_keys, prepare

from kb_corpus import corpus
from kb_samples import analysis, fresh_target
from test_store_batched import _dump


def _berg(n: int, country: str, name: str = "Anton Berg"):
    """An article naming ``name`` (a person of ``country``), its own text."""
    text = f"Article berg-{n}-{country}: {name} a parlé au port numéro {n}. " + "Le reste parle d'autre chose. " * 3
    start = text.index(name)
    ent = Entity("e1", name, "PER", (Mention(start, start + len(name), name),), country, "GOV")
    return analysis(f"berg-{n}-{country}", text, published=f"2019-07-{n % 28 + 1:02d}", entities=[ent],
                    url=f"https://example.org/berg-{n}-{country}")


def _items():
    """The corpus, then Anton Berg named as a person of another country in batch after batch (his
    shown country changes on the way), and by his surname alone (a form that joins him)."""
    arts = corpus() + [_berg(n, "AUT") for n in range(6)] + [_berg(9, "AUT", "Berg")]
    return [(a, f"h-{a.id}") for a in arts]




def _no_copy(monkeypatch) -> None:
    """The writer reads every actor again at each batch (the code before the copy)."""
    def valid(self, generation):
        self.clear()
        self.generation = generation
    monkeypatch.setattr(actors.Shown, "valid", valid)


def _spy(monkeypatch) -> list[int]:
    """The number of held actors refreshed from the copy, per batch."""
    seen: list[int] = []
    real = actors.Shown.take_changed

    def take_changed(self, wanted):
        out = real(self, wanted)
        seen.append(len(out))
        return out
    monkeypatch.setattr(actors.Shown, "take_changed", take_changed)
    return seen


@pytest.mark.parametrize("batch_size", [2, 3])
def test_the_actors_held_across_batches_give_the_base_read_again(kb_target, tmp_path, monkeypatch, batch_size):
    seen = _spy(monkeypatch)
    with open_store(fresh_target(kb_target, tmp_path, "held")) as kb:
        store_analyses(kb, _items(), batch_size=batch_size)
        held = _dump(kb)
        shown = {r["name"]: r["country"] for r in kb.rows("SELECT name, country FROM actors")}
    assert sum(seen) > 0  # some actors were refreshed from the copy, not read again
    assert shown["Anton Berg"] == "AUT"  # his shown country changed in a later batch
    with monkeypatch.context() as m:
        _no_copy(m)
        with open_store(fresh_target(kb_target, tmp_path, "read")) as kb:
            store_analyses(kb, _items(), batch_size=batch_size)
            read = _dump(kb)
    for table in read:
        assert held[table] == read[table], table


def test_another_writer_between_two_batches_empties_the_copy(kb_target, tmp_path, monkeypatch):
    """Between two batches of one writer (Anton Berg a German in its first, 4 times), another
    writer makes him an Austrian (6 times); the first writer's next batch makes him a Swiss 5
    times: from its stale copy (4 German, 5 Swiss) it would show him Swiss, the base shows him
    Austrian. The copy must not be used (the base's generation is not the one it left)."""
    first = [(a, f"h-{a.id}") for a in corpus()]
    other = [(a, f"h-{a.id}") for a in (_berg(n, "AUT") for n in range(6))]
    last = [(a, f"h-{a.id}") for a in (_berg(20 + n, "CHE") for n in range(5))]

    def interleaved(target):
        yield from first
        with open_store(target) as kb2:  # the first writer's batches so far are committed
            store_analyses(kb2, other, batch_size=4)
        yield from last

    def build(name: str, copy: bool) -> dict:
        target = fresh_target(kb_target, tmp_path, name)
        with monkeypatch.context() as m:
            if not copy:
                _no_copy(m)
            with open_store(target) as kb:
                store_analyses(kb, interleaved(target), batch_size=len(first))
                return _dump(kb)
    held, read = build("held", True), build("read", False)
    for table in read:
        assert held[table] == read[table], table
    assert ("country", "AUT") in next(r for r in held["actors"] if ("name", "Anton Berg") in r)


def test_a_rolled_back_batch_leaves_no_trace_in_the_copy(kb_target, tmp_path, monkeypatch):
    """A batch that fails once its actors are settled (the copy updated) is rolled back and
    written again: the copy of the rolled-back run is not used, and the base is the one built
    without a copy (on PostgreSQL compared by key: a batch written again draws new ids)."""
    from kb_snapshot import snapshot
    dump = snapshot if kb_target.startswith("postgresql") else _dump
    failed = {"n": 0}
    real = actors._drop_orphans

    def drop_once(store, moved):
        if failed["n"] == 0 and store.value("SELECT COUNT(*) FROM articles") > 6:
            failed["n"] += 1
            raise RuntimeError("the base refused the batch once")
        return real(store, moved)
    monkeypatch.setattr(actors, "_drop_orphans", drop_once)
    with open_store(fresh_target(kb_target, tmp_path, "held")) as kb:
        store_analyses(kb, _items(), batch_size=3)
        held = dump(kb)
    assert failed["n"] == 1
    with monkeypatch.context() as m:
        _no_copy(m)
        with open_store(fresh_target(kb_target, tmp_path, "read")) as kb:
            store_analyses(kb, _items(), batch_size=3)
            read = dump(kb)
    for table in read:
        assert held[table] == read[table], table


def test_the_prepared_forms_and_values_are_the_writer_s():
    for a in corpus() + [_berg(1, "AUT"), _berg(2, "AUT", "Berg")]:
        p = prepare(a)
        forms = [actors.entity_form(e.name, e.type, e.kb_id, e.country) for e in a.entities]
        assert p.forms == [(f.type, f.name_key, f.kb_id) if f else None for f in forms]
        ents = [{"article_id": 1, "eid": e.id, "name": e.name, "type": e.type, "country": e.country,
                 "sector": e.sector} for e in a.entities]
        form_of = {(1, e.id): f for e, f in zip(a.entities, forms)}
        ids = {f.key: n for n, f in enumerate({f for f in forms if f})}
        expected = actors._count_values(ids, form_of, ents)
        got: dict = {}
        for t, field, value, n in p.values:
            key = (ids[actors.Form(*t).key], field, value)
            got[key] = got.get(key, 0) + n
        assert got == expected and expected


def test_band_keys_made_in_the_default_layout_or_again_in_another():
    p = prepare(corpus()[0])
    sig = neardup.from_bytes(p.minhash)
    default = neardup.bands(neardup.DEFAULT_THRESHOLD)
    assert p.bands[0] == default
    assert band_keys(p, sig, default) == neardup.band_keys(sig, *default)
    other = neardup.bands(0.5)
    assert other != default and band_keys(p, sig, other) == neardup.band_keys(sig, *other)


def test_sqlite_page_cache_is_set_for_the_run_only(tmp_path, monkeypatch):
    import importlib
    ing = importlib.import_module("veille.store.ingest")
    sizes = []
    real = ing._store_analyses

    def spy(store, *args, **kw):
        sizes.append(store.value("PRAGMA cache_size"))
        return real(store, *args, **kw)
    monkeypatch.setattr(ing, "_store_analyses", spy)
    with open_store(str(tmp_path / "kb.db")) as kb:
        before = kb.value("PRAGMA cache_size")
        store_analyses(kb, _items()[:2])
        assert sizes == [-ing.SQLITE_CACHE_KIB] and before != sizes[0]
        assert kb.value("PRAGMA cache_size") == before
