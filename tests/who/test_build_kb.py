"""The knowledge-base builder's conversions (no data files needed)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_kb.py"


@pytest.fixture(scope="module")
def build_kb():
    spec = importlib.util.spec_from_file_location("build_kb", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dates(build_kb):
    assert build_kb.iso_date("991231") == "1999-12-31"
    assert build_kb.iso_date("080507") == "2008-05-07"
    assert build_kb.iso_date("20061201") == "2006-12-01"
    assert build_kb.iso_date("2004017") is None
    assert build_kb.iso_date("081399") is None


def test_codes(build_kb):
    countries = {"RUS", "USA", "ISR", "LBN"}
    assert build_kb.decode("RUSGOV", countries) == ("RUS", "GOV")
    assert build_kb.decode("ISRGOVLEG", countries) == ("ISR", "LEG")
    assert build_kb.decode("IGOWSTNAT", countries) == ("NAT", "IGO")
    assert build_kb.decode("IGOUNO", countries) == ("UNO", "IGO")
    assert build_kb.decode("NGOUSA", countries) == ("USA", "NGO")
    assert build_kb.decode("MNCUSA", countries) == ("USA", "BUS")
    assert build_kb.decode("USASPY", countries) == ("USA", "GOV")
    assert build_kb.decode("RUSELI", countries) == ("RUS", None)


def test_entries_and_names(build_kb, tmp_path):
    f = tmp_path / "x.actors.txt"
    f.write_text("# comment\nJANE_EXAMPLE_  # note\n+PRESIDENT_EXAMPLE_\n+EXAMPLE_\n"
                 "\t[USAGOV 090120-170120]\n\t[USAELI]\nACME_WIDGETS_\t[MNCUSA]\n", encoding="utf-8")
    entries = build_kb.parse_dict(f, {"USA"})
    assert [e["name"] for e in entries] == ["JANE_EXAMPLE_", "ACME_WIDGETS_"]
    assert entries[0]["codes"][0] == ("USAGOV", "2009-01-20", "2017-01-20")
    assert build_kb.pretty("JANE_EXAMPLE_") == "Jane Example"
    assert build_kb.pretty("NATO_", org=True) == "NATO"
    assert not build_kb.is_name_variant("PRESIDENT_EXAMPLE_")
    assert build_kb.is_name_variant("EXAMPLE_")
