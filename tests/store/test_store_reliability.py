"""Nothing a user feeds in sinks an ingest: bad records are recorded and passed, a lost race is
run again, failure rows go once the input is stored, a query has a time budget, an old base
is upgraded."""
from __future__ import annotations

import gzip
import json
import sqlite3
from dataclasses import replace

import pytest
from click.testing import CliRunner

import veille.pipeline
from veille.cli import main
from veille.errors import StoreConflict, StoreError
from veille.pipeline import Failure
from veille.store import open_store, queries, schema, store_analyses
from veille.store.actors import reindex
from veille.store.ingest import Writer

from kb_samples import analysis, article_a, article_b
from kb_snapshot import snapshot
from test_store_ingest import fake_analyze_many

GOOD = {"id": "g", "text": "Le ministre a annoncé jeudi un accord avec Berlin."}


def test_an_analysis_the_database_cannot_hold_is_recorded_and_its_batch_kept(kb):
    bad = analysis("s", "Il a dit \ud800 jeudi.")  # a lone surrogate: no encoding can store it
    report = store_analyses(kb, [(article_a(), "h1"), (bad, "h2"), (article_b(), "h3")])
    assert (report.stored, report.failed) == (2, 1)
    assert sorted(r["doc_id"] for r in kb.rows("SELECT doc_id FROM articles")) == ["doc-a", "doc-b"]
    message = kb.value("SELECT message FROM failures WHERE input_hash = 'h2'")
    assert message.startswith("not stored:") and "\\ud800" in message
    again = store_analyses(kb, [(bad, "h2")])  # a rerun passes it again, never blocks
    assert again.failed == 1 and kb.count("failures") == 1


def test_a_bug_in_the_writer_is_one_failure_not_a_stopped_run(kb, monkeypatch):
    real = Writer.write

    def broken(self, a, ihash=None):
        if a.id == "doc-b":
            raise AttributeError("'NoneType' object has no attribute 'name'")
        return real(self, a, ihash)

    monkeypatch.setattr(Writer, "write", broken)
    report = store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
    assert (report.stored, report.failed) == (1, 1)
    assert "AttributeError" in kb.value("SELECT message FROM failures")


def test_a_failure_row_goes_when_its_input_is_stored_later(kb):
    store_analyses(kb, [(Failure("dump.jsonl:3", "stage crashed"), "h1")])
    assert kb.count("failures") == 1
    store_analyses(kb, [(article_a(), "h1")])
    assert kb.count("failures") == 0


def test_a_batch_that_loses_to_another_writer_is_run_again(kb, monkeypatch):
    real, calls = Writer.write, []

    def racing(self, a, ihash=None):
        calls.append(a.id)
        if len(calls) == 2:
            raise StoreConflict("postgresql: deadlock; the transaction can be run again")
        return real(self, a, ihash)

    monkeypatch.setattr(Writer, "write", racing)
    report = store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
    assert calls == ["doc-a", "doc-b", "doc-a", "doc-b"]
    assert (report.stored, report.failed, kb.count("articles"), kb.count("failures")) == (2, 0, 2, 0)


def test_the_bad_record_of_issue_15_no_longer_blocks_ingest(tmp_path, monkeypatch):
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(GOOD) + '\n{"id":"s","text":"Il a dit \\ud800 jeudi."}\n', encoding="utf-8")
    for _ in range(2):
        result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "s.db"), "--no-progress"])
        assert result.exit_code == 1 and "unpaired surrogate" in result.output
    with open_store(tmp_path / "s.db") as kb:
        assert kb.count("articles") == 1 and kb.count("failures") == 1


@pytest.mark.parametrize("content", [b"garbage, not gzip", None])
def test_ingest_counts_damaged_files_without_aborting(tmp_path, monkeypatch, content):
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    data = gzip.compress("".join(json.dumps({**GOOD, "id": i}) + "\n" for i in range(200)).encode())
    (tmp_path / "d.jsonl.gz").write_bytes(content or data[: len(data) // 2])
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "d.jsonl.gz"), "--db", str(tmp_path / "d.db"),
                                       "--no-progress"])
    assert result.exit_code == 1 and "Traceback" not in result.output and "Aborted" not in result.output
    with open_store(tmp_path / "d.db") as kb:
        assert kb.count("articles") == (0 if content else 1)  # the fake analysis gives one text to all
        assert kb.count("failures") == 1


