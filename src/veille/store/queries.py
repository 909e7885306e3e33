"""Queries over a knowledge base. Each returns plain rows (dicts), ready for a table, JSON or CSV.

Near-duplicates (wire copies) are left out unless ``duplicates=True``, so that one dispatch
republished by five outlets counts once. Names are matched on folded keys: "pompeo" finds
"Mike Pompeo" and every quote attributed to him across the corpus.

Every list is built from one ``Selection`` (its tables, conditions and parameters), so that
its rows, its total (``total``) and its counts (``veille.store.counts``) always agree. Filter
values are checked by ``veille.store.filters``: a bad one raises ``QueryError``. Dated lists
come newest first unless ``order="oldest"``.

Every list returns a ``Page``: its rows, and ``after``, the sort key of its last row. Given as
``after``, it starts the next page right after that row (a keyset page): the database starts
reading at the key, in the order of an index where there is one, so a page costs the same at
any depth. ``offset`` still skips rows (after ``after``, when both are given), reading them all.
"""
from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..records import Analysis
from . import filters, schema
from .db import Store, has_confidence, has_quote_dates
from .text import fold, name_key

_PHRASE = re.compile(r'"([^"]+)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 20  # words or phrases in one full-text condition: the cost of a search grows with each


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


@dataclass
class Selection:
    """The rows of one list before ordering: ``FROM {tables} WHERE {conditions}``."""

    tables: str
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)  # the number of parameters of each condition
    anys: list[tuple[int, list[tuple[str, tuple[Any, ...]]]]] = field(default_factory=list)
    # Counted up to a limit, its rows are read by a plan made for all of them (``total``): a
    # full-text match on PostgreSQL, whose plan for the first rows alone may read every row's
    # vector in the table's order rather than the matches the index names.
    whole_plan: bool = False

    def add(self, condition: str, *params: Any) -> None:
        self.where.append(condition)
        self.params.extend(params)
        self.counts.append(len(params))

    def add_any(self, alternatives: list[tuple[str, tuple[Any, ...]]]) -> None:
        """A condition that holds when any of ``alternatives`` (condition, parameters) does. A
        page may be read as the union of the pages of each (``branches``), each in an index's order."""
        if len(alternatives) == 1:
            self.add(alternatives[0][0], *alternatives[0][1])
            return
        self.add("(" + " OR ".join(f"({c})" for c, _ in alternatives) + ")", *(p for _, ps in alternatives for p in ps))
        self.anys.append((len(self.where) - 1, alternatives))

    def plus(self, condition: str, params: tuple[Any, ...] | list[Any]) -> "Selection":
        """This selection with one more condition (a copy)."""
        return Selection(self.tables, [*self.where, condition], [*self.params, *params])

    def branches(self) -> list["Selection"]:
        """Selections whose rows together are this one's: its first condition of alternatives
        split into one selection per alternative (they may overlap); or this selection alone."""
        if not self.anys:
            return [self]
        at, alternatives = self.anys[0]
        before = sum(self.counts[:at])
        out = []
        for condition, params in alternatives:
            where = [*self.where[:at], condition, *self.where[at + 1:]]
            values = [*self.params[:before], *params, *self.params[before + self.counts[at]:]]
            out.append(Selection(self.tables, where, values))
        return out

    def disjoint(self) -> list["Selection"]:
        """``branches`` made disjoint: each alternative without the rows of those before it (NULL
        read as false), so their counts add up to this selection's."""
        branches = self.branches()
        if len(branches) == 1:
            return branches
        at, alternatives = self.anys[0]
        out = []
        for i, b in enumerate(branches):
            if i:
                earlier = " OR ".join(f"({c})" for c, _ in alternatives[:i])
                b = b.plus(f"NOT COALESCE({earlier}, FALSE)", [p for _, ps in alternatives[:i] for p in ps])
            out.append(b)
        return out

    def sql(self, needs: str | None = None) -> str:
        """The FROM and WHERE clauses. With ``needs`` (the SQL that will use the rows: selected
        columns, groups, order), the joins nothing refers to are left out: each joins a row to
        the one row its foreign key names (an article, an actor or none), so leaving it out
        changes neither the number of rows nor their values, only the cost of reading them."""
        where = ' AND '.join(self.where) or '1=1'
        tables = self.tables
        if needs is not None:
            first, *rest = _JOIN.split(self.tables)  # rest: (" JOIN ", "actors sa ON ...") pairs
            joins = list(zip(rest[::2], rest[1::2]))
            kept: list[tuple[str, str]] = []
            for kind, join in reversed(joins):  # a join is needed by what uses it, or by a later join's ON
                used = " ".join([where, needs, *(j for _, j in kept)])
                if re.search(rf"\b{join.split()[1]}\.", used):
                    kept.insert(0, (kind, join))
            tables = first + "".join(kind + join for kind, join in kept)
        return f"FROM {tables} WHERE {where}"


_JOIN = re.compile(r"( (?:LEFT )?JOIN )")


def _page(limit: int, offset: int) -> tuple[int, int]:
    return filters.limit(limit), filters.offset(offset)


class Page(list):
    """The rows of one page of a list, and ``after``: the sort key of its last row (None when the
    page is empty), which ``after=`` takes to start the next page there."""

    keys: list[tuple[Any, ...]] = []

    @property
    def after(self) -> tuple[Any, ...] | None:
        return self.keys[-1] if self.keys else None

    def first(self, n: int) -> "Page":
        """The page of the first ``n`` rows (its ``after`` is the key of the last of them)."""
        page = Page(self[:n])
        page.keys = self.keys[:n]
        return page


def _paged(rows: list[dict[str, Any]], key) -> Page:
    page = Page(rows)
    page.keys = [key(r) for r in rows]
    return page


Condition = tuple[str, tuple[Any, ...]]


def _beyond(cols: list[tuple[str, bool]], key: tuple, tail: Condition | None = None) -> Condition | None:
    """Rows strictly after ``key`` in the order of ``cols`` ((expression, descending), never NULL),
    compared column by column; with ``tail``, the rows equal on every column that meet it."""
    if not cols:
        return tail
    (col, desc), value = cols[0], key[0]
    op = "<" if desc else ">"
    rest = _beyond(cols[1:], key[1:], tail)
    if rest is None:
        return f"{col} {op} ?", (value,)
    return f"({col} {op} ? OR ({col} = ? AND {rest[0]}))", (value, value, *rest[1])


def _after(cols: list[tuple[str, bool]], key: tuple, tail: Condition | None = None) -> list[Condition]:
    """The rows after ``key`` in the order of ``cols``, whose first column is a date that may be
    NULL and comes last, as alternatives that do not overlap: the dated rows from the key on (a
    range of an index on the date, bounded by the key: the database starts there), and the
    undated ones; for a key without a date, the undated rows after it."""
    (col, desc), value = cols[0], key[0]
    if value is None:
        cond, params = _beyond(cols[1:], key[1:], tail)  # type: ignore[misc]
        return [(f"{col} IS NULL AND {cond}", tuple(params))]
    cond, params = _beyond(cols, key, tail)  # type: ignore[misc]
    return [(f"{col} {'<=' if desc else '>='} ? AND {cond}", (value, *params)), (f"{col} IS NULL", ())]


