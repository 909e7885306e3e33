"""Corpus-level actor identity: one id for one real-world actor across every article.

Within an article the analysis already groups "Mike Pompeo", "Pompeo" and "il" into one
entity; here entities of different articles are joined. The identity of every actor depends
only on *which* entities the base holds, never on the order they came in: batch sizes,
interruptions and concurrent writers give the same actors. Every rule is a function of the set
of stored names, re-applied to the names it concerns whenever that set grows.

**Forms.** An entity's form is what the entity alone says about its identity: its type, its
name key (folded, punctuation-free) and its knowledge-base id; for a description ("le
gouvernement", "les habitants"), its country too; a generic one ("personnes") has none. A
speaker or event actor named without an entity has a *bare* form (no type). Forms are grouped by the last word of their key.

**Rules**, applied to a whole group at once (``resolve``):

1. a form with a knowledge-base id is that actor (``kb:ID``), except a person whose full name
   shares the surname of the knowledge-base person and none of the first names ("Brigitte
   Macron" linked to ``emmanuel_macron`` by the analysis): that link is dropped (``entity_form``);
2. a form without an id whose type and key are those of a single knowledge-base actor's forms
   is that actor; otherwise it is the actor of its own name (``name:TYPE:key``);
3. a person named by one word joins the single person whose full name ends with that word;
   with two such people it stays apart rather than guess;
4. a bare form joins the single actor of the typed forms with its key or, for one word, the
   single person with that surname; otherwise it has no actor.

**Display** (``_refresh``). A knowledge-base actor is shown under its knowledge-base name; any
other under the name its entities use most (for a person, the most used full name); ties go
to the alphabetical first. Country and sector are the values its entities give most often
(for the sector of a place, none counts as a value: a city most articles name as a place has
none; a tie goes to the sector).
Counts (mentions, articles, quotes, events as source; without and with near-duplicate copies)
are added per article, and counted again for the actors whose forms moved.
"""
from __future__ import annotations

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Sequence

from .text import name_key

log = logging.getLogger(__name__)

PERSON = "PER"
LANGS = ("fr", "en")            # the languages whose resources name generic nouns
COUNTS = ("mentions", "articles", "quotes", "events", "mentions_all", "articles_all", "quotes_all", "events_all")


@dataclass(frozen=True, slots=True)
class Form:
    type: str                   # PER, ORG, LOC, MISC; "" for a bare name
    name_key: str
    kb_id: str | None = None
    key: str = field(init=False, repr=False, compare=False)  # the stored key, made once

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.type}|{self.kb_id or ''}|{self.name_key}")

    @property
    def group(self) -> str:
        return self.name_key.rsplit(" ", 1)[-1]


# -- the rules ---------------------------------------------------------------------------------

def _build_knowledge_base() -> dict[str, tuple[str, str, frozenset[str]]]:
    """kb id -> (name, type, every name key) of the actors of the shipped knowledge base."""
    from ..who.knowledge import load
    names: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str]] = {}
    for a in load(()).actors:  # the same cached load as the analysis
        first.setdefault(a.kb_id, (a.names[0] if a.names else a.name, a.type))
        names[a.kb_id].update(k for k in map(name_key, a.names) if k)
    return {k: (*first[k], frozenset(v)) for k, v in names.items()}


def _valid_index(value) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 3 and isinstance(v[2], frozenset)
        for k, v in value.items())


@functools.lru_cache(maxsize=1)
def _knowledge_base() -> dict[str, tuple[str, str, frozenset[str]]]:
    """The index of ``_build_knowledge_base``, kept on disk between runs (``who.knowledge.cached_index``):
    building it means reading the whole knowledge base, a fixed cost of every ingest."""
    from ..who import knowledge
    from . import text
    return knowledge.cached_index("store-actors", _build_knowledge_base, (__file__, text.__file__), _valid_index)


def _same_first_name(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])  # "e macron" is "emmanuel macron"


