"""Scraped pages write "d’État", "aujourd’hui", "porte‑parole": every stage reads them as the
plain forms ("d'État"), so an article gives the same analysis whichever apostrophe it uses."""
from __future__ import annotations

import pytest

import veille
from veille.clean.normalize import fold, plain
from veille.who.actors import lookup
from veille.who.knowledge import norm

TYPOGRAPHIC = str.maketrans({"'": "’"})


def typographic(text: str) -> str:
    return text.translate(TYPOGRAPHIC)


def test_plain_keeps_the_length_and_folds_every_variant():
    s = "d’État ‘x’ porte\u2011parole – a\u00a0b"
    assert len(plain(s)) == len(s)
    assert plain(s) == "d'État 'x' porte-parole - a b"
    assert fold("L’Élysée") == "l'elysee"


@pytest.mark.parametrize("variant", ["le secrétaire d’État américain", "le secrétaire d‘État américain",
                                     "le secrétaire dʼÉtat américain"])
def test_knowledge_base_keys_ignore_the_apostrophe_variant(variant):
    assert norm(variant) == norm("le secrétaire d'État américain")
    a, b = lookup(variant, "fr", "2019-05-10"), lookup("le secrétaire d'État américain", "fr", "2019-05-10")
    assert (a.country, a.sector, a.kb_id) == (b.country, b.sector, b.kb_id) == ("USA", "GOV", "mike_pompeo")


def test_lexicon_words_ignore_the_dash_variant():
    from veille.quotes.lexicon import lexicon, norm as quote_norm
    assert quote_norm("porte\u2011parole") in lexicon("fr").person_nouns
    assert fold("Porte\u2013parole") == fold("porte-parole")


def _analyse(text: str):
    return veille.analyze(text, published="2019-05-10", language="fr")


SENTENCE = ("Le secrétaire d'État américain Mike Pompeo a accusé mardi l'Iran d'avoir attaqué deux pétroliers. "
            "« Nous ne laisserons pas faire », a-t-il déclaré aujourd'hui à Washington, selon le porte-parole "
            "du département d'État.")


@pytest.mark.model
def test_who_codes_the_same_actor():
    plain_a, typo_a = _analyse(SENTENCE), _analyse(typographic(SENTENCE))
    assert [(e.name, e.country, e.sector, e.kb_id) for e in plain_a.entities] == \
        [(typographic(e.name), e.country, e.sector, e.kb_id) for e in typo_a.entities]
    pompeo = next(e for e in typo_a.entities if e.kb_id == "mike_pompeo")
    assert (pompeo.country, pompeo.sector) == ("USA", "GOV")


@pytest.mark.model
def test_quotes_find_the_same_speakers_and_cues():
    plain_q, typo_q = _analyse(SENTENCE).quotes, _analyse(typographic(SENTENCE)).quotes
    assert plain_q and len(plain_q) == len(typo_q)
    assert [(q.kind, q.speaker.name if q.speaker else None) for q in plain_q] == \
        [(q.kind, q.speaker.name if q.speaker else None) for q in typo_q]


@pytest.mark.model
def test_when_gives_the_same_values():
    plain_t, typo_t = _analyse(SENTENCE).times, _analyse(typographic(SENTENCE)).times
    assert [t.value for t in plain_t] == [t.value for t in typo_t]
    assert "2019-05-10" in [t.value for t in typo_t]  # "aujourd’hui"


@pytest.mark.model
def test_what_codes_the_same_events():
    plain_e, typo_e = _analyse(SENTENCE).events, _analyse(typographic(SENTENCE)).events
    assert plain_e
    assert [(e.type, e.source.country, e.target.country if e.target else None) for e in plain_e] == \
        [(e.type, e.source.country, e.target.country if e.target else None) for e in typo_e]