def _either(conditions: list[Condition]) -> Condition:
    """One condition that holds when any of ``conditions`` does."""
    if len(conditions) == 1:
        return conditions[0]
    return "(" + " OR ".join(f"({c})" for c, _ in conditions) + ")", tuple(p for _, ps in conditions for p in ps)


def _dated(column: str, f: dict[str, str], sel: Selection) -> None:
    """``since``/``until`` on a column of dates, months or years: a row is in the range when its
    whole period is ("2019-05" is in 2019-05-01..2019-05-31, not in 2019-05-10..2019-06-30).
    Plain text comparison does that, but for the month or year a bound itself falls in."""
    if "since" in f:
        since = f["since"]
        starts_in = [p for p in filters.coarser(since) if filters.period(p)[0] >= filters.period(since)[0]]
        sel.add(f"({column} >= ?" + "".join(f" OR {column} = ?" for _ in starts_in) + ")", since, *starts_in)
    if "until" in f:
        until = f["until"]
        ends_after = [p for p in filters.coarser(until) if filters.period(p)[1] > filters.period(until)[1]]
        sel.add(f"{column} <= ?" + "".join(f" AND {column} <> ?" for _ in ends_after), until + "~", *ends_after)


def _page_of(arms: list, alias: str, date: str, by: str, order: str, depth: int) -> tuple[str, list]:
    """The SQL of one page of rows (``pa``, ``po``: article and order) of the table ``alias``
    over the selections ``arms``; with several, each read in the order of its own index down
    to ``depth`` rows and the page taken from their union. Its LIMIT and OFFSET stay to bind."""
    if len(arms) == 1:
        return (f"SELECT {alias}.article_id AS pa, {alias}.ord AS po {arms[0].sql(needs=by)} "
                f"ORDER BY {by} LIMIT ? OFFSET ?", list(arms[0].params))
    union = " UNION ".join(
        f"SELECT * FROM (SELECT {alias}.article_id AS pa, {alias}.ord AS po, {date} AS pd {b.sql(needs=by)} "
        f"ORDER BY {by} LIMIT ?) b{i}" for i, b in enumerate(arms))
    return (f"SELECT pa, po FROM ({union}) u ORDER BY {_newest(order, 'pd', 'pa')}, po LIMIT ? OFFSET ?",
            [p for b in arms for p in (*b.params, depth)])


def _newest(order: str, *columns: str) -> str:
    """ORDER BY the date column and tie-breakers, newest or oldest first; no date comes last."""
    way = "DESC" if order == "newest" else "ASC"
    return ", ".join(f"{c} {way}" + (" NULLS LAST" if i == 0 else "") for i, c in enumerate(columns))


# -- search ------------------------------------------------------------------------------------
def search_selection(store: Store, f: dict[str, str], duplicates: bool, *, in_order: bool = False) -> Selection:
    """``in_order`` (SQLite): the articles only checked against the matches, for a page read in
    date order from ``articles_newest`` (``_read_in_order``), without the full-text table."""
    q = f["q"]
    terms = fts_query(q)  # on both backends: its limit on the number of words holds for both
    if store.dialect == "sqlite" and in_order:
        sel = Selection("articles a")
        sel.add("+a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", terms)
        _dated("a.published", f, sel)
        _no_dups(sel, duplicates, "a.id")
        return sel
    if store.dialect == "sqlite":
        sel = Selection("articles_fts JOIN articles a ON a.id = articles_fts.rowid")
        sel.add("articles_fts MATCH ?", terms)
    else:
        sel = Selection("articles a", whole_plan=True)
        sel.add("a.search @@ websearch_to_tsquery('simple', ?)", fold(q))
    _dated("a.published", f, sel)
    # on SQLite the article's id is the full-text row's: no join to the articles for it
    _no_dups(sel, duplicates, "articles_fts.rowid" if store.dialect == "sqlite" else "a.id")
    return sel


