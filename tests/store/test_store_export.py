from __future__ import annotations

import csv
import json

import pytest

from veille.errors import StoreError
from veille.store import export, store_analyses

from kb_samples import article_a, article_b


@pytest.fixture
def filled(kb):
    store_analyses(kb, [(article_a(), None), (article_b(), None)])
    return kb


def test_jsonl_export_is_exactly_the_contract(filled, tmp_path):
    export(filled, tmp_path, ("jsonl",))
    lines = (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [article_a().to_dict(), article_b().to_dict()]
    assert lines[0] == json.dumps(article_a().to_dict(), ensure_ascii=False)


def test_csv_tables(filled, tmp_path):
    files = export(filled, tmp_path, ("csv",))
    assert {f.name for f in files} >= {"articles.csv", "quotes.csv", "events.csv", "gdelt_events.csv", "actors.csv"}
    with open(tmp_path / "quotes.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["speaker_name"] for r in rows] == ["Claire Valmont", "Anton Berg", "Valmont"]
    with open(tmp_path / "mentions.csv", encoding="utf-8") as f:
        m = next(csv.DictReader(f))
    assert article_a().text[int(m["start_char"]):int(m["end_char"])] == m["text"]


def test_parquet_tables_read_back(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(filled, tmp_path, ("parquet",))
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.num_rows == 3
    assert str(events.schema.field("evidence_start").type) == "int64"
    gdelt = pq.read_table(tmp_path / "gdelt_events.parquet").to_pylist()
    assert [g["plover_type"] for g in gdelt] == ["CONSULT", "AGREE", "ACCUSE"]
    first = gdelt[0]
    assert (first["date_int"], first["actor1_country"], first["actor2_country"]) == (20190506, "FRA", "DEU")
    assert first["source_url"] == "https://example.org/a"
    assert [(g["cameo_root"], g["quad_class"]) for g in gdelt] == [
        ("04", "verbal-cooperation"), ("03", "verbal-cooperation"), ("09", "verbal-conflict")]


def test_every_exported_event_has_its_cameo_root(filled, tmp_path):
    from veille.what import cameo
    export(filled, tmp_path, ("csv",), tables=("gdelt_events",))
    with open(tmp_path / "gdelt_events.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3
    for r in rows:
        assert r["cameo_root"] and r["cameo_root"] == cameo()[r["plover_type"]][0]


def test_duckdb_reads_the_parquet_export(filled, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    export(filled, tmp_path, ("parquet",))
    con = duckdb.connect(":memory:", read_only=False)
    n = con.execute(f"SELECT COUNT(*) FROM read_parquet('{tmp_path}/quotes.parquet') q "
                    f"JOIN read_parquet('{tmp_path}/actors.parquet') a ON a.id = q.speaker_actor_id "
                    "WHERE a.name = 'Claire Valmont'").fetchone()[0]
    assert n == 2


def test_unknown_format_or_table_is_an_error(filled, tmp_path):
    with pytest.raises(StoreError):
        export(filled, tmp_path, ("xlsx",))
    with pytest.raises(StoreError):
        export(filled, tmp_path, ("csv",), tables=("nope",))


def test_duckdb_session_has_one_view_per_table(filled, tmp_path):
    pytest.importorskip("duckdb")
    from veille.store.export import duckdb_session
    with pytest.raises(StoreError):
        duckdb_session(tmp_path)
    export(filled, tmp_path, ("parquet",))
    con = duckdb_session(tmp_path)
    rows = con.execute("SELECT plover_type, COUNT(*) FROM gdelt_events GROUP BY ALL ORDER BY 1").fetchall()
    assert rows == [("ACCUSE", 1), ("AGREE", 1), ("CONSULT", 1)]
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
