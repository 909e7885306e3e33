"""Clause tense from text cues (no parse) and from a parse."""
import pytest

from veille.when.lexicon import for_language
from veille.when.tense import FUTURE, PAST, PRESENT, clause_tense


def tense_of(text, word, lang="fr", doc=None):
    k = text.index(word)
    return clause_tense(for_language(lang), text, k, k + len(word), doc)


@pytest.mark.parametrize("text, word, expected", [
    ("Le ministre a annoncé jeudi sa démission.", "jeudi", PAST),
    ("Le ministre annoncera jeudi sa démission.", "jeudi", FUTURE),
    ("Le ministre se rendra jeudi à Moscou.", "jeudi", FUTURE),
    ("La ville est fermée depuis lundi.", "lundi", PAST),
    ("Le texte, il le présentait mardi aux députés.", "mardi", PAST),
    ("Rien à signaler mardi.", "mardi", None),
])
def test_french_text_cues(text, word, expected):
    assert tense_of(text, word) == expected


def test_the_nearest_cue_wins_and_clauses_stop_at_conjunctions():
    assert tense_of("Ministers met on Tuesday and will meet again.", "Tuesday", "en") == PAST
    assert tense_of("Il a dit qu'il partira lundi.", "lundi") == FUTURE
    assert tense_of("Il partira lundi, a-t-il dit.", "lundi") == FUTURE


@pytest.mark.model
def test_parse_reads_auxiliaries(work):
    w = work("Le président a reçu lundi son homologue et recevra vendredi le roi.", "fr", "2019-05-10")
    assert tense_of(w.text, "lundi", doc=w.doc) == PAST
    assert tense_of(w.text, "vendredi", doc=w.doc) == FUTURE
    w = work("The president is meeting the king on Friday.", "en", "2019-05-10")
    assert tense_of(w.text, "Friday", "en", doc=w.doc) == PRESENT


@pytest.mark.model
def test_a_conditional_read_as_an_imperfect_points_forward(parsed_times):
    # "commencerait" is the infinitive with an imperfect ending: a conditional, whatever the tagger says
    assert parsed_times("La maire a indiqué que la rénovation de l'école commencerait en septembre.",
                        published="2021-03-12") == [("septembre", "2021-09")]
    assert parsed_times("Il a dit qu'il prendrait sa décision en septembre.", published="2021-03-12") == [
        ("septembre", "2021-09")]
    # an imperfect stays in the past: "commençait", "préférait" are no conditional
    assert parsed_times("Le chantier commençait en septembre, a rappelé la maire.", published="2021-03-12") == [
        ("septembre", "2020-09")]