def search(store: Store, text: str, *, limit: int = 20, offset: int = 0, order: str | None = None,
           since: str | None = None, until: str | None = None, duplicates: bool = False,
           after: Any = None) -> Page:
    """Articles matching ``text`` (full text, accent-insensitive), best first, with a snippet.
    ``after``: the ``after`` of the previous page (by relevance, the rank and article of its last
    row; else its date and article)."""
    f = filters.check("search", {"q": text, "since": since, "until": until})
    order = filters.order("search", order)
    limit, offset = _page(limit, offset)
    key = filters.after("search", order, after)
    sqlite = store.dialect == "sqlite"
    # newest (oldest) first on SQLite, the matches many: the page's ids read in date order, then
    # the columns, the rank and the snippet of its rows alone, each found again in the index
    in_order = sqlite and order != "relevance" and _read_in_order(store, "articles_fts", "articles",
                                                                  fts_query(f["q"]), offset + limit)
    sel = search_selection(store, f, duplicates, in_order=in_order)
    q = fold(text)  # websearch_to_tsquery reads words and "quoted phrases" and never fails on syntax
    if sqlite:
        rank = "bm25(articles_fts, 4.0, 1.0)"  # smaller is better
        cols = (f"SELECT a.id, a.doc_id, a.published, a.title, a.url, ROUND(-{rank}, 3) AS score, "
                f"snippet(articles_fts, 1, '[', ']', '…', 8) AS snippet, {rank} AS rank_ ")
        pre: tuple[Any, ...] = ()
    else:
        rank = "ROUND(CAST(ts_rank(a.search, websearch_to_tsquery('simple', ?)) AS NUMERIC), 3)"
        cols = f"SELECT a.id, a.doc_id, a.published, a.title, a.url, {rank} AS score, a.text "
        pre = (q,)
    if sqlite and order == "relevance" and len(_PHRASE.findall(f["q"])) == 1:
        # One word or phrase: the page first, over the full-text index alone (the articles
        # joined only for a date range): every match is ranked, but without reading its article;
        # then the columns and the snippets of the page's rows, each found again by its id in
        # the index (which costs more than it saves for several words: each is looked up again).
        if key is not None:  # after the last row: a worse rank, or the same and a larger id
            sel = sel.plus(f"({rank} > ? OR ({rank} = ? AND articles_fts.rowid > ?))", (key[0], key[0], key[1]))
        page = (f"SELECT articles_fts.rowid AS pid, {rank} AS prank {sel.sql(needs=rank)} "
                "ORDER BY prank, pid LIMIT ? OFFSET ?")
        rows = store.rows(
            "SELECT a.id, a.doc_id, a.published, a.title, a.url, ROUND(-p.prank, 3) AS score, "
            "snippet(articles_fts, 1, '[', ']', '…', 8) AS snippet, p.prank AS rank_ "
            f"FROM ({page}) p CROSS JOIN articles_fts CROSS JOIN articles a "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid = p.pid AND a.id = p.pid ORDER BY p.prank, p.pid",
            (*sel.params, limit, offset, fts_query(f["q"])))
        for r in rows:
            r["rank"] = r.pop("rank_")
        return _search_page(rows, order)
    if not sqlite and order == "relevance" and _one_word(q):
        # One word on PostgreSQL: an article with it in its title ranks above every article
        # without it (a title position weighs 1, a text position 0.1: ``ts_rank`` gives at least
        # 0.608 with one, below 0.1 without). So when the articles with the word in their title
        # fill the page, the page is theirs, ranked among them alone; they are found by an index
        # of the titles' words (``articles_title_search``) without reading every match.
        # (On a base with the index of the titles' ranks, ``_by_class`` reads them rank by rank.)
        if _store_indexes(store) < 8:
            titled = Selection(sel.tables, [_TITLED, *sel.where[1:]], list(sel.params))
            rows = _pg_ranked(store, titled, cols, pre, rank, q, key, limit, offset)
            if len(rows) == limit:
                return _pg_search_page(rows, q, order)
        rows = _by_class(store, sel, cols, pre, rank, q, key, limit, offset)
        if rows is not None:
            return _pg_search_page(rows, q, order)
    if order == "relevance":
        # every match is ranked (the rank is not in an index), but only the page's rows are kept
        by = f"{rank}, a.id" if sqlite else "score DESC, a.id"
        if key is not None:  # after the last row: a worse rank, or the same and a larger id
            if sqlite:
                sel = sel.plus(f"({rank} > ? OR ({rank} = ? AND a.id > ?))", (key[0], key[0], key[1]))
            else:
                sel = sel.plus(f"({rank} < CAST(? AS NUMERIC) OR ({rank} = CAST(? AS NUMERIC) AND a.id > ?))",
                               (q, key[0], q, key[0], key[1]))
        sql, params = f"{cols}{sel.sql()} ORDER BY {by} LIMIT ? OFFSET ?", [*pre, *sel.params, limit, offset]
    else:
        by = _newest(order, "a.published", "a.id")
        arms = [sel] if key is None else [sel.plus(c, p) for c, p in
                                          _after([("a.published", order == "newest"), ("a.id", order == "newest")], key)]
        # On PostgreSQL the page first (ids and dates), then the columns of its rows: the rank
        # and the text of the page's rows alone, where the rows' columns were computed for every
        # match before the sort (a word in 7,481 articles: 38,666 buffers, 90-136 ms, mostly
        # its vectors read for their rank; 6,058 buffers and 18-38 ms for the page first).
        page_cols, page_pre = (cols, pre) if sqlite and not in_order else ("SELECT a.id, a.published ", ())
        if len(arms) == 1:
            sql = f"{page_cols}{arms[0].sql()} ORDER BY {by} LIMIT ? OFFSET ?"
            params = [*page_pre, *arms[0].params, limit, offset]
        else:
            sql = (" UNION ALL ".join(f"SELECT * FROM ({page_cols}{b.sql()} ORDER BY {by} LIMIT ?) b{i}"
                                      for i, b in enumerate(arms))
                   + f" ORDER BY {_newest(order, 'published', 'id')} LIMIT ? OFFSET ?")
            params = [*(p for b in arms for p in (*page_pre, *b.params, offset + limit)), limit, offset]
        if in_order:
            sql = (f"{cols}FROM ({sql}) p CROSS JOIN articles_fts CROSS JOIN articles a "
                   f"WHERE articles_fts MATCH ? AND articles_fts.rowid = p.id AND a.id = p.id ORDER BY {by}")
            params = [*params, fts_query(f["q"])]
        elif not sqlite:
            sql = f"{cols}FROM ({sql}) p JOIN articles a ON a.id = p.id ORDER BY {by}"
            params = [*pre, *params]
    rows = store.rows(sql, tuple(params))
    if sqlite:
        for r in rows:
            r["rank"] = r.pop("rank_")
        return _search_page(rows, order)
    return _pg_search_page(rows, q, order)


# An article whose title holds the words (PostgreSQL): its title's words are the positions of
# weight A of its ``search`` vector, which the index ``articles_title_search`` holds.
_TITLED = "ts_filter(a.search, '{a}') @@ websearch_to_tsquery('simple', ?)"


def _pg_ranked(store: Store, sel: Selection, cols: str, pre: tuple[Any, ...], rank: str, q: str, key: Any,
               limit: int, offset: int) -> list[dict[str, Any]]:
    """A page of ``sel`` by relevance on PostgreSQL (best rank first, then id), after ``key``
    (the last row's rank and id) when one is given."""
    if key is not None:
        sel = sel.plus(f"({rank} < CAST(? AS NUMERIC) OR ({rank} = CAST(? AS NUMERIC) AND a.id > ?))",
                       (q, key[0], q, key[0], key[1]))
    return store.rows(f"{cols}{sel.sql()} ORDER BY score DESC, a.id LIMIT ? OFFSET ?",
                      (*pre, *sel.params, limit, offset))


def _by_class(store: Store, sel: Selection, cols: str, pre: tuple[Any, ...], rank: str, q: str, key: Any,
              limit: int, offset: int) -> list[dict[str, Any]] | None:
    """The page of a one-word search on PostgreSQL (by relevance), or None on a base without the
    index of the words' count classes (store indexes 4) or for a search of several words. An
    article without the word in its title ranks by the number of the word's positions alone, and
    every one of a class of counts (``schema.RANK_CLASSES``, indexed by ``articles_rank_classes``)
    ranks above every one of the classes below, all of a class with the same rank; the articles
    holding the word once rank below every class. So the ranking is the titled articles (ranked
    among them), then the articles of each class from the highest down, then those holding the
    word once, each of these by id: the page's ids are read in that order, class by class until
    the page is full, from the indexes and the articles' rows without their vectors; then the
    page's rows, ranked (``ts_rank`` of the page's rows alone)."""
    if not _rank_classes_indexed(store):
        return None
    words = [r["lexeme"] for r in store.rows("SELECT lexeme FROM unnest(to_tsvector('simple', ?))", (q,))]
    if len(words) != 1:
        return None
    needed = offset + limit
    rest, rest_params = sel.where[1:], sel.params[1:]  # a date range, the copies left out
    keys = [f"{words[0]} {c}" for c in schema.RANK_CLASSES]
    classes = set(keys)  # the classes to read: on a base of store indexes 8, those the word has
    if _store_indexes(store) >= 8:
        marks = _title_marks(key)
        titles, classes = _present(store, [f"{words[0]} {m}" for m, _ in marks], keys)
        ids = _titled(store, sel, words[0], [(m, v) for m, v in marks if f"{words[0]} {m}" in titles],
                      rank, q, key, needed)
    else:  # the titled articles after the key: fewer than the page needs, or the caller's page was theirs
        titled = Selection(sel.tables, [_TITLED, *rest], [q, *rest_params])
        if key is not None:
            titled = titled.plus(f"({rank} < CAST(? AS NUMERIC) OR ({rank} = CAST(? AS NUMERIC) AND a.id > ?))",
                                 (q, key[0], q, key[0], key[1]))
        ids = [r["id"] for r in store.rows(f"SELECT a.id, {rank} AS score {titled.sql()} ORDER BY score DESC, a.id "
                                           "LIMIT ?", (q, *titled.params, needed))]
    # an article with the word in its title is ranked with the titled ones, whatever its count
    untitled = "a.id NOT IN (SELECT t.id FROM articles t WHERE ts_filter(t.search, '{a}') @@ websearch_to_tsquery('simple', ?))"
    # each class from the highest down, then the matches holding the word once (in no class)
    arms = [(["veille_rank_classes(a.search) && CAST(? AS TEXT[])"], [[k]], k in classes) for k in reversed(keys)]
    arms.append((["a.search @@ websearch_to_tsquery('simple', ?)",
                  "a.id NOT IN (SELECT c.id FROM articles c WHERE veille_rank_classes(c.search) && CAST(? AS TEXT[]))"],
                 [q, keys], True))
    for (conditions, params, present), score in zip(arms, reversed(_class_ranks(store))):
        if len(ids) >= needed:
            break  # the titled articles fill the page
        if not present or (key is not None and score > key[0]):
            continue  # no article has the word this many times, or every one ranks before the key
        one = Selection(sel.tables, [*conditions, untitled, *rest], [*params, q, *rest_params])
        if key is not None and score == key[0]:
            one = one.plus("a.id > ?", (key[1],))
        # ``a.id + 0``: the class's articles from the index, then sorted, never the articles read
        # in the order of their ids, each one's vector unpacked to find its classes
        ids += [r["id"] for r in store.rows(f"SELECT a.id {one.sql()} ORDER BY a.id + 0 LIMIT ?",
                                            (*one.params, needed - len(ids)))]
        if len(ids) >= needed:
            break
    return store.rows(f"{cols}FROM articles a WHERE a.id = ANY(?) ORDER BY score DESC, a.id",
                      (*pre, ids[offset:needed]))


