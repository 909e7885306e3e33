"""Queries over a knowledge base. Each returns plain rows (dicts), ready for a table, JSON or CSV.

Near-duplicates (wire copies) are left out unless ``duplicates=True``, so that one dispatch
republished by five outlets counts once. Names are matched on folded keys: "pompeo" finds
"Mike Pompeo" and every quote attributed to him across the corpus.
"""
from __future__ import annotations

import json
import re
import zlib
from typing import Any

from ..errors import StoreError
from ..records import Analysis
from .db import Store
from .text import fold, name_key

_PHRASE = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 20  # words or phrases in one full-text condition: the cost of a search grows with each


def _no_dups(duplicates: bool, alias: str = "a") -> str:
    return "" if duplicates else f" AND {alias}.duplicate_of IS NULL"


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word must appear, "quoted phrases" in order; no syntax errors.
    A word given twice counts once; more than MAX_TERMS words or phrases is a StoreError."""
    parts: dict[str, str] = {}  # folded -> as given
    for phrase, word in _PHRASE.findall(text):
        words = _WORD.findall(phrase or word)
        if words:
            part = '"' + " ".join(words) + '"'
            parts.setdefault(fold(part), part)
    if len(parts) > MAX_TERMS:
        raise StoreError(f"too many words to search for: {len(parts)}, at most {MAX_TERMS}")
    return " ".join(parts.values())


def search(store: Store, text: str, *, limit: int = 20, duplicates: bool = False) -> list[dict[str, Any]]:
    """Articles matching ``text`` (full text, accent-insensitive), best first, with a snippet."""
    q = fts_query(text)
    if not q:
        raise StoreError("nothing to search for: give at least one word")
    if store.dialect == "sqlite":
        return store.rows(
            "SELECT a.id, a.doc_id, a.published, a.title, a.url, ROUND(-bm25(articles_fts, 4.0, 1.0), 3) AS score, "
            "snippet(articles_fts, 1, '[', ']', '…', 8) AS snippet "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{_no_dups(duplicates)} ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ?",
            (q, limit))
    q = fold(text)  # websearch_to_tsquery reads words and "quoted phrases" and never fails on syntax
    rows = store.rows(
        "SELECT a.id, a.doc_id, a.published, a.title, a.url, "
        "ROUND(CAST(ts_rank(a.search, websearch_to_tsquery('simple', ?)) AS NUMERIC), 3) AS score, a.text "
        f"FROM articles a WHERE a.search @@ websearch_to_tsquery('simple', ?){_no_dups(duplicates)} "
        "ORDER BY score DESC, a.id LIMIT ?", (q, q, limit))
    terms = _WORD.findall(fold(text))
    for r in rows:
        r["score"] = float(r["score"])
        r["snippet"] = _snippet(r.pop("text"), terms)
    return rows


def _snippet(text: str, terms: list[str], width: int = 80) -> str:
    folded = fold(text)
    hits = [folded.find(t) for t in terms if t in folded]
    at = min(hits) if hits else 0
    start = max(0, at - width // 2)
    return ("…" if start else "") + text[start:start + width].replace("\n", " ") + ("…" if start + width < len(text) else "")


def _actor_ids(store: Store, name: str) -> list[int]:
    """Corpus actors whose name holds these words in this order ("Pompeo", "Le Drian"), or whose
    knowledge-base id is ``name``."""
    q = fts_query(f'"{name}"')
    if not q:
        return []
    if store.dialect == "sqlite":
        sql = ("SELECT rowid AS id FROM actors_fts WHERE actors_fts MATCH ? "
               "UNION SELECT id FROM actors WHERE kb_id = ?")
        return [r["id"] for r in store.rows(sql, (q, name))]
    return [r["id"] for r in store.rows(
        "SELECT id FROM actors WHERE search @@ phraseto_tsquery('simple', ?) OR kb_id = ?", (fold(name), name))]


def _in(ids: list[int]) -> str:
    return "(" + ",".join(str(int(i)) for i in ids) + ")" if ids else "(NULL)"


def _speaker(store: Store, speaker: str) -> tuple[str, list[Any]]:
    """A condition on a quote's speaker: the corpus actor, or the name as written (whole or surname)."""
    key = name_key(speaker)
    return (f"(q.speaker_actor_id IN {_in(_actor_ids(store, speaker))} OR q.speaker_key = ? OR q.speaker_last = ?)",
            [key, key])


