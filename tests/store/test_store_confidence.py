"""The event scorer's confidence in the knowledge base: stored, filtered on, upgraded into old bases."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from veille.cli import main
from veille.errors import QueryError
from veille.store import filters, open_store, queries, schema, store_analyses

from kb_samples import article_a, article_b


def scored_a():
    """Article A with a sure CONSULT (0.9) and a doubtful AGREE (0.1); article B keeps no confidence."""
    a = article_a()
    consult, agree = a.events
    return replace(a, events=(replace(consult, confidence=0.9), replace(agree, confidence=0.1)))


def _types(rows):
    return sorted(r["type"] for r in rows)


def test_events_are_filtered_by_their_confidence(kb, monkeypatch):
    store_analyses(kb, [(scored_a(), None), (article_b(), None)])
    every = queries.events(kb, min_confidence=0)
    assert _types(every) == ["ACCUSE", "AGREE", "CONSULT"]
    assert {r["type"]: r["confidence"] for r in every} == {"CONSULT": pytest.approx(0.9), "AGREE": pytest.approx(0.1),
                                                           "ACCUSE": None}
    # an event with no confidence (no model for its language) is not judged: it stays
    assert _types(queries.events(kb, min_confidence=0.5)) == ["ACCUSE", "CONSULT"]
    assert _types(queries.events(kb, min_confidence="0.95")) == ["ACCUSE"]
    assert queries.total(kb, "events", min_confidence=0.5) == 2
    # the default threshold applies when the query says nothing
    monkeypatch.setattr(filters, "MIN_CONFIDENCE", 0.5)
    assert _types(queries.events(kb)) == ["ACCUSE", "CONSULT"]
    assert _types(queries.events(kb, min_confidence=0)) == ["ACCUSE", "AGREE", "CONSULT"]


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "sure", "nan"])
def test_a_bad_confidence_is_refused(bad):
    with pytest.raises(QueryError) as err:
        filters.check("events", {"min_confidence": bad})
    assert err.value.field == "min_confidence"


def test_the_default_favours_precision():
    assert 0.0 < filters.MIN_CONFIDENCE < 1.0


def test_a_schema_2_base_is_read_as_it_is_then_upgraded(kb_target):
    path = kb_target
    with open_store(path) as kb:
        store_analyses(kb, [(scored_a(), None), (article_b(), None)])
        with kb.transaction():  # what a base written by the previous veille looks like
            for stmt in schema.indexes(kb.dialect):  # (its indexes did not hold the confidence nor the quotes' date)
                if stmt.startswith("CREATE INDEX") and ("confidence" in stmt or " ON quotes(" in stmt):
                    kb.execute(f"DROP INDEX {stmt.split()[5]}")
            kb.execute("ALTER TABLE events DROP COLUMN confidence")
            kb.execute("ALTER TABLE quotes DROP COLUMN published")  # (nor the quotes' date: schema 4)
            kb.execute("UPDATE meta SET value = '2' WHERE key = 'store_schema'")
    with open_store(path, readonly=True) as kb:  # no confidence column: no filter, no error
        assert _types(queries.events(kb, min_confidence=0.5)) == ["ACCUSE", "AGREE", "CONSULT"]
        assert all(r["confidence"] is None for r in queries.events(kb))
    with open_store(path) as kb:
        assert kb.value("SELECT value FROM meta WHERE key = 'store_schema'") == str(schema.STORE_SCHEMA)
        assert _types(queries.events(kb, min_confidence=0.5)) == ["ACCUSE", "AGREE", "CONSULT"]  # NULL: kept
        store_analyses(kb, [(replace(scored_a(), id="doc-c", text=scored_a().text + " "), None)])
        assert _types(queries.events(kb, min_confidence=0.5, duplicates=True)).count("AGREE") == 1


def test_cli_min_confidence(tmp_path):
    db = str(tmp_path / "kb.db")
    with open_store(db) as kb:
        store_analyses(kb, [(scored_a(), None), (article_b(), None)])
    run = CliRunner().invoke
    r = run(main, ["events", "--db", db, "--min-confidence", "0.5", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert _types(json.loads(x) for x in r.stdout.splitlines()) == ["ACCUSE", "CONSULT"]
    r = run(main, ["events", "--db", db, "--min-confidence", "0", "--format", "json"])
    assert len(r.stdout.splitlines()) == 3
    r = run(main, ["events", "--db", db, "--min-confidence", "2"])
    assert r.exit_code == 2 and "--min-confidence" in r.output
    assert "--min-confidence" in run(main, ["events", "--help"]).output
