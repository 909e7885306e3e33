"""The source's words of a cue whose subject the parser missed: a past participle inside the
subject, a quoted word inside it, a bracketed acronym after it. Invented sentences and people."""
import pytest

from veille.quotes.cues import UnitParser
from veille.quotes.lexicon import lexicon

pytestmark = pytest.mark.model


def _parser(w):
    doc = w.doc
    return UnitParser(w.text, list(doc), lexicon("fr"), lambda at: False, []), doc


def _source_words(w, cue_word):
    """The source's words of the attribution whose cue holds ``cue_word``."""
    p, _ = _parser(w)
    a = next(a for a in p.attributions() if cue_word in w.text[a.cue[0]:a.cue[1]])
    assert a.speaker is not None
    return w.text[a.speaker[0]:a.speaker[1]]


def test_a_past_participle_inside_the_subject(work):
    w = work("Le calme est revenu depuis et le père tchétchène de l'adolescent agressé a demandé que cessent les exactions.")
    assert _source_words(w, "demandé") == "le père tchétchène de l'adolescent agressé"


def test_a_quoted_word_inside_the_subject(work):
    w = work('Dans les pays occidentaux, les "anti-vax" prétendent qu\'il existe un lien entre le vaccin et l\'autisme.')
    p, doc = _parser(w)
    s, e = p._np_before(next(t.i for t in doc if t.text == "prétendent"), 0)
    assert w.text[s:e] == 'les "anti-vax"'


def test_a_quoted_word_inside_the_source_of_selon(work):
    w = work('Chaque contributeur a déposé quatre contributions en moyenne, selon les "garants" de la consultation.')
    assert _source_words(w, "selon").startswith('les "garants"')


def test_a_bracketed_acronym_after_the_subject(work):
    w = work("L'Assistance publique-Hôpitaux de Paris (AP-HP) affirme qu'aucun blessé n'a été conduit dans ses services.")
    p, doc = _parser(w)
    gs = next(t.i for t in doc if t.text == "affirme")
    s, e = p._np_before(gs, 0)
    assert w.text[s:e] == "L'Assistance publique-Hôpitaux de Paris (AP-HP)"


def test_a_bracket_opening_no_phrase_ends_it(work):
    w = work("Il est parti (hier) et le directeur affirme qu'il reviendra.")
    p, doc = _parser(w)
    gs = next(t.i for t in doc if t.text == "affirme")
    s, e = p._np_before(gs, 0)
    assert w.text[s:e] == "le directeur"


def test_a_participle_with_its_own_complement_ends_the_phrase(work):
    w = work("Ce guide soumis à des médecins le 28 mars prévoit des masques.")
    p, doc = _parser(w)
    gs = next(t.i for t in doc if t.text == "prévoit")
    span = p._np_before(gs, 0)
    assert span is None or not w.text[span[0]:span[1]].startswith("Ce guide")
