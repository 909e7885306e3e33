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


# Every bad value the issue tracker met, and what the command line must say about it.
BAD_VALUES = [
    (("events", "--since", "2019-13-01"), "'--since'", "no month 13"),
    (("events", "--since", "2019/10/01"), "'--since'", "YYYY-MM-DD"),
    (("events", "--since", "yesterday"), "'--since'", "YYYY-MM-DD"),
    (("events", "--until", "2019-02-30"), "'--until'", "no day 30"),
    (("events", "--type", "FOO"), "'--type'", "not a PLOVER event type"),
    (("events", "--factuality", "maybe"), "'--factuality'", "actual, planned, possible, negated"),
    (("events", "--quad", "war"), "'--quad'", "verbal-cooperation"),
    (("events", "--count-by", "colour"), "'--count-by'", "target-country"),
    (("events", "--order", "random"), "'--order'", "newest, oldest"),
    (("actors", "--country", "fr"), "'--country'", "did you mean FRA?"),
    (("actors", "--type", "person"), "'--type'", "PER, ORG, LOC, MISC"),
    (("actors", "--sector", "army"), "'--sector'", "GOV"),
    (("quotes", "--kind", "shouted"), "'--kind'", "direct, indirect, mixed"),
    (("quotes", "--country", "France"), "'--country'", "did you mean FRA?"),
    (("search", "?!"), "'TEXT'", "nothing to search for"),
    (("search", "accord", "--since", "2019-5"), "'--since'", "YYYY-MM-DD"),
    (("timeline", "Valmont", "--until", "next week"), "'--until'", "YYYY-MM-DD"),
    (("events", "--offset", "99999999999999999999"), "'--offset'", "not a row number"),
    (("events", "--count-by", "type", "--limit", "99999999999999999999"), "'--limit'", "not a number of rows"),
]


def test_every_command_is_registered_and_documented():
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    for name in COMMANDS:
        assert name in main.commands
        assert run(name, "--help").exit_code == 0
        assert re.search(rf"veille {name}\b", doc), f"docs/store.md does not document veille {name}"


def test_quotes_as_json(db):
    r = run("quotes", "--db", db, "--speaker", "Valmont", "--format", "json")
    assert r.exit_code == 0
    rows = [json.loads(x) for x in r.stdout.splitlines()]
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


@pytest.mark.parametrize("args, option, says", BAD_VALUES)
def test_a_bad_value_is_a_usage_error_that_touches_nothing(args, option, says, db, tmp_path):
    before = Path(db).read_bytes()
    r = run(*args, "--db", db)
    assert r.exit_code == 2, r.output
    assert f"Invalid value for {option}" in r.output and says in r.output
    assert Path(db).read_bytes() == before
    missing = tmp_path / "never.db"
    r = run(*args, "--db", str(missing))
    assert r.exit_code == 2 and says in r.output and not missing.exists()  # checked before the base is opened


def test_ingest_given_only_missing_files_creates_nothing(tmp_path):
    target = tmp_path / "kb.db"
    r = run("ingest", str(tmp_path / "nothing.jsonl"), "--db", str(target), "--no-progress")
    assert r.exit_code == 2 and "no such file or directory" in r.output
    assert list(tmp_path.iterdir()) == []


def test_ingest_refuses_a_threshold_it_cannot_band(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Un texte inventé.", encoding="utf-8")
    r = run("ingest", str(src), "--db", str(tmp_path / "kb.db"), "--dup-threshold", "1.0")
    assert r.exit_code == 2 and "--dup-threshold" in r.output and not (tmp_path / "kb.db").exists()


def test_ctrl_c_during_ingest_keeps_the_committed_batches_and_exits_130(tmp_path, monkeypatch):
    def interrupted(items, options=None):
        for n, result in enumerate(fake_analyze_many(items, options)):
            if n == 5:
                raise KeyboardInterrupt
            yield result
    monkeypatch.setattr(veille.pipeline, "analyze_many", interrupted)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        (folder / f"{i}.txt").write_text(f"Texte inventé numéro {i} sur la météo.", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    r = run("ingest", str(folder), "--db", db, "--no-progress", "--batch-size", "2")
    assert r.exit_code == 130
    assert "interrupted; 4 articles" in r.output and "run the same command again" in r.output
    with open_store(db) as kb:
        assert kb.count("articles") == 4 and kb.count("inputs") == 4  # two whole batches, nothing of the third
    monkeypatch.setattr(veille.pipeline, "analyze_many", fake_analyze_many)
    r = run("ingest", str(folder), "--db", db, "--no-progress")
    assert r.exit_code == 0 and "4 stored" in r.output and "4 already stored" in r.output


def test_counts_pages_and_order(db):
    r = run("events", "--db", db, "--count-by", "type", "--format", "json")
    assert [json.loads(x) for x in r.stdout.splitlines()] == [
        {"type": "ACCUSE", "count": 1}, {"type": "AGREE", "count": 1}, {"type": "CONSULT", "count": 1}]
    r = run("events", "--db", db, "--count-by", "month", "--count-by", "quad", "--format", "csv")
    assert r.stdout.splitlines() == ["month,quad,count", "2019-05,verbal-cooperation,2", "2019-05,verbal-conflict,1"]
    r = run("events", "--db", db, "--limit", "2", "--format", "json")
    assert [json.loads(x)["type"] for x in r.stdout.splitlines()] == ["ACCUSE", "AGREE"]
    assert "rows 1-2 of 3; next: --after " in r.stderr
    r = run("events", "--db", db, "--limit", "2", "--offset", "2", "--format", "json")
    assert [json.loads(x)["type"] for x in r.stdout.splitlines()] == ["CONSULT"] and r.stderr == ""
    r = run("events", "--db", db, "--limit", "1", "--format", "json")
    cursor = r.stderr.split("next: --after ")[1].strip()
    assert "rows 1-1 of 3" in r.stderr
    r = run("events", "--db", db, "--limit", "1", "--after", cursor, "--format", "json")
    assert json.loads(r.stdout)["type"] == "AGREE" and "rows 2-2 of 3; next: --after " in r.stderr
    r = run("events", "--db", db, "--limit", "1", "--after", r.stderr.split("next: --after ")[1].strip(), "--format",
            "json")
    assert json.loads(r.stdout)["type"] == "CONSULT" and r.stderr == ""
    r = run("events", "--db", db, "--order", "oldest", "--after", cursor)
    assert r.exit_code == 2 and "'--after'" in r.output and "order newest" in r.output
    r = run("events", "--db", db, "--after", "nonsense")
    assert r.exit_code == 2 and "'--after'" in r.output and "not a cursor" in r.output
    r = run("events", "--db", db, "--order", "oldest", "--limit", "1", "--format", "json")
    assert json.loads(r.stdout)["type"] == "CONSULT"
    r = run("quotes", "--db", db, "--count-by", "speaker")
    assert "Claire Valmont" in r.stdout and "2" in r.stdout


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
