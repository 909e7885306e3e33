"""A person neither the text nor the knowledge base gives a country: the article's main country
in French (`person_country = "main"`), null in English (`"none"`), per `resources/<lang>/who.toml`."""
from __future__ import annotations

import pytest

from veille import who
from veille.errors import ConfigError
from veille.who.actors import Lexicon
from veille.who.knowledge import KnowledgeBase


def coded(work, text: str, lang: str, published: str = "2023-07-12") -> dict[str, tuple]:
    w = work(text, lang, published)
    who.annotate(w)
    return {e.name: (e.country, e.sector) for e in w.entities}


@pytest.mark.model
def test_an_english_analyst_with_no_evidence_keeps_a_null_country(work):
    got = coded(work, "Foreign ministers gathered in Riga on Thursday to discuss the war in Georgia. "
                      "\"Nobody expects a deal this week,\" said Helen Marsh, an analyst at the Eastfield "
                      "Foundation.", "en")
    assert got["Helen Marsh"] == (None, "CVL")


@pytest.mark.model
def test_an_english_person_the_text_gives_a_country_keeps_it(work):
    got = coded(work, "Foreign ministers gathered in Riga on Thursday. "
                      "The Latvian prime minister Arturs Ozols welcomed them.", "en")
    assert got["Arturs Ozols"][0] == "LVA"


@pytest.mark.model
def test_a_french_person_with_no_evidence_takes_the_main_country(work):
    # the annotators' practice on the French event sets (docs/who.md)
    got = coded(work, "Les ministres des Affaires étrangères se sont réunis jeudi à Riga, en Lettonie. "
                      "« Personne n'attend d'accord cette semaine », estime Hélène Marais.", "fr")
    assert got["Hélène Marais"] == ("LVA", "CVL")


def test_a_bad_person_country_setting_is_refused(monkeypatch):
    from veille import resources
    real = resources.load

    def load(lang, name):
        words = dict(real(lang, name))
        if name == "who":
            words["person_country"] = "nearest"
        return words

    monkeypatch.setattr(resources, "load", load)
    with pytest.raises(ConfigError, match="person_country"):
        Lexicon("en", KnowledgeBase())


@pytest.mark.model
@pytest.mark.parametrize("sentence,name,iso", [
    ("Slovak President Marek Hudec opened the talks.", "Marek Hudec", "SVK"),
    ("The Ghanaian junior trade minister Kwame Boateng opened the talks.", "Kwame Boateng", "GHA"),
    ("Estonia's defence minister Toomas Kask opened the talks.", "Toomas Kask", "EST"),
])
def test_an_english_country_word_before_the_title_codes_its_holder(work, sentence, name, iso):
    # an adjective or a possessive before the title, outside the nominal's span
    got = coded(work, "Delegations arrived in Brussels on Monday. " + sentence, "en")
    assert got[name][0] == iso


@pytest.mark.model
def test_an_english_institute_with_no_evidence_keeps_a_null_country(work):
    got = coded(work, "Foreign ministers gathered in Riga on Thursday. \"Nobody expects a deal,\" said "
                      "Helen Marsh of the Eastfield Foundation.", "en")
    assert got["Eastfield Foundation"][0] is None
    assert got["Riga"] == ("LVA", None)   # a venue: a place, no sector


@pytest.mark.model
def test_an_english_national_body_still_takes_the_main_country(work):
    got = coded(work, "Foreign ministers gathered in Riga, Latvia, on Thursday. The parliament approved the plan.", "en")
    assert got["parliament"] == ("LVA", "LEG")


@pytest.mark.model
def test_a_french_organisation_with_no_evidence_takes_the_main_country(work):
    got = coded(work, "Les ministres se sont réunis jeudi à Riga, en Lettonie. « Personne n'attend d'accord », "
                      "estime Hélène Marais, de la Fondation Eastfield.", "fr")
    assert got["Fondation Eastfield"][0] == "LVA"


@pytest.mark.model
def test_an_english_nominal_keeps_its_determiner_past_a_country_adjective(work):
    got = coded(work, "Delegations arrived in Brussels on Monday. The Latvian parliament approved the plan, "
                      "and the Estonian foreign minister welcomed it.", "en")
    assert got["parliament"] == ("LVA", "LEG")
    assert got["foreign minister"] == ("EST", "GOV")
