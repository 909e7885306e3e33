"""Events from parsed sentences: types, participants, factuality (invented people and facts)."""
from __future__ import annotations

import pytest

from veille import what, who
from veille.records import TimeExpr
from veille.records import EVENT_TYPES, FACTUALITY

pytestmark = pytest.mark.model


def run(work, text, lang="fr", published="2021-03-10", times=()):
    # Times are given by hand: these tests are about events, not about reading dates.
    w = work(text, lang=lang, published=published)
    who.annotate(w)
    w.times = list(times)
    what.annotate(w)
    return w


def find(w, etype):
    return [e for e in w.events if e.type == etype]


def test_accusation_with_source_and_target(work):
    w = run(work, "Le ministre italien Paolo Verdi a accusé le gouvernement grec de mentir.")
    (e,) = find(w, "ACCUSE")
    assert "Verdi" in e.source.name
    assert e.source.country == "ITA"
    assert e.target is not None and e.target.country == "GRC"
    assert e.factuality == "actual"
    assert e.trigger.text == "accusé"
    assert w.text[e.evidence.start:e.evidence.end] == e.evidence.text


def test_passive_agent_is_the_source(work):
    w = run(work, "Un militant a été arrêté mardi par la police japonaise à Osaka.")
    (e,) = find(w, "COERCE")
    assert e.mode == "arrest"
    assert e.source.country == "JPN"
    assert e.source.sector == "COP"


def test_negated_and_planned(work):
    w = run(work, "Le président péruvien Luis Ramos n'a pas rencontré les manifestants.")
    (e,) = find(w, "CONSULT")
    assert e.factuality == "negated"
    w = run(work, "La ministre chilienne Ana Soto doit se rendre au Pérou la semaine prochaine.")
    (e,) = find(w, "CONSULT")
    assert e.mode == "visit"
    assert e.factuality == "planned"
    assert e.source.country == "CHL"


def test_conditional_is_possible(work):
    w = run(work, "Le gouvernement grec pourrait fermer les écoles.")
    (e,) = find(w, "COERCE")
    assert e.factuality == "possible"


def test_coordinated_sources_give_one_event_each(work):
    w = run(work, "L'Ukraine et la Géorgie ont entamé lundi une levée du confinement.")
    sources = {e.source.country for e in find(w, "CONCEDE")}
    assert sources == {"UKR", "GEO"}


def test_implicit_source_is_the_place(work):
    w = run(work, "En Irlande, les pubs ont rouvert lundi.")
    (e,) = find(w, "CONCEDE")
    assert e.mode == "ease restrictions"
    assert e.source.country == "IRL"


def test_one_event_per_happening(work):
    w = run(work, "Le maire Jean Morel a dénoncé la décision du préfet. Jean Morel a encore dénoncé la décision du préfet.")
    assert len(find(w, "ACCUSE")) == 1


def test_quoted_words_are_not_events(work):
    w = run(work, "« Nous allons attaquer la ville », a déclaré Paul Petit.")
    assert not find(w, "ASSAULT")


def test_no_event_without_trigger(work):
    w = run(work, "Il fait beau ce matin sur la côte.")
    assert w.events == []


def test_english_event(work):
    w = run(work, "Kenyan police arrested three activists in Nairobi on Tuesday.", lang="en")
    (e,) = find(w, "COERCE")
    assert e.source.country == "KEN"
    assert e.location == "Nairobi"
    # a meeting refused is a rejection in English (negated_as), as PLOVER codes it
    w = run(work, "The Hungarian government did not meet the Romanian delegation.", lang="en")
    assert not find(w, "CONSULT")
    (e,) = find(w, "REJECT")
    assert e.factuality == "actual"


def test_refusing_to_agree_is_a_rejection(work):
    w = run(work, "The Hungarian government will not sign the treaty.", lang="en")
    assert not find(w, "AGREE")
    (e,) = find(w, "REJECT")
    assert e.factuality == "actual"
    assert e.source.country == "HUN"


def test_contract_values(work):
    w = run(work, "Le Premier ministre grec a menacé la Turquie de sanctions. La Turquie a rejeté ces menaces.")
    assert w.events
    for e in w.events:
        d = e.to_dict()
        assert d["type"] in EVENT_TYPES and d["factuality"] in FACTUALITY
        assert d["source"]["name"]


def test_date_of_the_clause_cut_to_the_day(work):
    text = "Lundi, le ministre grec Nikos Pappas a rencontré le président chypriote à Nicosie."
    i = text.index("Lundi")
    w = run(work, text, times=[TimeExpr(i, i + 5, "Lundi", "TIME", "2021-03-08TMO")])
    (e,) = find(w, "CONSULT")
    assert e.date == "2021-03-08"
    w = run(work, text, times=[TimeExpr(i, i + 5, "Lundi", "DATE", "PRESENT_REF")])
    (e,) = find(w, "CONSULT")
    # A vague reference gives no day: a reported happening takes the dispatch's day.
    assert e.date == "2021-03-10"


def test_reference_day_carries_over_and_no_actual_event_after_publication(work):
    text = ("Lundi, le ministre grec Nikos Pappas a rencontré le président chypriote à Nicosie. "
            "Le ministre chypriote Andreas Kyriakou a ensuite accusé la Turquie de provocations. "
            "Le ministre grec Nikos Pappas a appelé les électeurs à voter le 4 avril.")
    i = text.index("Lundi")
    j = text.index("le 4 avril")
    w = run(work, text, times=[TimeExpr(i, i + 5, "Lundi", "DATE", "2021-03-08"),
                               TimeExpr(j, j + 10, "le 4 avril", "DATE", "2021-04-04")])
    (accuse,) = find(w, "ACCUSE")
    assert accuse.date == "2021-03-08"
    (request,) = find(w, "REQUEST")
    assert request.date != "2021-04-04"


def test_history_is_background(work):
    text = "En 1999, la police cambodgienne a arrêté un ancien chef de prison."
    i = text.index("1999")
    w = run(work, text, published="2021-03-10", times=[TimeExpr(i, i + 4, "1999", "DATE", "1999")])
    assert not find(w, "COERCE")
    w = run(work, text, published="2000-03-10", times=[TimeExpr(i, i + 4, "1999", "DATE", "1999")])
    assert find(w, "COERCE")


def test_reported_obligation_is_a_demand(work):
    w = run(work, "The Kenyan foreign minister said Uganda must withdraw its troops.", lang="en")
    (e,) = find(w, "REQUEST")
    assert e.source.country == "KEN"
    assert e.target is not None and e.target.country == "UGA"
    assert e.trigger.text == "must"


def test_future_and_conditional_forms(work):
    w = run(work, "Les agents grecs manifesteraient jeudi devant le ministère.")
    (e,) = find(w, "PROTEST")
    assert e.factuality == "possible"
    w = run(work, "Le ministre grec Nikos Pappas se rendra mardi à Chypre.")
    (e,) = find(w, "CONSULT")
    assert e.factuality == "planned"


def test_a_date_is_not_a_target(work):
    w = run(work, "NATO leaders met Wednesday in Vilnius.", lang="en")
    (e,) = find(w, "CONSULT")
    assert e.target is None or "Wednesday" not in e.target.name


def test_a_place_is_not_a_target(work):
    w = run(work, "Donald Trump met Kim Jong Un in Singapore.", lang="en")
    for e in find(w, "CONSULT"):
        assert e.target is None or e.target.name != "Singapore"
