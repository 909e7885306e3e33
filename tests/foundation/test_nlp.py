"""nlp: model loading and the tokenizer rule for sentences glued by a lost paragraph break."""
from __future__ import annotations

import pytest

from veille import nlp
from veille.options import Options


@pytest.mark.model
def test_sentences_glued_by_a_lost_break_are_split_without_changing_the_text():
    text = "Le ministre l'a dit à l'AFP.Il reviendra jeudi sur RTL.A l'inverse, le maire se tait."
    doc = nlp.load("fr", Options().models["fr"])(text)
    assert doc.text == text
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Le ministre l'a dit à l'AFP."
    assert any(s.startswith("Il reviendra") for s in sents)
    assert any(s.startswith("A l'inverse") for s in sents)


@pytest.mark.model
def test_initials_abbreviations_and_numbers_stay_whole():
    doc = nlp.load("fr", Options().models["fr"])("J.F. Kennedy et M.Dupont aux U.S.A. ont payé 12.000 euros.")
    words = [t.text for t in doc]
    assert "J.F." in words and "M.Dupont" in words and "U.S.A." in words and "12.000" in words


@pytest.mark.model
def test_a_quotation_glued_to_the_sentence_before_starts_a_new_token():
    text = "Il l'a dit à l'AFP.\"Si nous partons, tout s'effondre\", a-t-il ajouté."
    doc = nlp.load("fr", Options().models["fr"])(text)
    words = [t.text for t in doc]
    assert doc.text == text
    assert words[words.index("AFP"):words.index("AFP") + 4] == ["AFP", ".", '"', "Si"]


@pytest.mark.model
def test_a_dash_heading_or_a_closing_parenthesis_glued_to_the_next_sentence_ends_a_sentence():
    for text, first in (("Il l'a dit à Sana.- Série d'attentats à Damas.", "Série"),
                        ("Selon le JDD (Paris).M. Dupont a ensuite démenti.", "M.")):
        doc = nlp.load("fr", Options().models["fr"])(text)
        assert doc.text == text
        assert any(s[0].text == first or (len(s) > 1 and s[0].text == "-" and s[1].text == first) for s in doc.sents)


@pytest.mark.model
@pytest.mark.parametrize("text, name", [("Il a salué Nicolas Sarkozy.• Lire aussi la suite.", "Nicolas Sarkozy"),
                                        ("Selon Emmanuel Macron.19H37 - Les manifestants partent.", "Emmanuel Macron")])
def test_a_bullet_or_a_time_glued_to_a_name_is_cut_off_before_it_becomes_an_entity(text, name):
    import veille
    a = veille.analyze(text, published="2019-05-10", language="fr")
    names = [m.text for e in a.entities for m in e.mentions]
    assert name in names and not any(n.startswith(name) and n != name for n in names)


@pytest.mark.model
def test_the_faster_set_up_parses_as_spacy_does():
    """Lemma lists held as sets and the matrix products through numpy's BLAS: same parse."""
    import spacy

    model = nlp.load("fr", Options().models["fr"])
    lemmatizer = model.get_pipe("lemmatizer")
    assert all(isinstance(v, frozenset) for v in lemmatizer.lookups.get_table("lemma_index").values())
    assert model.get_pipe("ner").model.ops.use_blis is False
    plain = spacy.load(Options().models["fr"])
    texts = ["Les ministres européens se sont réunis mardi à Bruxelles, a indiqué la Commission.",
             "« Nous reviendrons », ont promis les grévistes de la raffinerie de Donges jeudi soir."]
    for mine, theirs in zip(nlp.parse(model, texts), plain.pipe(texts)):
        assert [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in mine] \
            == [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in theirs]