def kb_link_holds(key: str, kb_id: str) -> bool:
    """False for a full name sharing a knowledge-base person's surname but none of their first
    names: the analysis joined two people of one family ("Brigitte Macron", emmanuel_macron)."""
    known = _knowledge_base().get(kb_id)
    words = key.split()
    if known is None or key in known[2] or len(words) < 2:
        return True
    namesakes = [k.split() for k in known[2] if " " in k and k.rsplit(" ", 1)[-1] == words[-1]]
    return not namesakes or any(_same_first_name(n[0], words[0]) for n in namesakes)


@functools.lru_cache(maxsize=1)
def _generic_nouns() -> frozenset[str]:
    """Group nouns of the language resources (``[groups]`` of ``<lang>/who.toml``) marked
    ``generic`` ("personnes", "gens"): a description headed by one designates some people of one
    article, never an actor. Read from the resources alone (not the actor lexicon, which loads
    the whole knowledge base)."""
    from .. import resources
    from ..who.knowledge import norm
    out: set[str] = set()
    for lang in LANGS:
        out.update(name_key(norm(k)) for k, v in resources.load(lang, "who").get("groups", {}).items()
                   if v.get("generic"))
    return frozenset(out)


@functools.lru_cache(maxsize=1 << 16)  # an actor's entities repeat the same few names
def entity_form(name: str | None, type: str | None, kb_id: str | None, country: str | None = None) -> Form | None:
    """The form of an entity. A description ("gouvernement", "habitants", "la police") names a
    different actor in each country, so its country is part of its form: "gouvernement" of
    France and of the United States are two actors. A generic description ("des personnes",
    "plusieurs personnes") has no form: it is no actor of the corpus."""
    key = name_key(name)
    if not key:
        return None
    if not kb_id and _description(name) and key.split()[0] in _generic_nouns():
        return None
    if kb_id and type == PERSON and not kb_link_holds(key, kb_id):
        kb_id = None
    if not kb_id and country and _description(name):
        key = f"{key} {country.lower()}"
    return Form(type or "MISC", key, kb_id or None)


def _description(name: str | None) -> bool:
    """A name that is a common noun phrase rather than a proper name: it starts in lower case."""
    first = next((c for c in name or "" if c.isalpha()), "")
    return first.islower()


def resolve(forms: Iterable[Form]) -> dict[Form, str | None]:
    """The actor key of each form of one group (rules 1 to 4), or None for a bare form that
    matches no actor. A function of the set of forms alone."""
    forms = sorted(set(forms), key=lambda f: f.key)
    kb_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in forms:
        if f.kb_id:
            kb_of[f.type, f.name_key].add(f.kb_id)
    out: dict[Form, str | None] = {}
    for f in forms:
        if f.kb_id:
            out[f] = f"kb:{f.kb_id}"
        elif f.type:
            ids = kb_of.get((f.type, f.name_key), ())
            out[f] = f"kb:{min(ids)}" if len(ids) == 1 else f"name:{f.type}:{f.name_key}"
    people: dict[str, set[str]] = defaultdict(set)  # surname -> actors of full names
    for f, actor in out.items():
        if f.type == PERSON and " " in f.name_key:
            people[f.group].add(actor)
    for f in forms:
        if f.type == PERSON and not f.kb_id and " " not in f.name_key and (f.type, f.name_key) not in kb_of \
                and len(people[f.name_key]) == 1:
            out[f] = next(iter(people[f.name_key]))
    by_key: dict[str, set[str]] = defaultdict(set)
    for f, actor in out.items():
        by_key[f.name_key].add(actor)
    for f in forms:
        if not f.type:
            same = by_key.get(f.name_key, set())
            if not same and " " not in f.name_key:
                same = people.get(f.name_key, set())
            out[f] = next(iter(same)) if len(same) == 1 else None
    return out


# -- applying them to the base -------------------------------------------------------------------

def _in(ids: Iterable[int]) -> str:
    return "(" + ",".join(str(int(i)) for i in sorted(set(ids))) + ")" if ids else "(NULL)"


