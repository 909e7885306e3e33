"""The actor knowledge base: shipped data, offices by date, user extension files."""
from __future__ import annotations

import pytest

from veille.errors import ConfigError
from veille.who import knowledge
from veille.who.actors import lookup


def test_norm_drops_accents_case_and_punctuation():
    assert knowledge.norm("l'Élysée") == "l elysee"
    assert knowledge.norm("  Saint-Pétersbourg ") == "saint petersbourg"


def test_office_holder_depends_on_the_date():
    kb = knowledge.load()
    assert kb.holder("USA", "head_of_state", "2019-05-10")[0].name == "Donald Trump"
    assert kb.holder("USA", "head_of_state", "2023-03-01")[0].name == "Joe Biden"
    assert kb.holder("DEU", "head_of_government", "2010-01-01")[0].name == "Angela Merkel"
    assert kb.holder("USA", "head_of_state", "1850-01-01") is None


def test_countries_come_with_french_and_english_names():
    kb = knowledge.load()
    assert kb.country_by_name["allemagne"] == "DEU"
    assert kb.country_by_name["germany"] == "DEU"
    assert kb.country_name("RUS", "fr") == "Russie"


def test_places_map_cities_and_regions_to_countries():
    kb = knowledge.load()
    assert kb.regions.get("texas") == "USA"
    assert kb.regions.get("sotchi") == "RUS"


def test_a_user_file_adds_actors_and_wins(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('''
[[actor]]
name = "Ligue des Castors Bleus"
aliases = ["LCB"]
type = "ORG"
country = "BEL"
sector = "NGO"

[offices.BEL]
head_of_government = ["Odile Vanbrugge / Odile Vanbrugge | 2031-01-01 | "]
''', encoding="utf-8")
    code = lookup("la LCB", "fr", None, kb_paths=(f,))
    assert code is not None and (code.country, code.sector, code.kb_id) == ("BEL", "NGO", "ligue_des_castors_bleus")
    holder = lookup("le Premier ministre belge", "fr", "2032-06-01", kb_paths=(f,))
    assert holder is not None and holder.name == "Odile Vanbrugge"
    assert lookup("la LCB", "fr", None) is None  # not in the shipped base


def test_a_bad_user_file_is_a_config_error(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('[offices.FRA]\nhead_of_state = ["no dates here"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        knowledge.load((f,))
    f.write_text('[[actor]]\nname = "X"\nsector = "WIZARDS"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        knowledge.load((f,))


def test_french_parties_unions_and_politicians_are_known_by_name_and_date():
    kb = knowledge.load()
    party = kb.find("LFI")[0]
    assert (party.name, party.type) == ("La France insoumise", "ORG")
    assert lookup("la CGT", "fr", "2019-12-05").country == "FRA"
    # a spokesperson in office is government, the same person afterwards a party politician
    assert lookup("Sibeth Ndiaye", "fr", "2020-06-03").sector == "GOV"
    assert lookup("Sibeth Ndiaye", "fr", "2021-06-03").sector == "PTY"


def test_a_person_in_both_shipped_files_keeps_every_role():
    kb = knowledge.load()
    attal = [a for a in kb.find("Gabriel Attal") if a.type == "PER"]
    assert len(attal) == 1
    offices = {r.office for r in attal[0].roles}
    assert "head_of_government" in offices and None in offices


def test_news_outlets_are_media_of_their_country_not_the_country_they_name():
    for phrase, country in (("France 24", "FRA"), ("Le Parisien", "FRA"), ("Reuters", "GBR"), ("KCNA", "PRK")):
        code = lookup(phrase, "fr", "2020-01-01")
        assert (code.country, code.sector, code.type) == (country, "MED", "ORG"), phrase


def test_international_bodies_keep_their_code_and_compass_points_are_no_region():
    assert (lookup("l'OCDE", "fr", "2020-01-01").sector, lookup("l'OCDE", "fr", "2020-01-01").country) == ("IGO", None)
    assert lookup("l'OIM", "fr", "2020-01-01").country == "UNO"
    kb = knowledge.load()
    assert "sud" not in kb.regions and "nord ouest" not in kb.regions