def _title_marks(key: Any) -> list[tuple[str, float | None]]:
    """The marks of the index of the titles' ranks (store indexes 8, ``schema.TITLE_BAND``) in the
    ranking's order, after ``key``: "+" (above the band), each rank of the band from the highest
    down, "-" (below the band); with the rank of each mark of the band."""
    low, high = schema.TITLE_BAND
    band = [round(high - i / 1000, 3) for i in range(round((high - low) * 1000) + 1)]
    marks: list[tuple[str, float | None]] = [("+", None)] if key is None or key[0] >= high else []
    marks += [(f"{v:.3f}", v) for v in band if key is None or v <= key[0]]  # a higher rank is before the key
    return [*marks, ("-", None)]


def _present(store: Store, titles: list[str], classes: list[str]) -> tuple[set[str], set[str]]:
    """Which of these keys of the titles' ranks and of the count classes some article has, in one
    statement (a look-up in each index per key, no article read but the first of each key)."""
    rows = store.rows(
        "SELECT 't' AS ix, k FROM unnest(CAST(? AS TEXT[])) AS k "
        "WHERE EXISTS (SELECT 1 FROM articles a WHERE veille_title_ranks(a.search) && ARRAY[k]) UNION ALL "
        "SELECT 'c' AS ix, k FROM unnest(CAST(? AS TEXT[])) AS k "
        "WHERE EXISTS (SELECT 1 FROM articles a WHERE veille_rank_classes(a.search) && ARRAY[k])", (titles, classes))
    return {r["k"] for r in rows if r["ix"] == "t"}, {r["k"] for r in rows if r["ix"] == "c"}


def _titled(store: Store, sel: Selection, word: str, marks: list[tuple[str, float | None]], rank: str, q: str,
            key: Any, needed: int) -> list[int]:
    """The ids of the first ``needed`` articles with ``word`` in their title (after ``key``), in the
    ranking's order, from the index of the titles' ranks (store indexes 8): for each of ``marks``
    (``_title_marks``, those the word has), the articles above or below the band ranked one by
    one, those of a rank of the band by id (all of the same rank), until the page is full. No
    article's vector is read but those outside the band (a title holding the word twice: a few)."""
    rest, rest_params = sel.where[1:], sel.params[1:]  # a date range, the copies left out
    ids: list[int] = []
    for mark, value in marks:
        one = Selection(sel.tables, ["veille_title_ranks(a.search) && CAST(? AS TEXT[])", *rest],
                        [[f"{word} {mark}"], *rest_params])
        if value is None:  # outside the band: ranked one by one
            if key is not None:
                one = one.plus(f"({rank} < CAST(? AS NUMERIC) OR ({rank} = CAST(? AS NUMERIC) AND a.id > ?))",
                               (q, key[0], q, key[0], key[1]))
            sql, params = f"SELECT a.id, {rank} AS score {one.sql()} ORDER BY score DESC, a.id LIMIT ?", (q, *one.params)
        else:  # ``a.id + 0``: the rank's articles from the index, then sorted, never read in id order
            if key is not None and value == key[0]:
                one = one.plus("a.id > ?", (key[1],))
            sql, params = f"SELECT a.id {one.sql()} ORDER BY a.id + 0 LIMIT ?", tuple(one.params)
        ids += [r["id"] for r in store.rows(sql, (*params, needed - len(ids)))]
        if len(ids) >= needed:
            break
    return ids


def _store_indexes(store: Store) -> int:
    """The base's ``store_indexes`` (0 when it has none), read once per store."""
    have = getattr(store, "_store_indexes", None)
    if have is None:
        value = store.value("SELECT value FROM meta WHERE key = 'store_indexes'")
        have = int(value) if value is not None else 0
        store._store_indexes = have  # type: ignore[attr-defined]
    return int(have)


def _class_ranks(store: Store) -> list[float]:
    """The rank (rounded, as a page shows it) of an article without the word in its title whose
    count of the word is 1 then each of ``schema.RANK_CLASSES``, from the server's own ``ts_rank``."""
    ranks = getattr(store, "_class_ranks", None)
    if ranks is None:
        ranks = [float(r["score"]) for r in store.rows(
            "SELECT ROUND(CAST(ts_rank(to_tsvector('simple', repeat('x ', n)), to_tsquery('simple', 'x')) AS NUMERIC), 3) "
            "AS score FROM unnest(CAST(? AS INTEGER[])) WITH ORDINALITY AS c(n, i) ORDER BY i", ([1, *schema.RANK_CLASSES],))]
        store._class_ranks = ranks  # type: ignore[attr-defined]
    return ranks


def _rank_classes_indexed(store: Store) -> bool:
    """Whether the base has the index of the words' count classes (store indexes 4): a base opened
    read-only as an earlier veille left it has not, and ranks every match."""
    return _store_indexes(store) >= 4


def _one_word(folded: str) -> bool:
    """Whether PostgreSQL reads this (folded) search as one word: letters only, no syntax."""
    word = folded.strip()
    return word.isalpha() and word.lower() != "or"


def _pg_search_page(rows: list[dict[str, Any]], q: str, order: str) -> Page:
    terms = _WORD.findall(q)
    for r in rows:
        r["score"] = float(r["score"])
        r["snippet"] = _snippet(r.pop("text"), terms)
        r["rank"] = r["score"]
    return _search_page(rows, order)


def _search_page(rows: list[dict[str, Any]], order: str) -> Page:
    """The rows without their rank, which the page's key holds when the order is relevance."""
    page = Page({k: v for k, v in r.items() if k != "rank"} for r in rows)
    page.keys = [(r["rank"], r["id"]) if order == "relevance" else (r["published"], r["id"]) for r in rows]
    return page


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


MAX_SPEAKER_ACTORS = 10  # a speaker's actors read one by one, each in its index's order (more: all at once)


