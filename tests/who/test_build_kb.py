"""The knowledge-base builders' conversions, on small invented source files."""
from __future__ import annotations

import json

import pytest


@pytest.fixture
def build_kb(repo_script):
    return repo_script("scripts/build_kb.py")


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


# -- office holders (scripts/build_officials.py) on small invented source files ---------------

CONGRESS_JAN = """
- id: {bioguide: X000001, govtrack: 1}
  name: {first: Janet, last: Example, official_full: Janet Q. Example}
  bio: {gender: F}
  terms:
  - {type: rep, start: '1995-01-04', end: '1997-01-03'}
  - {type: sen, start: '2013-01-03', end: '2019-01-03'}
  - {type: sen, start: '2019-01-03', end: '2025-01-03'}
- id: {bioguide: X000002, govtrack: 2}
  name: {first: Robert, nickname: Bob, last: Sample}
  bio: {gender: M}
  terms:
  - {type: rep, start: '2017-01-03', end: '2019-01-03'}
- id: {govtrack: 4}
  name: {first: Nora, last: Newcomer}
  bio: {gender: F}
  terms:
  - {type: rep, start: '2018-01-20', end: '2019-01-03'}
- id: {bioguide: TODO, govtrack: 3}
  name: {first: TODO, last: TODO}
  terms:
  - {type: rep, start: '2017-01-03', end: '2019-01-03', TODO: TODO}
"""
CONGRESS_FEB = """
- id: {bioguide: X000004, govtrack: 4}
  name: {first: Nora, middle: Jane, last: Newcomer}
  bio: {gender: F}
  terms:
  - {type: rep, start: '2018-01-20', end: '2019-01-03'}
- id: {bioguide: X000001, govtrack: 1}
  name: {first: Janet, last: Example-Smith}
  bio: {gender: F}
  terms:
  - {type: sen, start: '2013-01-03', end: '2019-01-03'}
  - {type: sen, start: '2019-01-03', end: '2025-01-03'}
"""
EXECUTIVE = """
- id: {govtrack: 9}
  name: {first: Olivia, last: Chief}
  bio: {gender: F}
  terms:
  - {type: viceprez, start: '2009-01-20', end: '2013-01-20'}
  - {type: prez, start: '2013-01-20', end: '2017-01-20'}
- id: {govtrack: 10}
  name: {first: Old, last: Timer}
  terms:
  - {type: prez, start: '1990-01-20', end: '1994-01-20'}
"""


@pytest.fixture
def officials(repo_script):
    return repo_script("scripts/build_officials.py")


def _people(data: dict) -> dict:
    return {row[0]: row for row in data["people"]}


def test_congress_terms_are_joined_dated_and_cut_at_an_early_departure(officials, tmp_path):
    jan, feb, ex = (tmp_path / n for n in ("current-2018-01-02.yaml", "current-2018-02-05.yaml", "executive.yaml"))
    jan.write_text(CONGRESS_JAN, encoding="utf-8")
    feb.write_text(CONGRESS_FEB, encoding="utf-8")
    ex.write_text(EXECUTIVE, encoding="utf-8")
    data = officials.build([feb, ex, jan], [], [])
    assert len([row for row in data["people"] if row[0] == "Nora Newcomer"]) == 1
    people = _people(data)
    assert "TODO TODO" not in people and "Old Timer" not in people   # a member-elect being filled in; before 2008
    janet = people["Janet Example-Smith"]   # the newest name first, the others kept
    assert "Janet Q. Example" in janet[1] and "Janet Example" in janet[1] and janet[2] == "f"
    # two senate terms in a row are one span; the 1990s House term is left out
    assert janet[3] == [["USA", "LEG", "2013-01-03", "2025-01-03", None, "sénatrice"]]
    # listed in January with a term to 2019, gone in February: left then
    assert people["Bob Sample"][3] == [["USA", "LEG", "2017-01-03", "2018-02-05", None, "représentant"]]
    assert "Robert Sample" in people["Bob Sample"][1]
    # a member-elect listed before having every id is one person, found under a middle initial too
    assert people["Nora Newcomer"][3] == [["USA", "LEG", "2018-01-20", "2019-01-03", None, "représentante"]]
    assert "Nora J. Newcomer" in people["Nora Newcomer"][1]
    olivia = people["Olivia Chief"][3]
    assert olivia == [["USA", "GOV", "2009-01-20", "2013-01-20", None, "vice-présidente des États-Unis"],
                      ["USA", "GOV", "2013-01-20", "2017-01-20", "head_of_state", "présidente des États-Unis"]]


