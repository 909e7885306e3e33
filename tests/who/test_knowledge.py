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


# -- people: who a named entity is ------------------------------------------------------------
def _kb(*actors):
    kb = knowledge.KnowledgeBase()
    for a in actors:
        kb.add_actor(a)
    return kb


PRESIDENT = knowledge.Actor("anne_exemple", "Anne Exemple", "PER", ("Anne Exemple", "Exemple"),
                            (knowledge.Role("FRA", "GOV", "2020-01-01", "2025-01-01", "head_of_state"),), "f")
DEPUTY = knowledge.Actor("marc_modele", "Marc Modèle", "PER", ("Marc Modèle", "Modèle"),
                         (knowledge.Role("FRA", "LEG", "2017-06-21", "2022-06-21", None, "député"),), "m")
MINISTER = knowledge.Actor("jean_luc_de_la_tour", "Jean-Luc de La Tour", "PER", ("Jean-Luc de La Tour", "de La Tour"),
                           (knowledge.Role("FRA", "GOV", "2019-01-01", "2021-01-01", None, "ministre"),))


def test_a_full_name_joins_any_known_person_on_any_date():
    kb = _kb(PRESIDENT, DEPUTY)
    assert kb.person(["Marc Modèle", "Modèle"], "2019-05-10") is DEPUTY
    assert kb.person(["Marc Modele"], "2030-01-01") is DEPUTY   # out of office: still the same person
    assert kb.person(["Marc Modèle"], "2019-05-10").gender == "m"


def test_a_surname_alone_joins_only_a_person_in_a_famous_office():
    kb = _kb(PRESIDENT, DEPUTY, MINISTER)
    assert kb.person(["Exemple"], "2021-03-01") is PRESIDENT
    assert kb.person(["Exemple"], "2026-03-01") is None          # no longer in office
    assert kb.person(["de La Tour"], "2020-03-01") is MINISTER   # a surname of several words
    assert kb.person(["Modèle"], "2019-05-10") is None           # a legislator, never by surname


def test_a_surname_with_another_first_name_is_another_person():
    kb = _kb(PRESIDENT)
    assert kb.person(["Bertrand Exemple", "Exemple"], "2021-03-01") is None
    assert kb.person(["Exemple"], "2021-03-01", ["Bertrand Exemple"]) is None   # elsewhere in the article
    assert kb.person(["Exemple"], "2021-03-01", ["Anne Exemple", "Paul Durand"]) is PRESIDENT


def test_namesakes_prefer_the_one_in_office_on_the_date():
    later = knowledge.Actor("marc_modele_2", "Marc Modèle", "PER", ("Marc Modèle",),
                            (knowledge.Role("USA", "LEG", "2023-01-03", "2025-01-03"),))
    kb = _kb(DEPUTY, later)
    assert kb.person(["Marc Modèle"], "2024-01-01") is later
    assert kb.person(["Marc Modèle"], "2019-01-01") is DEPUTY


def test_office_holders_complete_a_person_known_by_full_name_and_keep_a_party_figure():
    known = knowledge.Actor("marc_modele", "Marc Modèle", "PER", ("Marc Modèle", "Modèle"),
                            (knowledge.Role("FRA", "GOV", "2012-05-16", "2014-03-31"),))
    leader = knowledge.Actor("lea_chef", "Léa Chef", "PER", ("Léa Chef",), (knowledge.Role("FRA", "PTY"),))
    rows = [["Marc Modèle", ["Marc André Modèle"], "m", [["FRA", "LEG", "2017-06-21", "2022-06-21", None, "député"]]],
            ["Léa Chef", [], "f", [["FRA", "LEG", "2017-06-21", "2022-06-21", None, "députée"]]],
            ["Modèle", [], None, [["USA", "LEG", "2019-01-03", None, None, "représentant"]]],
            ["Marc Modèle", [], "m", [["USA", "LEG", "2019-01-03", None, None, "représentant"]]]]
    out = knowledge._with_officials([known, leader], rows)
    marc, lea = out[0], out[1]
    assert [r.sector for r in marc.roles] == ["GOV", "LEG", "LEG"] and "Marc André Modèle" in marc.names
    assert marc.gender == "m"
    # a person the hand-kept files code as a party politician stays one; the source adds the gender
    assert lea.roles == leader.roles and lea.gender == "f"
    # a surname is no full name: the third row is someone else
    assert [a.kb_id for a in out[2:]] == ["modele"]


def test_shipped_office_holders_code_legislators_and_give_gender():
    kb = knowledge.load()
    graham = lookup("Lindsey Graham", "fr", "2019-05-10")
    assert (graham.country, graham.sector) == ("USA", "LEG")
    villani = kb.person(["Cédric Villani"], "2019-05-10")
    assert villani is not None and villani.gender == "m" and villani.role_at("2019-05-10").sector == "LEG"
    assert kb.person(["Villani"], "2019-05-10") is None
    # a hand-kept party leader keeps her sector and gets the gender of the source
    le_pen = kb.person(["Marine Le Pen"], "2019-05-10")
    assert le_pen.gender == "f" and le_pen.role_at("2019-05-10").sector == "PTY"
    assert kb.person(["Brigitte Macron", "Macron"], "2019-05-10") is None


@pytest.mark.model
def test_the_who_stage_codes_people_from_the_office_holders(work):
    from veille import who
    w = work("Brigitte Macron a visité une école jeudi. Macron a salué les enseignants. "
             "Le sénateur Lindsey Graham a critiqué la décision. "
             "Cédric Villani a déposé une proposition de loi.", "fr", "2019-05-10")
    who.annotate(w)
    by_name = {e.name: e for e in w.entities}
    assert by_name["Brigitte Macron"].kb_id != "emmanuel_macron"
    assert all(e.kb_id != "emmanuel_macron" for e in w.entities)
    graham = by_name["Lindsey Graham"]
    assert (graham.country, graham.sector, graham.kb_id) == ("USA", "LEG", "lindsey_graham")
    villani = by_name["Cédric Villani"]
    assert (villani.country, villani.sector) == ("FRA", "LEG")


@pytest.mark.model
def test_the_gender_of_the_source_serves_when_the_first_name_is_unknown(work):
    from veille import who
    from veille.who.names import gender_of
    assert gender_of("Brune") is None   # not in the first-name lists: the knowledge base tells
    w = work("Brune Poirson a présenté le plan jeudi à Paris.", "fr", "2018-03-01")
    who.annotate(w)
    poirson = next(g for g in w.scratch["who_groups"] if g.name == "Brune Poirson")
    assert poirson.gender == "f" and poirson.code.sector == "GOV"


def test_mauritania_is_mrt_and_mauritius_mus():
    kb = knowledge.load()
    assert kb.country_by_name["mauritanie"] == "MRT" and kb.country_by_name["mauritania"] == "MRT"
    assert kb.country_by_name["maurice"] == "MUS"
    # the dictionaries list Mauritania's leaders under the code of Mauritius
    aziz = lookup("Mohamed Ould Abdel Aziz", "fr", "2015-03-01")
    assert aziz is not None and (aziz.country, aziz.sector) == ("MRT", "GOV")
    assert lookup("le président mauritanien", "fr", "2021-05-01").name == "Mohamed Ould Ghazouani"
    assert not [a.name for a in kb.actors if any(r.country == "MUS" for r in a.roles) and " Ould " in a.name]
    # nor is a Muslim armed group of Mauritius
    assert not [a.name for a in kb.find("Al-Qaeda") if any(r.country == "MUS" for r in a.roles)]