def register(store, ents: list[dict], bare: set[str]) -> tuple[dict, dict[str, int], set[Form]]:
    """The forms of entities (dicts of article_id, eid, name, type, kb_id, country, sector) and of
    the bare names of speakers and event sides (name keys), registered: ((article, eid) -> form or
    None, form key -> id, the new forms)."""
    form_of = {(r["article_id"], r["eid"]): entity_form(r["name"], r["type"], r["kb_id"], r["country"]) for r in ents}
    forms = {f for f in form_of.values() if f} | {Form("", k) for k in bare}
    form_ids, new = _register(store, forms)
    return form_of, form_ids, new


class Registered(NamedTuple):
    """The forms of rows not yet written, registered (``register_forms``)."""

    form_ids: dict[str, int]           # form key -> id
    new: set[Form]                     # the forms created
    values: dict[tuple, int]           # (form id, field, value) -> count their entities add
    types: dict[int, str]              # form id -> type, for the forms of entities
    ids: dict[tuple, int]              # (type, name key, kb id) -> id, for the forms of entities


def register_forms(store, forms: dict[tuple, Form], values: dict[tuple, int], bare: set[str]) -> Registered:
    """``register`` of forms already made (``entity_form`` of each entity, by the process that
    prepared its analysis: ``prepare.entity_forms``): ``forms``, (type, name key, kb id) -> form;
    ``values``, (form's (type, name key, kb id), field, value) -> count, what their entities give
    (``_count_values``); ``bare``, the bare names' keys."""
    form_ids, new = _register(store, set(forms.values()) | {Form("", k) for k in bare})
    ids = {t: form_ids[f.key] for t, f in forms.items()}
    return Registered(form_ids, new, {(ids[t], field, value): n for (t, field, value), n in values.items()},
                      {fid: t[0] for t, fid in ids.items()}, ids)