def test_a_broken_source_file_is_named(officials, tmp_path):
    bad = tmp_path / "current-2018-01-02.yaml"
    bad.write_text("- id: {bioguide: X\n\t  oops", encoding="utf-8")
    with pytest.raises(SystemExit, match="current-2018-01-02.yaml"):
        officials.build([bad], [], [])
    broken = tmp_path / "deputes15.json"
    broken.write_text('{"deputes": [', encoding="utf-8")
    with pytest.raises(SystemExit, match="deputes15.json"):
        officials.build([], [broken], [])


def _depute(**kw) -> dict:
    return {"depute": {"nom": "Claire Modèle", "prenom": "Claire", "nom_de_famille": "Modèle", "sexe": "F",
                       "date_naissance": "1970-01-01", **kw}}


def test_deputies_and_senators_from_nosdeputes_lists(officials, tmp_path):
    leg14 = tmp_path / "deputes14.json"
    leg14.write_text(json.dumps({"deputes": [
        _depute(mandat_debut="2012-06-20", mandat_fin="2017-06-20",
                anciens_mandats=[{"mandat": "20/06/2012 /  / "}, {"mandat": "02/04/1993 / 21/04/1997 / fin de législature"}]),
        {"depute": {"nom": "Paul  Gabarit", "prenom": "Paul", "nom_de_famille": "Gabarit", "sexe": "H",
                    "mandat_debut": "2012-06-20", "mandat_fin": "2014-05-01",
                    "anciens_mandats": [{"mandat": "20/06/2012 / 01/05/2014 / nomination comme membre du gouvernement"}]}},
    ]}), encoding="utf-8")
    leg16 = tmp_path / "deputes16.json"   # a list taken during the legislature: the mandate is still open
    leg16.write_text(json.dumps({"deputes": [_depute(mandat_debut="2022-06-22",
                                                     anciens_mandats=[{"mandat": "22/06/2022 /  / "}])]}),
                     encoding="utf-8")
    senat = tmp_path / "senateurs.json"
    senat.write_text(json.dumps([{"nom": "Claire Modèle", "prenom": "Claire", "nom_de_famille": "Modèle", "sexe": "F",
                                  "date_naissance": "1970-01-01", "mandat_debut": "2017-10-02",
                                  "mandat_fin": "2022-06-21"}]), encoding="utf-8")
    people = _people(officials.build([], [leg14, leg16], [senat]))
    claire = people["Claire Modèle"]   # one person across legislatures and chambers
    assert claire[2] == "f"
    assert claire[3] == [["FRA", "LEG", "2012-06-20", "2017-06-20", None, "députée"],
                         ["FRA", "LEG", "2017-10-02", "2022-06-21", None, "sénatrice"],
                         ["FRA", "LEG", "2022-06-22", "2024-06-09", None, "députée"]]   # closed with the 16th legislature
    assert people["Paul Gabarit"][3] == [["FRA", "LEG", "2012-06-20", "2014-05-01", None, "député"]]
    assert people["Paul Gabarit"][2] == "m"


def test_the_built_file_credits_its_sources(officials, tmp_path):
    data = officials.build([], [], [])
    assert data["licence"] == "ODbL-1.0"
    assert {s["licence"] for s in data["sources"]} == {"CC0-1.0", "ODbL-1.0"}


def test_a_religion_code_after_the_head_is_no_country(build_kb):
    countries = {"MUS", "MRT", "RUS", "SYR"}
    # MUS spells Mauritius only at the head of a code; after it, it is the dictionaries' "Muslim"
    assert build_kb.decode("MUSGOV", countries) == ("MUS", "GOV")
    assert build_kb.decode("IMGMUSALQ", countries) == (None, "REB")
    assert build_kb.decode("IMGMUSRUSCNY", countries) == ("RUS", "REB")
    assert build_kb.decode("SYRREBMUS", countries) == ("SYR", "REB")


def test_hand_kept_offices_correct_a_dictionary_country(build_kb, tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text('[offices.MRT]\nhead_of_state = ["Amadou Ould Exemple / Amadou Ould Exemple | 2009-01-01 | "]\n'
                     '[offices.EUR]\neu_council = ["Jan Voorbeeld / Jan Voorbeeld | 2010-01-01 | "]\n', encoding="utf-8")
    hand = build_kb.hand_kept_countries(roles)
    assert hand == {"amadou ould exemple": {"MRT"}}   # international offices say nothing of a nation
    actors = [["Amadou Ould Exemple", [], "PER", [["MUS", "GOV", "2009-01-01", None], ["MUS", None, None, None]]],
              ["Jan Voorbeeld", [], "PER", [["BEL", "GOV", "2005-01-01", "2009-12-31"]]],
              ["Pierre Modèle", [], "PER", [["MUS", "GOV", "2005-01-01", None]]]]
    assert build_kb.recode_by_hand_kept(actors, hand) == 1
    assert actors[0][3] == [["MRT", "GOV", "2009-01-01", None], ["MRT", None, None, None]]
    assert actors[1][3][0][0] == "BEL" and actors[2][3][0][0] == "MUS"