def _quote_text(store: Store, contains: str) -> tuple[str, list[Any]]:
    """A condition on a quote's words (accent- and case-insensitive; "quoted phrases" in order)."""
    q = fts_query(contains)
    if not q:
        return "1=0", []
    if store.dialect == "sqlite":
        return "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [q]
    return "q.search @@ websearch_to_tsquery('simple', ?)", [fold(contains)]


def quotes(store: Store, speaker: str | None = None, contains: str | None = None, *, limit: int = 50,
           duplicates: bool = False) -> list[dict[str, Any]]:
    """Quotes by a speaker (corpus-wide identity, or the name as written) and/or containing words."""
    where, params = ["1=1"], []
    for value, condition in ((speaker, _speaker), (contains, _quote_text)):
        if value:
            cond, p = condition(store, value)
            where.append(cond)
            params += p
    params.append(limit)
    return store.rows(
        "SELECT a.id AS article, a.published, COALESCE(ac.name, q.speaker_name) AS speaker, q.speaker_actor_id AS actor_id, "
        "q.kind, q.content, q.cue_text AS cue, a.title, a.url "
        "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors ac ON ac.id = q.speaker_actor_id "
        f"WHERE {' AND '.join(where)}{_no_dups(duplicates)} ORDER BY a.published, a.id, q.ord LIMIT ?", params)


def _side(store: Store, side: str, value: str) -> tuple[str, list[Any]]:
    """A condition on an event's source or target: a country code (the event's, or its actor's
    when the event gives none), a corpus actor, or the name as written."""
    ids = _in(_actor_ids(store, value))
    code = value.strip().upper()
    cond = (f"(e.{side}_country = ? OR (e.{side}_country IS NULL AND e.{side}_actor_id IN "
            f"(SELECT id FROM actors WHERE country = ?)) OR e.{side}_actor_id IN {ids} OR e.{side}_key = ?)")
    return cond, [code, code, name_key(value)]


def events(store: Store, source: str | None = None, target: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, *, factuality: str | None = None,
           limit: int = 100, duplicates: bool = False) -> list[dict[str, Any]]:
    """Events filtered by source, target (country code or name), PLOVER type and date range."""
    where, params = ["1=1"], []
    for side, value in (("source", source), ("target", target)):
        if value:
            cond, p = _side(store, side, value)
            where.append(cond)
            params += p
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if factuality:
        where.append("e.factuality = ?")
        params.append(factuality)
    if since:
        where.append("e.day >= ?")
        params.append(since)
    if until:
        where.append("e.day <= ?")
        params.append(until + "~" if len(until) < 10 else until)  # "2019-05" includes the whole month
    params.append(limit)
    return store.rows(
        "SELECT e.day AS date, e.type, e.mode, e.factuality, "
        "COALESCE(sa.name, e.source_name) AS source, e.source_country, "
        "COALESCE(ta.name, e.target_name) AS target, e.target_country, e.location, "
        "e.trigger_text AS trigger, e.evidence_text AS evidence, a.id AS article, a.url "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id "
        f"WHERE {' AND '.join(where)}{_no_dups(duplicates)} ORDER BY e.day IS NULL, e.day, a.id, e.ord LIMIT ?", params)


def actors(store: Store, *, type: str | None = None, country: str | None = None, name: str | None = None,
           limit: int = 30, duplicates: bool = False) -> list[dict[str, Any]]:
    """The most mentioned actors, with their mention, article, quote and event (as source) counts."""
    sfx = "_all" if duplicates else ""
    where, params = [f"mentions{sfx} > 0"], []
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if country:
        where.append("country = ?")
        params.append(country.upper())
    if name:
        where.append(f"id IN {_in(_actor_ids(store, name))}")
    params.append(limit)
    rows = store.rows(
        f"SELECT id AS actor_id, name, type, country, sector, kb_id, mentions{sfx} AS mentions, "
        f"articles{sfx} AS articles, quotes{sfx} AS quotes, events{sfx} AS events FROM actors "
        f"WHERE {' AND '.join(where)} ORDER BY mentions{sfx} DESC, articles{sfx} DESC, id LIMIT ?", params)
    for r in rows:
        for k in ("mentions", "articles", "quotes", "events"):
            r[k] = int(r[k])
    return rows