def _speaker(store: Store, sel: Selection, speaker: str) -> None:
    """A quote's speaker is the corpus actor, or the name as written (whole or surname): alternatives,
    each read in the order of its index (``quotes_*_newest``) when the base's quotes carry their date."""
    key = name_key(speaker)
    ids = _actor_ids(store, speaker)
    by_actor = [f"q.speaker_actor_id = {int(i)}" for i in ids] if len(ids) <= MAX_SPEAKER_ACTORS \
        else [f"q.speaker_actor_id IN {_in(ids)}"]
    sel.add_any([*((c, ()) for c in by_actor), ("q.speaker_key = ?", (key,)), ("q.speaker_last = ?", (key,))])


def _quote_text(store: Store, sel: Selection, contains: str, in_order: bool = False) -> None:
    """A quote holds these words (accent- and case-insensitive; "quoted phrases" in order). With
    ``in_order`` (SQLite), the matches are only checked, not looked up (``_quote_words_in_order``)."""
    q = fts_query(contains)
    if not q:
        sel.add("1=0")
    elif store.dialect == "sqlite":
        sel.add(f"{'+' if in_order else ''}q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", q)
    else:
        sel.add("q.search @@ websearch_to_tsquery('simple', ?)", fold(contains))


# About how many rows of an index of a date and ids one 4 kB page holds on SQLite (``quotes_newest``
# 144, ``articles_newest`` 163 at 200,000 articles), where a row of the table read by its id takes a
# page of its own (a quote's row, an article's first page).
DATED_PER_INDEX_PAGE = 150


