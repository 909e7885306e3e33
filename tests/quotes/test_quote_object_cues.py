"""Cue verbs whose object is the reported content ("a critiqué la décision"), and forms of those
verbs the parser reads as nouns ("de vives critiques"). Invented sentences and people."""
import pytest

from veille.quotes import extract

from quotes_helpers import named

pytestmark = pytest.mark.model


@pytest.mark.parametrize("cue", ["a vertement critiqué", "conteste"])
def test_criticising_or_disputing_reports_its_object(work, cue):
    w = named(work(f"La maire Lucie Brassac {cue} la décision du préfet de fermer la piscine municipale."),
                   ("Lucie Brassac", "PER"))
    quotes = extract(w)
    assert [q.kind for q in quotes] == ["indirect"]
    assert quotes[0].content.text.startswith("la décision du préfet")
    assert quotes[0].speaker is not None and quotes[0].speaker.entity == "e1"


def test_a_form_read_as_a_noun_is_no_cue(work):
    w = named(work("La vidéo de Paul Ternier a suscité de vives critiques de la part des internautes."),
              ("Paul Ternier", "PER"))
    assert extract(w) == []


def test_spelling_of_the_stem_does_not_hide_an_object_verb():
    from veille.quotes.lexicon import lexicon
    lex = lexicon("fr")
    assert all(lex.is_object_verb(f) for f in ("dénonçaient", "dénonçant", "annonçait", "exigeant"))
    assert lex.is_cognition_verb("envisageait")


def test_a_participle_in_ç_reports_its_object(work):
    w = named(work("Les militants de l'association Terre Vive dénonçaient la politique de la ville "
                   "en matière de pistes cyclables."), ("Terre Vive", "ORG"))
    quotes = extract(w)
    assert [q.content.text for q in quotes] == ["la politique de la ville en matière de pistes cyclables"]


def test_a_participle_describing_the_subject_reports_nothing(work):
    w = work("Des milliers de manifestants dénonçant le pouvoir du président sont descendus dans les rues "
             "de la capitale dimanche.")
    assert not any(q.cue is not None and "dénonçant" in q.cue.text for q in extract(w))
