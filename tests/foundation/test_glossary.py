"""docs/glossary.md names every code the contract and the queries use, with the data's own values."""
from __future__ import annotations

import re
from pathlib import Path

from veille import resources
from veille.records import ENTITY_TYPES, EVENT_TYPES, FACTUALITY, QUOTE_KINDS, SECTORS, TIME_TYPES
from veille.store.filters import QUADS, quad_of
from veille.what import cameo

GLOSSARY = (Path(__file__).resolve().parents[2] / "docs" / "glossary.md").read_text(encoding="utf-8")


def _row(first_cell: str) -> list[str]:
    """The cells of the first table row that starts with this code."""
    line = next(x for x in GLOSSARY.splitlines() if x.startswith(f"| `{first_cell}` |"))
    return [c.strip() for c in line.strip("|").split("|")]


def test_every_code_is_explained():
    for code in (*ENTITY_TYPES, *SECTORS, *EVENT_TYPES, *FACTUALITY, *QUOTE_KINDS, *TIME_TYPES, *QUADS, "EUR", "UNO", "NAT"):
        assert f"`{code}`" in GLOSSARY, code


def test_each_type_has_its_cameo_roots_and_quad_class():
    for t in EVENT_TYPES:
        cells = _row(t)
        assert cells[2] == ", ".join(cameo()[t]) and cells[3] == f"`{quad_of(t)}`", t


def test_every_mode_in_the_lexicons_is_listed_under_its_type():
    modes: dict[str, set[str]] = {}
    for lang in ("fr", "en"):
        for t, entry in resources.load(lang, "events").items():
            if isinstance(entry, dict) and isinstance(entry.get("modes"), dict):
                modes.setdefault(t, set()).update(entry["modes"])
    assert modes
    table = GLOSSARY.split("### Modes")[1].split("##")[0]
    for t, names in modes.items():
        row = re.search(rf"^\| `{t}` \| (.+) \|$", table, re.M)
        assert row and set(re.findall(r"`([^`]+)`", row.group(1))) == names, t