def settle(store, articles: Sequence[int], flipped: Iterable[int] = (), registered: Registered | None = None,
           write=None, shown: "Shown | None" = None) -> None:
    """Give the entities, quotes and events of ``articles`` (just written, without actors) their
    actors; apply the rules again to the groups that gained a form; count the actors again whose
    rows moved, or whose articles in ``flipped`` became or stopped being near-duplicate copies.
    ``registered``: what ``register_forms`` gave for their rows, not yet written, and ``write``:
    called with {form id: actor id} once the forms have their actors, it writes the rows of
    ``articles`` with their forms and actors and returns the actors they name (``_point`` then
    only points the other rows that moved). Without: the rows are written, and read back to be
    given their forms and actors. ``shown`` (with ``write``): the writer's cache of the actors'
    values and shown fields across its batches (``Shown``), so that only the actors it does not
    hold, or whose forms moved, are read again."""
    if not articles:
        return
    if registered is None:
        ids = _in(articles)
        ents = store.rows(f"SELECT article_id, eid, name, type, kb_id, country, sector FROM entities "
                          f"WHERE article_id IN {ids}")
        bare = {r["k"] for r in store.rows(
            f"SELECT speaker_key AS k FROM quotes WHERE article_id IN {ids} AND speaker_eid IS NULL AND speaker_key <> '' "
            f"UNION SELECT source_key FROM events WHERE article_id IN {ids} AND source_eid IS NULL AND source_key <> '' "
            f"UNION SELECT target_key FROM events WHERE article_id IN {ids} AND target_eid IS NULL AND target_key <> ''")}
        form_of, form_ids, new = register(store, ents, bare)
        store.executemany("UPDATE entities SET form_id = ? WHERE article_id = ? AND eid = ?",
                          [(form_ids[f.key] if f else None, a, e) for (a, e), f in form_of.items()])
        registered = Registered(form_ids, new, _count_values(form_ids, form_of, ents),
                                {form_ids[f.key]: f.type for f in set(form_of.values()) if f}, {})
    form_ids, new, added = registered.form_ids, registered.new, registered.values
    _write_values(store, added)
    moved_actors, moved_articles = _apply(store, {f.group for f in new}, {f.key for f in new})
    if write is None:
        _point(store, set(articles) | moved_articles)
        named = _actors_of(store, articles)
        shown = None
    else:  # the rows of ``articles`` written with their actors; the other moved rows pointed again
        actor_of_form: dict[int, int | None] = {}
        for chunk in _chunks(sorted(set(form_ids.values()))):
            actor_of_form.update((r["id"], r["actor_id"]) for r in store.rows(
                f"SELECT id, actor_id FROM forms WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        named = write(actor_of_form)
        _point(store, moved_articles - set(articles))
        if shown is not None:
            shown.moved(moved_actors)
            shown.add(added, actor_of_form, registered.types)
    recount = moved_actors | _actors_of(store, flipped)
    _add_counts(store, _tally(store, "article_id", articles), skip=recount)
    _set_counts(store, recount)
    _refresh(store, named | recount, shown)
    _drop_orphans(store, moved_actors)
    if shown is not None:
        shown.moved(moved_actors)  # read again when next refreshed (some were dropped)


def _register(store, forms: set[Form]) -> tuple[dict[str, int], set[Form]]:
    """The id of every form (the new ones created, in one order for every writer) and the new ones."""
    ids = _ids(store, "forms", {f.key for f in forms})
    new = {f for f in forms if f.key not in ids}
    store.executemany("INSERT INTO forms(key, type, name_key, grp, kb_id) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (key) DO NOTHING",
                      [(f.key, f.type, f.name_key, f.group, f.kb_id) for f in sorted(new, key=lambda f: f.key)])
    ids.update(_ids(store, "forms", {f.key for f in new}))
    return ids, new


def _ids(store, table: str, keys: set[str]) -> dict[str, int]:
    """key -> id of the rows of ``table`` (forms or actors) with these keys."""
    ids: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        ids.update((r["key"], r["id"]) for r in store.rows(
            f"SELECT id, key FROM {table} WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    return ids


def entity_values(name: str | None, type: str | None, country: str | None, sector: str | None):
    """The (field, value) pairs an entity gives its form (``_refresh`` shows the most given)."""
    if name:
        yield "name", name
    if country:
        yield "country", country
    if sector:
        yield "sector", sector
    elif type == "LOC":
        # a place without a sector is a value too: a city that is a place in most articles and
        # acts in a few is shown without one ("" in the table)
        yield "sector", ""


def _count_values(form_ids: dict[str, int], form_of: dict, ents: list[dict]) -> dict[tuple, int]:
    """(form id, field, value) -> how many of ``ents`` (dicts, their forms in ``form_of``) give it."""
    counts: dict[tuple, int] = {}
    for r in ents:
        f = form_of[r["article_id"], r["eid"]]
        if f is None:
            continue
        fid = form_ids[f.key]
        for field, value in entity_values(r["name"], r["type"], r["country"], r["sector"]):
            counts[fid, field, value] = counts.get((fid, field, value), 0) + 1
    return counts


def _write_values(store, counts: dict[tuple, int]) -> None:
    """Add ``counts`` ((form id, field, value) -> n) to ``form_values``, in the order of their keys."""
    rows = [(*k, n) for k, n in sorted(counts.items())]
    upsert = " ON CONFLICT (form_id, field, value) DO UPDATE SET n = form_values.n + excluded.n"
    if store.dialect == "postgresql":  # one statement of arrays, the same rows in the same order
        if rows:
            store.execute("INSERT INTO form_values(form_id, field, value, n) SELECT * FROM "
                          "unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[])" + upsert, _arrays(rows))
        return
    store.executemany("INSERT INTO form_values(form_id, field, value, n) VALUES (?, ?, ?, ?)" + upsert, rows)


def _arrays(rows: list[tuple]) -> list[list]:
    """The columns of ``rows``, each a list (PostgreSQL arrays for ``unnest``)."""
    return [list(c) for c in zip(*rows)]


def _update_counts(store, rows: list[tuple], add: bool) -> None:
    """Each (*COUNTS, actor id) row's counts added to (``add``) or set as its actor's; on
    PostgreSQL in one statement of arrays (the ids are distinct)."""
    if not rows:
        return
    if store.dialect == "postgresql":
        sets = ", ".join(f"{k} = {'actors.' + k + ' + ' if add else ''}v.{k}" for k in COUNTS)
        store.execute(f"UPDATE actors SET {sets} FROM unnest({', '.join(['?::bigint[]'] * (len(COUNTS) + 1))}) "
                      f"AS v({', '.join(COUNTS)}, id) WHERE actors.id = v.id", _arrays(rows))
        return
    store.executemany("UPDATE actors SET " + ", ".join(f"{k} = {k} + ?" if add else f"{k} = ?" for k in COUNTS)
                      + " WHERE id = ?", rows)


def _apply(store, groups: set[str], new_keys: set[str]) -> tuple[set[int], set[int]]:
    """Resolve ``groups`` again; returns the actors and articles whose rows change actor."""
    rows: list[dict] = []
    for chunk in _chunks(sorted(groups)):
        rows += store.rows(f"SELECT id, key, type, name_key, grp, kb_id, actor_id FROM forms "
                           f"WHERE grp IN ({','.join('?' * len(chunk))})", chunk)
    by_group: dict[str, dict[Form, dict]] = defaultdict(dict)
    for r in rows:
        by_group[r["grp"]][Form(r["type"], r["name_key"], r["kb_id"])] = r
    wanted = {}
    for current in by_group.values():
        wanted.update(resolve(current))
    actor_ids = _actor_ids(store, {k for k in wanted.values() if k})
    changed = []
    moved_actors, moved_articles = set(), set()
    for form, actor_key in sorted(wanted.items(), key=lambda x: x[0].key):
        r = by_group[form.group][form]
        actor = actor_ids[actor_key] if actor_key else None
        if actor == r["actor_id"]:
            continue
        changed.append((actor, r["id"]))
        if r["key"] in new_keys:
            continue  # its rows are all in the articles being settled
        moved_actors |= {a for a in (r["actor_id"], actor) if a is not None}
        if form.type:
            sql, params = "SELECT DISTINCT article_id FROM entities WHERE form_id = ?", (r["id"],)
        else:
            sql = ("SELECT article_id FROM quotes WHERE speaker_eid IS NULL AND speaker_key = ? UNION "
                   "SELECT article_id FROM events WHERE (source_eid IS NULL AND source_key = ?) "
                   "OR (target_eid IS NULL AND target_key = ?)")
            params = (form.name_key,) * 3
        moved_articles |= {x["article_id"] for x in store.rows(sql, params)}
    store.executemany("UPDATE forms SET actor_id = ? WHERE id = ?", changed)
    return moved_actors, moved_articles


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _actor_ids(store, keys: set[str]) -> dict[str, int]:
    """The id of each actor key, creating the missing actors (in one order for every writer; their
    name, type, country and sector are set by ``_refresh``)."""
    ids = _ids(store, "actors", keys)
    rows = []
    for key in sorted(keys - ids.keys()):
        kind, _, rest = key.partition(":")
        rows.append((key, rest if kind == "kb" else None, rest.split(":", 1)[0] if kind == "name" else None))
    # An empty name until _refresh gives the displayed one (and indexes it).
    store.executemany("INSERT INTO actors(key, name, name_key, kb_id, type) VALUES (?, '', '', ?, ?) "
                      "ON CONFLICT (key) DO NOTHING", rows)
    ids.update(_ids(store, "actors", {r[0] for r in rows}))
    return ids


def _point(store, articles: set[int]) -> None:
    """Point the entities, quotes and events of ``articles`` at the actors of their forms."""
    if not articles:
        return
    ids = _in(articles)
    store.execute("UPDATE entities SET actor_id = (SELECT f.actor_id FROM forms f WHERE f.id = entities.form_id) "
                  f"WHERE article_id IN {ids}")

    def side(eid: str, key: str, table: str) -> str:
        return (f"CASE WHEN {eid} IS NULL THEN (SELECT f.actor_id FROM forms f WHERE f.key = '||' || {table}.{key}) "
                f"ELSE (SELECT en.actor_id FROM entities en WHERE en.article_id = {table}.article_id "
                f"AND en.eid = {table}.{eid}) END")
    store.execute(f"UPDATE quotes SET speaker_actor_id = {side('speaker_eid', 'speaker_key', 'quotes')} "
                  f"WHERE article_id IN {ids}")
    store.execute(f"UPDATE events SET source_actor_id = {side('source_eid', 'source_key', 'events')}, "
                  f"target_actor_id = {side('target_eid', 'target_key', 'events')} WHERE article_id IN {ids}")


def _actors_of(store, articles: Iterable[int]) -> set[int]:
    articles = set(articles)
    if not articles:
        return set()
    ids = _in(articles)
    return {r["a"] for r in store.rows(
        f"SELECT actor_id AS a FROM entities WHERE article_id IN {ids} AND actor_id IS NOT NULL "
        f"UNION SELECT speaker_actor_id FROM quotes WHERE article_id IN {ids} AND speaker_actor_id IS NOT NULL "
        f"UNION SELECT source_actor_id FROM events WHERE article_id IN {ids} AND source_actor_id IS NOT NULL")}


def _tally(store, column: str, ids: Iterable[int]) -> dict[int, list[int]]:
    """COUNTS per actor over the rows whose ``column`` ("article_id" or "actor") is in ``ids``."""
    ids = _in(ids)
    out: dict[int, list[int]] = defaultdict(lambda: [0] * len(COUNTS))
    where = {"entities": "en.article_id" if column == "article_id" else "en.actor_id",
             "quotes": "q.article_id" if column == "article_id" else "q.speaker_actor_id",
             "events": "e.article_id" if column == "article_id" else "e.source_actor_id"}
    copy = "ar.duplicate_of IS NULL"
    for r in store.rows(
            f"SELECT en.actor_id AS id, SUM(CASE WHEN {copy} THEN en.mentions ELSE 0 END) AS m, "
            f"COUNT(DISTINCT CASE WHEN {copy} THEN en.article_id END) AS a, SUM(en.mentions) AS m_all, "
            "COUNT(DISTINCT en.article_id) AS a_all FROM entities en JOIN articles ar ON ar.id = en.article_id "
            f"WHERE en.actor_id IS NOT NULL AND {where['entities']} IN {ids} GROUP BY en.actor_id"):
        c = out[r["id"]]
        c[0], c[1], c[4], c[5] = int(r["m"] or 0), int(r["a"] or 0), int(r["m_all"] or 0), int(r["a_all"] or 0)
    for table, alias, col, slot in (("quotes", "q", "speaker_actor_id", 2), ("events", "e", "source_actor_id", 3)):
        for r in store.rows(
                f"SELECT {alias}.{col} AS id, SUM(CASE WHEN {copy} THEN 1 ELSE 0 END) AS n, COUNT(*) AS n_all "
                f"FROM {table} {alias} JOIN articles ar ON ar.id = {alias}.article_id "
                f"WHERE {alias}.{col} IS NOT NULL AND {where[table]} IN {ids} GROUP BY {alias}.{col}"):
            c = out[r["id"]]
            c[slot], c[slot + 4] = int(r["n"] or 0), int(r["n_all"] or 0)
    return out


def _add_counts(store, tally: dict[int, list[int]], skip: set[int]) -> None:
    _update_counts(store, [(*c, aid) for aid, c in sorted(tally.items()) if aid not in skip], add=True)


def _set_counts(store, actors: set[int]) -> None:
    if not actors:
        return
    tally = _tally(store, "actor", actors)
    _update_counts(store, [(*tally.get(aid, [0] * len(COUNTS)), aid) for aid in sorted(actors)], add=False)


def _best(counts: dict[str, int]) -> str | None:
    """The most frequent value; ties go to the alphabetical first, whatever the order of arrival."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def _best_sector(counts: dict[str, int]) -> str | None:
    """The most frequent sector, none ("") included; a tie goes to a sector."""
    return (min(counts.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0]))[0] or None) if counts else None


def display_name(key: str, atype: str | None, names: dict[str, int]) -> str:
    """The knowledge-base name; else the name used most (for a person, the most used full name)."""
    if key.startswith("kb:") and key[3:] in _knowledge_base():
        return _knowledge_base()[key[3:]][0]
    if atype == PERSON:
        names = {n: c for n, c in names.items() if " " in name_key(n)} or names
    return _best(names) or key.rsplit(":", 1)[-1]


class Shown:
    """One writer's copy, across its batches, of what ``_refresh`` reads per actor: the values its
    forms' entities give (field -> value -> count, and the types of its forms, counted by name) and
    its stored row (key, name, type, country, sector, kb id). An actor held here is not read
    again: the values its forms gain in a batch are added to the copy (``add``), and an actor
    whose forms moved is dropped from it (``moved``), to be read again. The copy holds only while
    no one else writes: ``valid`` is asked at the start of each transaction with the base's
    generation (``db.advance``), and the copy is emptied when the base is not the one this writer
    left (another writer, or a transaction of its own rolled back: ``clear``)."""

    LIMIT = 200_000  # actors held at most (an actor's values are a few small dicts)

    def __init__(self) -> None:
        self.values: dict[int, dict[str, dict[str, int]]] = {}
        self.rows: dict[int, tuple] = {}
        self.generation: str | None = None  # the base's generation this writer left
        self._changed: set[int] = set()    # held actors whose values changed since their last refresh

    def clear(self) -> None:
        self.values, self.rows, self.generation, self._changed = {}, {}, None, set()

    def valid(self, generation: str | None) -> None:
        """Called in a transaction that advanced the base from ``generation`` - 1: the copy is kept
        if the base was left so by this writer's last transaction, emptied otherwise."""
        try:
            kept = self.generation is not None and int(self.generation) + 1 == int(generation)
        except (TypeError, ValueError):
            kept = False
        if not kept or len(self.rows) > self.LIMIT:
            self.clear()
        self.generation = generation

    def moved(self, actors: Iterable[int]) -> None:
        for a in actors:
            self.values.pop(a, None)
            self.rows.pop(a, None)
            self._changed.discard(a)

    def add(self, added: dict[tuple, int], actor_of_form: dict[int, int | None], types: dict[int, str]) -> None:
        """The values ``_write_values`` added (form id, field, value -> count), given to the held
        actors of their forms (``types``: form id -> type)."""
        for (fid, field, value), n in added.items():
            actor = actor_of_form.get(fid)
            v = self.values.get(actor) if actor is not None else None
            if v is None:
                continue
            counts = v.setdefault(field, {})
            counts[value] = counts.get(value, 0) + n
            if field == "name":
                t = v.setdefault("type", {})
                t[types[fid]] = t.get(types[fid], 0) + n
            self._changed.add(actor)

    def take_changed(self, actors: set[int]) -> set[int]:
        """The held actors among ``actors`` whose values changed since their last refresh."""
        changed = self._changed & actors
        self._changed -= changed
        return changed


def _refresh(store, actors: set[int], shown: Shown | None = None) -> None:
    """Name, type, country and sector of ``actors`` from the values their forms' entities give.
    ``shown``: the actors it holds are not read again, and those whose values did not change are
    left as they are (their shown fields were refreshed from the same values)."""
    if not actors:
        return
    if shown is not None:
        changed = shown.take_changed(actors)
        held = {a for a in actors if a in shown.rows}
        todo = (actors - held) | (held & changed)
        unread = actors - held
    else:
        todo = unread = actors
    if not todo:
        return
    # actor -> field -> value -> count (plain dicts: a Counter per field and actor cost more
    # than the rest of the loop)
    values: dict[int, dict[str, dict[str, int]]] = {a: {} for a in unread}
    rows: dict[int, tuple] = {}
    if unread:
        ids = _in(unread)
        for r in store.rows(
                "SELECT f.actor_id AS id, f.type AS type, v.field AS field, v.value AS value, SUM(v.n) AS n "
                f"FROM forms f JOIN form_values v ON v.form_id = f.id WHERE f.actor_id IN {ids} "
                "GROUP BY f.actor_id, f.type, v.field, v.value"):
            v, n = values[r["id"]], int(r["n"])
            counts = v.setdefault(r["field"], {})
            counts[r["value"]] = counts.get(r["value"], 0) + n
            if r["field"] == "name":
                types = v.setdefault("type", {})
                types[r["type"]] = types.get(r["type"], 0) + n
        for r in store.rows(f"SELECT id, key, name, type, country, sector, kb_id FROM actors WHERE id IN {ids}"):
            rows[r["id"]] = (r["key"], r["name"], r["type"], r["country"], r["sector"], r["kb_id"])
    if shown is not None:
        for a in todo - unread:
            values[a], rows[a] = shown.values[a], shown.rows[a]
    changed, named = [], []
    none: dict[str, int] = {}
    for aid in sorted(todo):
        if aid not in rows:  # deleted meanwhile (no row to refresh)
            continue
        key, old_name, old_type, old_country, old_sector, kb_id = rows[aid]
        v = values.get(aid, none)
        kb = _knowledge_base().get(kb_id) if kb_id else None
        atype = _best(v.get("type", none)) or (kb[1] if kb else old_type)
        name = display_name(key, atype, v.get("name", none))
        new = (name, atype, _best(v.get("country", none)), _best_sector(v.get("sector", none)))
        if new != (old_name, old_type, old_country, old_sector):
            nkey = name_key(name)
            changed.append((*new, nkey, nkey.rsplit(" ", 1)[-1] if atype == PERSON and " " in nkey else None, aid))
            if name != old_name:
                named.append((aid, name, bool(old_name)))
        if shown is not None:
            shown.values[aid] = v if v is not none else {}
            shown.rows[aid] = (key, *new, kb_id)
    store.index_actors(named)
    store.executemany("UPDATE actors SET name = ?, type = ?, country = ?, sector = ?, name_key = ?, surname_key = ? "
                      "WHERE id = ?", changed)


def _drop_orphans(store, actors: set[int]) -> None:
    """Delete the actors that no form points at any more (their rows moved to another actor)."""
    for aid in sorted(actors):
        row = store.row("DELETE FROM actors WHERE id = ? AND NOT EXISTS (SELECT 1 FROM forms WHERE actor_id = ?) "
                        "RETURNING id", (aid, aid))
        if row and store.dialect == "sqlite":
            store.execute("DELETE FROM actors_fts WHERE rowid = ?", (aid,))


def reindex(store, batch: int = 500, dup_threshold: float | None = None) -> int:
    """Rebuild every actor identity, and every near-duplicate link, from what the base holds, as
    a fresh ingest of the same articles would make them; returns the number of articles. Repairs
    a base written by an older veille, or after the knowledge base of actors changed."""
    from . import neardup
    from .db import advance
    with store.transaction():
        advance(store)
        store.execute("UPDATE entities SET form_id = NULL, actor_id = NULL")
        store.execute("UPDATE quotes SET speaker_actor_id = NULL")
        store.execute("UPDATE events SET source_actor_id = NULL, target_actor_id = NULL")
        for table in ("form_values", "forms", "actors"):
            store.execute(f"DELETE FROM {table}")
        if store.dialect == "sqlite":
            store.execute("DELETE FROM actors_fts")
        neardup.relink_all(store, dup_threshold or neardup.DEFAULT_THRESHOLD)
        ids = [r["id"] for r in store.rows("SELECT id FROM articles ORDER BY id")]
        for i in range(0, len(ids), batch):
            settle(store, ids[i:i + batch])
        # Every row is in the base before its batch is settled: an actor that gains a later
        # batch's rows when an earlier one resolves its group would count them twice. Count
        # every actor once more from its rows.
        for chunk in _chunks([r["id"] for r in store.rows("SELECT id FROM actors ORDER BY id")]):
            _set_counts(store, set(chunk))
    return len(ids)