def _read_in_order(store: Store, fts: str, table: str, q: str, rows: int) -> bool:
    """Whether the first ``rows`` rows of a list of the full-text matches ``q`` of ``fts`` (over
    ``table``), in the order of the list's index of dates, are read on SQLite from that index, each
    row checked against the matches, rather than by looking each match up in its row and sorting
    them. The planner, which cannot tell how many rows match, takes the second: one page per match,
    read from disk when the base is cold (20,817 articles with "nationale" at 200,000: 1.7 s cold,
    80 ms warm). Read in order, about ``rows * table rows / matches`` index entries go by before the
    page is full: fewer pages than the matches when these are more than ``sqrt(rows * table rows /
    DATED_PER_INDEX_PAGE)`` (a page of 50 quotes: 728 at 200,000 articles; of 20 articles: 164),
    which the full-text index alone counts."""
    size = int(store.value(f"SELECT MAX(rowid) FROM {table}") or 0)
    bound = math.isqrt(rows * size // DATED_PER_INDEX_PAGE) + 1
    matches = store.value(f"SELECT COUNT(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?) m", (q, bound))
    return int(matches or 0) >= bound


def _quote_words_in_order(store: Store, f: dict[str, str], rows: int) -> bool:
    """Whether a page of the quotes holding words (alone, or in a date range) is read in the list's
    order from ``quotes_newest`` (``_read_in_order``). Another filter would make the page's quotes
    fewer than the matches, and the read in order longer: those keep the planner's plan."""
    if store.dialect != "sqlite" or not _words_alone(f) or not has_quote_dates(store):
        return False
    return _read_in_order(store, "quotes_fts", "quotes", fts_query(f["contains"]), rows)


# -- quotes ------------------------------------------------------------------------------------
QUOTE_TABLES = ("quotes q JOIN articles a ON a.id = q.article_id "
                "LEFT JOIN actors ac ON ac.id = q.speaker_actor_id")


def quotes_selection(store: Store, f: dict[str, str], duplicates: bool, *, in_order: bool = False) -> Selection:
    """``in_order``: a page of quotes holding words read in the list's order (``_quote_words_in_order``)."""
    if store.dialect == "sqlite" and not in_order and _words_alone(f):
        return _quotes_of_words(store, f, duplicates)
    sel = Selection(QUOTE_TABLES)
    if "speaker" in f:
        _speaker(store, sel, f["speaker"])
    if "contains" in f:
        _quote_text(store, sel, f["contains"], in_order)
    for name, column in (("kind", "q.kind"), ("country", "ac.country"), ("sector", "ac.sector")):
        if name in f:
            sel.add(f"{column} = ?", f[name])
    _dated(_quote_date(store, f), f, sel)
    _no_dups(sel, duplicates, "q.article_id")
    return sel


def _words_alone(f: dict[str, str]) -> bool:
    """The quotes holding words, alone or in a date range."""
    return "contains" in f and not set(f) - {"contains", "since", "until"} and bool(fts_query(f["contains"]))


def _quotes_of_words(store: Store, f: dict[str, str], duplicates: bool) -> Selection:
    """The quotes holding words on SQLite, from the full-text index first, the copies left out by the
    row ids of their quotes: counted without a date range (a total up to a bound), they are read from
    the index alone, where each match was looked up in its row for its article (10,001 rows of a
    common word: 0.5 s with the base cold, 6 ms from the index)."""
    sel = Selection("quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id "
                    "LEFT JOIN actors ac ON ac.id = q.speaker_actor_id")
    sel.add("quotes_fts MATCH ?", fts_query(f["contains"]))
    _dated(_quote_date(store, f), f, sel)
    if not duplicates:
        sel.add("quotes_fts.rowid NOT IN (SELECT d.rowid FROM quotes d WHERE d.article_id IN "
                "(SELECT id FROM articles WHERE duplicate_of IS NOT NULL))")
    return sel


def _quote_date(store: Store, f: dict[str, str]) -> str:
    """The date a list of quotes is ordered by: for a speaker's or one holding words, the quotes'
    copy of their article's (the speaker's indexes start with the speaker; ``quotes_newest`` gives
    every quote newest first, and the database stops at the page's last match), unless an older base
    read as it is has none; otherwise the article's (its index gives the articles newest first).
    The same values: the same pages."""
    return "q.published" if ("speaker" in f or "contains" in f) and has_quote_dates(store) else "a.published"


def quotes(store: Store, speaker: str | None = None, contains: str | None = None, *, kind: str | None = None,
           country: str | None = None, sector: str | None = None, since: str | None = None,
           until: str | None = None, limit: int = 50, offset: int = 0, order: str | None = None,
           duplicates: bool = False, after: Any = None) -> Page:
    """Quotes by a speaker (corpus-wide identity, or the name as written), containing words, of a
    kind, by speakers of a country or sector, published in a date range. ``after``: the
    ``after`` of the previous page (the date, article and place of its last quote)."""
    f = filters.check("quotes", {"speaker": speaker, "contains": contains, "kind": kind, "country": country,
                                 "sector": sector, "since": since, "until": until})
    order = filters.order("quotes", order)
    limit, offset = _page(limit, offset)
    key = filters.after("quotes", order, after)
    sel = quotes_selection(store, f, duplicates, in_order=_quote_words_in_order(store, f, offset + limit))
    date = _quote_date(store, f)
    by = f"{_newest(order, date, 'q.article_id')}, q.ord"
    # As for events: the page over the joins the filters and the order need, then its columns.
    # A speaker's alternatives (its actors, its name, its surname) are read each in the order of
    # its own index (on the quotes' date), and the page taken from their union.
    branches = sel.branches() if date == "q.published" else [sel]
    arms = branches if key is None else [
        b.plus(c, p) for b in branches for c, p in _after(
            [(date, order == "newest"), ("q.article_id", order == "newest"), ("q.ord", False)], key)]
    # after a key: the dated quotes from it, then the undated ones; or a speaker's branches
    page, params = _page_of(arms, "q", date, by, order, offset + limit)
    return _paged(store.rows(
        "SELECT a.id AS article, q.ord, a.published, COALESCE(ac.name, q.speaker_name) AS speaker, "
        "q.speaker_actor_id AS actor_id, q.kind, q.content, q.cue_text AS cue, a.title, a.url "
        f"FROM ({page}) p "
        "JOIN quotes q ON q.article_id = p.pa AND q.ord = p.po JOIN articles a ON a.id = q.article_id "
        f"LEFT JOIN actors ac ON ac.id = q.speaker_actor_id ORDER BY {by}", (*params, limit, offset)),
        lambda r: (r["published"], r["article"], r["ord"]))


# -- events ------------------------------------------------------------------------------------
EVENT_TABLES = ("events e JOIN articles a ON a.id = e.article_id "
                "LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id")


def _side(store: Store, sel: Selection, side: str, value: str, etype: str | None = None) -> None:
    """An event's source or target is a country code (the event's, or its actor's when the event
    gives none), a corpus actor, or the name as written. With ``etype`` (a side and a type alone,
    ``_country_type``), each alternative holds the type: the country's with the type in its index,
    the actor's and the name's with a unary ``+`` on SQLite, whose planner would otherwise read
    every event of the type (its statistics rate a type and a name as alike)."""
    ids = _actor_ids(store, value)
    code = value.strip().upper()

    def typed(condition: str, params: tuple[Any, ...], indexed: bool) -> tuple[str, tuple[Any, ...]]:
        if etype is None:
            return condition, params
        plus = "" if indexed or store.dialect != "sqlite" else "+"
        return f"{condition} AND {plus}e.type = ?", (*params, etype)

    sel.add_any([typed(f"e.{side}_country = ?", (code,), True),
                 # (``IS NOT NULL`` is implied; said, it lets PostgreSQL read the small index of
                 # the events with an actor and no country: ``schema._UNCODED``)
                 # (with a type, the events of no country and that type are few, in the pair's index)
                 typed(f"{_uncoded(store, f'e.{side}_country', etype is None)} AND e.{side}_actor_id IS NOT NULL "
                       f"AND e.{side}_actor_id IN (SELECT id FROM actors WHERE country = ?)", (code,), True),
                 *([typed(f"e.{side}_actor_id IN {_in(ids)}", (), False)] if ids else []),
                 typed(f"e.{side}_key = ?", (name_key(value),), False)])


def _uncoded(store: Store, column: str, hinted: bool = True) -> str:
    """``column IS NULL``, for the events with an actor and no country (sector) of their own, whose
    actor's is read. On SQLite with store indexes 9, as ``likely(...)``: the same condition, which
    still selects the partial index of these events by the side's column and the actor
    (``schema._UNCODED_SQLITE``); said plainly, the planner reads every event without a country
    through a country's index, each looked up in its row, because its statistics give the NULLs
    the average number of events of a country (401, where they are 16,666 at 200,000 articles)."""
    if hinted and store.dialect == "sqlite" and _store_indexes(store) >= 9:
        return f"likely({column} IS NULL)"
    return f"{column} IS NULL"


def _either_side(store: Store, sel: Selection, actor: str) -> None:
    """An event's source or target is one actor (a name, as in ``timeline``): alternatives (each of
    its actors on either side, up to ``MAX_SPEAKER_ACTORS``, its name as written on either side),
    each read in the order of its index (``events_*_newest``)."""
    ids = _actor_ids(store, actor)
    key = name_key(actor)
    by_actor = [f"e.{side}_actor_id = {int(i)}" for side in ("source", "target") for i in ids] \
        if len(ids) <= MAX_SPEAKER_ACTORS else [f"e.{side}_actor_id IN {_in(ids)}" for side in ("source", "target")]
    sel.add_any([*((c, ()) for c in by_actor), ("e.source_key = ?", (key,)), ("e.target_key = ?", (key,))])


def events_selection(store: Store, f: dict[str, str], duplicates: bool) -> Selection:
    sel = Selection(EVENT_TABLES)
    paired = _country_type(f)
    for side in ("source", "target"):
        if side in f:
            _side(store, sel, side, f[side], f["type"] if paired else None)
    if "actor" in f:
        _either_side(store, sel, f["actor"])
    if "type" in f and not paired:
        # With a country and other filters: the country's indexes hold the type, and read fewer
        # rows than all the events of a common type would be (SQLite's planner, left alone, takes
        # the type's index; a unary + keeps it from that index, the condition is the same). With a
        # side alone, each of its alternatives holds the type (``_side``).
        side = store.dialect == "sqlite" and ("source" in f or "target" in f)
        sel.add(f"{'+' if side else ''}e.type = ?", f["type"])
    if "quad" in f:
        sel.add_any([("e.type = ?", (t,)) for t in filters.quad_types()[f["quad"]]] or [("1=0", ())])
    if "factuality" in f:
        sel.add("e.factuality = ?", f["factuality"])
    if "sector" in f:
        # the event's sector, else its source actor's (``COALESCE(e.source_sector, sa.sector)``)
        sel.add_any([("e.source_sector = ?", (f["sector"],)),
                     (f"{_uncoded(store, 'e.source_sector')} AND e.source_actor_id IS NOT NULL "
                      "AND e.source_actor_id IN (SELECT id FROM actors WHERE sector = ?)",
                      (f["sector"],))])
    least = float(f.get("min_confidence", filters.MIN_CONFIDENCE))
    if least > 0 and has_confidence(store):
        # an event stored without a confidence (analysed with no model for its language, or
        # before the scorer) is not judged: it stays
        sel.add("(e.confidence IS NULL OR e.confidence >= ?)", least)
    _dated("e.day", f, sel)
    _no_dups(sel, duplicates, "e.article_id")
    return sel


_ALTERNATIVES = ("source", "target", "actor", "type", "quad", "factuality", "sector")


def _country_type(f: dict[str, str]) -> bool:
    """A list filtered on a type and on one side (a country, an actor or a name), nothing else of the
    kind: each alternative of the side, with the type, has an index in the lists' order (a country's
    events of a type: ``events_*_country_type_newest``; an actor's or a name's: the side's index)."""
    return "type" in f and sum(k in f for k in _ALTERNATIVES) == 2 and ("source" in f or "target" in f)


def events(store: Store, source: str | None = None, target: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, *, factuality: str | None = None,
           actor: str | None = None, quad: str | None = None, sector: str | None = None,
           min_confidence: float | str | None = None,
           limit: int = 100, offset: int = 0, order: str | None = None,
           duplicates: bool = False, after: Any = None) -> Page:
    """Events filtered by source, target (country code or name), either side (``actor``), PLOVER
    type or quad class, factuality, the source's sector, a date range and the scorer's
    confidence (``min_confidence``; ``filters.MIN_CONFIDENCE`` when not given, 0 for every event).
    ``after``: the ``after`` of the previous page (the date, article and place of its last event)."""
    f = filters.check("events", {"source": source, "target": target, "actor": actor, "type": type, "quad": quad,
                                 "factuality": factuality, "sector": sector, "since": since, "until": until,
                                 "min_confidence": min_confidence})
    order = filters.order("events", order)
    limit, offset = _page(limit, offset)
    key = filters.after("events", order, after)
    sel = events_selection(store, f, duplicates)
    by = f"{_newest(order, 'e.day', 'e.article_id')}, e.ord"  # (article, ord) is the key: a total order
    # The page first, over the joins the filters need (an index on events in this order lets the
    # database stop at the page), then the columns shown, for the rows of the page only.
    # A filter of alternatives alone (a quad class: any of its types; a country: the event's or
    # its actor's...): the page is among the first offset + limit rows of each alternative, each
    # read in the order of its own index; their union, ordered, gives it. The same for a side and a
    # type, each alternative of the side with the type (``_country_type``). With other filters of
    # the kind (a country and a quad class...), no one index holds them all: the database chooses.
    alone = sum(k in f for k in _ALTERNATIVES) == 1 or _country_type(f)
    branches = sel.branches() if alone else [sel]
    if key is not None:  # each read from the key on: its dated events, then its undated ones
        newest = order == "newest"
        branches = [b.plus(c, p) for b in branches for c, p in
                    _after([("e.day", newest), ("e.article_id", newest), ("e.ord", False)], key)]
    page, params = _page_of(branches, "e", "e.day", by, order, offset + limit)
    return _paged(store.rows(
        "SELECT e.day AS date, e.type, e.mode, e.factuality, "
        "COALESCE(sa.name, e.source_name) AS source, COALESCE(e.source_country, sa.country) AS source_country, "
        "COALESCE(ta.name, e.target_name) AS target, COALESCE(e.target_country, ta.country) AS target_country, "
        "e.location, e.trigger_text AS trigger, e.evidence_text AS evidence, "
        f"{'e.confidence' if has_confidence(store) else 'NULL'} AS confidence, a.id AS article, e.ord, a.title, a.url "
        f"FROM ({page}) p "
        f"JOIN events e ON e.article_id = p.pa AND e.ord = p.po JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN actors sa ON sa.id = e.source_actor_id LEFT JOIN actors ta ON ta.id = e.target_actor_id "
        f"ORDER BY {by}", (*params, limit, offset)), lambda r: (r["date"], r["article"], r["ord"]))


# -- actors ------------------------------------------------------------------------------------
def actors_selection(store: Store, f: dict[str, str], duplicates: bool) -> Selection:
    sel = Selection("actors ac")
    sel.add(f"ac.mentions{'_all' if duplicates else ''} > 0")
    for name in ("type", "country", "sector"):
        if name in f:
            sel.add(f"ac.{name} = ?", f[name])
    if "name" in f:
        sel.add(f"ac.id IN {_in(_actor_ids(store, f['name']))}")
    return sel


def actors(store: Store, *, type: str | None = None, country: str | None = None, name: str | None = None,
           sector: str | None = None, limit: int = 30, offset: int = 0, order: str | None = None,
           duplicates: bool = False, after: Any = None) -> Page:
    """The most mentioned actors, with their mention, article, quote and event (as source) counts.
    ``after``: the ``after`` of the previous page (the mentions, articles and id of its last actor)."""
    f = filters.check("actors", {"type": type, "country": country, "name": name, "sector": sector})
    order = filters.order("actors", order)
    limit, offset = _page(limit, offset)
    key = filters.after("actors", order, after)
    sfx = "_all" if duplicates else ""
    sel = actors_selection(store, f, duplicates)
    if key is not None:  # bounded by the key's mentions: the index on mentions starts there
        cond, params = _beyond([(f"ac.mentions{sfx}", True), (f"ac.articles{sfx}", True), ("ac.id", False)], key)  # type: ignore[misc]
        sel = sel.plus(f"ac.mentions{sfx} <= ? AND {cond}", (key[0], *params))
    rows = store.rows(
        f"SELECT ac.id AS actor_id, ac.name, ac.type, ac.country, ac.sector, ac.kb_id, ac.mentions{sfx} AS mentions, "
        f"ac.articles{sfx} AS articles, ac.quotes{sfx} AS quotes, ac.events{sfx} AS events "
        f"{sel.sql()} ORDER BY ac.mentions{sfx} DESC, ac.articles{sfx} DESC, ac.id LIMIT ? OFFSET ?",
        (*sel.params, limit, offset))
    for r in rows:
        for k in ("mentions", "articles", "quotes", "events"):
            r[k] = int(r[k])
    return _paged(rows, lambda r: (r["mentions"], r["articles"], r["actor_id"]))


# -- timeline ----------------------------------------------------------------------------------
def timeline_selections(store: Store, f: dict[str, str], duplicates: bool) -> tuple[Selection, Selection]:
    """The actor's events (as source or target) and quotes, each with the date range applied."""
    ev = Selection(EVENT_TABLES)
    _either_side(store, ev, f["actor"])
    _dated("e.day", f, ev)
    _no_dups(ev, duplicates, "e.article_id")
    qu = Selection(QUOTE_TABLES)
    _speaker(store, qu, f["actor"])
    _dated(_timeline_quote_date(store), f, qu)
    _no_dups(qu, duplicates, "q.article_id")
    return ev, qu


def _timeline_quote_date(store: Store) -> str:
    """The date of a quote in a timeline: the quotes' copy of their article's (read in the order of
    the speaker's indexes), or the article's in an older base read as it is. The same values."""
    return "q.published" if has_quote_dates(store) else "a.published"


def timeline(store: Store, actor: str, *, since: str | None = None, until: str | None = None, limit: int = 200,
             offset: int = 0, order: str | None = None, duplicates: bool = False, after: Any = None) -> Page:
    """Events (as source or target) and quotes of one actor, by date (then article; an article's
    events before its quotes). ``after``: the ``after`` of the previous page (the date, article,
    kind and place of its last row)."""
    f = filters.check("timeline", {"actor": actor, "since": since, "until": until})
    order = filters.order("timeline", order)
    limit, offset = _page(limit, offset)
    key = filters.after("timeline", order, after)
    ev, qu = timeline_selections(store, f, duplicates)
    dated = has_quote_dates(store)
    kinds = (("event", ev, "e.day", "e.article_id", "e.ord"),
             ("quote", qu, _timeline_quote_date(store), "q.article_id", "q.ord"))
    newest = order == "newest"
    # The page first (date, article, kind, place), then the columns of its rows. Each alternative
    # of the actor (an actor on either side of an event, the name as written; a speaker's actors,
    # name and surname) is read in the order of its own index, its first offset + limit rows (from
    # the key on, after a key): the page is among them, and their union, ordered, gives it.
    arms: list[tuple[str, list[Any]]] = []
    for kind, sel, date, article, ord_ in kinds:
        by = f"{_newest(order, date, article)}, {ord_}"
        branches = sel.branches() if kind == "event" or dated else [sel]
        if key is not None:
            # at the key's date and article: this kind's rows after the key's place, all of them
            # when the key is an event and these are quotes, none in the other case
            tail = (f"{ord_} > ?", (key[3],)) if kind == key[2] else ("1=1" if kind > key[2] else "1=0", ())
            branches = [b.plus(c, p) for b in branches
                        for c, p in _after([(date, newest), (article, newest)], key[:2], tail)]
        for b in branches:
            arms.append((f"SELECT * FROM (SELECT {date} AS pd, {article} AS pa, '{kind}' AS pk, {ord_} AS po "
                         f"{b.sql(needs=by)} ORDER BY {by} LIMIT ?) b{len(arms)}", [*b.params, offset + limit]))
    page = (f"SELECT pd, pa, pk, po FROM ({' UNION '.join(a for a, _ in arms)}) u "
            f"ORDER BY {_newest(order, 'pd', 'pa')}, pk, po LIMIT ? OFFSET ?")
    return _paged(store.rows(
        f"WITH p AS ({page}) SELECT * FROM ("
        "SELECT e.day AS date, 'event' AS kind, e.type AS what, COALESCE(sa.name, e.source_name) AS source, "
        "COALESCE(ta.name, e.target_name) AS target, e.evidence_text AS text, a.id AS article, e.ord, a.title "
        "FROM p JOIN events e ON p.pk = 'event' AND e.article_id = p.pa AND e.ord = p.po "
        "JOIN articles a ON a.id = e.article_id LEFT JOIN actors sa ON sa.id = e.source_actor_id "
        "LEFT JOIN actors ta ON ta.id = e.target_actor_id UNION ALL "
        "SELECT a.published AS date, 'quote' AS kind, q.kind AS what, COALESCE(ac.name, q.speaker_name) AS source, "
        "CAST(NULL AS TEXT) AS target, q.content AS text, a.id AS article, q.ord, a.title "
        "FROM p JOIN quotes q ON p.pk = 'quote' AND q.article_id = p.pa AND q.ord = p.po "
        "JOIN articles a ON a.id = q.article_id LEFT JOIN actors ac ON ac.id = q.speaker_actor_id"
        f") t ORDER BY {_newest(order, 'date', 'article')}, kind, ord",
        (*(p for _, ps in arms for p in ps), limit, offset)), lambda r: (r["date"], r["article"], r["kind"], r["ord"]))


# -- totals ------------------------------------------------------------------------------------
def selection(store: Store, what: str, values: dict[str, Any], duplicates: bool = False) -> list[Selection]:
    """The checked filters of list ``what`` as its selection(s) (the timeline has two)."""
    f = filters.check(what, values)
    if what == "timeline":
        return list(timeline_selections(store, f, duplicates))
    return [SELECTIONS[what](store, f, duplicates)]


def precounted(store: Store, key: list[Any], values: dict[str, Any], duplicates: bool) -> Any:
    """The precomputed answer of an unfiltered count (``counts.precount``), when the base holds
    one made at its current generation with the lists' present default confidence (the events'
    counts depend on it); else None, and the count is made."""
    if duplicates or any(v is not None and str(v).strip() != "" for v in values.values()) or store.in_transaction:
        return None
    try:
        row = store.row("SELECT p.value FROM precounts p WHERE p.key = ? AND p.generation = "
                        "(SELECT m.value FROM meta m WHERE m.key = 'generation') AND EXISTS "
                        "(SELECT 1 FROM meta c WHERE c.key = 'precount_min_confidence' AND c.value = ?)",
                        (json.dumps(key, separators=(",", ":")), str(filters.MIN_CONFIDENCE)))
    except StoreError:  # a base made before precounts, read as it is
        return None
    return json.loads(row["value"]) if row else None


# The filters whose condition is "this dimension of the list's counts has this value" (the same
# SQL, ``counts.DIMS``): with one of them alone, the list's total is a precounted count.
COUNTED_FILTERS = {"events": ("type", "quad", "factuality", "sector"), "quotes": ("kind", "country", "sector"),
                   "actors": ("type", "country", "sector")}


def _precounted_total(store: Store, what: str, values: dict[str, Any], duplicates: bool) -> int | None:
    """The total of a list filtered on one value of a counted dimension (an event type, a quad
    class, a country...), read from the precounted counts of that dimension; else None."""
    given = {k: v for k, v in values.items() if v is not None and str(v).strip() != ""}
    if len(given) != 1 or next(iter(given)) not in COUNTED_FILTERS.get(what, ()):
        return None
    (name,) = given
    from .counts import _key  # counts reads this module
    rows = precounted(store, _key(what, [name], None, "newest", False), {}, duplicates)
    if rows is None:
        return None
    value = filters.check(what, values)[name]
    return sum(int(r["count"]) for r in rows if r[name] == value)


def total(store: Store, what: str, *, duplicates: bool = False, at_most: int | None = None, **values: Any) -> int:
    """How many rows list ``what`` has with these filters, whatever the page. With ``at_most``, a
    total that is not precounted is counted only up to ``at_most + 1`` rows: a larger answer
    means "more than ``at_most``" (the count stops there, rather than reading every row)."""
    known = precounted(store, ["total", what], values, duplicates)
    if known is not None:
        filters.check(what, values)  # the same errors as counting would give
        return int(known)
    known = _precounted_total(store, what, values, duplicates)
    if known is not None:
        return known
    if at_most is None:
        return sum(int(store.value(f"SELECT COUNT(*) AS n {sel.sql(needs='')}", sel.params) or 0)
                   for sel in selection(store, what, values, duplicates))
    n = 0
    for sel in _counted_selections(store, what, values, duplicates):
        if sel.whole_plan:
            # The rows planned without the limit (a MATERIALIZED common table expression), then
            # read only up to it: PostgreSQL reads such a table's rows as they are asked for. On
            # the 200,000-article base, a frequent word's count planned for its first 10,001 rows
            # was a sequential scan unpacking every article's vector (0.24-0.65 s); planned for all
            # its rows, it reads the matches the index gives, stopping at 10,001 (30-45 ms).
            sql = (f"WITH m AS MATERIALIZED (SELECT 1 AS one {sel.sql(needs='')}) "
                   "SELECT COUNT(*) AS n FROM (SELECT one FROM m LIMIT ?) c")
        else:
            sql = f"SELECT COUNT(*) AS n FROM (SELECT 1 AS one {sel.sql(needs='')} LIMIT ?) c"
        n += int(store.value(sql, (*sel.params, at_most + 1 - n)) or 0)
        if n > at_most:
            break
    return n


def _counted_selections(store: Store, what: str, values: dict[str, Any], duplicates: bool) -> list[Selection]:
    """The selections a bounded total counts, one after the other. Events filtered on alternatives
    alone (as their pages are read, ``events``) are counted alternative by alternative, each without
    the rows of those before it: one condition of alternatives lets the planner read each through an
    index without its other columns (a country's events with no country of their own but an actor of
    it: every uncoded event looked up in its row, 72-87 ms for a target country at 200,000 articles
    on SQLite), and the count still stops at its bound after the first alternative when it holds more."""
    sels = selection(store, what, values, duplicates)
    if what != "events":
        return sels
    f = filters.check(what, values)
    if sum(k in f for k in _ALTERNATIVES) == 1 or _country_type(f):
        return [b for sel in sels for b in sel.disjoint()]
    return sels


SELECTIONS = {"search": search_selection, "quotes": quotes_selection, "events": events_selection,
              "actors": actors_selection}


def _no_dups(sel: Selection, duplicates: bool, article: str) -> None:
    """Leave out the rows of near-duplicate copies (``article``: the column of the row's article).
    The copies are few, so the database keeps their ids in a set and needs no join to articles."""
    if not duplicates:
        sel.add(f"{article} NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)")


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
