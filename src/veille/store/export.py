"""Exports: the contract as JSON Lines, every table as CSV or Parquet, and a GDELT-like event table.

Rows are streamed in chunks, so exporting a large knowledge base needs little memory.
Parquet files have fixed column types (integers, floats, strings), so that a DuckDB session
can read them all as one table per file (see docs/store.md).
"""
from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import Any, Iterator

from ..errors import StoreError
from .db import Store, has_confidence
from .filters import cameo, quad_of
from .queries import rebuild

log = logging.getLogger(__name__)

CHUNK = 5000
FORMATS = ("jsonl", "csv", "parquet")

# The columns of each exported table (internal columns such as signatures and search vectors stay out).
COLUMNS = {
    "articles": "id, doc_id, content_hash, url, path, outlet, title, published, language, schema, text, "
                "duplicate_of, similarity, ingested_at",
    "entities": "article_id, eid, name, type, country, sector, role, kb_id, actor_id, mentions",
    "mentions": "article_id, eid, start_char, end_char, text, kind, confidence",
    "quotes": "article_id, ord, kind, start_char, end_char, content, speaker_name, speaker_eid, speaker_actor_id, "
              "speaker_start, speaker_end, speaker_text, cue_start, cue_end, cue_text",
    "times": "article_id, ord, start_char, end_char, text, type, value",
    "events": "article_id, ord, type, mode, factuality, day, date, location, source_name, source_country, "
              "source_sector, source_eid, source_actor_id, target_name, target_country, target_sector, target_eid, "
              "target_actor_id, trigger_start, trigger_end, trigger_text, evidence_start, evidence_end, evidence_text, "
              "confidence",
    "removed": "article_id, ord, text, reason",
    "actors": "id, name, type, country, sector, kb_id",
    "failures": "id, input_hash, location, message, at",
}
ORDER = {"articles": "id", "actors": "id", "failures": "id", "entities": "article_id, eid",
         "mentions": "article_id, eid, start_char"}

_INTS = {"id", "article_id", "ord", "schema", "duplicate_of", "actor_id", "mentions", "start_char", "end_char",
         "speaker_actor_id", "speaker_start", "speaker_end", "cue_start", "cue_end", "source_actor_id",
         "target_actor_id", "trigger_start", "trigger_end", "evidence_start", "evidence_end",
         "actor1_id", "actor2_id", "date_int"}
_FLOATS = {"similarity", "confidence"}

GDELT_SQL = (
    "SELECT e.article_id, e.ord, e.day, e.source_name, e.source_country, e.source_sector, e.source_actor_id, "
    "e.target_name, e.target_country, e.target_sector, e.target_actor_id, e.type, e.mode, e.factuality, "
    "e.location, a.url, a.published, a.duplicate_of "
    "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.article_id, e.ord")
GDELT_COLUMNS = ("event_id", "date", "date_int", "actor1_name", "actor1_country", "actor1_sector", "actor1_id",
                 "actor2_name", "actor2_country", "actor2_sector", "actor2_id", "plover_type", "cameo_root",
                 "quad_class", "mode", "factuality", "location", "source_url", "published", "article_id", "duplicate_of")


def _chunks(store: Store, sql: str) -> Iterator[list[dict[str, Any]]]:
    return store.stream(sql, (), CHUNK)


def _table_rows(store: Store, table: str, duplicates: bool) -> Iterator[list[dict[str, Any]]]:
    names = [c.strip() for c in COLUMNS[table].split(",")]
    # an older base read as it is has no event confidence: the column is exported empty
    missing = {"confidence"} if table == "events" and not has_confidence(store) else set()
    cols = ", ".join(f"NULL AS {c}" if c in missing else c for c in names)
    order = ORDER.get(table, "article_id, ord")
    if duplicates or table in ("actors", "failures"):
        yield from _chunks(store, f"SELECT {cols} FROM {table} ORDER BY {order}")
    elif table == "articles":
        yield from _chunks(store, f"SELECT {cols} FROM articles WHERE duplicate_of IS NULL ORDER BY {order}")
    else:
        qcols = ", ".join(f"NULL AS {c}" if c in missing else f"t.{c}" for c in names)
        qorder = ", ".join(f"t.{c.strip()}" for c in order.split(","))
        yield from _chunks(store, f"SELECT {qcols} FROM {table} t JOIN articles a ON a.id = t.article_id "
                                  f"WHERE a.duplicate_of IS NULL ORDER BY {qorder}")


