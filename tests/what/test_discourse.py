"""Events read from discourse: implicit targets, blame in quotations, speech acts, states and bans.

Invented people, places and facts throughout.
"""
from __future__ import annotations

import pytest

from veille import what, who
from veille.records import Quote, Span, Speaker

pytestmark = pytest.mark.model


def run(work, text, quotes=(), published="2021-03-10"):
    w = work(text, lang="fr", published=published)
    who.annotate(w)
    w.times = []
    w.quotes = list(quotes)
    what.annotate(w)
    return w


def find(w, etype):
    return [e for e in w.events if e.type == etype]


def quote(w_text, content, cue, speaker_name, speaker_entity=None, kind="direct"):
    i = w_text.index(content)
    j = w_text.index(cue)
    k = w_text.index(speaker_name)
    return Quote(kind=kind, content=Span.of(w_text, i, i + len(content)),
                 speaker=Speaker(name=speaker_name, entity=speaker_entity,
                                 mention=Span.of(w_text, k, k + len(speaker_name))),
                 cue=Span.of(w_text, j, j + len(cue)))


def speaker_id(work, text, name):
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    hit = w.entity_at(text.index(name), text.index(name) + len(name))
    return hit[0].id if hit else None


BLAME = ("Le ministre grec Nikos Pappas a présenté mardi sa réforme des retraites. "
         "\"Cette réforme est une honte et un mensonge\", a déclaré le député grec Yannis Koutras. "
         "Nikos Pappas a défendu son texte devant le Parlement. Nikos Pappas doit revenir devant les députés.")


def test_blame_in_a_quotation_with_a_neutral_cue_is_an_accusation(work):
    sid = speaker_id(work, BLAME, "Yannis Koutras")
    w = work(BLAME, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(BLAME, "Cette réforme est une honte et un mensonge", "a déclaré", "Yannis Koutras", sid)]
    what.annotate(w)
    (e,) = find(w, "ACCUSE")
    assert "Koutras" in e.source.name and e.source.country == "GRC"
    # The quotation names nobody: the target is the actor the article is about.
    assert e.target is not None and "Pappas" in e.target.name
    assert e.trigger.text == "déclaré"


def test_a_neutral_quotation_is_no_accusation(work):
    text = ("Le ministre grec Nikos Pappas a présenté sa réforme. "
            "\"Nous examinerons ce texte avec attention\", a déclaré le député grec Yannis Koutras.")
    sid = speaker_id(work, text, "Yannis Koutras")
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(text, "Nous examinerons ce texte avec attention", "a déclaré", "Yannis Koutras", sid)]
    what.annotate(w)
    assert not find(w, "ACCUSE")


def test_first_person_speech_act_in_a_quotation_is_the_speakers_event(work):
    text = ("\"Nous condamnons fermement ces provocations de la Turquie\", a déclaré le ministre chypriote "
            "Andreas Kyriakou.")
    sid = speaker_id(work, text, "Andreas Kyriakou")
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(text, "Nous condamnons fermement ces provocations de la Turquie", "a déclaré",
                      "Andreas Kyriakou", sid)]
    what.annotate(w)
    (e,) = [e for e in find(w, "ACCUSE") if e.trigger.text == "condamnons"]
    assert "Kyriakou" in e.source.name and e.source.country == "CYP"
    assert e.target is not None and e.target.country == "TUR"


def test_reported_words_in_the_third_person_stay_words(work):
    text = ("\"Ils condamnent tout et ne proposent rien\", a déclaré le ministre chypriote Andreas Kyriakou.")
    sid = speaker_id(work, text, "Andreas Kyriakou")
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(text, "Ils condamnent tout et ne proposent rien", "a déclaré", "Andreas Kyriakou", sid)]
    what.annotate(w)
    assert not [e for e in w.events if e.trigger.text == "condamnent"]


def test_directed_event_without_a_stated_target_takes_the_actor_under_discussion(work):
    text = ("Le président slovène Marko Zupan a présenté son budget lundi. Marko Zupan a défendu ses choix. "
            "Le député Janez Kos a refusé de voter.")
    w = run(work, text)
    (e,) = find(w, "REJECT")
    assert "Kos" in e.source.name
    assert e.target is not None and "Zupan" in e.target.name and e.target.country == "SVN"


def test_undirected_event_keeps_no_target(work):
    w = run(work, "Le gouvernement letton a rouvert lundi les écoles.")
    (e,) = find(w, "CONCEDE")
    assert e.source.country == "LVA"
    assert e.target is None


def test_the_agent_of_an_act_named_as_object_is_the_target(work):
    w = run(work, "Le député slovène Janez Kos a dénoncé les violences commises par la police croate.")
    (e,) = find(w, "ACCUSE")
    assert e.target is not None and "police" in e.target.name and e.target.country == "HRV"


def test_a_state_is_not_an_act(work):
    w = run(work, "A Riga, où les parcs étaient fermés depuis des semaines, les habitants se promènent. "
                  "Les frontières lettones restent fermées.")
    assert not find(w, "COERCE")


def test_what_a_ban_covers_did_not_happen(work):
    w = run(work, "Le gouvernement letton a interdit lundi les manifestations de plus de dix personnes.")
    assert find(w, "COERCE")
    assert not find(w, "PROTEST")


def test_a_world_region_is_no_actor(work):
    w = run(work, "En Amérique latine, un assouplissement prudent est prévu au Pérou dès mardi.")
    assert all(e.source.country != "USA" for e in w.events)


def test_le_pays_takes_up_the_last_country_named(work):
    text = ("Le gouvernement estonien a prolongé le confinement. "
            "En Lettonie, la situation s'améliore. Le pays espère rouvrir ses écoles le 1er juin.")
    w = run(work, text)
    (e,) = [e for e in find(w, "CONCEDE") if e.trigger.text == "rouvrir"]
    assert e.source.country == "LVA"


def test_an_enumeration_parsed_as_apposition_gives_one_event_per_country(work):
    w = run(work, "Le Chili, la Bolivie et le Paraguay ont entamé jeudi une levée progressive du confinement.")
    assert {e.source.country for e in find(w, "CONCEDE")} == {"CHL", "BOL", "PRY"}


def test_an_obligation_in_a_quotation_is_the_speakers_demand(work):
    text = "\"Les autorités lettones doivent clarifier leur position\", a déclaré le ministre estonien Urmas Kask."
    sid = speaker_id(work, text, "Urmas Kask")
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(text, "Les autorités lettones doivent clarifier leur position", "a déclaré", "Urmas Kask", sid)]
    what.annotate(w)
    (e,) = find(w, "REQUEST")
    assert "Kask" in e.source.name and e.source.country == "EST"
    assert e.target is not None and e.target.country == "LVA"
    assert e.trigger.text == "doivent"


def test_an_impersonal_or_likely_obligation_is_no_demand(work):
    text = "\"Il faut rester prudent, la situation devrait s'améliorer\", a déclaré le ministre estonien Urmas Kask."
    sid = speaker_id(work, text, "Urmas Kask")
    w = work(text, lang="fr", published="2021-03-10")
    who.annotate(w)
    w.quotes = [quote(text, "Il faut rester prudent, la situation devrait s'améliorer", "a déclaré", "Urmas Kask", sid)]
    what.annotate(w)
    assert not find(w, "REQUEST")
