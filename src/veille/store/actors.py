"""Corpus-level actor identity: one id for one real-world actor across every article.

Within an article the analysis already groups "Mike Pompeo", "Pompeo" and "il" into one
entity; here entities of different articles are joined:

1. an entity linked to the knowledge base (``kb_id``) is that actor, whatever its name;
2. otherwise, same type and same name key (folded, punctuation-free) with compatible
   countries (equal, or one unknown) is the same actor;
3. a person named by one word only ("Pompeo") joins the single known person with that
   surname and a compatible country; with several candidates it stays apart rather than
   guess.

The first name seen becomes the actor's display name; a later, fuller name of a person first
seen by surname replaces it. Country and sector fill in when a later article knows them.
"""
from __future__ import annotations

import logging

from ..records import Entity
from .text import name_key, surname_key

log = logging.getLogger(__name__)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


class ActorResolver:
    """Finds or creates actor ids inside the caller's transaction (cached per ingest run)."""

    def __init__(self, store):
        self.store = store
        self._cache: dict[tuple, int] = {}

    def resolve(self, entity: Entity) -> int | None:
        key = name_key(entity.name)
        if not key:
            return None
        ck = (entity.kb_id, entity.type, key, entity.country)
        if ck in self._cache:
            return self._cache[ck]
        actor_id = self._find(entity, key) or self._create(entity, key)
        self._cache[ck] = actor_id
        return actor_id

    def lookup(self, name: str | None, country: str | None = None) -> int | None:
        """An existing actor for a bare name (a speaker or event actor without entity); never creates."""
        key = name_key(name)
        if not key:
            return None
        rows = self.store.rows("SELECT id, country FROM actors WHERE name_key = ? ORDER BY id", (key,))
        rows = [r for r in rows if _compatible(r["country"], country)]
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows and " " not in key:
            rows = self.store.rows("SELECT id, country FROM actors WHERE surname_key = ? AND type = 'PER' ORDER BY id",
                                   (key,))
            rows = [r for r in rows if _compatible(r["country"], country)]
            if len(rows) == 1:
                return rows[0]["id"]
        return rows[0]["id"] if rows else None

    # -- internals ---------------------------------------------------------------------------
    def _find(self, e: Entity, key: str) -> int | None:
        s = self.store
        if e.kb_id:
            row = s.row("SELECT id FROM actors WHERE kb_id = ?", (e.kb_id,))
            if row:
                return row["id"]
            # An actor first stored without its kb link: adopt it rather than split the identity.
            row = s.row("SELECT id FROM actors WHERE kb_id IS NULL AND type = ? AND name_key = ? ORDER BY id",
                        (e.type, key))
            if row:
                s.execute("UPDATE actors SET kb_id = ?, key = ? WHERE id = ?", (e.kb_id, f"kb:{e.kb_id}", row["id"]))
                self._fill(row["id"], e)
                return row["id"]
            return None
        rows = s.rows("SELECT id, country FROM actors WHERE type = ? AND name_key = ? ORDER BY id", (e.type, key))
        for r in sorted(rows, key=lambda r: r["country"] != e.country):
            if _compatible(r["country"], e.country):
                self._fill(r["id"], e)
                return r["id"]
        if e.type != "PER":
            return None
        if " " not in key:
            rows = s.rows("SELECT id, country FROM actors WHERE type = 'PER' AND surname_key = ? ORDER BY id", (key,))
            rows = [r for r in rows if _compatible(r["country"], e.country)]
            if len(rows) == 1:
                return rows[0]["id"]
            return None
        # A full name whose surname alone was stored before: the same person, now fully named.
        surname = surname_key(key)
        rows = s.rows("SELECT id, country FROM actors WHERE type = 'PER' AND name_key = ? AND kb_id IS NULL ORDER BY id",
                      (surname,))
        rows = [r for r in rows if _compatible(r["country"], e.country)]
        others = s.value("SELECT COUNT(*) AS n FROM actors WHERE type = 'PER' AND surname_key = ?", (surname,))
        if len(rows) == 1 and not others:
            aid = rows[0]["id"]
            s.execute("UPDATE actors SET name = ?, name_key = ?, surname_key = ?, key = ? WHERE id = ?",
                      (e.name, key, surname, self._key(e, key) + f":{aid}", aid))
            s.index_actor(aid, e.name, renamed=True)
            self._fill(aid, e)
            return aid
        return None

    @staticmethod
    def _key(e: Entity, key: str) -> str:
        return f"kb:{e.kb_id}" if e.kb_id else f"name:{e.type}:{key}:{e.country or '-'}"

    def _create(self, e: Entity, key: str) -> int:
        s = self.store
        akey = self._key(e, key)
        row = s.row("INSERT INTO actors(key, name, name_key, surname_key, type, country, sector, kb_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id",
                    (akey, e.name, key, surname_key(key) if e.type == "PER" else None, e.type, e.country,
                     e.sector, e.kb_id))
        if row:
            s.index_actor(row["id"], e.name)
            return row["id"]
        return s.value("SELECT id FROM actors WHERE key = ?", (akey,))  # written meanwhile by another writer

    def _fill(self, actor_id: int, e: Entity) -> None:
        if e.country or e.sector:
            self.store.execute("UPDATE actors SET country = COALESCE(country, ?), sector = COALESCE(sector, ?) "
                               "WHERE id = ?", (e.country, e.sector, actor_id))