def gdelt_rows(store: Store, duplicates: bool = True) -> Iterator[list[dict[str, Any]]]:
    """The event table in a GDELT-like layout: date, actor codes, PLOVER type, CAMEO root (the
    first of the type's roots in ``resources/common/cameo.toml``) and quad class, source URL."""
    roots = {t: codes[0] for t, codes in cameo().items() if codes}
    for chunk in _chunks(store, GDELT_SQL):
        out = []
        for r in chunk:
            if not duplicates and r["duplicate_of"] is not None:
                continue
            day = r["day"]
            out.append({
                "event_id": f"{r['article_id']}-{r['ord']}", "date": day,
                "date_int": int(day.replace("-", "")) if day else None,
                "actor1_name": r["source_name"], "actor1_country": r["source_country"],
                "actor1_sector": r["source_sector"], "actor1_id": r["source_actor_id"],
                "actor2_name": r["target_name"], "actor2_country": r["target_country"],
                "actor2_sector": r["target_sector"], "actor2_id": r["target_actor_id"],
                "plover_type": r["type"], "cameo_root": roots.get(r["type"]), "quad_class": quad_of(r["type"]),
                "mode": r["mode"],
                "factuality": r["factuality"], "location": r["location"], "source_url": r["url"],
                "published": r["published"], "article_id": r["article_id"], "duplicate_of": r["duplicate_of"]})
        yield out


def _arrow_schema(columns: list[str]):
    import pyarrow as pa
    return pa.schema([(c, pa.int64() if c in _INTS else pa.float64() if c in _FLOATS else pa.string()) for c in columns])


def _write_table(chunks: Iterator[list[dict[str, Any]]], columns: list[str], base: Path, fmt: str) -> Path:
    path = base.with_suffix("." + fmt)
    if fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=columns)
            w.writeheader()
            for chunk in chunks:
                w.writerows(chunk)
        return path
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise StoreError("the Parquet export needs pyarrow: pip install 'veille[store]'") from exc
    schema = _arrow_schema(columns)
    with pq.ParquetWriter(path, schema, compression="zstd") as w:
        for chunk in chunks:
            w.write_table(pa.Table.from_pylist(chunk, schema=schema))
    return path


def export_jsonl(store: Store, path: Path, duplicates: bool = True) -> int:
    """Every article's analysis, one contract JSON object per line; returns the count."""
    n = 0
    cond = "" if duplicates else " WHERE duplicate_of IS NULL"
    with open(path, "w", encoding="utf-8") as f:
        for chunk in _chunks(store, f"SELECT annotations, text FROM articles{cond} ORDER BY id"):
            for r in chunk:
                f.write(json.dumps(rebuild(r["annotations"], r["text"]), ensure_ascii=False) + "\n")
                n += 1
    return n


def export(store: Store, out_dir: str | Path, formats: tuple[str, ...] = FORMATS, *,
           tables: tuple[str, ...] | None = None, duplicates: bool = True) -> list[Path]:
    """Write the knowledge base to ``out_dir``: ``articles.jsonl`` (the contract), and each table
    (``tables``, default all, plus ``gdelt_events``) as CSV and/or Parquet. Returns the files written."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise StoreError(f"unknown export format(s) {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "jsonl" in formats:
        path = out / "articles.jsonl"
        n = export_jsonl(store, path, duplicates)
        log.info("wrote %s (%d articles)", path, n)
        written.append(path)
    names = tables or (*COLUMNS, "gdelt_events")
    for fmt in formats:
        if fmt == "jsonl":
            continue
        for table in names:
            if table == "gdelt_events":
                path = _write_table(gdelt_rows(store, duplicates), list(GDELT_COLUMNS), out / table, fmt)
            elif table in COLUMNS:
                cols = [c.strip() for c in COLUMNS[table].split(",")]
                path = _write_table(_table_rows(store, table, duplicates), cols, out / table, fmt)
            else:
                raise StoreError(f"unknown table {table!r}; tables: {', '.join((*COLUMNS, 'gdelt_events'))}")
            log.info("wrote %s", path)
            written.append(path)
    return written


def duckdb_session(out_dir: str | Path):
    """An in-memory DuckDB connection with one view per Parquet file of an export.

    The views only read the files: analysts query them with SQL, nothing is written back.
    """
    try:
        import duckdb
    except ImportError as exc:
        raise StoreError("a DuckDB session needs duckdb: pip install 'veille[store]'") from exc
    files = sorted(Path(out_dir).glob("*.parquet"))
    if not files:
        raise StoreError(f"{out_dir}: no Parquet export here (veille export {out_dir} --format parquet)")
    con = duckdb.connect(":memory:")
    for f in files:
        path = str(f.resolve()).replace("'", "''")
        con.execute(f"CREATE VIEW \"{f.stem}\" AS SELECT * FROM read_parquet('{path}')")
    return con