# -- queries have a budget --------------------------------------------------------------------------

def test_a_read_only_query_that_runs_too_long_is_stopped(tmp_path):
    with open_store(tmp_path / "kb.db") as kb:
        store_analyses(kb, [(article_a(), None)])
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
    with open_store(tmp_path / "kb.db", readonly=True, query_seconds=0.2) as kb:
        with pytest.raises(StoreError, match="longer than 0.2 s"):
            kb.value(slow)
        assert kb.value("SELECT COUNT(*) AS n FROM articles") == 1  # the connection is still good
    with open_store(tmp_path / "kb.db", readonly=True) as kb:
        assert kb.query_seconds == 10.0


def test_a_postgresql_reader_has_a_statement_timeout(kb_target):
    if "://" not in kb_target:
        pytest.skip("PostgreSQL only")
    open_store(kb_target).close()
    with open_store(kb_target, readonly=True, query_seconds=0.2) as kb:
        with pytest.raises(StoreError, match="longer than 0.2 s"):
            kb.value("SELECT pg_sleep(2)")


# -- an older base is upgraded ---------------------------------------------------------------------

def _as_schema_1(path) -> None:
    """What a base written by the previous veille looks like: no forms, the first name stored."""
    conn = sqlite3.connect(path)
    from veille.store import schema  # its indexes that hold the events' confidence or the quotes' date came later
    conn.executescript("".join(f"DROP INDEX {s.split()[5]};" for s in schema.indexes("sqlite")
                               if s.startswith("CREATE INDEX") and ("confidence" in s or " ON quotes(" in s)))
    conn.executescript("""
        DROP INDEX entities_form; ALTER TABLE entities DROP COLUMN form_id;
        DROP TABLE form_values; DROP TABLE forms; ALTER TABLE events DROP COLUMN confidence;
        ALTER TABLE quotes DROP COLUMN published;
        UPDATE actors SET name = 'Brigitte Macron', sector = NULL;
        UPDATE meta SET value = '1' WHERE key = 'store_schema';
    """)
    conn.commit()
    conn.close()


def test_a_schema_1_base_is_upgraded_and_its_identities_rebuilt(tmp_path):
    a = article_a()
    macron = replace(a.entities[0], name="Emmanuel Macron", kb_id="emmanuel_macron")
    a = replace(a, entities=(macron, *a.entities[1:]))
    with open_store(tmp_path / "kb.db") as kb:
        store_analyses(kb, [(a, "h1"), (article_b(), "h2")])
        fresh = snapshot(kb)
    _as_schema_1(tmp_path / "kb.db")
    with open_store(tmp_path / "kb.db", readonly=True) as kb:  # read as it is, not written
        assert kb.value("SELECT value FROM meta WHERE key = 'store_schema'") == "1"
    with open_store(tmp_path / "kb.db") as kb:
        assert kb.value("SELECT value FROM meta WHERE key = 'store_schema'") == str(schema.STORE_SCHEMA)
        assert snapshot(kb) == fresh
        assert queries.actors(kb, name="Macron")[0]["name"] == "Emmanuel Macron"


def test_reindex_command_rebuilds_identities(tmp_path):
    db = str(tmp_path / "kb.db")
    with open_store(db) as kb:
        store_analyses(kb, [(article_a(), "h1"), (article_b(), "h2")])
        fresh = snapshot(kb)
        kb.execute("UPDATE actors SET name = 'Brigitte Macron', country = NULL")
    result = CliRunner().invoke(main, ["reindex", "--db", db])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    with open_store(db) as kb:
        assert snapshot(kb) == fresh
        assert reindex(kb) == 2
