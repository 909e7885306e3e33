"""The fast ingest path stores what the plain one stores: MinHash signatures computed in one
pass and LSH layouts equal datasketch's, and a batch whose annotation rows are written together (one multi-row
insert per table, ``COPY`` on PostgreSQL) gives the very rows of the article-by-article path."""
from __future__ import annotations

import numpy as np
import pytest

from veille.store import neardup
from veille.store.text import shingles

TEXTS = [
    "",
    "Trois mots seulement",
    "Le maire a présenté le budget.",
    "Élysée : la réunion des ministres est reportée à jeudi, a indiqué l'Élysée ; la réunion des ministres "
    "est reportée, une fois encore, à jeudi prochain. " * 3,
    "Le conseil régional a voté le plan de soutien aux pêcheurs, puis le conseil régional a voté le budget.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_signatures_are_datasketch_s_bit_for_bit(text):
    datasketch = pytest.importorskip("datasketch")
    m = datasketch.MinHash(num_perm=neardup.NUM_PERM)
    if getattr(m, "scheme", None) != "affine32":
        pytest.skip("datasketch before 2.0 (another default scheme)")
    grams = shingles(text)
    if grams:
        m.update_batch([g.encode("utf-8") for g in grams])
    sig = neardup.signature(text)
    assert sig.dtype == np.uint64 and np.array_equal(sig, m.hashvalues.astype(np.uint64))


def test_the_lsh_layouts_are_datasketch_s():
    from datasketch import MinHashLSH
    for t in range(10, 100):
        lsh = MinHashLSH(threshold=t / 100, num_perm=neardup.NUM_PERM, weights=(0.05, 0.95))
        assert neardup.bands(t / 100) == (lsh.b, lsh.r), t
    assert neardup.bands(0.8) == (16, 8)


def test_the_shingle_list_is_the_shingle_set_with_its_repeats():
    for text in TEXTS:
        grams = neardup._shingle_list(text)
        assert set(grams) == shingles(text)
    assert len(neardup._shingle_list(TEXTS[3])) > len(shingles(TEXTS[3]))  # repeats: same signature (above)


# -- a batch written together stores the rows of the article-by-article path --------------------

def _inputs():
    """Every kind of input a batch meets: new articles with every annotation, a wire copy (a
    near-duplicate), the same text from another input under another id and title
    (an id sorting first: the article takes its id and title), the same input twice, and a failed input."""
    from dataclasses import replace

    from veille.pipeline import Failure

    from kb_corpus import corpus
    from kb_samples import article_a, article_b
    arts = corpus()
    a = article_a()
    earlier = replace(a, id="doc-0", title="Première rencontre",
                      source=replace(a.source, url="https://example.org/a-first"))
    items = [(x, f"h-{x.id}") for x in arts]
    items += [(a, "h-a"), (Failure("dump.jsonl:7", "not an analysis"), None), (article_b(), "h-b"),
              (earlier, "h-a-first"), (a, "h-a")]
    return items


def _dump(kb) -> dict:
    """Every row of every table, ids included (the clock's columns left out); on SQLite, every
    entry of the two full-text indexes, checked against their content."""
    from veille.store.schema import ALL_TABLES
    out = {}
    for table in ALL_TABLES:
        rows = []
        for r in kb.rows(f"SELECT * FROM {table}"):
            r.pop("ingested_at", None), r.pop("at", None)
            rows.append(tuple(sorted((k, bytes(v).hex() if isinstance(v, (bytes, memoryview)) else v)
                                     for k, v in r.items())))
        out[table] = sorted(rows, key=repr)
    if kb.dialect == "sqlite":
        for fts in ("articles_fts", "quotes_fts"):
            kb.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            kb.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{fts}_v USING fts5vocab(main, {fts}, 'instance')")
            out[fts] = [tuple(r.values()) for r in kb.rows(f"SELECT * FROM temp.{fts}_v ORDER BY 1, 2, 3, 4")]
    return out


def _both(kb_target, tmp_path, items, batch_size, dump=None):
    """The dumps of the base built from ``items`` without and with bulk writing, and the reports."""
    dump = dump or _dump
    from veille.store import open_store, store_analyses
    from veille.store.schema import ALL_TABLES
    dumps, reports = [], []
    for bulk in (False, True):
        if kb_target.startswith("postgresql"):
            target = kb_target
            import psycopg
            with psycopg.connect(target, autocommit=True) as conn:
                conn.execute("DROP TABLE IF EXISTS " + ", ".join(ALL_TABLES) + " CASCADE")
        else:
            target = str(tmp_path / f"kb-{bulk}.db")
        with open_store(target) as kb:
            report = store_analyses(kb, items, batch_size=batch_size, bulk=bulk)
            reports.append((report.stored, report.same_content, report.skipped, report.failed))
            dumps.append(dump(kb))
    return dumps, reports


@pytest.mark.parametrize("batch_size", [64, 3])
def test_a_batch_written_together_stores_the_rows_of_the_article_by_article_path(kb_target, tmp_path, batch_size):
    (plain, bulk), reports = _both(kb_target, tmp_path, _inputs(), batch_size)
    assert reports == [(7, 1, 1, 1)] * 2
    assert plain["articles"] and plain["quotes"] and plain["events"] and plain["mentions"]
    assert any(dict(r)["duplicate_of"] for r in plain["articles"])
    assert [dict(r)["doc_id"] for r in plain["articles"]].count("doc-0") == 1
    for table in plain:
        assert bulk[table] == plain[table], table


def test_an_unstorable_article_is_undone_alone_in_a_batch_written_together(kb, monkeypatch, caplog):
    """The article refused after its rows were held: its rows go, the others' are written (the
    batch written again together, with an undo point per article, not article by article)."""
    import logging
    caplog.set_level(logging.INFO, logger="veille.store.ingest")
    from veille.errors import StoreError
    from veille.store import store_analyses
    from veille.store.ingest import Writer

    from kb_samples import article_a, article_b
    real = Writer.write

    def refuse_b(self, a, ihash=None):
        out = real(self, a, ihash)
        if a.id == "doc-b":
            raise StoreError("refused after its rows were held")
        return out

    monkeypatch.setattr(Writer, "write", refuse_b)
    report = store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
    assert (report.stored, report.failed) == (1, 1)
    # (its id: 1 on SQLite; on PostgreSQL a batch written again draws new ids from the sequence)
    kept = kb.value("SELECT id FROM articles WHERE doc_id = ?", (article_a().id,))
    assert {r["article_id"] for r in kb.rows("SELECT article_id FROM quotes")} == {kept}
    assert kb.count("articles") == 1
    assert "undo point per article" in caplog.text and "article by article" not in caplog.text
    assert kb.count("quotes") == 2 and kb.count("entities") == 3
    if kb.dialect == "sqlite":
        kb.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        kb.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_a_batch_whose_rows_are_refused_together_is_written_article_by_article(kb_target, tmp_path, caplog):
    """Two entities of one article under one id: the database refuses the batch's rows; the batch
    is written again article by article and only that article is refused, as without bulk (the
    same base; row ids may differ, as a batch run again draws new ones on PostgreSQL)."""
    from dataclasses import replace

    from kb_samples import article_b
    b = article_b()
    bad = replace(b, id="doc-twice", text=b.text + " Encore.", entities=(b.entities[0], b.entities[0]),
                  quotes=(), events=())
    items = _inputs()
    items.insert(2, (bad, "h-twice"))
    from kb_snapshot import snapshot
    (plain, bulk), reports = _both(kb_target, tmp_path, items, 64, dump=snapshot)
    assert reports == [(7, 1, 1, 2)] * 2
    assert "article by article" in caplog.text
    for table in plain:
        assert bulk[table] == plain[table], table


def test_the_store_s_commands_start_without_the_analysis_models():
    """The store, its commands and the near-duplicate detector load neither spaCy nor scipy, and
    the events' default confidence is the shipped event model's."""
    import subprocess
    import sys
    code = ("import sys, veille.cli, veille.store.ingest, veille.store.cli, veille.store.export; "
            "from veille.store import filters, neardup; neardup.signature('un deux trois quatre cinq six'); "
            "neardup.bands(0.8); filters.quad_types(); "
            "print(sorted(m for m in ('spacy', 'scipy', 'datasketch', 'veille.what') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    from veille import resources
    from veille.store import filters
    from veille.what import cameo
    assert filters.MIN_CONFIDENCE == resources.load("common", "lists")["events"]["min_confidence"]
    assert filters.cameo() == cameo() and filters.quad_of("ASSAULT") == "material-conflict"


def test_analyses_are_stored_in_larger_batches_by_default(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    import veille.store
    from veille.cli import main
    from veille.store.ingest import ANALYSES_BATCH, DEFAULT_BATCH

    from kb_samples import article_a
    sizes = []
    real = veille.store.store_analyses

    def spy(kb, pairs, **kw):
        sizes.append(kw["batch_size"])
        return real(kb, pairs, **kw)

    monkeypatch.setattr(veille.store, "store_analyses", spy)
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(article_a().to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    for extra in ([], ["--batch-size", "7"]):
        r = CliRunner().invoke(main, ["ingest", "--analyses", str(path), "--db", str(tmp_path / "kb.db"),
                                      "--no-progress", *extra])
        assert r.exit_code == 0, r.output
    assert sizes == [ANALYSES_BATCH, 7] and ANALYSES_BATCH > DEFAULT_BATCH


def test_a_prepared_batch_looks_up_once_what_its_articles_looked_up_one_by_one(kb_target, tmp_path, monkeypatch):
    """A batch prepared at once (its input and content hashes and LSH candidates looked up in one
    query each, its own articles matched in memory, its LSH rows held) stores the base of the
    article-by-article path: with a refused article whose wire copy follows it in the batch (its
    LSH entries go with it), copies across batches and within one, a text and an input twice."""
    from dataclasses import replace

    from veille.errors import StoreError
    from veille.store.ingest import Writer

    from kb_samples import article_b
    b = article_b()
    doomed = replace(b, id="doc-doomed", text=b.text + " Une phrase de plus pour ce texte.")
    copy = replace(b, id="doc-doomed-copy", text=b.text + " Une phrase de plus pour ce texte !",
                   source=replace(b.source, url="https://example.org/doomed-copy"))
    real = Writer.write

    def refuse(self, a, ihash=None):
        out = real(self, a, ihash)
        if a.id == "doc-doomed":
            raise StoreError("refused after its rows were held")
        return out

    monkeypatch.setattr(Writer, "write", refuse)
    items = _inputs()
    items[3:3] = [(doomed, "h-doomed"), (copy, "h-doomed-copy")]
    from kb_snapshot import snapshot
    # every row with its ids on SQLite; on PostgreSQL a batch written again draws new ids from
    # the sequences, so the rows are compared by their keys
    dump = snapshot if kb_target.startswith("postgresql") else _dump
    for batch_size in (64, 4):
        (plain, bulk), reports = _both(kb_target, tmp_path, items, batch_size, dump=dump)
        assert reports[0] == reports[1] and reports[0][3] == 2  # the failed input and the refused article
        for table in plain:
            assert bulk[table] == plain[table], (batch_size, table)


def test_the_statements_of_a_prepared_batch_are_fewer(tmp_path):
    """Looked up once per batch: fewer statements per article than one by one."""
    import contextlib

    from veille.store import db as dbm
    from veille.store import open_store, store_analyses
    runs = []
    for bulk in (False, True):
        count = [0]
        real = dbm.Store._statement

        @contextlib.contextmanager
        def counted(self, real=real, count=count):
            count[0] += 1
            with real(self):
                yield

        with open_store(tmp_path / f"kb-{bulk}.db") as kb:
            dbm.Store._statement = counted
            try:
                store_analyses(kb, _inputs(), batch_size=64, bulk=bulk)
            finally:
                dbm.Store._statement = real
        runs.append(count[0])
    assert runs[1] < runs[0]
