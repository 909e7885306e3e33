"""A knowledge base as comparable data: every table, with row ids replaced by stable keys.

Two bases built from the same articles in any order, batch size or number of runs must give
the same snapshot (article ids follow the order of writing, content hashes do not)."""
from __future__ import annotations

from typing import Any


def snapshot(kb) -> dict[str, Any]:
    art = {r["id"]: r["content_hash"] for r in kb.rows("SELECT id, content_hash FROM articles")}
    actor = {r["id"]: r["key"] for r in kb.rows("SELECT id, key FROM actors")}
    form = {r["id"]: r["key"] for r in kb.rows("SELECT id, key FROM forms")}
    counts = ", ".join(("mentions", "articles", "quotes", "events", "mentions_all", "articles_all", "quotes_all",
                        "events_all"))

    def rows(sql: str, *fix: tuple[str, dict]) -> list[tuple]:
        out = []
        for r in kb.rows(sql):
            for col, table in fix:
                r[col] = table.get(r[col]) if r[col] is not None else None
            out.append(tuple(sorted(r.items())))
        return sorted(out, key=repr)

    fts = (rows("SELECT rowid AS id, name FROM actors_fts", ("id", actor)) if kb.dialect == "sqlite"
           else rows("SELECT id, CAST(search AS TEXT) AS name FROM actors", ("id", actor)))
    return {
        "actors_fts": fts,
        "articles": rows("SELECT id, doc_id, duplicate_of, similarity, published, title FROM articles",
                         ("id", art), ("duplicate_of", art)),
        "inputs": rows("SELECT hash, article_id FROM inputs", ("article_id", art)),
        "actors": rows(f"SELECT key, name, name_key, surname_key, type, country, sector, kb_id, {counts} FROM actors"),
        "forms": rows("SELECT key, grp, actor_id FROM forms", ("actor_id", actor)),
        "form_values": rows("SELECT form_id, field, value, n FROM form_values", ("form_id", form)),
        "entities": rows("SELECT article_id, eid, name, actor_id, form_id FROM entities",
                         ("article_id", art), ("actor_id", actor), ("form_id", form)),
        "quotes": rows("SELECT article_id, ord, speaker_name, speaker_actor_id FROM quotes",
                       ("article_id", art), ("speaker_actor_id", actor)),
        "events": rows("SELECT article_id, ord, source_actor_id, target_actor_id FROM events",
                       ("article_id", art), ("source_actor_id", actor), ("target_actor_id", actor)),
        "counts": {t: kb.count(t) for t in ("mentions", "times", "removed", "lsh", "failures")},
    }
