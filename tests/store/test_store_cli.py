from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import veille.pipeline
from veille.cli import main
from veille.store import open_store, store_analyses

from kb_samples import article_a, article_b
from test_store_ingest import fake_analyze_many

COMMANDS = ("ingest", "search", "quotes", "events", "actors", "timeline", "show", "export", "stats")
DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "kb.db")
    with open_store(path) as kb:
        store_analyses(kb, [(article_a(), None), (article_b(), None)])
    return path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_is_registered_and_documented():
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    for name in COMMANDS:
        assert name in main.commands
        assert run(name, "--help").exit_code == 0
        assert re.search(rf"veille {name}\b", doc), f"docs/store.md does not document veille {name}"


def test_quotes_as_json(db):
    r = run("quotes", "--db", db, "--speaker", "Valmont", "--format", "json")
    assert r.exit_code == 0
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert [q["speaker"] for q in rows] == ["Claire Valmont", "Claire Valmont"]


def test_events_as_csv_and_table(db):
    r = run("events", "--db", db, "--target", "DEU", "--format", "csv")
    assert r.output.splitlines()[0].startswith("date,type,")
    assert len(r.output.splitlines()) == 3
    r = run("events", "--db", db, "--type", "AGREE")
    assert "AGREE" in r.output and "CONSULT" not in r.output


def test_search_actors_timeline_show_stats(db, tmp_path):
    assert "doc-b" in run("search", "elysee", "--db", db).output
    assert "Claire Valmont" in run("actors", "--db", db).output
    assert run("timeline", "Valmont", "--db", db, "--format", "json").output.count('"kind"') == 5
    shown = json.loads(run("show", "doc-a", "--db", db, "--format", "json").output)
    assert shown["quotes"] == article_a().to_dict()["quotes"]
    assert "Claire Valmont" in run("show", "1", "--db", db).output
    assert json.loads(run("stats", "--db", db, "--format", "json").output)["articles"] == 2
    out = tmp_path / "out"
    r = run("export", str(out), "--db", db, "--format", "csv", "--table", "events")
    assert r.exit_code == 0 and (out / "events.csv").exists() and not (out / "quotes.csv").exists()


def test_library_errors_become_messages(db, tmp_path):
    r = run("show", "nothing-like-this", "--db", db)
    assert r.exit_code == 1 and "no article" in r.output
    r = run("quotes", "--db", str(tmp_path / "missing.db"))
    assert r.exit_code == 1 and "no such knowledge base" in r.output


def test_ingest_command_resumes(kb_target, tmp_path, monkeypatch):
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Texte inventé numéro {i} sur la météo de la semaine.", encoding="utf-8")
    db = kb_target
    r = run("ingest", str(folder), "--db", db, "--no-progress")
    assert r.exit_code == 0 and "5 stored" in r.output
    (folder / "5.txt").write_text("Un sixième texte inventé.", encoding="utf-8")
    r = run("ingest", str(folder), "--db", db, "--no-progress")
    assert "1 stored" in r.output and "5 already stored" in r.output
    rows = [json.loads(x) for x in run("search", "sixième", "--db", db, "--format", "json").output.splitlines()]
    assert [r["doc_id"] for r in rows] == [r["doc_id"] for r in rows[:1]] and len(rows) == 1


def test_ingest_stores_analyses_made_elsewhere(tmp_path):
    dump = tmp_path / "analyses.jsonl"
    dump.write_text("\n".join(json.dumps(a.to_dict(), ensure_ascii=False) for a in (article_a(), article_b()))
                    + "\n{\"not\": \"an analysis\"}\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    r = run("ingest", str(dump), "--analyses", "--db", db, "--no-progress")
    assert r.exit_code == 1 and "2 stored" in r.output and "1 failed" in r.output
    r = run("ingest", str(dump), "--analyses", "--db", db, "--no-progress")
    assert "0 stored" in r.output and "2 already stored" in r.output
    shown = json.loads(run("show", "doc-b", "--db", db, "--format", "json").output)
    shown.pop("kb")
    assert shown == article_b().to_dict()
