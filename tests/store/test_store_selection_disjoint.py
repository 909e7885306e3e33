"""Selection.disjoint: the alternatives of a condition counted one after the other, each without
the rows of those before it, add up to the rows of the one condition, NULLs included."""
from __future__ import annotations

import itertools
import sqlite3

from veille.store.queries import Selection


def _count(conn, sel: Selection) -> int:
    return conn.execute(f"SELECT COUNT(*) {sel.sql()}", sel.params).fetchone()[0]


def test_disjoint_alternatives_add_up_to_the_condition_with_nulls():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a TEXT, b TEXT, k TEXT)")
    values = ["X", "Y", None]
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", list(itertools.product(values, values, values)) * 2)
    sel = Selection("t e")
    sel.add("e.k IS NOT 'Y'")
    sel.add_any([("e.a = ?", ("X",)), ("e.a IS NULL AND e.b = ?", ("X",)), ("e.k = ?", ("X",))])
    parts = sel.disjoint()
    assert len(parts) == 3
    whole = _count(conn, sel)
    assert sum(_count(conn, p) for p in parts) == whole == 26
    # the branches overlap (an 'X' name with an 'X' code), so their plain counts say more
    assert sum(_count(conn, b) for b in sel.branches()) > whole


def test_a_selection_without_alternatives_is_its_own_part():
    sel = Selection("t e")
    sel.add("e.a = ?", "X")
    assert sel.disjoint() == [sel]
