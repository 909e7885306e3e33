"""The article-level "political news" model (``what.political``) and its use in the event
confidence (``scorer.in_political_news``)."""
from __future__ import annotations

import pytest

from veille.what import political
from veille.what.scorer import POLITICAL


def test_words_are_lower_case_letters_of_two_or_more():
    assert political.words("Le Sénat a voté 2 lois, l'UE s'oppose.") == {"le", "sénat", "voté", "lois", "ue", "oppose"}


def test_probability_sums_the_weights_of_the_words_present_once():
    model = {"bias": -1.0, "weights": {"ministre": 2.0, "voiture": -3.0}}
    assert political.probability(model, "Le ministre, le ministre") == pytest.approx(1 / (1 + 2.718281828 ** -1.0))
    assert political.probability(model, "une voiture") < 0.05


def test_factor_keeps_confidence_from_the_threshold_up_and_scales_it_under():
    model = {"threshold": 0.4}
    assert political.factor(model, 0.9) == 1.0
    assert political.factor(model, 0.4) == 1.0
    assert political.factor(model, 0.1) == pytest.approx(0.25)
    assert political.factor({"threshold": 0.0}, 0.01) == 1.0


def test_shipped_model_tells_a_car_launch_from_a_government_decision():
    model = political.load()
    assert model is not None and 0.0 < model["threshold"] < 1.0
    car = ("La marque dévoile sa nouvelle citadine électrique, avec une autonomie de 400 km et un coffre "
           "plus grand. Le modèle sera commercialisé au printemps chez les concessionnaires, moteur hybride.")
    gov = ("Le gouvernement a annoncé mardi de nouvelles sanctions contre la Russie. Le ministre des Affaires "
           "étrangères a convoqué l'ambassadeur, et l'opposition a critiqué le président au Parlement.")
    assert political.probability(model, car) < model["threshold"] < political.probability(model, gov)


@pytest.mark.model
def test_events_of_a_non_political_article_lose_confidence(analysed):
    model = political.load()
    text = ("La marque automobile a présenté sa nouvelle citadine électrique, avec une autonomie de 400 km. "
            "Le constructeur a rendu hommage à son fondateur. Le modèle sera vendu au printemps chez les "
            "concessionnaires, avec un moteur hybride et un coffre plus grand.")
    w = analysed(text)
    p = political.probability(model, w.text)
    assert w.events and w.scratch[POLITICAL] == p
    assert p < model["threshold"]
    assert all(e.confidence is None or e.confidence <= p / model["threshold"] + 1e-6 for e in w.events)