def timeline(store: Store, actor: str, *, limit: int = 200, duplicates: bool = False) -> list[dict[str, Any]]:
    """Events (as source or target) and quotes of one actor, by date."""
    ids = _in(_actor_ids(store, actor))
    key = name_key(actor)
    ev = store.rows(
        "SELECT e.day AS date, 'event' AS kind, e.type AS what, "
        "COALESCE(sa.name, e.source_name) AS source, COALESCE(ta.name, e.target_name) AS target, "
        "e.evidence_text AS text, a.id AS article "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id "
        f"WHERE (e.source_actor_id IN {ids} OR e.target_actor_id IN {ids} OR e.source_key = ? OR e.target_key = ?)"
        f"{_no_dups(duplicates)} ORDER BY e.day IS NULL, e.day LIMIT ?", (key, key, limit))
    cond, params = _speaker(store, actor)
    qu = store.rows(
        "SELECT a.published AS date, 'quote' AS kind, q.kind AS what, COALESCE(ac.name, q.speaker_name) AS source, "
        "NULL AS target, q.content AS text, a.id AS article "
        "FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors ac ON ac.id = q.speaker_actor_id "
        f"WHERE {cond}{_no_dups(duplicates)} ORDER BY a.published LIMIT ?", (*params, limit))
    merged = sorted(ev + qu, key=lambda r: (r["date"] or "9999", r["article"], r["kind"]))
    return merged[:limit]


def article_id(store: Store, ident: str | int) -> int:
    """The row id of an article given its row id, its analysis id, its URL or its content hash."""
    s = str(ident).strip()
    if s.isascii() and s.isdigit() and len(s) < 19:  # a row id ("²" is a digit too; 19 digits overflow)
        row = store.row("SELECT id FROM articles WHERE id = ?", (int(s),))
        if row:
            return row["id"]
    row = store.row("SELECT id FROM articles WHERE doc_id = ? OR url = ? OR content_hash = ? ORDER BY id", (s, s, s))
    if not row:
        raise StoreError(f"no article {s!r} in the knowledge base")
    return row["id"]


def contract(store: Store, aid: int) -> dict[str, Any]:
    """The stored analysis of an article, exactly as ``veille analyze`` printed it."""
    row = store.row("SELECT annotations, text FROM articles WHERE id = ?", (aid,))
    if row is None:
        raise StoreError(f"no article {aid} in the knowledge base")
    return rebuild(row["annotations"], row["text"])


def pack(d: dict[str, Any]) -> bytes:
    """The stored form of an analysis without its text: compact JSON, zlib-compressed."""
    return zlib.compress(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def rebuild(annotations: bytes | memoryview, text: str) -> dict[str, Any]:
    """The contract JSON from the stored annotations and text (the key order is kept)."""
    d = json.loads(zlib.decompress(bytes(annotations)).decode("utf-8"))
    d["text"] = text
    return d


def show(store: Store, ident: str | int) -> dict[str, Any]:
    """One article: its contract JSON, plus where it sits in the corpus (``kb``)."""
    aid = article_id(store, ident)
    d = contract(store, aid)
    meta = store.row("SELECT id, duplicate_of, similarity, ingested_at FROM articles WHERE id = ?", (aid,))
    copies = [r["id"] for r in store.rows("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (aid,))]
    actors_of = {r["eid"]: r["actor_id"] for r in store.rows(
        "SELECT eid, actor_id FROM entities WHERE article_id = ?", (aid,))}
    d["kb"] = {"article": aid, "duplicate_of": meta["duplicate_of"], "similarity": meta["similarity"],
               "duplicates": copies, "ingested_at": meta["ingested_at"], "actors": actors_of}
    return d


def analysis(store: Store, ident: str | int) -> Analysis:
    return Analysis.from_dict(contract(store, article_id(store, ident)))


def stats(store: Store) -> dict[str, Any]:
    """Counts of every table, and the spread of publication dates."""
    out: dict[str, Any] = {t: store.count(t) for t in
                           ("articles", "entities", "mentions", "quotes", "times", "events", "removed", "actors", "failures")}
    out["near_duplicates"] = int(store.value("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL") or 0)
    span = store.row("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")
    out.update(span or {})
    return out
